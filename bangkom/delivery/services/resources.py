"""Writes of partners, agreements, partner staff links, trainers, venues, holidays and unit away
limits. Each checks its input (every problem at once, in Indonesian), then writes atomically with
its audit row; nothing is saved when a check fails."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from bangkom.accounts.models import Role, RoleAssignment
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery.models import (
    VENUE_CAPACITY_MAX,
    Agreement,
    AgreementKind,
    Holiday,
    HolidayKind,
    Partner,
    PartnerStaff,
    PartnerType,
    Trainer,
    TrainerKind,
    UnitAwayLimit,
    Venue,
    VenueKind,
)
from bangkom.organisation.models import Instansi, Unit

M = TypeVar("M", bound=models.Model)

PARTNER_FIELDS = ("name", "type", "contact", "is_active")
AGREEMENT_FIELDS = ("kind", "number", "scope", "valid_from", "valid_until")
TRAINER_FIELDS = ("name", "kind", "partner", "employee", "unavailable_dates", "is_active")
VENUE_FIELDS = (
    "name",
    "kind",
    "partner",
    "address",
    "capacity",
    "facilities",
    "unavailable_dates",
    "is_active",
)
HOLIDAY_FIELDS = ("date", "name", "kind")


class _Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ServiceError(self.by_field)


def _text(data: dict[str, Any], name: str, errors: _Errors, *, label: str, max_length: int) -> str:
    value = str(data.get(name) or "").strip()
    if not value:
        errors.add(name, _("%s wajib diisi.") % label)
    elif len(value) > max_length:
        errors.add(
            name, _("%(label)s paling panjang %(n)d karakter.") % {"label": label, "n": max_length}
        )
    return value


def _choice(
    data: dict[str, Any], name: str, choices: type[models.TextChoices], errors: _Errors
) -> str:
    value = str(data.get(name) or "")
    if value not in choices.values:
        errors.add(name, _("Pilihan %(value)r tidak dikenal.") % {"value": value})
    return value


def _date(value: Any, name: str, errors: _Errors, *, label: str) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors.add(name, _("%s harus berupa tanggal.") % label)
        return None


def parse_dates(value: Any, name: str, errors: _Errors) -> list[str]:
    """Dates given as a list or as text (one per line or comma-separated) → sorted ISO strings."""
    if value in (None, ""):
        return []
    items: Iterable[Any] = (
        value.replace(",", "\n").split() if isinstance(value, str) else list(value)
    )
    dates: set[dt.date] = set()
    for item in items:
        if isinstance(item, dt.date):
            dates.add(item)
            continue
        try:
            dates.add(dt.date.fromisoformat(str(item).strip()))
        except ValueError:
            errors.add(name, _("%(value)r bukan tanggal (TTTT-BB-HH).") % {"value": str(item)})
    return sorted(d.isoformat() for d in dates)


def _partner_of(value: Any, instansi: Instansi, errors: _Errors) -> Partner | None:
    if value in (None, ""):
        return None
    partner = value if isinstance(value, Partner) else Partner.objects.filter(pk=value).first()
    if partner is None or partner.instansi_id != instansi.pk:
        errors.add("partner", _("Mitra bukan milik instansi ini."))
        return None
    return partner


def _write(
    *,
    instance: M,
    fields: tuple[str, ...],
    values: dict[str, Any],
    action: str,
    instansi: Instansi,
    acting_user: Any,
    duplicate: tuple[str, str],
) -> M:
    """Save ``values`` on ``instance`` (new or existing) with its audit row, atomically."""
    creating = instance.pk is None
    before = None if creating else snapshot(instance, fields)
    for name, value in values.items():
        setattr(instance, name, value)
    try:
        with transaction.atomic():
            instance.save()
            audit_event(
                actor=acting_user,
                action=f"{action}.{'create' if creating else 'update'}",
                target=instance,
                instansi=instansi,
                before=before,
                after=snapshot(instance, fields),
            )
    except IntegrityError:
        if creating:
            instance.pk = None
        raise ServiceError({duplicate[0]: [duplicate[1]]}) from None
    return instance


def _delete(*, instance: models.Model, action: str, instansi: Instansi, acting_user: Any) -> None:
    with transaction.atomic():
        audit_event(
            actor=acting_user,
            action=f"{action}.delete",
            target=instance,
            instansi=instansi,
            before=snapshot(instance),
        )
        try:
            with transaction.atomic():
                instance.delete()
        except models.ProtectedError:
            raise ServiceError(_("Data ini masih dipakai sehingga tidak dapat dihapus.")) from None


# --- partners and agreements -----------------------------------------------------------


def partner_save(
    *, instansi: Instansi, data: dict[str, Any], partner: Partner | None = None, acting_user: Any
) -> Partner:
    errors = _Errors()
    values = {
        "name": _text(data, "name", errors, label=_("Nama mitra"), max_length=200),
        "type": _choice(data, "type", PartnerType, errors),
        "contact": str(data.get("contact") or "").strip()[:200],
        "is_active": bool(data.get("is_active", True)),
    }
    errors.raise_if_any()
    if partner is not None and partner.instansi_id != instansi.pk:
        raise ServiceError(_("Mitra bukan milik instansi ini."))
    return _write(
        instance=partner or Partner(instansi=instansi),
        fields=PARTNER_FIELDS,
        values=values,
        action="delivery.partner",
        instansi=instansi,
        acting_user=acting_user,
        duplicate=("name", _("Mitra dengan nama ini sudah ada.")),
    )


def partner_delete(*, partner: Partner, acting_user: Any) -> None:
    if partner.batches.exists():
        raise ServiceError(_("Mitra ini sudah menyelenggarakan angkatan; nonaktifkan saja."))
    _delete(
        instance=partner,
        action="delivery.partner",
        instansi=partner.instansi,
        acting_user=acting_user,
    )


def agreement_save(
    *,
    partner: Partner,
    data: dict[str, Any],
    agreement: Agreement | None = None,
    acting_user: Any,
) -> Agreement:
    errors = _Errors()
    values: dict[str, Any] = {
        "kind": _choice(
            {"kind": data.get("kind") or AgreementKind.PKS}, "kind", AgreementKind, errors
        ),
        "number": _text(data, "number", errors, label=_("Nomor perjanjian"), max_length=120),
        "scope": str(data.get("scope") or "").strip(),
        "valid_from": _date(data.get("valid_from"), "valid_from", errors, label=_("Berlaku mulai")),
        "valid_until": _date(
            data.get("valid_until"), "valid_until", errors, label=_("Berlaku sampai")
        ),
    }
    if (
        values["valid_from"]
        and values["valid_until"]
        and values["valid_until"] < values["valid_from"]
    ):
        errors.add("valid_until", _("Tanggal akhir tidak boleh sebelum tanggal mulai."))
    errors.raise_if_any()
    if agreement is not None and agreement.partner_id != partner.pk:
        raise ServiceError(_("Perjanjian bukan milik mitra ini."))
    return _write(
        instance=agreement or Agreement(partner=partner),
        fields=AGREEMENT_FIELDS,
        values=values,
        action="delivery.agreement",
        instansi=partner.instansi,
        acting_user=acting_user,
        duplicate=("number", _("Perjanjian dengan nomor ini sudah ada untuk mitra ini.")),
    )


def agreement_delete(*, agreement: Agreement, acting_user: Any) -> None:
    _delete(
        instance=agreement,
        action="delivery.agreement",
        instansi=agreement.partner.instansi,
        acting_user=acting_user,
    )


def partner_staff_link(*, partner: Partner, user: Any, acting_user: Any) -> PartnerStaff:
    """Let ``user`` (who must hold the ``mitra`` role in the partner's instansi) act for it."""
    if not RoleAssignment.objects.filter(
        user=user, role=Role.MITRA, instansi_id=partner.instansi_id
    ).exists():
        raise ServiceError(_("Pengguna ini tidak memiliki peran staf mitra di instansi ini."))
    with transaction.atomic():
        link, created = PartnerStaff.objects.get_or_create(user=user, partner=partner)
        if created:
            audit_event(
                actor=acting_user,
                action="delivery.partner_staff.create",
                target=link,
                instansi=partner.instansi,
                after=snapshot(link),
            )
    return link


# --- trainers and venues ---------------------------------------------------------------


def trainer_save(
    *, instansi: Instansi, data: dict[str, Any], trainer: Trainer | None = None, acting_user: Any
) -> Trainer:
    errors = _Errors()
    values: dict[str, Any] = {
        "name": _text(data, "name", errors, label=_("Nama pengajar"), max_length=150),
        "kind": _choice(data, "kind", TrainerKind, errors),
        "partner": _partner_of(data.get("partner"), instansi, errors),
        "unavailable_dates": parse_dates(
            data.get("unavailable_dates"), "unavailable_dates", errors
        ),
        "is_active": bool(data.get("is_active", True)),
    }
    employee = data.get("employee")
    if employee is not None and employee.instansi_id != instansi.pk:
        errors.add("employee", _("Pegawai bukan dari instansi ini."))
    values["employee"] = employee
    if values["kind"] == TrainerKind.EXTERNAL_PRACTITIONER and employee is not None:
        errors.add("employee", _("Praktisi eksternal tidak dikaitkan dengan pegawai."))
    competencies = list(data.get("competencies") or [])
    for competency in competencies:
        if competency.instansi_id not in (None, instansi.pk):
            errors.add("competencies", _("Kompetensi %s bukan milik instansi ini.") % competency)
    errors.raise_if_any()
    if trainer is not None and trainer.instansi_id != instansi.pk:
        raise ServiceError(_("Pengajar bukan milik instansi ini."))
    with transaction.atomic():
        saved = _write(
            instance=trainer or Trainer(instansi=instansi),
            fields=TRAINER_FIELDS,
            values=values,
            action="delivery.trainer",
            instansi=instansi,
            acting_user=acting_user,
            duplicate=("name", _("Pengajar ini sudah ada.")),
        )
        saved.competencies.set(competencies)
    return saved


def trainer_delete(*, trainer: Trainer, acting_user: Any) -> None:
    if trainer.batches.exists():
        raise ServiceError(_("Pengajar ini sudah ditugaskan di angkatan; nonaktifkan saja."))
    _delete(
        instance=trainer,
        action="delivery.trainer",
        instansi=trainer.instansi,
        acting_user=acting_user,
    )


def venue_save(
    *, instansi: Instansi, data: dict[str, Any], venue: Venue | None = None, acting_user: Any
) -> Venue:
    errors = _Errors()
    values: dict[str, Any] = {
        "name": _text(data, "name", errors, label=_("Nama tempat"), max_length=200),
        "kind": _choice(data, "kind", VenueKind, errors),
        "partner": _partner_of(data.get("partner"), instansi, errors),
        "address": str(data.get("address") or "").strip()[:255],
        "facilities": str(data.get("facilities") or "").strip(),
        "unavailable_dates": parse_dates(
            data.get("unavailable_dates"), "unavailable_dates", errors
        ),
        "is_active": bool(data.get("is_active", True)),
    }
    capacity = data.get("capacity")
    try:
        values["capacity"] = int(str(capacity).strip())
    except ValueError:
        errors.add("capacity", _("Kapasitas harus berupa bilangan bulat."))
    else:
        if not 1 <= values["capacity"] <= VENUE_CAPACITY_MAX:
            errors.add(
                "capacity", _("Kapasitas harus 1–%(max)d orang.") % {"max": VENUE_CAPACITY_MAX}
            )
    if values["kind"] == VenueKind.PARTNER_CAMPUS and values["partner"] is None:
        errors.add("partner", _("Kampus/tempat mitra harus menyebut mitranya."))
    errors.raise_if_any()
    if venue is not None and venue.instansi_id != instansi.pk:
        raise ServiceError(_("Tempat bukan milik instansi ini."))
    return _write(
        instance=venue or Venue(instansi=instansi),
        fields=VENUE_FIELDS,
        values=values,
        action="delivery.venue",
        instansi=instansi,
        acting_user=acting_user,
        duplicate=("name", _("Tempat dengan nama ini sudah ada.")),
    )


def venue_delete(*, venue: Venue, acting_user: Any) -> None:
    if venue.sessions.exists():
        raise ServiceError(_("Tempat ini sudah dipakai sesi; nonaktifkan saja."))
    _delete(
        instance=venue, action="delivery.venue", instansi=venue.instansi, acting_user=acting_user
    )


# --- the holiday calendar and unit limits ---------------------------------------------


def holiday_save(
    *, instansi: Instansi, data: dict[str, Any], holiday: Holiday | None = None, acting_user: Any
) -> Holiday:
    errors = _Errors()
    values: dict[str, Any] = {
        "date": _date(data.get("date"), "date", errors, label=_("Tanggal")),
        "name": _text(data, "name", errors, label=_("Keterangan"), max_length=150),
        "kind": _choice(data, "kind", HolidayKind, errors),
    }
    errors.raise_if_any()
    if holiday is not None and holiday.instansi_id != instansi.pk:
        raise ServiceError(_("Hari libur bukan milik instansi ini."))
    return _write(
        instance=holiday or Holiday(instansi=instansi),
        fields=HOLIDAY_FIELDS,
        values=values,
        action="delivery.holiday",
        instansi=instansi,
        acting_user=acting_user,
        duplicate=("date", _("Tanggal ini sudah ada di kalender libur.")),
    )


def holiday_delete(*, holiday: Holiday, acting_user: Any) -> None:
    _delete(
        instance=holiday,
        action="delivery.holiday",
        instansi=holiday.instansi,
        acting_user=acting_user,
    )


def unit_max_away_set(*, unit: Unit, max_away: Any, acting_user: Any) -> UnitAwayLimit | None:
    """Set (or with ``None`` clear) the share of a unit's staff that may be away on one day."""
    if max_away in (None, ""):
        with transaction.atomic():
            deleted, _rows = UnitAwayLimit.objects.filter(unit=unit).delete()
            if deleted:
                audit_event(
                    actor=acting_user,
                    action="delivery.unit_away_limit.delete",
                    target=unit,
                    instansi=unit.instansi,
                )
        return None
    try:
        share = Decimal(str(max_away).replace(",", "."))
    except InvalidOperation:
        share = Decimal(-1)
    if not Decimal(0) <= share <= Decimal(1):
        raise ServiceError({"max_away": [_("Batas harus antara 0 dan 1 (misalnya 0,1).")]})
    with transaction.atomic():
        limit, _created = UnitAwayLimit.objects.update_or_create(
            unit=unit, defaults={"max_away": share.quantize(Decimal("0.001"))}
        )
        audit_event(
            actor=acting_user,
            action="delivery.unit_away_limit.set",
            target=limit,
            instansi=unit.instansi,
            after=snapshot(limit),
        )
    return limit
