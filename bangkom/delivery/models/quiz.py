"""The quiz engine: question banks, questions, quizzes and attempts.

E-learning courses end with a quiz, and evaluation (Level 2) reuses the same quizzes as pre- and
post-tests; the scores it reads come from ``bangkom.delivery.services.quiz.quiz_score``. Scoring
itself is the pure function ``bangkom.delivery.quizscoring.score``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel

__all__ = [
    "Attempt",
    "Question",
    "QuestionBank",
    "QuestionKind",
    "QuestionOption",
    "Quiz",
]


class QuestionBank(TimeStampedModel):
    """The questions an instansi keeps for one subject, optionally tied to a program template."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="question_banks"
    )
    program = models.ForeignKey(
        "planning.ProgramTemplate",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_banks",
    )
    name = models.CharField(_("nama bank soal"), max_length=200)

    class Meta:
        verbose_name = _("bank soal")
        verbose_name_plural = _("bank soal")
        ordering = ["instansi", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "name"], name="question_bank_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class QuestionKind(models.TextChoices):
    CHOICE = "choice", _("Pilihan ganda")
    SHORT = "short", _("Isian singkat")


class Question(TimeStampedModel):
    """A multiple-choice question (one or more correct options) or a short-answer question
    whose accepted answers are compared ignoring letter case and extra spaces."""

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("jenis soal"), max_length=8, choices=QuestionKind.choices)
    text = models.TextField(_("pertanyaan"))
    accepted_answers = models.JSONField(_("jawaban yang diterima"), default=list, blank=True)
    points = models.PositiveSmallIntegerField(_("bobot"), default=1)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("soal")
        verbose_name_plural = _("soal")
        ordering = ["bank", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=1), name="question_points_positive"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class QuestionOption(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("pilihan"), max_length=500)
    is_correct = models.BooleanField(_("benar"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("pilihan jawaban")
        verbose_name_plural = _("pilihan jawaban")
        ordering = ["question", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Quiz(TimeStampedModel):
    """A test over a bank: its fixed questions, or ``draw_count`` drawn at random per attempt
    (all of the bank when neither is set). Untimed."""

    instansi = models.ForeignKey(
        "organisation.Instansi", on_delete=models.CASCADE, related_name="quizzes"
    )
    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="quizzes")
    title = models.CharField(_("judul kuis"), max_length=200)
    questions = models.ManyToManyField(
        Question, verbose_name=_("soal tetap"), blank=True, related_name="quizzes"
    )
    draw_count = models.PositiveSmallIntegerField(_("jumlah soal diacak"), null=True, blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("nilai lulus"), default=70)
    max_attempts = models.PositiveSmallIntegerField(
        _("paling banyak percobaan"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("kuis")
        verbose_name_plural = _("kuis")
        ordering = ["instansi", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="quiz_pass_mark_range"),
            models.CheckConstraint(
                condition=Q(max_attempts__isnull=True) | Q(max_attempts__gte=1),
                name="quiz_max_attempts_positive",
            ),
            models.CheckConstraint(
                condition=Q(draw_count__isnull=True) | Q(draw_count__gte=1),
                name="quiz_draw_count_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Attempt(TimeStampedModel):
    """One try of an ASN at a quiz: the questions it drew, the answers and the score (0–100)."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveSmallIntegerField(_("percobaan ke"))
    question_ids = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(_("mulai"))
    submitted_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    score = models.DecimalField(_("nilai"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("lulus"), null=True, blank=True)

    class Meta:
        verbose_name = _("percobaan kuis")
        verbose_name_plural = _("percobaan kuis")
        ordering = ["quiz", "employee", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "employee", "number"], name="attempt_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                name="attempt_score_range",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="attempt_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quiz_id}/{self.employee_id}#{self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
