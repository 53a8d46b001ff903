"""The data behind the award criteria and the unit leaderboard, read in a fixed number of
queries per instansi and year: JP from the ledger, weighted gaps from the needs analysis,
normalised gains from the evaluation's pre/post tests, SKP predicates from assessments."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from bangkom.assessments.models import PerformanceRating
from bangkom.delivery.ledger.selectors import counted_employees, employees_year
from bangkom.evaluation.models import LearningScore
from bangkom.evaluation.statistics.gain import normalised_gain
from bangkom.needs.models import EmployeeNeeds
from bangkom.organisation.models import Employee, Instansi, Unit
from bangkom.recognition.awards.criteria import Values, gap_closed_percent

GAIN_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Person:
    employee_id: int
    nip: str
    name: str
    unit_id: int | None
    values: Values


def _gains(instansi: Instansi, year: int) -> dict[str, Decimal]:
    """NIP -> the mean of the ASN's normalised gains over the year's tests (pre = max skipped:
    no room to improve, the gain is undefined)."""
    per_nip: dict[str, list[Fraction]] = defaultdict(list)
    rows = LearningScore.objects.filter(
        assessment__batch__instansi=instansi,
        assessment__batch__year=year,
        pre__isnull=False,
        post__isnull=False,
    ).values_list("nip", "pre", "post", "assessment__max_score")
    for nip, pre, post, max_score in rows:
        if pre is None or post is None:
            continue
        gain = normalised_gain(Fraction(pre), Fraction(post), Fraction(max_score))
        if gain is not None:
            per_nip[nip].append(gain)
    return {
        nip: Decimal(float(sum(gains) / len(gains))).quantize(GAIN_PLACES, ROUND_HALF_UP)
        for nip, gains in per_nip.items()
    }


def people(instansi: Instansi, year: int) -> list[Person]:
    """Every ASN counted in the year (ledger rule) with their values, by NIP."""
    employees = counted_employees(instansi, year)
    ledger = employees_year(employees, year, as_of=date(year, 12, 31))
    gaps: dict[tuple[int, int], Decimal] = {
        (employee_id, tahun): score
        for employee_id, tahun, score in EmployeeNeeds.objects.filter(
            instansi=instansi, tahun__in=(year - 1, year)
        ).values_list("employee_id", "tahun", "total_score")
    }
    gains = _gains(instansi, year)
    skp = dict(
        PerformanceRating.objects.filter(instansi=instansi, tahun=year).values_list(
            "employee_id", "predikat"
        )
    )
    return [
        Person(
            employee_id=line.employee_id,
            nip=line.nip,
            name=line.name,
            unit_id=line.unit_id,
            values=Values(
                jp_earned=line.jp_earned,
                jp_target=line.jp_target,
                gap_earlier=gaps.get((line.employee_id, year - 1)),
                gap_current=gaps.get((line.employee_id, year)),
                gain=gains.get(line.nip),
                skp=skp.get(line.employee_id),
            ),
        )
        for line in ledger
    ]


def person(employee: Employee, year: int) -> Person | None:
    return next((p for p in people(employee.instansi, year) if p.employee_id == employee.pk), None)


# --- the unit leaderboard ---------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    name: str
    asn: int
    jp_met: int
    gap_average: Decimal | None  # mean share of the weighted gap closed, over ASN who had one
    gap_counted: int
    gain_average: Decimal | None
    gain_counted: int

    @property
    def jp_met_percent(self) -> Decimal:
        if not self.asn:
            return Decimal(0)
        return (Decimal(self.jp_met) * 100 / self.asn).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _mean(values: list[Decimal], places: Decimal) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(places, ROUND_HALF_UP)


def leaderboard(instansi: Instansi, year: int) -> list[UnitRow]:
    """One row per OPD (top-level unit) with ASN counted in the year: share meeting the JP
    duty, mean weighted gap closed, mean normalised gain. Ordered by the JP share, then the
    gap closed, then the gain (higher first), then name. Units only: nobody is ranked here."""
    opds = list(Unit.objects.filter(instansi=instansi, parent__isnull=True).order_by("nama"))
    paths = dict(Unit.objects.filter(instansi=instansi).values_list("pk", "path"))
    by_opd: dict[int, list[Person]] = defaultdict(list)
    for one in people(instansi, year):
        path = paths.get(one.unit_id or 0, "")
        opd = next((u for u in opds if path.startswith(u.path)), None) if path else None
        if opd is not None:
            by_opd[opd.pk].append(one)
    rows = []
    for opd in opds:
        members = by_opd.get(opd.pk, [])
        if not members:
            continue
        gaps = [g for m in members if (g := gap_closed_percent(m.values)) is not None]
        gains = [m.values.gain for m in members if m.values.gain is not None]
        rows.append(
            UnitRow(
                unit_id=opd.pk,
                name=opd.nama,
                asn=len(members),
                jp_met=sum(
                    1
                    for m in members
                    if m.values.jp_target > 0 and m.values.jp_earned >= m.values.jp_target
                ),
                gap_average=_mean(gaps, Decimal("0.01")),
                gap_counted=len(gaps),
                gain_average=_mean(gains, GAIN_PLACES),
                gain_counted=len(gains),
            )
        )
    low = Decimal(-(10**6))
    rows.sort(
        key=lambda r: (
            -r.jp_met_percent,
            -(r.gap_average if r.gap_average is not None else low),
            -(r.gain_average if r.gain_average is not None else low),
            r.name,
        )
    )
    return rows
