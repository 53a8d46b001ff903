"""The training-needs survey (*survei kebutuhan pelatihan*) and discussion notes (FGD,
*diskusi kelompok terarah*): evidence from ASN themselves for the needs analysis.

A survey belongs to an instansi and a plan year and targets the whole instansi or chosen unit
subtrees. Its questions are of five kinds; the items of a question (topics, tasks, forms of
development, time slots) may be linked to competencies, which is how answers become weight
factors (``bangkom.factors``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangkom.core.models import TimeStampedModel

CONFIDENCE_MIN = 1
CONFIDENCE_MAX = 4


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "terbit", _("Diterbitkan")


class GroupLevel(models.TextChoices):
    """The unit level at which results become weight factors."""

    OPD = "opd", _("OPD (perangkat daerah)")
    UNIT = "unit", _("Unit kerja langsung")


class Survey(TimeStampedModel):
    """A questionnaire of an instansi for one plan year, open between two dates.

    The fields from ``confidence_threshold`` on say how answers weigh competencies: a unit whose
    mean confidence on a task is below the threshold, with at least ``min_answers`` answers,
    weighs the task's competencies by ``factor_low`` (``factor_very_low`` below
    ``very_low_threshold``); a topic chosen by at least ``topic_share_percent`` of a unit's
    respondents weighs its competencies by ``topic_factor``.
    """

    instansi = models.ForeignKey(
        "organisation.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        related_name="training_surveys",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun rencana"))
    judul = models.CharField(_("judul"), max_length=200)
    pengantar = models.TextField(_("pengantar"), blank=True)
    opens_on = models.DateField(_("dibuka"))
    closes_on = models.DateField(_("ditutup"))
    status = models.CharField(
        _("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    target_units = models.ManyToManyField(
        "organisation.Unit",
        verbose_name=_("unit sasaran"),
        blank=True,
        related_name="+",
        help_text=_("Kosong: seluruh ASN instansi. Unit yang dipilih termasuk unit di bawahnya."),
    )
    factor_level = models.CharField(
        _("tingkat unit faktor bobot"),
        max_length=8,
        choices=GroupLevel.choices,
        default=GroupLevel.OPD,
    )
    confidence_threshold = models.DecimalField(
        _("ambang rerata kepercayaan diri"), max_digits=3, decimal_places=2, default=Decimal("2.5")
    )
    very_low_threshold = models.DecimalField(
        _("ambang rerata sangat rendah"), max_digits=3, decimal_places=2, default=Decimal("2.0")
    )
    min_answers = models.PositiveSmallIntegerField(_("jawaban minimal per unit"), default=3)
    factor_low = models.DecimalField(
        _("faktor untuk rerata rendah"), max_digits=4, decimal_places=2, default=Decimal("1.2")
    )
    factor_very_low = models.DecimalField(
        _("faktor untuk rerata sangat rendah"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.4"),
    )
    topic_share_percent = models.PositiveSmallIntegerField(
        _("ambang peminat topik (%)"),
        null=True,
        blank=True,
        default=50,
        help_text=_("Kosongkan agar pilihan topik tidak menghasilkan faktor bobot."),
    )
    topic_factor = models.DecimalField(
        _("faktor untuk topik yang banyak diminta"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.1"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("survei kebutuhan pelatihan")
        verbose_name_plural = _("survei kebutuhan pelatihan")
        ordering = ["-tahun", "-opens_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "tahun", "judul"], name="survey_unique_title_per_year"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_closes_after_open"
            ),
            models.CheckConstraint(
                condition=Q(confidence_threshold__gt=1)
                & Q(confidence_threshold__lte=4)
                & Q(very_low_threshold__gte=1)
                & Q(very_low_threshold__lte=models.F("confidence_threshold")),
                name="survey_thresholds_in_scale",
            ),
            models.CheckConstraint(
                condition=Q(factor_low__gt=0) & Q(factor_very_low__gt=0) & Q(topic_factor__gt=0),
                name="survey_factors_positive",
            ),
            models.CheckConstraint(condition=Q(min_answers__gte=1), name="survey_min_answers"),
            models.CheckConstraint(
                condition=Q(topic_share_percent__isnull=True)
                | (Q(topic_share_percent__gte=1) & Q(topic_share_percent__lte=100)),
                name="survey_topic_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.tahun})"

    @property
    def is_published(self) -> bool:
        return self.status == SurveyStatus.PUBLISHED

    def is_open(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_published and self.opens_on <= today <= self.closes_on

    def is_closed(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.closes_on


class QuestionKind(models.TextChoices):
    TOPICS = "topik", _("Topik pelatihan yang diinginkan (pilihan ganda)")
    CONFIDENCE = "kepercayaan", _("Kepercayaan diri dalam tugas (skala 1–4)")
    FORMS = "bentuk", _("Bentuk pengembangan yang disukai (pilihan ganda)")
    TIMES = "waktu", _("Waktu yang disukai (pilihan ganda)")
    TEXT = "teks", _("Jawaban bebas")


CHOICE_KINDS = (QuestionKind.TOPICS, QuestionKind.FORMS, QuestionKind.TIMES)


class Question(models.Model):
    """A question of a survey. A confidence question asks every one of its items (tasks) on the
    1–4 scale; a choice question lets the ASN tick items; a text question has no items."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    kind = models.CharField(_("jenis pertanyaan"), max_length=12, choices=QuestionKind.choices)
    teks = models.CharField(_("pertanyaan"), max_length=300)
    bantuan = models.CharField(_("keterangan"), max_length=300, blank=True)
    is_required = models.BooleanField(_("wajib dijawab"), default=True)
    max_choices = models.PositiveSmallIntegerField(
        _("pilihan maksimal"),
        null=True,
        blank=True,
        help_text=_("Untuk pilihan ganda; kosongkan bila tidak dibatasi."),
    )

    class Meta:
        verbose_name = _("pertanyaan survei")
        verbose_name_plural = _("pertanyaan survei")
        ordering = ["survey", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=1),
                name="question_max_choices_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.teks

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_confidence(self) -> bool:
        return self.kind == QuestionKind.CONFIDENCE

    @property
    def is_text(self) -> bool:
        return self.kind == QuestionKind.TEXT


class QuestionItem(models.Model):
    """A topic, a task, a form of development or a time slot of a question, with the
    competencies it stands for (a task's competencies are weighed when confidence is low)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="items")
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    label = models.CharField(_("isi"), max_length=200)
    competencies = models.ManyToManyField(
        "competencies.Competency",
        verbose_name=_("kompetensi terkait"),
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["question", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "label"], name="question_item_unique")
        ]

    def __str__(self) -> str:
        return self.label


class SurveyResponse(models.Model):
    """One ASN's submission to a survey; at most one per ASN and survey.

    The unit, OPD, position and position class are copied at submission so that results keep
    describing the organisation as it was when the ASN answered.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="survey_responses"
    )
    submitted_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    unit = models.ForeignKey(
        "organisation.Unit", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opd = models.ForeignKey(
        "organisation.Unit", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.ForeignKey(
        "organisation.Position", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    position_class = models.CharField(max_length=16, blank=True)

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        ordering = ["survey", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "employee"], name="survey_response_one_per_employee"
            )
        ]
        indexes = [models.Index(fields=["survey", "opd"]), models.Index(fields=["survey", "unit"])]

    def __str__(self) -> str:
        return f"Jawaban #{self.pk} survei #{self.survey_id}"


class Answer(models.Model):
    """One answer line: a ticked item (choice), a task with its 1–4 value (confidence) or a
    text (free text, no item)."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(
        QuestionItem, null=True, on_delete=models.CASCADE, related_name="answers"
    )
    value = models.PositiveSmallIntegerField(null=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["response", "question", "item"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True)
                | (Q(value__gte=CONFIDENCE_MIN) & Q(value__lte=CONFIDENCE_MAX)),
                name="answer_value_1_4",
            ),
            models.UniqueConstraint(
                fields=["response", "item"],
                condition=Q(item__isnull=False),
                name="answer_one_per_item",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(item__isnull=True),
                name="answer_one_text_per_question",
            ),
        ]
        indexes = [models.Index(fields=["question", "item"])]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.item_id}={self.value or self.text[:20]}"


# ----------------------------------------------------------------------------- discussions


class DiscussionNote(TimeStampedModel):
    """Notes of a discussion (FGD, *diskusi kelompok terarah*) with ASN of some units."""

    instansi = models.ForeignKey(
        "organisation.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        related_name="discussion_notes",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun rencana"))
    tanggal = models.DateField(_("tanggal diskusi"))
    judul = models.CharField(_("tema diskusi"), max_length=200)
    units = models.ManyToManyField(
        "organisation.Unit", verbose_name=_("unit kerja"), blank=True, related_name="+"
    )
    survey = models.ForeignKey(
        Survey,
        verbose_name=_("survei terkait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussions",
    )
    participant_count = models.PositiveIntegerField(_("jumlah peserta"))
    participant_description = models.CharField(_("keterangan peserta"), max_length=300)
    fasilitator = models.CharField(_("fasilitator"), max_length=150)
    ringkasan = models.TextField(_("ringkasan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("catatan diskusi")
        verbose_name_plural = _("catatan diskusi")
        ordering = ["-tanggal", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participant_count__gte=1), name="discussion_has_participants"
            )
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.tanggal:%d-%m-%Y})"


class DiscussionConclusion(models.Model):
    """A conclusion of a discussion; with a ``factor`` it weighs its competencies in the
    note's units once the note's factors are applied."""

    note = models.ForeignKey(DiscussionNote, on_delete=models.CASCADE, related_name="conclusions")
    urutan = models.PositiveSmallIntegerField(default=1)
    teks = models.TextField(_("kesimpulan"))
    competencies = models.ManyToManyField(
        "competencies.Competency", verbose_name=_("kompetensi"), blank=True, related_name="+"
    )
    factor = models.DecimalField(
        _("faktor bobot usulan"), max_digits=4, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["note", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(factor__isnull=True) | Q(factor__gt=0),
                name="conclusion_factor_positive",
            )
        ]

    def __str__(self) -> str:
        return self.teks[:80]


def attachment_path(instance: DiscussionAttachment, filename: str) -> str:
    """Random names under a private folder; files are served only through an access-checked
    view, never as public media."""
    return f"private/fgd/{instance.note.instansi_id}/{filename}"


class DiscussionAttachment(models.Model):
    note = models.ForeignKey(DiscussionNote, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("berkas"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["note", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
