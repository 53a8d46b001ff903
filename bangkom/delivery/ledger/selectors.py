"""Reads of the JP ledger: per ASN and year, per unit and instansi. The pages, the
``jp-ledger`` command and the optimiser's ``jp_done`` all come from here.

Who is counted in a year: active employees (``Employee.is_active``) whose TMT CPNS is not after
the year. ``Employee`` has no leaving date yet, so a leaver is simply inactive and drops out;
:func:`rules.service_window` already prorates a leaving month once the field exists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from bangkom.delivery.ledger.rules import (
    Window,
    base_target,
    expected_by,
    service_window,
    target_for,
)
from bangkom.delivery.models import ClaimStatus, ExternalLearningClaim, JpCredit
from bangkom.organisation.models import Employee, Instansi, Unit

JP_FIELD: DecimalField[Decimal, Decimal] = DecimalField(max_digits=9, decimal_places=2)


@dataclass(frozen=True)
class Line:
    activity: str
    date: date
    jp: Decimal
    source: str
    source_label: str
    form: str


@dataclass(frozen=True)
class EmployeeYear:
    employee_id: int
    nip: str
    name: str
    unit_id: int | None
    jp_earned: Decimal
    jp_target: int
    jp_expected: Decimal
    on_track: bool
    lines: list[Line] = field(default_factory=list)

    @property
    def percent(self) -> int:
        """Progress against the target, capped at 100 for the bar."""
        if self.jp_target <= 0:
            return 100
        return min(100, int(self.jp_earned * 100 / self.jp_target))

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), Decimal(self.jp_target) - self.jp_earned)


def counted_employees(instansi: Instansi | int, year: int) -> QuerySet[Employee]:
    return Employee.objects.filter(instansi=instansi, is_active=True).exclude(
        tmt_cpns__gt=date(year, 12, 31)
    )


def _window(employee: Employee, year: int) -> Window | None:
    return service_window(year, joined=employee.tmt_cpns)


def _summarise(
    employee: Employee, year: int, as_of: date, credits: Iterable[JpCredit], target: int
) -> EmployeeYear:
    lines = [
        Line(
            activity=credit.activity,
            date=credit.date,
            jp=credit.jp,
            source=credit.source,
            source_label=credit.get_source_display(),
            form=credit.form.nama if credit.form_id and credit.form else "",
        )
        for credit in credits
    ]
    earned = sum((line.jp for line in lines), Decimal(0))
    window = _window(employee, year)
    if window is None:
        jp_target, expected = 0, Decimal(0)
    else:
        jp_target = target_for(target, window)
        expected = expected_by(jp_target, window, as_of)
    return EmployeeYear(
        employee_id=employee.pk,
        nip=employee.nip,
        name=employee.display_name,
        unit_id=employee.unit_id,
        jp_earned=earned,
        jp_target=jp_target,
        jp_expected=expected,
        on_track=earned >= expected,
        lines=lines,
    )


def employee_year(employee: Employee, year: int, *, as_of: date) -> EmployeeYear:
    """One ASN's year: JP earned, target, whether on track at ``as_of``, and the lines."""
    credits = (
        JpCredit.objects.filter(employee=employee, year=year)
        .select_related("form")
        .order_by("date", "pk")
    )
    return _summarise(employee, year, as_of, credits, base_target())


def employees_year(employees: QuerySet[Employee], year: int, *, as_of: date) -> list[EmployeeYear]:
    """Every listed ASN's year, in two queries whatever their number."""
    target = base_target()
    people = list(employees.order_by("nip"))
    by_employee: dict[int, list[JpCredit]] = defaultdict(list)
    # A subquery rather than a list of ids: a city's 20,000 ASN would be 20,000 parameters.
    credits = (
        JpCredit.objects.filter(year=year, employee__in=employees.values("pk"))
        .select_related("form")
        .order_by("date", "pk")
    )
    for credit in credits:
        by_employee[credit.employee_id].append(credit)
    return [_summarise(e, year, as_of, by_employee.get(e.pk, []), target) for e in people]


def instansi_year(instansi: Instansi, year: int, *, as_of: date) -> list[EmployeeYear]:
    return employees_year(counted_employees(instansi, year), year, as_of=as_of)


def jp_earned_by_employee(
    instansi_id: int, year: int, employee_ids: Iterable[int]
) -> dict[int, float]:
    """JP credited in ``year`` per employee (absent: none), one grouped query over the
    instansi (no list of 20,000 ids bound as parameters)."""
    wanted = set(employee_ids)
    rows = (
        JpCredit.objects.filter(year=year, employee__instansi_id=instansi_id)
        .values("employee_id")
        .annotate(total=Sum("jp"))
        .order_by()
    )
    return {row["employee_id"]: float(row["total"]) for row in rows if row["employee_id"] in wanted}


# ----------------------------------------------------------------------------- on track, in SQL


def _annotated(instansi: Instansi, year: int, as_of: date) -> QuerySet[Employee]:
    """Employees with ``earned`` and ``expected`` computed by the database. ``expected``
    depends only on the month an ASN joined, so it is a CASE over at most 13 constants
    taken from :mod:`rules`, the same numbers :func:`employee_year` uses."""
    target = base_target()
    earned = Subquery(
        JpCredit.objects.filter(employee=OuterRef("pk"), year=year)
        .values("employee")
        .annotate(total=Sum("jp"))
        .values("total"),
        output_field=JP_FIELD,
    )
    full = service_window(year, joined=None)
    assert full is not None
    whens = []
    for month in range(1, 13):
        window = service_window(year, joined=date(year, month, 1))
        assert window is not None
        whens.append(
            When(
                tmt_cpns__year=year,
                tmt_cpns__month=month,
                then=Value(expected_by(target_for(target, window), window, as_of)),
            )
        )
    expected = Case(
        *whens,
        default=Value(expected_by(target_for(target, full), full, as_of)),
        output_field=JP_FIELD,
    )
    return counted_employees(instansi, year).annotate(
        earned=Coalesce(earned, Value(Decimal(0)), output_field=JP_FIELD),
        expected=expected,
    )


@dataclass(frozen=True)
class ShareRow:
    unit: Unit | None
    depth: int
    total: int
    on_track: int

    @property
    def percent(self) -> int:
        return round(self.on_track * 100 / self.total) if self.total else 0

    @property
    def behind(self) -> int:
        return self.total - self.on_track


@dataclass(frozen=True)
class Shares:
    instansi: Instansi
    year: int
    as_of: date
    total: ShareRow
    units: list[ShareRow]


def on_track_shares(
    instansi: Instansi, year: int, *, as_of: date, under: Iterable[str] | None = None
) -> Shares:
    """The share of ASN on track per unit (its whole subtree) and for the instansi.

    Two queries however many ASN and units: one GROUP BY over employees, one for the units.
    ``under``: unit paths to restrict to (an OPD admin's subtrees); None for the instansi.
    """
    rows = (
        _annotated(instansi, year, as_of)
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            on_track=Count("pk", filter=Q(earned__gte=F("expected"))),
        )
        .order_by()
    )
    direct = {row["unit_id"]: (row["total"], row["on_track"]) for row in rows}
    units = list(Unit.objects.filter(instansi=instansi).order_by("path"))
    paths = list(under) if under is not None else None
    if paths is not None:
        units = [u for u in units if any(u.path.startswith(p) for p in paths)]
    # Roll each unit's own counts up to every ancestor on its materialised path ("12/40/41/").
    subtree: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for unit in units:
        own_total, own_ok = direct.get(unit.pk, (0, 0))
        parts = unit.path.strip("/").split("/")
        for depth in range(1, len(parts) + 1):
            counts = subtree["/".join(parts[:depth]) + "/"]
            counts[0] += own_total
            counts[1] += own_ok
    by_path = {unit.path: direct.get(unit.pk, (0, 0)) for unit in units}
    share_rows = []
    for unit in units:
        total, ok = subtree[unit.path]
        if total:
            share_rows.append(ShareRow(unit=unit, depth=unit.depth, total=total, on_track=ok))
    # The instansi's total also counts ASN without a unit; a subtree's counts only its units.
    counted = direct.values() if paths is None else by_path.values()
    grand = (sum(t for t, _o in counted), sum(o for _t, o in counted))
    return Shares(
        instansi=instansi,
        year=year,
        as_of=as_of,
        total=ShareRow(unit=None, depth=0, total=grand[0], on_track=grand[1]),
        units=share_rows,
    )


def behind(
    instansi: Instansi, year: int, *, as_of: date, under: Iterable[str] | None = None
) -> QuerySet[Employee]:
    """ASN not on track at ``as_of`` (alerts, the on-track page), with unit and supervisor,
    annotated with ``earned`` and ``expected``; ``under`` limits to unit subtrees."""
    qs = _annotated(instansi, year, as_of).filter(Q(earned__lt=F("expected")))
    if under is not None:
        q = Q(pk__in=[])
        for path in under:
            q |= Q(unit__path__startswith=path)
        qs = qs.filter(q)
    return qs.select_related("unit", "supervisor", "instansi").order_by("nip")


def target_of(employee: Employee, year: int) -> int:
    window = _window(employee, year)
    return target_for(base_target(), window) if window else 0


def claims_pending(queryset: QuerySet[ExternalLearningClaim]) -> QuerySet[ExternalLearningClaim]:
    return queryset.filter(status=ClaimStatus.SUBMITTED).order_by("created_at", "pk")
