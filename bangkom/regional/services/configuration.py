"""The instansi-level settings of regional needs."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.lib.ikm import WeightConvention
from bangkom.organisation.models import Instansi
from bangkom.regional.models import RegionalSettings
from bangkom.regional.services.common import check_factor, check_position_classes


def regional_settings_save(
    *,
    instansi: Instansi,
    ikm_convention: str,
    skm_nrr_threshold: Decimal,
    skm_factor: Decimal,
    skm_frontline_classes: Sequence[str],
    public_input_open: bool,
    acting_user: Any,
) -> RegionalSettings:
    if ikm_convention not in {c.value for c in WeightConvention}:
        raise ServiceError({"ikm_convention": _("Konvensi bobot tidak dikenal.")})
    if not Decimal(1) <= skm_nrr_threshold <= Decimal(4):
        raise ServiceError({"skm_nrr_threshold": _("Ambang NRR antara 1 dan 4.")})
    factor = check_factor(skm_factor, "skm_factor")
    classes = check_position_classes(skm_frontline_classes, "skm_frontline_classes")
    if not classes:
        raise ServiceError(
            {"skm_frontline_classes": _("Pilih paling sedikit satu kelas jabatan garda depan.")}
        )
    with transaction.atomic():
        settings, created = RegionalSettings.objects.select_for_update().get_or_create(
            instansi=instansi
        )
        before = {} if created else snapshot(settings)
        settings.ikm_convention = ikm_convention
        settings.skm_nrr_threshold = skm_nrr_threshold
        settings.skm_factor = factor
        settings.skm_frontline_classes = classes
        settings.public_input_open = public_input_open
        settings.save()
        after = snapshot(settings)
        if before != after:
            audit_event(
                actor=acting_user,
                action="regional_settings.save",
                target=settings,
                instansi=instansi,
                before=before,
                after=after,
            )
    return settings
