"""Level 4 — results, and community feedback: the indicators of the units whose ASN completed a
batch, before and after the batch's completion date, beside comparable units not trained.

Read-only selectors (another app's demo calls them; the page is ``evaluation:batch_results``):

- :func:`batch_results` — everything the page shows for one batch (angkatan);
- :func:`trained_units` — the units of the ASN who completed the batch, with how many;
- :func:`completion_date` — the date the comparison splits on.

The indicators, per unit and window:

- ``ikm``: the SKM IKM konversi (25–100) of the unit's counted answers (regional's SKM data;
  answers held for moderation never count), and ``U1``…``U9``, the NRR of each element;
- ``ind:<pk>``: each regional indicator with values for the unit (service time, permit backlog…),
  the mean of its values dated in the window;
- ``skp``: the share (%) of the unit's ASN with an SKP predicate of Baik or Sangat Baik, the year
  before the completion against the year of it.

For each indicator the page gives the trained units' mean change, the untrained units' mean
change (same instansi, same unit kind, no ASN who completed the program) and the difference of
the two. It is worded as change, never as effect: a difference-in-differences over a handful of
units says that things moved, not why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.assessments.models import PerformanceRating, SkpPredikat
from bangkom.delivery.models import Batch, Enrolment, EnrolmentStatus
from bangkom.lib.ikm import ELEMENTS, IkmError, compute_ikm
from bangkom.organisation.models import Employee, Unit
from bangkom.regional.models import IndicatorValue, SkmResponse
from bangkom.regional.numbers import id_fixed
from bangkom.regional.periods import add_months
from bangkom.regional.selectors import settings_for, skm_comments_between, skm_rows_between

DEFAULT_MONTHS = 6
MIN_MONTHS, MAX_MONTHS = 1, 24
MAX_COMPARISON_UNITS = 200
GOOD_SKP = (SkpPredikat.SANGAT_BAIK, SkpPredikat.BAIK)


@dataclass(frozen=True)
class Window:
    """The months before the completion date and the months after it (the day itself in
    neither)."""

    completed_on: date
    months: int

    @property
    def before_start(self) -> date:
        return add_months(self.completed_on, -self.months).replace(day=1)

    @property
    def before_end(self) -> date:
        return self.completed_on - timedelta(days=1)

    @property
    def after_start(self) -> date:
        return self.completed_on + timedelta(days=1)

    @property
    def after_end(self) -> date:
        return add_months(self.completed_on, self.months + 1) - timedelta(days=1)


@dataclass(frozen=True)
class IndicatorInfo:
    key: str
    label: str
    unit_label: str  # "poin", "%", or the indicator's satuan
    places: int = 2


@dataclass
class Measure:
    """One indicator of one unit: before, after, and how many values or answers each rests on."""

    before: Decimal | None = None
    after: Decimal | None = None
    n_before: int = 0
    n_after: int = 0

    @property
    def change(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class UnitRow:
    unit: Unit
    trained: int  # ASN of the unit who completed the batch (0 for a comparison unit)
    staff: int  # active ASN of the unit
    measures: dict[str, Measure] = field(default_factory=dict)

    def measure(self, key: str) -> Measure:
        return self.measures.get(key, Measure())


def signed(value: Decimal, places: int) -> str:
    text = id_fixed(value, places)
    return text if value < 0 else f"+{text}"


@dataclass
class Summary:
    """The trained and untrained units' mean change of one indicator, and their difference."""

    info: IndicatorInfo
    trained_change: Decimal | None
    trained_units: int
    untrained_change: Decimal | None
    untrained_units: int

    @property
    def difference(self) -> Decimal | None:
        if self.trained_change is None or self.untrained_change is None:
            return None
        return self.trained_change - self.untrained_change

    @property
    def sentence(self) -> str:
        """The change in words, with no claim of cause."""
        places, unit = self.info.places, self.info.unit_label
        if self.trained_change is None:
            return _("Belum ada unit yang dilatih dengan data sebelum dan sesudah.")
        trained = _("Unit yang dilatih berubah %(change)s %(unit)s (%(n)d unit)") % {
            "change": signed(self.trained_change, places),
            "unit": unit,
            "n": self.trained_units,
        }
        if self.untrained_change is None:
            return trained + _(
                "; belum ada unit pembanding yang tidak dilatih dengan data sebelum dan sesudah "
                "— perubahan, bukan bukti sebab."
            )
        assert self.difference is not None
        return trained + _(
            "; unit yang tidak dilatih berubah %(change)s %(unit)s (%(n)d unit); selisih "
            "%(diff)s %(unit)s — perubahan, bukan bukti sebab."
        ) % {
            "change": signed(self.untrained_change, places),
            "unit": unit,
            "n": self.untrained_units,
            "diff": signed(self.difference, places),
        }


@dataclass
class BatchResults:
    batch: Batch
    window: Window | None
    trained: list[UnitRow]
    untrained: list[UnitRow]
    indicators: list[IndicatorInfo]
    summaries: list[Summary]
    comments: list[SkmResponse]

    @property
    def trained_asn(self) -> int:
        return sum(row.trained for row in self.trained)


def completion_date(batch: Batch) -> date | None:
    """The latest completion of the batch's ASN (local date); ``None`` before anyone completed."""
    moments = [
        moment
        for moment in Enrolment.objects.filter(
            batch=batch, status=EnrolmentStatus.COMPLETED
        ).values_list("completed_at", flat=True)
        if moment is not None
    ]
    if not moments:
        return None
    return max(timezone.localdate(moment) for moment in moments)


def trained_units(batch: Batch) -> dict[int, int]:
    """Unit id → how many of its ASN completed ``batch`` (their unit today)."""
    rows = (
        Enrolment.objects.filter(
            batch=batch, status=EnrolmentStatus.COMPLETED, employee__unit__isnull=False
        )
        .values("employee__unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["employee__unit_id"]: row["n"] for row in rows}


def _program_unit_ids(batch: Batch) -> set[int]:
    """Units with an ASN who completed any batch of the same program template."""
    return set(
        Enrolment.objects.filter(
            batch__plan_program__template_id=batch.plan_program.template_id,
            batch__instansi_id=batch.instansi_id,
            status=EnrolmentStatus.COMPLETED,
            employee__unit__isnull=False,
        ).values_list("employee__unit_id", flat=True)
    )


def _mean(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def _skm_measures(rows: list[UnitRow], window: Window, convention: Any) -> None:
    ids = [row.unit.pk for row in rows]
    before = skm_rows_between(ids, window.before_start, window.before_end)
    after = skm_rows_between(ids, window.after_start, window.after_end)
    for row in rows:
        for side, source in (("before", before), ("after", after)):
            scores = source.get(row.unit.pk, [])
            if not scores:
                continue
            try:
                result = compute_ikm(scores, convention=convention)
            except IkmError:
                continue
            values = {"ikm": result.ikm_konversi, **result.nrr_by_element()}
            for key, value in values.items():
                measure = row.measures.setdefault(key, Measure())
                setattr(measure, side, value)
                setattr(measure, f"n_{side}", result.responses)


def _indicator_measures(rows: list[UnitRow], window: Window) -> list[IndicatorInfo]:
    ids = [row.unit.pk for row in rows]
    by_row = {row.unit.pk: row for row in rows}
    values: dict[tuple[int, int, str], list[Decimal]] = defaultdict(list)
    infos: dict[int, IndicatorInfo] = {}
    for value in (
        IndicatorValue.objects.filter(
            unit_id__in=ids, periode__gte=window.before_start, periode__lte=window.after_end
        )
        .exclude(periode=window.completed_on)
        .select_related("indicator")
        .order_by()
    ):
        assert value.unit_id is not None
        side = "before" if value.periode < window.completed_on else "after"
        values[(value.unit_id, value.indicator_id, side)].append(value.nilai)
        indicator = value.indicator
        infos[indicator.pk] = IndicatorInfo(
            key=f"ind:{indicator.pk}",
            label=f"{indicator.kode} {indicator.nama}",
            unit_label=indicator.satuan,
        )
    for (unit_id, indicator_id, side), found in values.items():
        measure = by_row[unit_id].measures.setdefault(f"ind:{indicator_id}", Measure())
        setattr(measure, side, _mean(found))
        setattr(measure, f"n_{side}", len(found))
    return sorted(infos.values(), key=lambda info: info.label)


def _skp_measures(rows: list[UnitRow], window: Window) -> bool:
    ids = [row.unit.pk for row in rows]
    by_row = {row.unit.pk: row for row in rows}
    years = {"before": window.completed_on.year - 1, "after": window.completed_on.year}
    counts: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, tahun, predikat in PerformanceRating.objects.filter(
        employee__unit_id__in=ids, tahun__in=list(years.values())
    ).values_list("employee__unit_id", "tahun", "predikat"):
        side = "before" if tahun == years["before"] else "after"
        tally = counts[(unit_id, side)]
        tally[0] += 1
        tally[1] += 1 if predikat in GOOD_SKP else 0
    for (unit_id, side), (total, good) in counts.items():
        measure = by_row[unit_id].measures.setdefault("skp", Measure())
        setattr(measure, side, Decimal(good * 100) / total)
        setattr(measure, f"n_{side}", total)
    return bool(counts)


def _summary(info: IndicatorInfo, trained: list[UnitRow], untrained: list[UnitRow]) -> Summary:
    def changes(rows: list[UnitRow]) -> list[Decimal]:
        return [c for row in rows if (c := row.measure(info.key).change) is not None]

    mine, theirs = changes(trained), changes(untrained)
    return Summary(
        info=info,
        trained_change=_mean(mine),
        trained_units=len(mine),
        untrained_change=_mean(theirs),
        untrained_units=len(theirs),
    )


def _staff(unit_ids: Sequence[int]) -> dict[int, int]:
    rows = (
        Employee.objects.filter(unit_id__in=list(unit_ids), is_active=True)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["unit_id"]: row["n"] for row in rows}


def batch_results(batch: Batch, *, months: int = DEFAULT_MONTHS) -> BatchResults:
    """The Level 4 comparison of ``batch``: see the module docstring. ``months`` (1–24) is the
    length of each window; a bounded number of queries whatever the data."""
    months = min(max(int(months), MIN_MONTHS), MAX_MONTHS)
    day = completion_date(batch)
    counts = trained_units(batch)
    units = {
        unit.pk: unit
        for unit in Unit.objects.filter(pk__in=list(counts), instansi_id=batch.instansi_id)
    }
    kinds = {unit.jenis for unit in units.values()}
    comparison = list(
        Unit.objects.filter(Q(instansi_id=batch.instansi_id) & Q(jenis__in=kinds))
        .exclude(pk__in=_program_unit_ids(batch) | set(units))
        .order_by("path")[:MAX_COMPARISON_UNITS]
    )
    staff = _staff([*units, *(unit.pk for unit in comparison)])
    trained = [
        UnitRow(unit=unit, trained=counts[pk], staff=staff.get(pk, 0))
        for pk, unit in sorted(units.items(), key=lambda item: item[1].path)
    ]
    untrained = [UnitRow(unit=unit, trained=0, staff=staff.get(unit.pk, 0)) for unit in comparison]
    if day is None:
        return BatchResults(batch, None, trained, untrained, [], [], [])
    window = Window(completed_on=day, months=months)
    every = trained + untrained
    _skm_measures(every, window, settings_for(batch.instansi_id).convention)
    indicators = [
        IndicatorInfo("ikm", _("IKM (konversi 25–100)"), _("poin")),
        *(IndicatorInfo(code, f"{code} {name}", _("poin")) for code, name in ELEMENTS),
    ]
    indicators += _indicator_measures(every, window)
    if _skp_measures(every, window):
        indicators.append(
            IndicatorInfo("skp", _("ASN dengan SKP Baik atau Sangat Baik"), _("poin persen"), 1)
        )
    comments = list(
        skm_comments_between(list(units), window.after_start, window.after_end, limit=50)
    )
    return BatchResults(
        batch=batch,
        window=window,
        trained=trained,
        untrained=untrained,
        indicators=indicators,
        summaries=[_summary(info, trained, untrained) for info in indicators],
        comments=comments,
    )
