"""Keeping fake SKM answers out of the IKM: the unit's kode layanan, and anomaly checks that hold
public answers for review before they count.

Kode layanan (service code): a short code per unit and month that the unit prints at the counter
or on the receipt. When the unit requires it (``SkmUnitSettings.wajib_kode``) the public form
refuses an answer without the code of the month of the service or of the current month; so only
someone who was served (or stood at the counter) can answer.

Anomaly checks, on every public answer as it arrives:

- ``alamat``: one address sends ``REGIONAL_SKM_PER_ADDRESS_DAY`` (default 3) or more answers to the
  unit within 24 hours — the answer and the address's earlier answers of those 24 hours are held;
- ``lonjakan``: the unit receives ``REGIONAL_SKM_BURST`` (default 30) or more public answers within
  ``REGIONAL_SKM_BURST_MINUTES`` (default 10) minutes — the answers from that one on are held;
- ``identik``: the same answer sheet (U1–U9, respondent data, service and suggestion) as another
  answer of the unit within 24 hours, from any address — both are held.

A held answer does not count in the IKM, U1–U9 or the weight signals until an admin of its unit
approves it (:func:`skm_responses_moderate`); an approved answer is never held again.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings as django_settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny
from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Unit
from bangkom.regional.models import (
    SCORE_FIELDS,
    AnomalyFlag,
    ResponseSource,
    ResponseStatus,
    SkmResponse,
    SkmServiceCode,
)
from bangkom.regional.periods import month_key

# No 0/O, 1/I/L: the code is read off paper and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
DAY = timedelta(hours=24)
MAX_MODERATED_AT_ONCE = 500
SHEET_FIELDS = (
    *SCORE_FIELDS,
    "umur",
    "jenis_kelamin",
    "pendidikan",
    "pekerjaan",
    "pekerjaan_lainnya",
    "jenis_layanan",
    "saran",
)


def per_address_day() -> int:
    return max(2, int(getattr(django_settings, "REGIONAL_SKM_PER_ADDRESS_DAY", 3)))


def burst_size() -> int:
    return max(2, int(getattr(django_settings, "REGIONAL_SKM_BURST", 30)))


def burst_window() -> timedelta:
    minutes = int(getattr(django_settings, "REGIONAL_SKM_BURST_MINUTES", 10))
    return timedelta(minutes=min(max(minutes, 1), 24 * 60))


# ----------------------------------------------------------------------------- kode layanan


def check_can_manage_unit(user: Any, unit: Unit) -> None:
    """Admins of the instansi and OPD admins of the unit's subtree; ``None`` is the system."""
    if user is not None and not scope_for(user).manages_unit_path(unit.instansi_id, unit.path):
        raise deny()


def normalise_code(text: str) -> str:
    return "".join((text or "").split()).upper()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def skm_code_for(unit: Unit, day: date) -> SkmServiceCode | None:
    return SkmServiceCode.objects.filter(unit=unit, periode=month_key(day)).first()


def skm_code_rotate(*, unit: Unit, day: date, acting_user: Any) -> SkmServiceCode:
    """Make a new kode layanan for ``unit`` for the month of ``day`` (replacing the month's old
    one: answers with the old code are refused from now on)."""
    check_can_manage_unit(acting_user, unit)
    periode = month_key(day)
    with transaction.atomic():
        old = set(
            SkmServiceCode.objects.filter(unit=unit, periode=periode).values_list("kode", flat=True)
        )
        kode = new_code()
        while kode in old:
            kode = new_code()
        code, created = SkmServiceCode.objects.select_for_update().get_or_create(
            unit=unit, periode=periode, defaults={"kode": kode, "created_by": acting_user}
        )
        before = {} if created else {"periode": periode, "kode": code.kode}
        if not created:
            code.kode = kode
            code.created_at = timezone.now()
            code.created_by = acting_user
            code.save(update_fields=["kode", "created_at", "created_by"])
        audit_event(
            actor=acting_user,
            action="skm.code_rotate",
            target=code,
            instansi=unit.instansi,
            before=before,
            after={"unit": unit.pk, "periode": periode, "kode": kode},
        )
    return code


def check_service_code(*, unit: Unit, given: str, service_day: date, today: date) -> None:
    """Refuse (``ServiceError`` on the field ``kode_layanan``) an answer without a valid code:
    the code of the month of the service or of the current month."""
    text = normalise_code(given)
    months = {month_key(service_day), month_key(today)}
    valid = set(
        SkmServiceCode.objects.filter(unit=unit, periode__in=months).values_list("kode", flat=True)
    )
    if not valid:
        raise ServiceError(
            {
                "kode_layanan": _(
                    "Unit layanan ini belum menerbitkan kode layanan bulan ini, jadi jawaban "
                    "belum dapat diterima. Tanyakan kode layanan kepada petugas di loket."
                )
            }
        )
    if not text:
        raise ServiceError(
            {
                "kode_layanan": _(
                    "Tulis kode layanan yang tercetak di loket atau pada struk layanan Anda."
                )
            }
        )
    if text not in valid:
        raise ServiceError(
            {
                "kode_layanan": _(
                    "Kode layanan %(code)s tidak cocok. Periksa kode yang tercetak di loket atau "
                    "pada struk layanan bulan ini (6 huruf/angka, tanpa O, I, 0 atau 1)."
                )
                % {"code": text[:12]}
            }
        )


# ----------------------------------------------------------------------------- anomalies


def public_recent(unit: Unit, moment: datetime, window: timedelta) -> QuerySet[SkmResponse]:
    return SkmResponse.objects.filter(
        unit=unit,
        source=ResponseSource.PUBLIC,
        created_at__gte=moment - window,
        created_at__lte=moment,
    ).exclude(status=ResponseStatus.REJECTED)


def anomaly_flags(
    *, unit: Unit, fields: dict[str, Any], ip_hash: str, moment: datetime
) -> tuple[list[str], dict[int, list[str]]]:
    """The anomaly flags of a new public answer, and the earlier answers to hold with it, each
    with the flags that concern it.

    Call inside the submitting transaction, after locking the unit's SKM settings row.
    """
    flags: list[str] = []
    also_held: dict[int, list[str]] = {}
    day = public_recent(unit, moment, DAY)
    same_address = list(day.filter(ip_hash=ip_hash).values_list("pk", flat=True))
    if len(same_address) + 1 >= per_address_day():
        flags.append(AnomalyFlag.ADDRESS_BURST.value)
        for pk in same_address:
            also_held.setdefault(pk, []).append(AnomalyFlag.ADDRESS_BURST.value)
    if public_recent(unit, moment, burst_window()).count() + 1 >= burst_size():
        flags.append(AnomalyFlag.UNIT_BURST.value)
    identical = list(
        day.filter(**{name: fields[name] for name in SHEET_FIELDS}).values_list("pk", flat=True)
    )
    if identical:
        flags.append(AnomalyFlag.IDENTICAL.value)
        for pk in identical:
            also_held.setdefault(pk, []).append(AnomalyFlag.IDENTICAL.value)
    return flags, also_held


def hold_earlier(*, flag_of: dict[int, list[str]]) -> int:
    """Hold earlier answers found with a new anomaly (id → its flags), unless a moderator already
    decided on them. Returns how many changed."""
    changed = 0
    for response in SkmResponse.objects.filter(
        pk__in=list(flag_of), status=ResponseStatus.COUNTED, moderated_at__isnull=True
    ):
        response.status = ResponseStatus.HELD
        response.flags = sorted(set(response.flags) | set(flag_of.get(response.pk, [])))
        response.save(update_fields=["status", "flags"])
        changed += 1
    return changed


# ----------------------------------------------------------------------------- moderation


def held_responses(units: QuerySet[Unit] | Sequence[Unit]) -> QuerySet[SkmResponse]:
    return SkmResponse.objects.filter(unit__in=units, status=ResponseStatus.HELD)


def held_count_by_unit(units: QuerySet[Unit]) -> dict[int, int]:
    """How many answers each unit has waiting in its moderation queue (one query)."""
    rows = (
        held_responses(units)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("unit_id", "n")
    )
    return dict(rows)


def skm_responses_moderate(
    *, unit: Unit, response_ids: Sequence[int], approve: bool, acting_user: Any
) -> int:
    """Approve (they count from now on) or reject held answers of ``unit``; one audit row per
    answer. Returns how many were moderated. Answers not held, or of another unit, are left
    alone."""
    check_can_manage_unit(acting_user, unit)
    ids = list(dict.fromkeys(int(pk) for pk in response_ids))
    if not ids:
        raise ServiceError({"ids": _("Pilih paling sedikit satu jawaban.")})
    if len(ids) > MAX_MODERATED_AT_ONCE:
        raise ServiceError(
            {"ids": _("Paling banyak %d jawaban sekaligus.") % MAX_MODERATED_AT_ONCE}
        )
    status = ResponseStatus.COUNTED if approve else ResponseStatus.REJECTED
    moment = timezone.now()
    done = 0
    with transaction.atomic():
        for response in SkmResponse.objects.select_for_update().filter(
            Q(pk__in=ids), unit=unit, status=ResponseStatus.HELD
        ):
            response.status = status
            response.moderated_by = acting_user
            response.moderated_at = moment
            response.save(update_fields=["status", "moderated_by", "moderated_at"])
            audit_event(
                actor=acting_user,
                action="skm.approve" if approve else "skm.reject",
                target=response,
                instansi=unit.instansi,
                before={"status": ResponseStatus.HELD.value},
                after={"status": status.value, "tanda": list(response.flags)},
            )
            done += 1
    return done
