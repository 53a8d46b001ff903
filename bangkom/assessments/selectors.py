"""Reads for the assessment pages and for the employee profile. Each does its own joins and
prefetches so that a page's query count does not grow with its data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from bangkom.assessments.models import (
    Assessment,
    AssessmentRound,
    AssessmentSource,
    CalibrationFlag,
    CurrentLevel,
    PerformanceRating,
    RoundStatus,
)
from bangkom.competencies.models import Competency, CompetencyLevel, PositionStandard
from bangkom.organisation.models import Employee


@dataclass(frozen=True)
class LevelRow:
    """One competency of an employee: what the standard requires, the current level, the gap."""

    competency: Competency
    required_level: int | None  # None: not in the standard of the position
    current_level: int | None  # None: not assessed yet
    source: str = ""
    source_label: str = ""
    assessed_on: date | None = None

    @property
    def gap(self) -> int | None:
        """Required minus current, never below 0; ``None`` while either is unknown."""
        if self.required_level is None or self.current_level is None:
            return None
        return max(self.required_level - self.current_level, 0)


def _standard(employee: Employee) -> list[PositionStandard]:
    if employee.position_id is None:
        return []
    return list(
        PositionStandard.objects.filter(position_id=employee.position_id)
        .select_related("competency")
        .order_by("competency__jenis", "competency__kode")
    )


def current_levels_for(employee: Employee) -> list[LevelRow]:
    """The employee's competencies: every line of their position's standard (assessed or not),
    then any other competency they hold a current level in. Two queries."""
    labels = dict(AssessmentSource.choices)
    current = {
        c.competency_id: c
        for c in CurrentLevel.objects.filter(employee=employee).select_related("competency")
    }
    rows = []
    for line in _standard(employee):
        held = current.pop(line.competency_id, None)
        rows.append(
            LevelRow(
                competency=line.competency,
                required_level=line.required_level,
                current_level=held.level if held else None,
                source=held.source if held else "",
                source_label=str(labels.get(held.source, held.source)) if held else "",
                assessed_on=held.assessed_on if held else None,
            )
        )
    for held in sorted(current.values(), key=lambda c: (c.competency.jenis, c.competency.kode)):
        rows.append(
            LevelRow(
                competency=held.competency,
                required_level=None,
                current_level=held.level,
                source=held.source,
                source_label=str(labels.get(held.source, held.source)),
                assessed_on=held.assessed_on,
            )
        )
    return rows


def assessment_history_for(employee: Employee) -> QuerySet[Assessment]:
    """Every rating of the employee, newest first, with its round, competency and assessor."""
    return (
        Assessment.objects.filter(employee=employee)
        .select_related("round", "competency", "assessor")
        .order_by("-assessed_on", "-id")
    )


# ----------------------------------------------------------------------------- rounds


def open_round(instansi_id: int) -> AssessmentRound | None:
    """The instansi's open round (at most one), whether or not its dates have come."""
    return AssessmentRound.objects.filter(instansi_id=instansi_id, status=RoundStatus.OPEN).first()


def rounds_with_counts(qs: QuerySet[AssessmentRound]) -> QuerySet[AssessmentRound]:
    # distinct: the joins of ratings and flags multiply each other's rows
    return qs.annotate(
        self_count=Count(
            "assessments", filter=Q(assessments__source=AssessmentSource.SELF), distinct=True
        ),
        supervisor_count=Count(
            "assessments",
            filter=Q(assessments__source=AssessmentSource.SUPERVISOR),
            distinct=True,
        ),
        employees_rated=Count("assessments__employee", distinct=True),
        open_flags=Count(
            "calibration_flags",
            filter=Q(calibration_flags__calibration__isnull=True),
            distinct=True,
        ),
    ).order_by("instansi__nama", "-opens_on", "-id")


def _latest_by_pair(
    rows: Iterable[Assessment],
) -> dict[tuple[int, int], Assessment]:
    latest: dict[tuple[int, int], Assessment] = {}
    for row in rows:  # ordered oldest first: the last one wins
        latest[(row.employee_id, row.competency_id)] = row
    return latest


def round_ratings(
    assessment_round: AssessmentRound, employee_ids: Iterable[int], source: str
) -> dict[tuple[int, int], Assessment]:
    """The latest rating of ``source`` per employee × competency in the round (one query)."""
    return _latest_by_pair(
        Assessment.objects.filter(
            round=assessment_round, source=source, employee_id__in=list(employee_ids)
        ).order_by("assessed_on", "id")
    )


# ----------------------------------------------------------------------------- self-assessment


@dataclass
class SelfCard:
    """One competency card of the self-assessment page."""

    competency: Competency
    required_level: int
    levels: list[CompetencyLevel]
    latest: Assessment | None


def self_assessment_cards(
    employee: Employee, assessment_round: AssessmentRound | None
) -> list[SelfCard]:
    """The standard's competencies with their official level descriptions and indicators and
    the employee's latest self-rating in the round (three queries)."""
    if employee.position_id is None:
        return []
    lines = list(
        PositionStandard.objects.filter(position_id=employee.position_id)
        .select_related("competency")
        .prefetch_related(
            Prefetch(
                "competency__levels",
                queryset=CompetencyLevel.objects.order_by("level"),
            )
        )
        .order_by("competency__jenis", "competency__kode")
    )
    latest = (
        round_ratings(assessment_round, [employee.pk], AssessmentSource.SELF)
        if assessment_round
        else {}
    )
    return [
        SelfCard(
            competency=line.competency,
            required_level=line.required_level,
            levels=list(line.competency.levels.all()),
            latest=latest.get((employee.pk, line.competency_id)),
        )
        for line in lines
    ]


# ----------------------------------------------------------------------------- supervisor grid


@dataclass
class GridCell:
    competency: Competency
    in_standard: bool
    required_level: int | None = None
    self_level: int | None = None
    supervisor_level: int | None = None
    calibrated_level: int | None = None


@dataclass
class GridRow:
    employee: Employee
    cells: list[GridCell] = field(default_factory=list)

    @property
    def rated(self) -> int:
        return sum(1 for c in self.cells if c.supervisor_level is not None)

    @property
    def total(self) -> int:
        return sum(1 for c in self.cells if c.in_standard)


@dataclass
class Grid:
    competencies: list[Competency]
    rows: list[GridRow]


def supervisor_grid(
    subordinates: QuerySet[Employee], assessment_round: AssessmentRound | None
) -> Grid:
    """Direct subordinates × the competencies of their standards, with the latest self,
    supervisor and calibrated levels of the round. A fixed number of queries (five)."""
    employees = list(subordinates.order_by("nama", "nip"))
    position_ids = {e.position_id for e in employees if e.position_id}
    required: dict[int, dict[int, int]] = defaultdict(dict)
    competencies: dict[int, Competency] = {}
    for line in PositionStandard.objects.filter(position_id__in=position_ids).select_related(
        "competency"
    ):
        required[line.position_id][line.competency_id] = line.required_level
        competencies[line.competency_id] = line.competency
    columns = sorted(competencies.values(), key=lambda c: (c.jenis, c.kode))
    ids = [e.pk for e in employees]
    latest: dict[str, dict[tuple[int, int], Assessment]] = {}
    if assessment_round is not None and ids:
        rows = Assessment.objects.filter(
            round=assessment_round,
            employee_id__in=ids,
            source__in=[
                AssessmentSource.SELF,
                AssessmentSource.SUPERVISOR,
                AssessmentSource.CALIBRATION,
            ],
        ).order_by("assessed_on", "id")
        by_source: dict[str, list[Assessment]] = defaultdict(list)
        for row in rows:
            by_source[row.source].append(row)
        latest = {source: _latest_by_pair(rows) for source, rows in by_source.items()}

    def level(source: str, pair: tuple[int, int]) -> int | None:
        row = latest.get(source, {}).get(pair)
        return row.level if row else None

    grid_rows = []
    for employee in employees:
        standard = required.get(employee.position_id or 0, {})
        cells = []
        for competency in columns:
            pair = (employee.pk, competency.pk)
            cells.append(
                GridCell(
                    competency=competency,
                    in_standard=competency.pk in standard,
                    required_level=standard.get(competency.pk),
                    self_level=level(AssessmentSource.SELF, pair),
                    supervisor_level=level(AssessmentSource.SUPERVISOR, pair),
                    calibrated_level=level(AssessmentSource.CALIBRATION, pair),
                )
            )
        grid_rows.append(GridRow(employee=employee, cells=cells))
    return Grid(competencies=columns, rows=grid_rows)


# ----------------------------------------------------------------------------- calibration


def filter_flags(qs: QuerySet[CalibrationFlag], params: Any) -> QuerySet[CalibrationFlag]:
    status = params.get("status", "belum")
    if status == "belum":
        qs = qs.filter(calibration__isnull=True)
    elif status == "sudah":
        qs = qs.filter(calibration__isnull=False)
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(employee__nama__icontains=q) | Q(employee__nip__startswith=q))
    return qs.order_by("-difference", "employee__nama", "competency__kode")


# ----------------------------------------------------------------------------- performance


def performance_for(employee: Employee) -> QuerySet[PerformanceRating]:
    return PerformanceRating.objects.filter(employee=employee).order_by("-tahun")


def filter_performance(qs: QuerySet[PerformanceRating], params: Any) -> QuerySet[PerformanceRating]:
    if params.get("tahun", "").isdigit():
        qs = qs.filter(tahun=int(params["tahun"]))
    if params.get("predikat"):
        qs = qs.filter(predikat=params["predikat"])
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(employee__nama__icontains=q) | Q(employee__nip__startswith=q))
    return qs.prefetch_related("links__competency").order_by("-tahun", "employee__nama")
