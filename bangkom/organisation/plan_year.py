"""The current planning year of an instansi: the one rule every page that defaults a year uses
(needs, regional signals and moderation, SKM, plans), so they never disagree.

The instansi's own setting (``Instansi.tahun_rencana``) when a BKPSDM admin has chosen it,
otherwise the calendar year.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Instansi

MIN_YEAR, MAX_YEAR = 2000, 2100


def current_plan_year(instansi: Instansi | None) -> int:
    if instansi is not None and instansi.tahun_rencana:
        return int(instansi.tahun_rencana)
    return timezone.localdate().year


def plan_year_set(*, instansi: Instansi, tahun: int | None, acting_user: Any) -> Instansi:
    """Choose the instansi's planning year (``None`` = follow the calendar year)."""
    if tahun is not None and not MIN_YEAR <= tahun <= MAX_YEAR:
        raise ServiceError(
            {"tahun": [_("Tahun rencana harus antara %d dan %d.") % (MIN_YEAR, MAX_YEAR)]}
        )
    with transaction.atomic():
        before = Instansi.objects.select_for_update().get(pk=instansi.pk).tahun_rencana
        Instansi.objects.filter(pk=instansi.pk).update(tahun_rencana=tahun)
        instansi.tahun_rencana = tahun
        audit_event(
            actor=acting_user,
            action="organisation.instansi.plan_year",
            target=instansi,
            instansi=instansi,
            before={"tahun_rencana": before},
            after={"tahun_rencana": tahun},
        )
    return instansi
