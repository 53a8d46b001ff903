"""Reads of the surveys: aggregated results per unit, position and position class, with the
privacy rule, and the evidence the weight factors are derived from.

Every function runs a fixed number of queries whatever the number of answers: counts are
grouped in the database and assembled here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from bangkom.organisation.access import subtree_q
from bangkom.organisation.models import Employee, Position, PositionClass, Unit
from bangkom.surveys.models import (
    Answer,
    GroupLevel,
    Question,
    QuestionItem,
    QuestionKind,
    Survey,
    SurveyResponse,
)
from bangkom.surveys.stats import GroupEvidence, TaskStats, share_percent

# Groups with fewer respondents are hidden from everyone but the BKPSDM admins.
PRIVACY_MIN_GROUP = 3


class Grouping:
    OPD = "opd"
    UNIT = "unit"
    POSITION = "jabatan"
    POSITION_CLASS = "kelas"

    FIELDS = {
        OPD: "opd_id",
        UNIT: "unit_id",
        POSITION: "position_id",
        POSITION_CLASS: "position_class",
    }

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [
            (cls.OPD, _("OPD")),
            (cls.UNIT, _("Unit kerja")),
            (cls.POSITION, _("Jabatan")),
            (cls.POSITION_CLASS, _("Kelas jabatan")),
        ]

    @classmethod
    def parse(cls, raw: str | None) -> str:
        return raw if raw in cls.FIELDS else cls.OPD


@dataclass(frozen=True)
class Viewer:
    """Who looks at results: ``full`` sees every group and the individual answers (BKPSDM
    admins); others see groups of at least PRIVACY_MIN_GROUP respondents, and OPD admins only
    the respondents of their own subtrees (``paths``; None means the whole instansi)."""

    full: bool
    paths: tuple[str, ...] | None = None


def questions_with_items(survey: Survey) -> list[Question]:
    items = QuestionItem.objects.prefetch_related("competencies").order_by("urutan", "id")
    return list(
        survey.questions.order_by("urutan", "id").prefetch_related(Prefetch("items", items))
    )


def target_paths(survey: Survey) -> list[str]:
    """The paths of the survey's target units; empty when it targets the whole instansi."""
    return [unit.path for unit in survey.target_units.all()]


def responses_visible(survey: Survey, viewer: Viewer) -> QuerySet[SurveyResponse]:
    responses = SurveyResponse.objects.filter(survey=survey)
    if viewer.paths is not None:
        responses = responses.filter(subtree_q(viewer.paths, unit="unit"))
    return responses


def _answer_counts(
    responses: QuerySet[SurveyResponse], group_field: str
) -> dict[tuple[Any, int, int | None], int]:
    """(group key, item id, value) → number of answers; value is None for ticked items."""
    rows = (
        Answer.objects.filter(response__in=responses, item__isnull=False)
        .values_list(f"response__{group_field}", "item_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(group, item, value): n for group, item, value, n in rows}


# ----------------------------------------------------------------------------- results


@dataclass
class Cell:
    count: int = 0
    share: Decimal | None = None
    stats: TaskStats | None = None
    is_low: bool = False

    @property
    def mean(self) -> Decimal | None:
        return self.stats.mean if self.stats is not None else None

    @property
    def n(self) -> int:
        return self.stats.n if self.stats is not None else 0


@dataclass
class GroupRow:
    key: Any
    label: str
    respondents: int
    population: int
    hidden: bool = False
    cells: dict[int, list[Cell]] = field(default_factory=dict)  # question id → one per item

    @property
    def response_rate(self) -> Decimal | None:
        return share_percent(self.respondents, self.population)


@dataclass
class QuestionTable:
    question: Question
    items: list[QuestionItem]
    rows: list[tuple[GroupRow, list[Cell]]]
    total: list[Cell]


@dataclass
class SurveyResults:
    survey: Survey
    grouping: str
    viewer: Viewer
    groups: list[GroupRow]
    total: GroupRow
    tables: list[QuestionTable]
    hidden_groups: int
    text_answers: int
    min_group: int = PRIVACY_MIN_GROUP


def _population(
    survey: Survey, viewer: Viewer, targets: list[str]
) -> list[tuple[int | None, int | None, str | None, int]]:
    """Active ASN in the survey's target (and the viewer's subtrees) by unit, position, class."""
    employees = Employee.objects.filter(instansi_id=survey.instansi_id, is_active=True)
    if targets:
        employees = employees.filter(subtree_q(targets, unit="unit"))
    if viewer.paths is not None:
        employees = employees.filter(subtree_q(viewer.paths, unit="unit"))
    return list(
        employees.values_list("unit_id", "position_id", "position__kelas")
        .annotate(n=Count("id"))
        .order_by()
    )


def _group_labels(
    survey: Survey, grouping: str, keys: Iterable[Any], units: dict[int, Unit]
) -> dict[Any, tuple[Any, str]]:
    """key → (sort key, label)."""
    labels: dict[Any, tuple[Any, str]] = {}
    missing = str(_("Tanpa unit kerja"))
    if grouping in (Grouping.OPD, Grouping.UNIT):
        for key in keys:
            unit = units.get(key) if key is not None else None
            labels[key] = (unit.path, unit.nama) if unit else ("~", missing)
    elif grouping == Grouping.POSITION:
        positions = Position.objects.filter(pk__in=[k for k in keys if k is not None])
        by_pk = {p.pk: p for p in positions}
        for key in keys:
            position = by_pk.get(key)
            if position is None:
                labels[key] = ("~", str(_("Tanpa jabatan")))
            else:
                unit = units.get(position.unit_id)
                where = f" — {unit.nama}" if unit else ""
                labels[key] = ((position.nama, unit.path if unit else ""), position.nama + where)
    else:
        order = {value: i for i, value in enumerate(PositionClass.values)}
        names = dict(PositionClass.choices)
        for key in keys:
            if key in names:
                labels[key] = (order[key], str(names[key]))
            else:
                labels[key] = (len(order), str(_("Tanpa kelas jabatan")))
    return labels


def _opd_of(unit_id: int | None, units: dict[int, Unit]) -> int | None:
    unit = units.get(unit_id) if unit_id is not None else None
    return int(unit.path.split("/")[0]) if unit else None


def survey_results(survey: Survey, viewer: Viewer, grouping: str) -> SurveyResults:
    """Counts and shares per item, mean confidence per task, response rate per group."""
    group_field = Grouping.FIELDS[grouping]
    questions = questions_with_items(survey)
    responses = responses_visible(survey, viewer)
    respondents = dict(
        responses.order_by()
        .values(group_field)
        .annotate(n=Count("id"))
        .values_list(group_field, "n")
    )
    counts = _answer_counts(responses, group_field)
    text_answers = (
        Answer.objects.filter(
            response__in=responses, item__isnull=True, question__kind=QuestionKind.TEXT
        )
        .exclude(text="")
        .count()
    )
    units = {
        u.pk: u
        for u in Unit.objects.filter(instansi_id=survey.instansi_id).only(
            "nama", "path", "parent_id"
        )
    }
    targets = [u.path for u in survey.target_units.all()]

    population: dict[Any, int] = defaultdict(int)
    for unit_id, position_id, kelas, n in _population(survey, viewer, targets):
        key = {
            Grouping.OPD: _opd_of(unit_id, units),
            Grouping.UNIT: unit_id,
            Grouping.POSITION: position_id,
            Grouping.POSITION_CLASS: kelas or "",
        }[grouping]
        population[key] += n
    if grouping == Grouping.POSITION_CLASS:
        respondents = {(k or ""): v for k, v in respondents.items()}
        counts = {((g or ""), i, v): n for (g, i, v), n in counts.items()}

    keys = set(respondents) | {k for k, n in population.items() if n}
    labels = _group_labels(survey, grouping, keys, units)
    rows = [
        GroupRow(
            key=key,
            label=labels[key][1],
            respondents=respondents.get(key, 0),
            population=population.get(key, 0),
            hidden=not viewer.full and respondents.get(key, 0) < PRIVACY_MIN_GROUP,
        )
        for key in sorted(keys, key=lambda k: labels[k][0])
    ]
    visible = [row for row in rows if not row.hidden]
    total = GroupRow(
        key=None,
        label=str(_("Semua responden"))
        if len(visible) == len(rows)
        else str(_("Semua kelompok yang ditampilkan")),
        respondents=sum(row.respondents for row in visible),
        population=sum(row.population for row in visible),
    )
    total.hidden = not viewer.full and total.respondents < PRIVACY_MIN_GROUP

    threshold = survey.confidence_threshold
    tables = []
    for question in questions:
        if question.is_text:
            continue
        items = list(question.items.all())
        table_rows = []
        total_cells = [Cell() for _item in items]
        for row in rows:
            cells = []
            for index, item in enumerate(items):
                if question.is_confidence:
                    stats = TaskStats.from_counts(
                        {v: counts.get((row.key, item.pk, v), 0) for v in (1, 2, 3, 4)}
                    )
                    cell = Cell(stats=stats, is_low=stats.is_below(threshold))
                    if not row.hidden:
                        total_cells[index].stats = (total_cells[index].stats or TaskStats()) + stats
                else:
                    count = counts.get((row.key, item.pk, None), 0)
                    cell = Cell(count=count, share=share_percent(count, row.respondents))
                    if not row.hidden:
                        total_cells[index].count += count
                cells.append(cell)
            row.cells[question.pk] = cells
            table_rows.append((row, cells))
        for cell in total_cells:
            if question.is_confidence and cell.stats is not None:
                cell.is_low = cell.stats.is_below(threshold)
            elif not question.is_confidence:
                cell.share = share_percent(cell.count, total.respondents)
        tables.append(QuestionTable(question, items, table_rows, total_cells))
    return SurveyResults(
        survey=survey,
        grouping=grouping,
        viewer=viewer,
        groups=rows,
        total=total,
        tables=tables,
        hidden_groups=len(rows) - len(visible),
        text_answers=text_answers if viewer.full else 0,
    )


# ----------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class FactorEvidence:
    groups: list[GroupEvidence]
    units: dict[int, Unit]
    items: dict[int, QuestionItem]
    task_competencies: dict[int, list[int]]
    topic_competencies: dict[int, list[int]]


def factor_evidence(survey: Survey) -> FactorEvidence:
    """What every unit at the survey's factor level answered to its tasks and topics."""
    group_field = "opd_id" if survey.factor_level == GroupLevel.OPD else "unit_id"
    responses = SurveyResponse.objects.filter(survey=survey, **{f"{group_field}__isnull": False})
    respondents = dict(
        responses.order_by()
        .values(group_field)
        .annotate(n=Count("id"))
        .values_list(group_field, "n")
    )
    counts = _answer_counts(responses, group_field)
    items: dict[int, QuestionItem] = {}
    task_competencies: dict[int, list[int]] = {}
    topic_competencies: dict[int, list[int]] = {}
    for question in questions_with_items(survey):
        target = {
            QuestionKind.CONFIDENCE: task_competencies,
            QuestionKind.TOPICS: topic_competencies,
        }.get(QuestionKind(question.kind))
        if target is None:
            continue
        for item in question.items.all():
            items[item.pk] = item
            target[item.pk] = [c.pk for c in item.competencies.all()]
    tasks: dict[int, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    topics: dict[int, dict[int, int]] = defaultdict(dict)
    for (group, item_id, value), n in counts.items():
        if item_id in task_competencies and value is not None:
            tasks[group][item_id][value] = n
        elif item_id in topic_competencies and value is None:
            topics[group][item_id] = n
    groups = [
        GroupEvidence(
            group_id=group,
            respondents=n,
            tasks={
                item: TaskStats.from_counts(by_value) for item, by_value in tasks[group].items()
            },
            topics=dict(topics[group]),
        )
        for group, n in sorted(respondents.items())
    ]
    units = Unit.objects.filter(pk__in=respondents).in_bulk()
    return FactorEvidence(groups, units, items, task_competencies, topic_competencies)
