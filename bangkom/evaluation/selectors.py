"""Reads of evaluation: reaction aggregates and indices, a batch's learning report, the evidence
the decision rules weigh, and follow-up actions with their overdue flag.

Reaction aggregates below ``MIN_ANSWERS`` answers are withheld from every page (``hidden``), so
that no aggregate narrows down to one person's answer. The reaction index is the mean of the five
item means rescaled from the Likert 1–5 to 0–100: ``(mean − 1) / 4 × 100``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    Expression,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields import BooleanField

from bangkom.delivery.models import (
    Batch,
    Enrolment,
    EnrolmentStatus,
    Partner,
    Session,
    Trainer,
    Venue,
)
from bangkom.evaluation import rules
from bangkom.evaluation.interpretation import Findings, describe
from bangkom.evaluation.models import (
    REACTION_ITEMS,
    ActionStatus,
    BatchDecision,
    FollowUpAction,
    LearningAssessment,
    ReactionItem,
    ReactionResponse,
    ReactionSubmission,
)
from bangkom.evaluation.statistics import LearningReport, Pair, build_report
from bangkom.planning.models import ProgramTemplate

MIN_ANSWERS = 5  # fewer answers than this: no aggregate is shown to anyone

# Enrolments that may answer their batch's questionnaire.
REACTION_ELIGIBLE_STATUSES = (
    EnrolmentStatus.NOMINATED,
    EnrolmentStatus.APPROVED,
    EnrolmentStatus.CONFIRMED,
    EnrolmentStatus.COMPLETED,
)


def reaction_index(item_means: dict[str, float]) -> float | None:
    """The overall reaction index 0–100 from the item means (Likert 1–5)."""
    if not item_means:
        return None
    mean = sum(item_means.values()) / len(item_means)
    return (mean - 1) / 4 * 100


@dataclass(frozen=True)
class ReactionAggregate:
    """The reaction of a group of answers: a batch, or a trainer/venue/partner/program in a year."""

    key: int | None
    label: str
    year: int | None
    answers: int
    item_means: dict[str, float] = field(default_factory=dict)  # empty when hidden

    @property
    def hidden(self) -> bool:
        return self.answers < MIN_ANSWERS

    @property
    def index(self) -> float | None:
        return None if self.hidden else reaction_index(self.item_means)

    @property
    def mean(self) -> float | None:
        """The mean of the item means on the Likert scale."""
        if self.hidden or not self.item_means:
            return None
        return sum(self.item_means.values()) / len(self.item_means)

    def items(self) -> list[tuple[str, str, float]]:
        """(code, label, mean) per item, in questionnaire order; empty when hidden."""
        if self.hidden:
            return []
        return [
            (code, str(ReactionItem(code).label), self.item_means[code]) for code in REACTION_ITEMS
        ]


def _aggregate(
    key: int | None, label: str, year: int | None, row: dict[str, Any]
) -> ReactionAggregate:
    answers = int(row["answers"] or 0)
    means = {} if answers < MIN_ANSWERS else {code: float(row[code]) for code in REACTION_ITEMS}
    return ReactionAggregate(key, label, year, answers, means)


def _averages() -> dict[str, Any]:
    return {"answers": Count("pk"), **{code: Avg(code) for code in REACTION_ITEMS}}


def batch_reaction(batch: Batch) -> ReactionAggregate:
    row = ReactionResponse.objects.filter(batch=batch).aggregate(**_averages())
    return _aggregate(batch.pk, str(batch), batch.year, row)


def reaction_progress(batch: Batch) -> tuple[int, int]:
    """(answered, eligible) enrolments of a batch; the count says nothing about who."""
    eligible = Enrolment.objects.filter(batch=batch, status__in=REACTION_ELIGIBLE_STATUSES)
    answered = ReactionSubmission.objects.filter(enrolment__batch=batch).count()
    return answered, eligible.count()


def reaction_comments(batch: Batch) -> list[str]:
    """The free-text answers, in the answers' random order; none below ``MIN_ANSWERS``."""
    responses = ReactionResponse.objects.filter(batch=batch)
    if responses.count() < MIN_ANSWERS:
        return []
    return [c for c in responses.exclude(comment="").values_list("comment", flat=True)]


# The venue a batch is counted under: that of its first session with a venue (a batch that
# moved between venues counts under the first, so that every answer counts once).
_BATCH_VENUE = Subquery(
    Session.objects.filter(batch=OuterRef("batch"), venue__isnull=False)
    .order_by("date")
    .values("venue")[:1]
)

DIMENSIONS: dict[str, tuple[Expression | F | Subquery, Any]] = {
    "trainer": (F("batch__trainers"), Trainer),
    "venue": (_BATCH_VENUE, Venue),
    "partner": (F("batch__partner"), Partner),
    "program": (F("batch__plan_program__template"), ProgramTemplate),
}


def reaction_indices(*, dimension: str, instansi_ids: Iterable[int]) -> list[ReactionAggregate]:
    """Reaction per trainer, venue, partner or program and year (its trend), one SQL GROUP BY;
    groups below ``MIN_ANSWERS`` answers come back hidden."""
    key_expression, model = DIMENSIONS[dimension]
    grouped = (
        ReactionResponse.objects.filter(batch__instansi_id__in=list(instansi_ids))
        .annotate(group_key=key_expression, group_year=F("batch__year"))
        .filter(group_key__isnull=False)
        .values("group_key", "group_year")
        .annotate(**_averages())
        .order_by("group_key", "group_year")
    )
    rows = list(grouped)
    labels = _labels(model, {row["group_key"] for row in rows})
    result = [
        _aggregate(row["group_key"], labels.get(row["group_key"], ""), row["group_year"], row)
        for row in rows
    ]
    return sorted(result, key=lambda a: (a.label, a.year or 0))


def _labels(model: Any, keys: set[int]) -> dict[int, str]:
    if model is ProgramTemplate:
        return dict(model.objects.filter(pk__in=keys).values_list("pk", "judul"))
    return dict(model.objects.filter(pk__in=keys).values_list("pk", "name"))


def has_answered(enrolment: Enrolment) -> bool:
    return ReactionSubmission.objects.filter(enrolment=enrolment).exists()


def reaction_enrolments_for_employee(employee_id: int | None) -> QuerySet[Enrolment]:
    """An ASN's enrolments that may answer, each with ``answered`` (the marker exists)."""
    if employee_id is None:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(employee_id=employee_id, status__in=REACTION_ELIGIBLE_STATUSES)
        .select_related("batch__plan_program__template", "batch__instansi")
        .annotate(answered=Exists(ReactionSubmission.objects.filter(enrolment=OuterRef("pk"))))
        .order_by("-batch__year", "batch__pk")
    )


# --- Level 2: learning ---------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreTriple:
    """One participant's (nip, pre, post); None where that test was not taken."""

    nip: str
    pre: Fraction | None
    post: Fraction | None


@dataclass(frozen=True)
class LearningScores:
    max_score: Fraction
    source: str
    triples: tuple[ScoreTriple, ...]


def learning_scores(batch: Batch) -> LearningScores | None:
    """The hook for the quiz engine: a batch's (nip, pre, post) triples and the test's maximum.

    Today they come from the imported partner file (``LearningAssessment``). The quiz engine
    replaces this function's body (or writes a ``LearningAssessment`` with source ``quiz``);
    the report, the page and the decision rules only call this function.
    """
    assessment = LearningAssessment.objects.filter(batch=batch).first()
    if assessment is None:
        return None
    triples = tuple(
        ScoreTriple(
            nip,
            None if pre is None else Fraction(pre),
            None if post is None else Fraction(post),
        )
        for nip, pre, post in assessment.scores.values_list("nip", "pre", "post")
    )
    return LearningScores(Fraction(assessment.max_score), assessment.source, triples)


@dataclass(frozen=True)
class LearningResult:
    scores: LearningScores
    report: LearningReport
    findings: Findings


def learning_result(batch: Batch) -> LearningResult | None:
    scores = learning_scores(batch)
    if scores is None:
        return None
    pairs = [
        Pair(t.nip, t.pre, t.post)
        for t in scores.triples
        if t.pre is not None and t.post is not None
    ]
    report = build_report(
        pairs, max_score=scores.max_score, incomplete=len(scores.triples) - len(pairs)
    )
    return LearningResult(scores, report, describe(report))


# --- decisions -------------------------------------------------------------------------------


def decision_thresholds() -> rules.Thresholds:
    return rules.Thresholds.from_mapping(getattr(settings, "EVALUATION_DECISION_RULES", None))


def batch_evidence(
    batch: Batch,
    *,
    learning: LearningResult | None = None,
    reaction: ReactionAggregate | None = None,
) -> rules.Evidence:
    """What the decision rules weigh for a batch: its learning report and reaction (pass them
    when the caller has already read them)."""
    learning = learning if learning is not None else learning_result(batch)
    reaction = reaction if reaction is not None else batch_reaction(batch)
    report = learning.report if learning else None
    decrease = bool(
        report
        and report.wilcoxon is not None
        and report.wilcoxon.p_value < 0.05
        and report.mean_post is not None
        and report.mean_pre is not None
        and report.mean_post < report.mean_pre
    )
    return rules.Evidence(
        pairs=report.pairs if report else 0,
        gain=None if report is None or report.gain is None else float(report.gain),
        gain_category=report.gain_category if report else None,
        significant=bool(report and report.significant),
        significant_decrease=decrease,
        reaction_answers=reaction.answers,
        reaction_index=reaction.mean,
        item_means=reaction.item_means,
    )


def batch_suggestion(
    batch: Batch,
    *,
    learning: LearningResult | None = None,
    reaction: ReactionAggregate | None = None,
) -> tuple[rules.Suggestion, rules.Evidence]:
    evidence = batch_evidence(batch, learning=learning, reaction=reaction)
    return rules.suggest(evidence, decision_thresholds()), evidence


def batch_decision(batch: Batch) -> BatchDecision | None:
    return BatchDecision.objects.filter(batch=batch).select_related("decided_by").first()


# --- follow-up actions -----------------------------------------------------------------------


def actions_with_overdue(qs: QuerySet[FollowUpAction], *, as_of: date) -> QuerySet[FollowUpAction]:
    """Follow-up actions with ``overdue``: still open after their due date, as of ``as_of``."""
    return qs.select_related(
        "owner", "decision__batch__plan_program__template", "decision__batch__instansi"
    ).annotate(
        overdue=Case(
            When(Q(status=ActionStatus.OPEN) & Q(due_date__lt=as_of), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
