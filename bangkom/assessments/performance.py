"""Performance gap (SKP): a supervisor links a subordinate's shortfall to the competencies
behind it, and those links weigh the competencies for that employee in the needs analysis.

A shortfall is an SKP predicate of Butuh Perbaikan, Kurang or Sangat Kurang. The weight
factors go to the needs analysis of the **plan year after the SKP year** (an SKP of 2025 is
final early in 2026 and informs the plan of 2026), through
:func:`bangkom.factors.services.factors_replace` with ``source_key = "skp:<rating id>"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.assessments.models import (
    DEFAULT_SHORTFALL_FACTORS,
    SHORTFALL_PREDIKAT,
    PerformanceRating,
    ShortfallFactor,
    ShortfallLink,
    SkpPredikat,
)
from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.factors.services import FactorSpec, factors_replace
from bangkom.organisation.models import Instansi

PLAN_YEAR_OFFSET = 1  # the SKP of year Y weighs the needs of plan year Y + 1
MAX_FACTOR = Decimal("10")


def source_key(rating: PerformanceRating) -> str:
    return f"skp:{rating.pk}"


def plan_year(rating: PerformanceRating) -> int:
    return rating.tahun + PLAN_YEAR_OFFSET


# ----------------------------------------------------------------------------- factors


def shortfall_factors_for(instansi: Instansi | int) -> dict[str, Decimal]:
    """The factor per shortfall predicate: the instansi's own where set, else the default."""
    instansi_id = instansi if isinstance(instansi, int) else instansi.pk
    factors = dict(DEFAULT_SHORTFALL_FACTORS)
    factors.update(
        ShortfallFactor.objects.filter(instansi_id=instansi_id).values_list("predikat", "factor")
    )
    return {str(k): v for k, v in factors.items()}


def check_factors(factors: Mapping[str, object]) -> list[str]:
    errors = []
    for predikat, value in factors.items():
        label = SkpPredikat(predikat).label if predikat in SkpPredikat.values else predikat
        if predikat not in SHORTFALL_PREDIKAT:
            errors.append(_("%s bukan predikat kekurangan kinerja.") % label)
            continue
        try:
            factor = Decimal(str(value))
        except (InvalidOperation, ValueError):
            errors.append(_("Faktor untuk %s harus berupa angka.") % label)
            continue
        exponent = factor.as_tuple().exponent
        if (
            not factor.is_finite()
            or not Decimal("1") <= factor <= MAX_FACTOR
            or (isinstance(exponent, int) and exponent < -3)
        ):
            errors.append(
                _("Faktor untuk %(label)s harus antara 1 dan %(max)s, paling banyak 3 desimal.")
                % {"label": label, "max": MAX_FACTOR}
            )
    return errors


def shortfall_factors_store(*, instansi: Instansi, factors: Mapping[str, Decimal]) -> None:
    """Store the instansi's factors; the caller audits (see ``assessment_rules_set``)."""
    for predikat, factor in factors.items():
        ShortfallFactor.objects.update_or_create(
            instansi=instansi, predikat=predikat, defaults={"factor": Decimal(str(factor))}
        )


# ----------------------------------------------------------------------------- links


def _specs(rating: PerformanceRating, factor: Decimal) -> list[FactorSpec]:
    if not rating.is_shortfall:
        return []
    label = rating.get_predikat_display()
    links = list(rating.links.select_related("competency").order_by("competency__kode"))
    return [
        FactorSpec(
            competency=link.competency,
            factor=factor,
            employee=rating.employee,
            title=(f"SKP {rating.tahun}: {label} — {link.competency.kode} {link.competency.nama}"),
            evidence={
                "skp_id": rating.pk,
                "nip": rating.employee.nip,
                "nama": rating.employee.display_name,
                "tahun_skp": rating.tahun,
                "predikat": label,
                "kompetensi": link.competency.kode,
                "analisis_atasan": rating.shortfall_note,
                "dikaitkan_oleh": rating.linked_by.get_username() if rating.linked_by else "",
                "dikaitkan_pada": rating.linked_at.isoformat() if rating.linked_at else "",
            },
        )
        for link in links
    ]


def skp_factors_refresh(
    *, rating: PerformanceRating, acting_user: Any, factors: Mapping[str, Decimal] | None = None
) -> list[WeightFactor]:
    """Replace the weight factors this SKP rating gives (none unless it is a linked shortfall)."""
    factors = factors or shortfall_factors_for(rating.instansi_id)
    factor = factors.get(rating.predikat, Decimal("1"))
    instansi = Instansi.objects.get(pk=rating.instansi_id)
    return factors_replace(
        instansi=instansi,
        tahun=plan_year(rating),
        source=FactorSource.PERFORMANCE,
        source_key=source_key(rating),
        specs=_specs(rating, factor),
        acting_user=acting_user,
    )


def skp_factors_refresh_instansi(*, instansi: Instansi, acting_user: Any) -> int:
    """Refresh the factors of every linked SKP rating of the instansi (after a factor change)."""
    factors = shortfall_factors_for(instansi)
    ratings = (
        PerformanceRating.objects.filter(instansi=instansi, links__isnull=False)
        .distinct()
        .select_related("employee", "linked_by")
    )
    count = 0
    for rating in ratings:
        skp_factors_refresh(rating=rating, acting_user=acting_user, factors=factors)
        count += 1
    return count


def usable_competencies(instansi_id: int) -> Q:
    return Q(instansi__isnull=True) | Q(instansi_id=instansi_id)


def shortfall_link_set(
    *,
    rating: PerformanceRating,
    competencies: Sequence[Competency],
    note: str,
    acting_user: Any,
) -> list[WeightFactor]:
    """Name the competencies behind a shortfall (replacing the earlier choice) with the
    supervisor's analysis; the employee's SKP weight factors follow in the same transaction.
    An empty choice removes the links and their factors."""
    if not rating.is_shortfall:
        raise ServiceError(
            _("Predikat %s bukan kekurangan kinerja; tidak ada yang perlu dikaitkan.")
            % rating.get_predikat_display()
        )
    note = (note or "").strip()
    errors: dict[str, list[str]] = {}
    if competencies and len(note) < 10:
        errors["note"] = [_("Tuliskan analisis singkat (paling sedikit 10 karakter).")]
    allowed = set(
        Competency.objects.filter(usable_competencies(rating.instansi_id)).values_list(
            "pk", flat=True
        )
    )
    foreign = [c.kode for c in competencies if c.pk not in allowed]
    if foreign:
        errors["competencies"] = [
            _("Kompetensi tidak dapat dipakai di instansi ini: %s") % ", ".join(foreign)
        ]
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        locked = (
            PerformanceRating.objects.select_for_update(of=("self",))
            .select_related("employee", "linked_by")
            .get(pk=rating.pk)
        )
        before = {
            "kompetensi": sorted(locked.links.values_list("competency__kode", flat=True)),
            "analisis": locked.shortfall_note,
        }
        locked.links.all().delete()
        ShortfallLink.objects.bulk_create(
            [
                ShortfallLink(rating=locked, competency=c)
                for c in {c.pk: c for c in competencies}.values()
            ]
        )
        locked.shortfall_note = note if competencies else ""
        locked.linked_by = acting_user if getattr(acting_user, "pk", None) else None
        locked.linked_at = timezone.now()
        locked.save(update_fields=["shortfall_note", "linked_by", "linked_at", "updated_at"])
        audit_event(
            actor=acting_user,
            action="performance.link",
            target=locked,
            instansi=locked.instansi,
            before=before,
            after={
                "kompetensi": sorted(c.kode for c in competencies),
                "analisis": locked.shortfall_note,
            },
        )
        created = skp_factors_refresh(rating=locked, acting_user=acting_user)
    rating.refresh_from_db()
    return created
