"""Reads of the regional pages. Each takes already access-scoped querysets or objects and keeps
its query count independent of how much data there is."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.factors.models import WeightFactor
from bangkom.lib.ikm import (
    ELEMENTS,
    IkmError,
    IkmResult,
    WeightConvention,
    compute_ikm,
    krejcie_morgan,
)
from bangkom.organisation.models import Position, Unit
from bangkom.regional.models import (
    SCORE_FIELDS,
    Indicator,
    IndicatorValue,
    Periodicity,
    PlanPriority,
    PublicInput,
    RegionalSettings,
    ResponseStatus,
    SignalRule,
    SkmImport,
    SkmResponse,
)
from bangkom.regional.numbers import id_fixed, id_number
from bangkom.regional.periods import Period, indicator_period_key, indicator_period_label

SPARK_POINTS = 12
CHART_POINTS = 36
PLACES_SHOWN = 5

# ----------------------------------------------------------------------------- charts


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: Decimal


@dataclass
class Series:
    """One indicator at one place: its values by period, newest last."""

    key: str  # "u:<pk>" or "w:<kode>"
    place: str
    points: list[tuple[date, Decimal]] = field(default_factory=list)
    monthly: bool = True

    @property
    def latest(self) -> tuple[date, Decimal] | None:
        return self.points[-1] if self.points else None

    @property
    def latest_label(self) -> str:
        latest = self.latest
        return indicator_period_label(latest[0], monthly=self.monthly) if latest else ""

    def bars(
        self, *, count: int = SPARK_POINTS, width: float = 120, height: float = 28
    ) -> list[Bar]:
        """Bar geometry for an inline SVG of the last ``count`` values (no JavaScript)."""
        shown = self.points[-count:]
        if not shown:
            return []
        top = max((value for _day, value in shown), default=Decimal(0))
        bottom = min(Decimal(0), min(value for _day, value in shown))
        span = (top - bottom) or Decimal(1)
        step = width / len(shown)
        bars = []
        for index, (day, value) in enumerate(shown):
            bar_height = float((value - bottom) / span) * (height - 2) + 1
            bars.append(
                Bar(
                    x=round(index * step + step * 0.1, 2),
                    y=round(height - bar_height, 2),
                    width=round(step * 0.8, 2),
                    height=round(bar_height, 2),
                    label=indicator_period_key(day, monthly=self.monthly),
                    value=value,
                )
            )
        return bars

    def chart_bars(self) -> list[Bar]:
        return self.bars(count=CHART_POINTS, width=720, height=160)


def _place(value: IndicatorValue) -> tuple[str, str]:
    from bangkom.regional.services.common import wilayah_label

    if value.unit_id is not None:
        assert value.unit is not None
        return f"u:{value.unit_id}", value.unit.nama
    assert value.wilayah is not None
    return f"w:{value.wilayah_id}", wilayah_label(value.wilayah)


def series_of(values: Iterable[IndicatorValue], *, monthly: bool) -> list[Series]:
    by_place: dict[str, Series] = {}
    for value in values:
        key, name = _place(value)
        series = by_place.setdefault(key, Series(key=key, place=name, monthly=monthly))
        series.points.append((value.periode, value.nilai))
    for series in by_place.values():
        series.points.sort()
    return sorted(by_place.values(), key=lambda s: s.place)


@dataclass
class IndicatorRow:
    indicator: Indicator
    series: list[Series]

    @property
    def shown(self) -> list[Series]:
        return self.series[:PLACES_SHOWN]

    @property
    def hidden_count(self) -> int:
        return max(0, len(self.series) - PLACES_SHOWN)


def indicator_rows(
    indicators: Sequence[Indicator], values: QuerySet[IndicatorValue], *, since: date
) -> list[IndicatorRow]:
    """The page's indicators with their series since ``since``: one query for all values."""
    by_indicator: dict[int, list[IndicatorValue]] = defaultdict(list)
    for value in (
        values.filter(indicator__in=[i.pk for i in indicators], periode__gte=since)
        .select_related("unit", "wilayah")
        .order_by("periode")
    ):
        by_indicator[value.indicator_id].append(value)
    return [
        IndicatorRow(
            indicator=indicator,
            series=series_of(
                by_indicator.get(indicator.pk, []),
                monthly=indicator.periodisitas == Periodicity.MONTHLY,
            ),
        )
        for indicator in indicators
    ]


def filter_indicators(qs: QuerySet[Indicator], params: dict[str, Any]) -> QuerySet[Indicator]:
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__icontains=q))
    if params.get("jenis"):
        qs = qs.filter(jenis=params["jenis"])
    return qs.order_by("kode")


# ----------------------------------------------------------------------------- rules, priorities


def rule_list(qs: QuerySet[SignalRule]) -> QuerySet[SignalRule]:
    return qs.prefetch_related(
        Prefetch("competencies", queryset=Competency.objects.order_by("jenis", "kode"))
    ).order_by("nama", "pk")


def priority_list(qs: QuerySet[PlanPriority]) -> QuerySet[PlanPriority]:
    return qs.prefetch_related(
        Prefetch("competencies", queryset=Competency.objects.order_by("jenis", "kode")),
        Prefetch("units", queryset=Unit.objects.order_by("path")),
    ).order_by("-tahun_mulai", "tema", "pk")


def factors_of(instansi_id: int, source_key: str) -> QuerySet[WeightFactor]:
    return (
        WeightFactor.objects.filter(instansi_id=instansi_id, source_key=source_key)
        .select_related("competency", "unit")
        .order_by("-tahun", "competency__kode", "unit__path")
    )


def positions_for_factor(factor: WeightFactor) -> QuerySet[Position]:
    """The positions a weight factor reaches, as :class:`WeightFactor` describes: the unit's
    subtree (the instansi when empty), narrowed by position class and name keyword."""
    qs = Position.objects.filter(instansi_id=factor.instansi_id)
    if factor.unit_id is not None:
        assert factor.unit is not None
        qs = qs.filter(unit__path__startswith=factor.unit.path)
    if factor.position_classes:
        qs = qs.filter(kelas__in=factor.position_classes)
    if factor.position_keyword:
        qs = qs.filter(nama__icontains=factor.position_keyword)
    return qs.select_related("unit").order_by("unit__path", "nama")


def factor_reach(
    factors: Sequence[WeightFactor], instansi: Any
) -> list[tuple[str, list[Position]]]:
    """For the latest plan year of ``factors``: each target unit with the positions it reaches
    (one query per target unit; a source aims at a handful)."""
    if not factors:
        return []
    latest = max(f.tahun for f in factors)
    reach: list[tuple[str, list[Position]]] = []
    seen: set[int | None] = set()
    for factor in factors:
        if factor.tahun != latest or factor.unit_id in seen:
            continue
        seen.add(factor.unit_id)
        name = factor.unit.nama if factor.unit is not None else instansi.nama
        reach.append((name, list(positions_for_factor(factor)[:50])))
    return reach


# ----------------------------------------------------------------------------- public input


def input_list(qs: QuerySet[PublicInput], params: dict[str, Any]) -> QuerySet[PublicInput]:
    status = params.get("status") or "menunggu"
    if status != "semua":
        qs = qs.filter(status=status)
    if params.get("kategori"):
        qs = qs.filter(kategori=params["kategori"])
    return qs.prefetch_related(
        Prefetch("competencies", queryset=Competency.objects.order_by("kode"))
    ).order_by("-created_at", "-pk")


def input_counts(qs: QuerySet[PublicInput]) -> dict[str, int]:
    rows = qs.values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


# ----------------------------------------------------------------------------- SKM


@dataclass(frozen=True)
class SampleCheck:
    """Krejcie–Morgan: whether a period's respondents are enough for its population of users."""

    respondents: int
    population_year: int
    parts: int  # periods in a year: 1, 4 or 12

    @property
    def population(self) -> int:
        """The period's share of the yearly users, rounded up (never understating the need)."""
        return max(1, math.ceil(self.population_year / self.parts))

    @property
    def minimum(self) -> int:
        return krejcie_morgan(self.population)

    @property
    def enough(self) -> bool:
        return self.respondents >= self.minimum

    @property
    def message(self) -> str:
        text = _("n responden = %(n)s dari minimal %(min)s untuk populasi %(pop)s") % {
            "n": id_number(self.respondents),
            "min": id_number(self.minimum),
            "pop": id_number(self.population),
        }
        if self.parts > 1:
            text += _(" (%(year)s pengguna layanan per tahun ÷ %(parts)d)") % {
                "year": id_number(self.population_year),
                "parts": self.parts,
            }
        return text


@dataclass
class SkmUnitResult:
    unit: Unit
    period: Period
    convention: WeightConvention
    threshold: Decimal
    total: int = 0
    result: IkmResult | None = None
    sample: SampleCheck | None = None
    error: str = ""

    @property
    def low(self) -> dict[str, Decimal]:
        """U6 and U7 with an NRR below the threshold (on the reported, 2-decimal NRR)."""
        if self.result is None:
            return {}
        nrr = self.result.nrr_by_element()
        return {code: nrr[code] for code in ("U6", "U7") if nrr[code] < self.threshold}

    @property
    def elements(self) -> list[dict[str, Any]]:
        if self.result is None:
            return []
        low = self.low
        return [
            {
                "code": code,
                "name": name,
                "nrr": nrr,
                "nrr_text": id_fixed(nrr, 2),
                "percent": float(nrr / 4 * 100),
                "low": code in low,
            }
            for (code, name), nrr in zip(ELEMENTS, self.result.nrr, strict=True)
        ]

    @property
    def convention_label(self) -> str:
        return self.convention.label


def settings_for(instansi_id: int) -> RegionalSettings:
    found = RegionalSettings.objects.filter(instansi_id=instansi_id).first()
    return found if found is not None else RegionalSettings(instansi_id=instansi_id)


def period_responses(period: Period) -> QuerySet[SkmResponse]:
    """Counted responses that belong to ``period``: dated inside it, or imported into it or into
    a period inside it. Held (awaiting moderation) and rejected answers never count."""
    return SkmResponse.objects.filter(
        periode_awal__gte=period.start,
        periode_akhir__lte=period.end,
        status=ResponseStatus.COUNTED,
    )


def _result(
    unit: Unit,
    period: Period,
    rows: list[tuple[int | None, ...]],
    settings: RegionalSettings,
    population_year: int | None,
) -> SkmUnitResult:
    outcome = SkmUnitResult(
        unit=unit,
        period=period,
        convention=settings.convention,
        threshold=settings.skm_nrr_threshold,
        total=len(rows),
    )
    if rows:
        try:
            outcome.result = compute_ikm(rows, convention=settings.convention)
        except IkmError as err:
            outcome.error = str(err)
    if population_year:
        outcome.sample = SampleCheck(
            respondents=outcome.result.responses if outcome.result else 0,
            population_year=population_year,
            parts=period.parts_of_year,
        )
    return outcome


def skm_unit_result(unit: Unit, period: Period) -> SkmUnitResult:
    """The IKM of one unit for one period, computed by :func:`bangkom.lib.ikm.compute_ikm`."""
    settings = settings_for(unit.instansi_id)
    rows = list(period_responses(period).filter(unit=unit).values_list(*SCORE_FIELDS))
    population = getattr(getattr(unit, "skm_settings", None), "populasi_tahunan", None)
    return _result(unit, period, rows, settings, population)


def skm_overview(
    units: Sequence[Unit], period: Period, settings: RegionalSettings
) -> list[SkmUnitResult]:
    """The IKM of each of ``units`` for ``period``: one query for every response."""
    rows: dict[int, list[tuple[int | None, ...]]] = defaultdict(list)
    for unit_id, *scores in (
        period_responses(period)
        .filter(unit__in=[u.pk for u in units])
        .values_list("unit_id", *SCORE_FIELDS)
        .order_by()
    ):
        rows[unit_id].append(tuple(scores))
    results = []
    for unit in units:
        skm_settings = getattr(unit, "skm_settings", None)
        population = skm_settings.populasi_tahunan if skm_settings is not None else None
        results.append(_result(unit, period, rows.get(unit.pk, []), settings, population))
    return results


def skm_units(units: QuerySet[Unit], period: Period) -> QuerySet[Unit]:
    """Units with an open survey or with responses in ``period``, with their settings."""
    in_period = Q(
        skm_responses__periode_awal__gte=period.start,
        skm_responses__periode_akhir__lte=period.end,
        skm_responses__status=ResponseStatus.COUNTED,
    )
    return (
        units.annotate(period_responses=Count("skm_responses", filter=in_period))
        .filter(Q(skm_settings__is_open=True) | Q(period_responses__gt=0))
        .select_related("skm_settings")
        .order_by("path")
    )


def skm_imports(unit: Unit) -> QuerySet[SkmImport]:
    return SkmImport.objects.filter(unit=unit).order_by("-created_at", "-pk")


def skm_rows_between(
    unit_ids: Sequence[int], start: date, end: date
) -> dict[int, list[tuple[int | None, ...]]]:
    """The counted U1–U9 rows of each unit dated (or imported for a period) within ``start`` to
    ``end``, one query; for before/after comparisons (evaluation Level 4)."""
    rows: dict[int, list[tuple[int | None, ...]]] = defaultdict(list)
    for unit_id, *scores in (
        SkmResponse.objects.filter(
            unit_id__in=list(unit_ids),
            periode_awal__gte=start,
            periode_akhir__lte=end,
            status=ResponseStatus.COUNTED,
        )
        .values_list("unit_id", *SCORE_FIELDS)
        .order_by()
    ):
        rows[unit_id].append(tuple(scores))
    return rows


def skm_comments_between(
    unit_ids: Sequence[int], start: date, end: date, *, limit: int = 50
) -> QuerySet[SkmResponse]:
    """Counted public answers with a suggestion (saran) for the units, served within the dates,
    newest first; the public's own words, without any data that could name them."""
    return (
        SkmResponse.objects.filter(
            unit_id__in=list(unit_ids),
            tanggal__gte=start,
            tanggal__lte=end,
            status=ResponseStatus.COUNTED,
        )
        .exclude(saran="")
        .select_related("unit")
        .order_by("-tanggal", "-pk")[: max(1, min(limit, 500))]
    )
