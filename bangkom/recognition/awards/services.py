"""Writes of the awards: schemes, nominations, decisions (an approval issues the award with
its signed Open Badges 3.0 credential). Keyword-only, atomic, one audit row each.

Who: schemes and decisions, the BKPSDM admins of the instansi; nominations, the ASN's
supervisor (``Employee.supervisor``) or an OPD admin whose subtree holds the ASN's unit."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Employee, Instansi
from bangkom.recognition import addresses
from bangkom.recognition.awards import criteria, metrics
from bangkom.recognition.credentials import achievement as ach
from bangkom.recognition.credentials import integrity
from bangkom.recognition.models import (
    Award,
    AwardNomination,
    AwardScheme,
    NominationStatus,
    SkpLevel,
    award_number,
)
from bangkom.recognition.services import (
    _signing_key,
    _verification_method,
    issuer_key_current,
    new_code,
)

YEAR_MIN, YEAR_MAX = 2000, 2100
REASON_MAX = 2000
SCHEME_FIELDS = (
    "name",
    "year",
    "min_jp_percent",
    "min_gap_closed_percent",
    "min_gain",
    "min_skp",
    "signatory_name",
    "signatory_title",
)


@dataclass(frozen=True)
class SchemeData:
    """What the BKPSDM types for a scheme; numbers as text or numbers, empty = not used."""

    name: str
    year: Any
    signatory_name: str
    signatory_title: str
    description: str = ""
    min_jp_percent: Any = None
    min_gap_closed_percent: Any = None
    min_gain: Any = None
    min_skp: str = ""


def _is_user(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal(value: Any, low: Decimal, high: Decimal, field: str, errors: dict[str, str]) -> Any:
    if _blank(value):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        errors[field] = _("Tulis angka, misalnya %(example)s.") % {"example": high}
        return None
    if not number.is_finite() or not low <= number <= high:
        errors[field] = _("Isi antara %(low)s dan %(high)s.") % {"low": low, "high": high}
        return None
    return number.quantize(Decimal("0.01"))


def _clean_scheme(data: SchemeData) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    name = (data.name or "").strip()
    if not name:
        errors["name"] = _("Nama penghargaan wajib diisi.")
    elif len(name) > 150:
        errors["name"] = _("Nama penghargaan paling banyak 150 karakter.")
    year = _decimal(data.year, Decimal(YEAR_MIN), Decimal(YEAR_MAX), "year", errors)
    if year is None and "year" not in errors:
        errors["year"] = _("Tahun penilaian wajib diisi.")
    elif year is not None and year != year.to_integral_value():
        errors["year"] = _("Tahun harus bilangan bulat.")
    jp = _decimal(data.min_jp_percent, Decimal(1), Decimal(500), "min_jp_percent", errors)
    if jp is not None and jp != jp.to_integral_value():
        errors["min_jp_percent"] = _("Persen JP harus bilangan bulat.")
    gap = _decimal(
        data.min_gap_closed_percent, Decimal(0), Decimal(100), "min_gap_closed_percent", errors
    )
    gain = _decimal(data.min_gain, Decimal(-1), Decimal(1), "min_gain", errors)
    skp = (data.min_skp or "").strip()
    if skp and skp not in SkpLevel.values:
        errors["min_skp"] = _("Pilih predikat SKP dari daftar.")
    if not errors and jp is None and gap is None and gain is None and not skp:
        errors["min_jp_percent"] = _(
            "Isi paling sedikit satu kriteria: JP, kesenjangan tertutup, hasil evaluasi atau SKP."
        )
    signatory_name = (data.signatory_name or "").strip()
    signatory_title = (data.signatory_title or "").strip()
    if not signatory_name:
        errors["signatory_name"] = _("Nama penanda tangan wajib diisi.")
    if not signatory_title:
        errors["signatory_title"] = _("Jabatan penanda tangan wajib diisi.")
    description = (data.description or "").strip()
    if len(description) > 2000:
        errors["description"] = _("Keterangan paling banyak 2000 karakter.")
    values = {
        "name": name,
        "year": int(year) if year is not None else None,
        "description": description,
        "min_jp_percent": int(jp) if jp is not None else None,
        "min_gap_closed_percent": gap,
        "min_gain": gain,
        "min_skp": skp,
        "signatory_name": signatory_name[:150],
        "signatory_title": signatory_title[:200],
    }
    return values, errors


def award_scheme_create(*, instansi: Instansi, data: SchemeData, acting_user: Any) -> AwardScheme:
    """A new scheme for the instansi (BKPSDM admins). Every error is returned at once."""
    if not _is_user(acting_user) or not scope_for(acting_user).can_admin(instansi.pk):
        raise deny(_("Hanya admin BKPSDM instansi ini yang dapat membuat skema penghargaan."))
    values, errors = _clean_scheme(data)
    if (
        not errors
        and AwardScheme.objects.filter(
            instansi=instansi, year=values["year"], name=values["name"]
        ).exists()
    ):
        errors["name"] = _("Skema dengan nama ini sudah ada untuk tahun tersebut.")
    if errors:
        raise ServiceError(errors)
    try:
        with transaction.atomic():
            scheme = AwardScheme.objects.create(instansi=instansi, created_by=acting_user, **values)
            audit_event(
                actor=acting_user,
                action="recognition.award_scheme.create",
                target=scheme,
                instansi=instansi,
                after=snapshot(scheme, SCHEME_FIELDS),
            )
    except IntegrityError:
        raise ServiceError(
            {"name": _("Skema dengan nama ini sudah ada untuk tahun tersebut.")}
        ) from None
    return scheme


def thresholds(scheme: AwardScheme) -> criteria.Thresholds:
    return criteria.Thresholds(
        min_jp_percent=scheme.min_jp_percent,
        min_gap_closed_percent=scheme.min_gap_closed_percent,
        min_gain=scheme.min_gain,
        min_skp=scheme.min_skp,
    )


@dataclass(frozen=True)
class Candidate:
    person: metrics.Person
    results: list[criteria.Result]

    @property
    def eligible(self) -> bool:
        return criteria.is_eligible(self.results)


def candidates(scheme: AwardScheme) -> list[Candidate]:
    """Every ASN of the scheme's instansi and year with their criteria results."""
    rule = thresholds(scheme)
    return [
        Candidate(one, criteria.evaluate(rule, one.values))
        for one in metrics.people(scheme.instansi, scheme.year)
    ]


def _plain(results: list[criteria.Result]) -> dict[str, Any]:
    return {
        r.kind: {"value": None if r.value is None else str(r.value), "met": r.met} for r in results
    }


def can_nominate(user: Any, employee: Employee) -> bool:
    """The ASN's supervisor, or an OPD admin whose subtree holds the ASN's unit; never the ASN
    themself."""
    if not _is_user(user):
        return False
    scope = scope_for(user)
    if scope.employee_id == employee.pk:
        return False  # nobody nominates themself
    if scope.employee_id is not None and employee.supervisor_id == scope.employee_id:
        return True
    return employee.unit is not None and any(
        employee.unit.path.startswith(path) for path in scope.opd_paths(employee.instansi_id)
    )


def award_nominate(
    *, scheme: AwardScheme, employee: Employee, reason: str, acting_user: Any
) -> AwardNomination:
    """Nominate an eligible ASN for a scheme, with a reason (once per scheme and ASN)."""
    if employee.instansi_id != scheme.instansi_id or not can_nominate(acting_user, employee):
        raise deny(
            _("Hanya atasan langsung atau admin OPD unit pegawai ini yang dapat mengusulkannya.")
        )
    errors: dict[str, str] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Alasan pengusulan wajib diisi.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("Alasan paling banyak 2000 karakter.")
    one = metrics.person(employee, scheme.year)
    results = criteria.evaluate(thresholds(scheme), one.values) if one else []
    if not criteria.is_eligible(results):
        unmet = ", ".join(str(LABELS[r.kind]) for r in results if not r.met) or _(
            "tidak dihitung pada tahun ini"
        )
        errors["employee"] = _("%(name)s belum memenuhi kriteria skema ini (%(unmet)s).") % {
            "name": employee.display_name,
            "unmet": unmet,
        }
    if AwardNomination.objects.filter(scheme=scheme, employee=employee).exists():
        errors["employee"] = _("%(name)s sudah diusulkan untuk skema ini.") % {
            "name": employee.display_name
        }
    if errors:
        raise ServiceError(errors)
    try:
        with transaction.atomic():
            nomination = AwardNomination.objects.create(
                scheme=scheme,
                employee=employee,
                reason=reason,
                nominated_by=acting_user,
                criteria_values=_plain(results),
            )
            audit_event(
                actor=acting_user,
                action="recognition.award.nominate",
                target=nomination,
                instansi=scheme.instansi,
                after={"scheme": scheme.pk, "employee": employee.pk, "reason": reason[:500]},
            )
    except IntegrityError:
        raise ServiceError(
            {"employee": _("Pegawai ini sudah diusulkan untuk skema ini.")}
        ) from None
    return nomination


def _build_credential(award: Award) -> str:
    instansi = award.instansi
    issuer_id = addresses.issuer_url(instansi.kode)
    with override("id"):
        description = _("Penghargaan %(title)s tahun %(year)s dari %(issuer)s.") % {
            "title": award.title,
            "year": award.year,
            "issuer": instansi.nama,
        }
        narrative = award.scheme.description or _(
            "Memenuhi kriteria skema penghargaan dan disetujui BKPSDM."
        )
        title = _("Piagam penghargaan nomor %(number)s") % {"number": award.number}
    achievement_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer_id}penghargaan/{award.scheme_id}")
    document = ach.build_achievement_credential(
        credential_id=f"urn:uuid:{award.credential_uuid}",
        issuer=ach.IssuerProfile(id=issuer_id, name=instansi.nama, url=addresses.absolute("/")),
        subject=ach.Subject(
            name=award.recipient_name,
            identity=ach.HashedIdentity(value=award.recipient_nip, salt=ach.new_salt()),
        ),
        achievement=ach.Achievement(
            id=f"urn:uuid:{achievement_id}",
            name=f"{award.title} {award.year}",
            description=description,
            criteria_narrative=narrative,
            achievement_type="Award",
            in_language="id",
        ),
        valid_from=award.issued_at,
    )
    document["description"] = title
    signed = integrity.sign(
        document,
        _signing_key(award.issuer_key),
        verification_method=_verification_method(instansi.kode, award.issuer_key),
        created=award.issued_at,
    )
    return json.dumps(signed, ensure_ascii=False)


def award_decide(
    *, nomination: AwardNomination, approve: bool, reason: str, acting_user: Any
) -> AwardNomination:
    """Approve (issue the award) or decline (reason required) a nomination: BKPSDM admins of
    the instansi. Numbered ``PGH/<kode>/<year>/<sequence>`` per instansi and year, the
    sequence taken under the instansi's row lock."""
    instansi = nomination.scheme.instansi
    if not _is_user(acting_user) or not scope_for(acting_user).can_admin(instansi.pk):
        raise deny(_("Hanya admin BKPSDM instansi ini yang dapat memutuskan usulan penghargaan."))
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ServiceError({"reason": _("Alasan penolakan wajib diisi.")})
    if len(reason) > REASON_MAX:
        raise ServiceError({"reason": _("Alasan paling banyak 2000 karakter.")})
    with transaction.atomic():
        locked = (
            AwardNomination.objects.select_for_update()
            .select_related("scheme__instansi__wilayah", "employee")
            .get(pk=nomination.pk)
        )
        if locked.status != NominationStatus.SUBMITTED:
            raise ServiceError(_("Usulan ini sudah diputuskan."))
        before = snapshot(locked, ["status", "decision_reason"])
        now = timezone.now().replace(microsecond=0)
        locked.status = NominationStatus.APPROVED if approve else NominationStatus.DECLINED
        locked.decision_reason = reason
        locked.decided_by = acting_user
        locked.decided_at = now
        locked.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        if approve:
            key = issuer_key_current(instansi=instansi)
            Instansi.objects.select_for_update().filter(pk=instansi.pk).first()
            scheme = locked.scheme
            last = Award.objects.filter(instansi=instansi, year=scheme.year).aggregate(
                top=Max("sequence")
            )["top"]
            sequence = (last or 0) + 1
            employee = locked.employee
            award = Award(
                nomination=locked,
                scheme=scheme,
                instansi=instansi,
                employee=employee,
                year=scheme.year,
                sequence=sequence,
                number=award_number(instansi.kode, scheme.year, sequence),
                code=new_code(),
                title=scheme.name,
                recipient_name=employee.display_name[:255],
                recipient_nip=employee.nip,
                citation=locked.reason,
                signatory_name=scheme.signatory_name,
                signatory_title=scheme.signatory_title,
                issued_at=now,
                issued_by=acting_user,
                issuer_key=key,
            )
            award.credential_json = _build_credential(award)
            award.save(force_insert=True)
        audit_event(
            actor=acting_user,
            action="recognition.award.approve" if approve else "recognition.award.decline",
            target=locked,
            instansi=instansi,
            before=before,
            after=snapshot(locked, ["status", "decision_reason"]),
            note=reason[:500],
        )
    return locked


LABELS = {
    criteria.JP: gettext_lazy("kewajiban JP"),
    criteria.GAP: gettext_lazy("kesenjangan tertutup"),
    criteria.GAIN: gettext_lazy("hasil evaluasi (normalised gain)"),
    criteria.SKP: gettext_lazy("predikat SKP"),
}
