"""The evaluation stage of the demo, through the evaluation services:

- Level 1: most participants of every completed batch answer the anonymous reaction
  questionnaire (answers drawn around the batch's :class:`ReactionProfile`).
- Level 2: for each :class:`LearningStory` the partner's pre/post-test file of the program's
  batch is imported. The scores are drawn from the story's distribution (pre-test mean and
  spread, the share of the headroom gained and its spread) with the region's seed; the gain,
  its category and the Wilcoxon test are then computed by the product. The planner records the
  decision; it must be the one the rules suggest from that evidence (the load fails otherwise,
  so a change of the draw cannot silently tell another story), and a decision to adjust gets
  its follow-up action (tindak lanjut) with an owner and a due date.
- Level 3: one batch whose follow-ups fell due before the demo's today (the ASN login's first,
  where it has one) gets its supervisors' follow-ups, done.

The stage runs only when no batch of the region has reaction answers yet.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from fractions import Fraction

from bangkom.accounts.models import User
from bangkom.delivery.models import Batch, Enrolment, EnrolmentStatus
from bangkom.demo.delivery.spec import DEMO_TODAY, DeliverySpec, LearningStory, ReactionProfile
from bangkom.demo.delivery.stage import batches_completed
from bangkom.demo.spec import RegionSpec
from bangkom.evaluation import selectors
from bangkom.evaluation.models import BehaviourFollowUp, BehaviourStatus, ReactionSubmission
from bangkom.evaluation.selectors import decision_thresholds
from bangkom.evaluation.services import (
    action_create,
    decision_record,
    follow_up_competencies,
    follow_up_complete,
    follow_up_weeks,
    follow_ups_schedule,
    reaction_submit,
    scores_import,
)
from bangkom.organisation.models import Instansi

ANSWER_SHARE = 0.85  # of the participants who answer the questionnaire
MIN_ANSWERS = 5  # so that the batch's aggregates show


def evaluation_present(instansi: Instansi) -> bool:
    return ReactionSubmission.objects.filter(enrolment__batch__instansi=instansi).exists()


@dataclass
class EvaluationSummary:
    reactions: int = 0
    batches_with_reactions: int = 0
    score_rows: int = 0
    decisions: list[str] | None = None
    actions: int = 0
    follow_ups_done: int = 0


def _likert(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.55))))


class EvaluationStage:
    def __init__(self, region: RegionSpec, spec: DeliverySpec, instansi: Instansi) -> None:
        self.region = region
        self.spec = spec
        self.instansi = instansi
        self.rng = random.Random(region.seed * 13 + 5)
        self.admin = User.objects.get(username=f"{region.slug}.bkpsdm")
        self.asn = User.objects.get(username=f"{region.slug}.asn")
        self.users = {
            user.employee_id: user
            for user in User.objects.filter(employee__instansi=instansi)
            if user.employee_id
        }
        self.summary = EvaluationSummary(decisions=[])

    def run(self) -> EvaluationSummary:
        batches = batches_completed(self.instansi)
        stories = {story: self._batch_of(story, batches) for story in self.spec.learning}
        profiles = {batch.pk: story.reaction for story, batch in stories.items() if batch}
        for batch in batches:
            self._reactions(batch, profiles.get(batch.pk, self.spec.default_reaction))
        for story, evaluated in stories.items():
            if evaluated is not None:
                self._learning(story, evaluated)
        self._behaviour(batches)
        return self.summary

    @staticmethod
    def _batch_of(story: LearningStory, batches: list[Batch]) -> Batch | None:
        """The first named program's batch with enough completers for the rules to judge."""
        enough = decision_thresholds().min_pairs
        for code in story.programs:
            for batch in batches:
                completers = batch.enrolments.filter(status=EnrolmentStatus.COMPLETED).count()
                if batch.plan_program.template.kode == code and completers >= enough:
                    return batch
        return None

    def _participants(self, batch: Batch) -> list[Enrolment]:
        return list(
            Enrolment.objects.filter(batch=batch, status=EnrolmentStatus.COMPLETED)
            .select_related("employee")
            .order_by("employee__nip")
        )

    def _reactions(self, batch: Batch, profile: ReactionProfile) -> None:
        enrolments = self._participants(batch)
        answering = [e for e in enrolments if self.rng.random() < ANSWER_SHARE]
        if len(answering) < MIN_ANSWERS:
            answering = enrolments[: max(MIN_ANSWERS, len(answering))]
        comments = list(profile.comments)
        for enrolment in answering:
            comment = comments.pop(0) if comments and self.rng.random() < 0.6 else ""
            reaction_submit(
                enrolment=enrolment,
                answers={
                    "material": _likert(self.rng, profile.material),
                    "trainers": _likert(self.rng, profile.trainers),
                    "organisation": _likert(self.rng, profile.organisation),
                    "facilities": _likert(self.rng, profile.facilities),
                    "relevance": _likert(self.rng, profile.relevance),
                },
                comment=comment,
                acting_user=self.users.get(enrolment.employee_id),
            )
            self.summary.reactions += 1
        if answering:
            self.summary.batches_with_reactions += 1

    def _learning(self, story: LearningStory, batch: Batch) -> None:
        rows = ["nip;pre;post"]
        for enrolment in self._participants(batch):
            pre = max(10.0, min(95.0, self.rng.gauss(story.pre_mean, story.pre_spread)))
            share = self.rng.gauss(story.gain_share, story.gain_spread)
            post = max(0.0, min(100.0, pre + (100 - pre) * share + self.rng.gauss(0, 2)))
            rows.append(f"{enrolment.employee.nip};{round(pre)};{round(post)}")
        scores_import(
            batch=batch,
            text="\n".join(rows),
            max_score=Fraction(100),
            file_name=f"nilai-pre-post-{batch.plan_program.template.kode.lower()}.csv",
            acting_user=self.admin,
        )
        self.summary.score_rows += len(rows) - 1
        suggestion, _evidence = selectors.batch_suggestion(batch)
        if suggestion.decision != story.decision:
            raise ValueError(
                f"{batch}: the drawn scores suggest {suggestion.decision} ({suggestion.rule}), "
                f"the story says {story.decision}"
            )
        decision = decision_record(batch=batch, decision=story.decision, acting_user=self.admin)
        assert self.summary.decisions is not None
        self.summary.decisions.append(f"{batch.plan_program.template.kode}: {story.decision}")
        if story.action:
            action_create(
                decision=decision,
                title=story.action,
                owner=User.objects.get(username=f"{self.region.slug}.{story.action_owner}"),
                due_date=DEMO_TODAY + dt.timedelta(weeks=story.action_weeks),
                acting_user=self.admin,
            )
            self.summary.actions += 1

    def _behaviour(self, batches: list[Batch]) -> None:
        """Level 3 for one batch whose follow-ups fell due before the demo's today: the ASN
        login's earliest such training, else the region's earliest."""

        def last_day(batch: Batch) -> dt.date:
            return max(s.date for s in batch.sessions.all())

        def due(batch: Batch) -> bool:
            weeks = follow_up_weeks(batch.plan_program.template_id)
            return last_day(batch) + dt.timedelta(weeks=weeks) < DEMO_TODAY

        ready = sorted((b for b in batches if b.sessions.exists() and due(b)), key=last_day)
        mine = [
            b
            for b in ready
            if Enrolment.objects.filter(
                batch=b, employee__user=self.asn, status=EnrolmentStatus.COMPLETED
            ).exists()
        ]
        if not (mine or ready):
            return
        batch = (mine or ready)[0]
        follow_ups_schedule(batch=batch, acting_user=self.admin)
        for follow_up in (
            BehaviourFollowUp.objects.filter(enrolment__batch=batch, status=BehaviourStatus.PENDING)
            .select_related("enrolment__batch__plan_program", "enrolment__employee")
            .order_by("enrolment__employee__nip")
        ):
            if follow_up.due_date >= DEMO_TODAY:
                continue
            ratings = {
                competency.pk: max(2, min(5, round(self.rng.gauss(3.9, 0.7))))
                for competency in follow_up_competencies(follow_up)
            }
            follow_up_complete(
                follow_up=follow_up,
                ratings=ratings,
                note="Sudah diterapkan dalam pekerjaan sehari-hari; perlu dipantau lagi.",
                completed_on=follow_up.due_date + dt.timedelta(days=4),
                acting_user=self.users.get(follow_up.supervisor_id or 0),
            )
            self.summary.follow_ups_done += 1


__all__ = ["EvaluationStage", "EvaluationSummary", "evaluation_present"]
