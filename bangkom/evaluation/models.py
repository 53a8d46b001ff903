"""What evaluation (*monev*, monitoring dan evaluasi) stores about a batch (angkatan).

- Level 1, reaction: ``ReactionResponse`` is the anonymous answer (no participant, no timestamp,
  a random key so that row order says nothing); ``ReactionSubmission`` is the separate "has
  answered" marker per enrolment. Nothing links the two, so no one who reads the answers can
  follow one back to a person.
- Level 2, learning: ``LearningAssessment`` (one per batch: the test's maximum and where the
  scores came from) with its ``LearningScore`` rows (NIP, pre, post).
- Decisions: ``BatchDecision``, the planner's decision on a program run with the rule that
  suggested it and its evidence; ``FollowUpAction`` (tindak lanjut) tracks what it asked for.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel

LIKERT_MIN = 1
LIKERT_MAX = 5


class ReactionItem(models.TextChoices):
    """The items of the standard reaction questionnaire (Kirkpatrick level 1)."""

    MATERIAL = "material", _("Materi pelatihan")
    TRAINERS = "trainers", _("Pengajar")
    ORGANISATION = "organisation", _("Penyelenggaraan")
    FACILITIES = "facilities", _("Sarana dan prasarana")
    RELEVANCE = "relevance", _("Relevansi dengan pekerjaan")


REACTION_ITEMS: tuple[str, ...] = tuple(ReactionItem.values)


def _likert(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{name}__gte": LIKERT_MIN}) & Q(**{f"{name}__lte": LIKERT_MAX}),
        name=f"reaction_{name}_likert",
    )


class ReactionResponse(models.Model):
    """One anonymous answer to a batch's reaction questionnaire (Likert 1–5 per item)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    batch = models.ForeignKey(
        "delivery.Batch", on_delete=models.CASCADE, related_name="reaction_responses"
    )
    material = models.PositiveSmallIntegerField(ReactionItem.MATERIAL.label)
    trainers = models.PositiveSmallIntegerField(ReactionItem.TRAINERS.label)
    organisation = models.PositiveSmallIntegerField(ReactionItem.ORGANISATION.label)
    facilities = models.PositiveSmallIntegerField(ReactionItem.FACILITIES.label)
    relevance = models.PositiveSmallIntegerField(ReactionItem.RELEVANCE.label)
    comment = models.TextField(_("saran dan komentar"), blank=True)

    class Meta:
        verbose_name = _("jawaban evaluasi reaksi")
        verbose_name_plural = _("jawaban evaluasi reaksi")
        ordering = ["id"]  # random: the order of answers reveals nothing
        constraints = [_likert(name) for name in REACTION_ITEMS]

    def __str__(self) -> str:
        return f"{self.batch_id}/{self.pk}"


class ReactionSubmission(models.Model):
    """The marker that an enrolment has answered its batch's questionnaire (once), kept apart
    from the anonymous answer: it says who answered, never what."""

    enrolment = models.OneToOneField(
        "delivery.Enrolment", on_delete=models.CASCADE, related_name="reaction_submission"
    )

    class Meta:
        verbose_name = _("tanda sudah mengisi evaluasi reaksi")
        verbose_name_plural = _("tanda sudah mengisi evaluasi reaksi")

    def __str__(self) -> str:
        return f"{self.enrolment_id}"


class ScoreSource(models.TextChoices):
    IMPORT = "import", _("Berkas nilai dari mitra")
    QUIZ = "quiz", _("Kuis Bangkom")


class LearningAssessment(TimeStampedModel):
    """The pre-/post-test of a batch (Kirkpatrick level 2): its maximum score and source."""

    batch = models.OneToOneField(
        "delivery.Batch", on_delete=models.CASCADE, related_name="learning_assessment"
    )
    max_score = models.DecimalField(_("nilai maksimum"), max_digits=8, decimal_places=4)
    source = models.CharField(_("sumber"), max_length=8, choices=ScoreSource.choices)
    file_name = models.CharField(_("nama berkas"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("tes pembelajaran")
        verbose_name_plural = _("tes pembelajaran")
        constraints = [
            models.CheckConstraint(condition=Q(max_score__gt=0), name="learning_max_positive")
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}"


class LearningScore(models.Model):
    """One participant's pre- and post-test score (empty: that test was not taken)."""

    assessment = models.ForeignKey(
        LearningAssessment, on_delete=models.CASCADE, related_name="scores"
    )
    row = models.PositiveIntegerField(_("baris"))
    nip = models.CharField(_("NIP"), max_length=40)
    pre = models.DecimalField(_("pre-test"), max_digits=8, decimal_places=4, null=True)
    post = models.DecimalField(_("post-test"), max_digits=8, decimal_places=4, null=True)

    class Meta:
        ordering = ["assessment", "row"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "nip"], name="learning_score_one_nip")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.nip}"


class Decision(models.TextChoices):
    """What happens to a program after a run (the seeds' rule: continue, or adjust and follow
    up)."""

    CONTINUE = "continue", _("Lanjutkan")
    ADJUST_MATERIAL = "adjust_material", _("Sesuaikan materi")
    ADJUST_METHOD = "adjust_method", _("Sesuaikan metode")
    CHANGE_TRAINER = "change_trainer", _("Ganti pengajar")
    STOP = "stop", _("Hentikan")


class BatchDecision(TimeStampedModel):
    """The planner's decision on one program run, beside the suggestion of the rules."""

    batch = models.OneToOneField(
        "delivery.Batch", on_delete=models.CASCADE, related_name="evaluation_decision"
    )
    suggested = models.CharField(_("saran aturan"), max_length=16, blank=True)  # "" = none
    rule = models.CharField(_("aturan yang berlaku"), max_length=40)
    evidence = models.JSONField(_("bukti"), default=dict)
    decision = models.CharField(_("keputusan"), max_length=16, choices=Decision.choices)
    reason = models.TextField(_("alasan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("keputusan evaluasi")
        verbose_name_plural = _("keputusan evaluasi")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision=models.F("suggested")) | ~Q(reason=""),
                name="decision_override_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}: {self.decision}"

    @property
    def overridden(self) -> bool:
        return self.decision != self.suggested


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    DONE = "done", _("Selesai")


class FollowUpAction(TimeStampedModel):
    """A tindak lanjut (follow-up action) a decision asked for, tracked to its closure."""

    decision = models.ForeignKey(BatchDecision, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("tindak lanjut"), max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penanggung jawab"),
        on_delete=models.PROTECT,
        related_name="evaluation_actions",
    )
    due_date = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"), max_length=6, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closing_note = models.TextField(_("catatan penyelesaian"), blank=True)
    closed_on = models.DateField(_("tanggal selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["status", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | (~Q(closing_note="") & Q(closed_on__isnull=False)),
                name="action_done_has_note",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, as_of: date) -> bool:
        return self.status == ActionStatus.OPEN and self.due_date < as_of


# --- Level 3: behaviour ----------------------------------------------------------------------

DEFAULT_FOLLOW_UP_WEEKS = 12


class ProgramEvaluationSetting(models.Model):
    """Per catalogue program: how many weeks after a batch's last session its behaviour
    follow-up (evaluasi pasca pelatihan) falls due."""

    template = models.OneToOneField(
        "planning.ProgramTemplate", on_delete=models.CASCADE, related_name="evaluation_setting"
    )
    follow_up_weeks = models.PositiveSmallIntegerField(
        _("evaluasi pasca pelatihan (minggu)"), default=DEFAULT_FOLLOW_UP_WEEKS
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_weeks__gte=1) & Q(follow_up_weeks__lte=104),
                name="follow_up_weeks_bounds",
            )
        ]

    def __str__(self) -> str:
        return f"{self.template_id}: {self.follow_up_weeks}"


class BehaviourStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu atasan")
    DONE = "done", _("Selesai")


class BehaviourFollowUp(TimeStampedModel):
    """The supervisor's follow-up of a completed enrolment (Kirkpatrick level 3): how the ASN
    applies at work each competency the program targeted."""

    enrolment = models.OneToOneField(
        "delivery.Enrolment", on_delete=models.CASCADE, related_name="behaviour_follow_up"
    )
    supervisor = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("atasan"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="behaviour_follow_ups",
    )
    due_date = models.DateField(_("jatuh tempo"))
    status = models.CharField(
        _("status"), max_length=8, choices=BehaviourStatus.choices, default=BehaviourStatus.PENDING
    )
    note = models.TextField(_("catatan atasan"), blank=True)
    completed_on = models.DateField(_("tanggal selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluasi pasca pelatihan")
        verbose_name_plural = _("evaluasi pasca pelatihan")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.enrolment_id} @ {self.due_date.isoformat()}"


class BehaviourRating(models.Model):
    """How the ASN applies one targeted competency, rated by the supervisor (1–5)."""

    follow_up = models.ForeignKey(
        BehaviourFollowUp, on_delete=models.CASCADE, related_name="ratings"
    )
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.PROTECT, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("penerapan"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "competency"], name="behaviour_rating_unique"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=LIKERT_MIN) & Q(rating__lte=LIKERT_MAX),
                name="behaviour_rating_likert",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follow_up_id}/{self.competency_id}: {self.rating}"


class ReminderLevel(models.TextChoices):
    SUPERVISOR = "atasan", _("Atasan")
    OPD_ADMIN = "admin_opd", _("Admin OPD")


class BehaviourReminder(models.Model):
    """A reminder sent for a pending follow-up: to the supervisor, or (escalated) to the OPD
    admins of the ASN's unit. One per follow-up, level and day, so a daily run sends it once."""

    follow_up = models.ForeignKey(
        BehaviourFollowUp, on_delete=models.CASCADE, related_name="reminders"
    )
    level = models.CharField(max_length=10, choices=ReminderLevel.choices)
    sent_on = models.DateField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "level", "sent_on"], name="behaviour_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.follow_up_id} {self.level} {self.sent_on.isoformat()}"
