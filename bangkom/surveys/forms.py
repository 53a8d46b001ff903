"""Forms of the survey pages. They parse input; the services decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bangkom.competencies.models import Competency
from bangkom.core.errors import ServiceError
from bangkom.core.forms import set_choices
from bangkom.organisation.models import Instansi, Unit
from bangkom.organisation.plan_year import current_plan_year
from bangkom.surveys.models import GroupLevel, Question, QuestionKind, Survey
from bangkom.surveys.services import TEXT_ANSWER_MAX, ItemData

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.depth}{obj.nama}"


def parse_competency_codes(raw: str, competencies: QuerySet[Competency]) -> list[Competency]:
    """``"M.3, T.1"`` → competencies; unknown codes are a ValidationError naming them."""
    by_code = {c.kode.upper(): c for c in competencies}
    found: list[Competency] = []
    unknown: list[str] = []
    for code in [p.strip() for p in raw.replace(";", ",").split(",") if p.strip()]:
        competency = by_code.get(code.upper())
        if competency is None:
            unknown.append(code)
        elif competency not in found:
            found.append(competency)
    if unknown:
        raise forms.ValidationError(_("Kode kompetensi tidak dikenal: %s") % ", ".join(unknown))
    return found


class SurveyForm(forms.Form):
    instansi = forms.ModelChoiceField(queryset=Instansi.objects.none(), label=_("Instansi"))
    judul = forms.CharField(label=_("Judul survei"), max_length=200)
    tahun = forms.IntegerField(label=_("Tahun rencana"), min_value=2000, max_value=2100)
    pengantar = forms.CharField(
        label=_("Pengantar untuk ASN"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens_on = forms.DateField(label=_("Dibuka tanggal"), widget=DATE)
    closes_on = forms.DateField(label=_("Ditutup tanggal"), widget=DATE)
    target_units = UnitMultipleChoiceField(
        queryset=Unit.objects.none(),
        label=_("Unit sasaran"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Kosongkan untuk seluruh ASN instansi; unit terpilih termasuk unit di bawahnya."
        ),
    )
    use_template = forms.BooleanField(
        label=_("Mulai dari templat bawaan (kepercayaan diri, topik, bentuk, waktu, saran)"),
        required=False,
        initial=True,
    )
    factor_level = forms.ChoiceField(
        label=_("Faktor bobot dihitung per"), choices=GroupLevel.choices, initial=GroupLevel.OPD
    )
    confidence_threshold = forms.DecimalField(
        label=_("Ambang rerata kepercayaan diri (1–4)"),
        max_digits=3,
        decimal_places=2,
        localize=True,
        initial=Decimal("2.5"),
        help_text=_("Rerata di bawah ambang ini menaikkan bobot kompetensi tugas tersebut."),
    )
    very_low_threshold = forms.DecimalField(
        label=_("Ambang rerata sangat rendah"),
        max_digits=3,
        decimal_places=2,
        localize=True,
        initial=Decimal("2.0"),
    )
    min_answers = forms.IntegerField(
        label=_("Jawaban minimal per unit"), min_value=1, max_value=999, initial=3
    )
    factor_low = forms.DecimalField(
        label=_("Faktor untuk rerata rendah"),
        max_digits=4,
        decimal_places=2,
        localize=True,
        initial=Decimal("1.2"),
    )
    factor_very_low = forms.DecimalField(
        label=_("Faktor untuk rerata sangat rendah"),
        max_digits=4,
        decimal_places=2,
        localize=True,
        initial=Decimal("1.4"),
    )
    topic_share_percent = forms.IntegerField(
        label=_("Ambang peminat topik (%)"),
        min_value=1,
        max_value=100,
        required=False,
        initial=50,
        help_text=_("Kosongkan agar pilihan topik tidak menghasilkan faktor bobot."),
    )
    topic_factor = forms.DecimalField(
        label=_("Faktor untuk topik yang banyak diminta"),
        max_digits=4,
        decimal_places=2,
        localize=True,
        initial=Decimal("1.1"),
    )

    def __init__(
        self,
        *args: Any,
        instansi_qs: QuerySet[Instansi],
        units: QuerySet[Unit],
        creating: bool,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        set_choices(self, "instansi", instansi_qs)
        if instansi_qs.count() == 1:
            self.fields["instansi"].initial = instansi_qs.first()
            self.fields["instansi"].widget = forms.HiddenInput()
        cast(forms.ModelMultipleChoiceField, self.fields["target_units"]).queryset = units
        if not creating:
            del self.fields["use_template"]
            self.fields["instansi"].disabled = True
        else:
            self.fields["tahun"].initial = current_plan_year(instansi_qs.first())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        instansi, units = data.get("instansi"), data.get("target_units") or []
        if instansi is not None and any(u.instansi_id != instansi.pk for u in units):
            self.add_error("target_units", _("Unit sasaran harus dari instansi yang sama."))
        return data


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis pertanyaan"), choices=QuestionKind.choices)
    teks = forms.CharField(label=_("Pertanyaan"), max_length=300)
    bantuan = forms.CharField(label=_("Keterangan"), max_length=300, required=False)
    items = forms.CharField(
        label=_("Pilihan atau tugas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Satu per baris. Tautkan kompetensi setelah garis tegak, misalnya "
            "“Menggunakan aplikasi e-government | T.1, M.7”. "
            "Kosongkan untuk jawaban bebas."
        ),
    )
    is_required = forms.BooleanField(label=_("Wajib dijawab"), required=False, initial=True)
    max_choices = forms.IntegerField(
        label=_("Pilihan maksimal"),
        min_value=1,
        max_value=50,
        required=False,
        help_text=_("Untuk pilihan ganda; kosongkan bila tidak dibatasi."),
    )
    urutan = forms.IntegerField(label=_("Urutan"), min_value=1, max_value=999, required=False)

    def __init__(self, *args: Any, competencies: QuerySet[Competency], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.competencies = competencies

    @staticmethod
    def items_text(question: Question) -> str:
        lines = []
        for item in question.items.all():
            codes = ", ".join(c.kode for c in item.competencies.all())
            lines.append(f"{item.label} | {codes}" if codes else item.label)
        return "\n".join(lines)

    def clean_items(self) -> list[ItemData]:
        raw = self.cleaned_data.get("items") or ""
        items: list[ItemData] = []
        errors: list[Any] = []
        for line in [line.strip() for line in raw.splitlines() if line.strip()]:
            label, _sep, codes = line.partition("|")
            try:
                competencies = parse_competency_codes(codes, self.competencies)
            except forms.ValidationError as exc:
                errors.extend(exc.messages)
                continue
            items.append(ItemData(label.strip(), competencies))
        if errors:
            raise forms.ValidationError(errors)
        return items


# ----------------------------------------------------------------------------- answering

SCALE_CHOICES = [
    (1, _("1 · tidak percaya diri")),
    (2, _("2 · kurang percaya diri")),
    (3, _("3 · percaya diri")),
    (4, _("4 · sangat percaya diri")),
]


class AnswerForm(forms.Form):
    """One field per choice or text question, one radio group per task of a confidence
    question (``q<question>_t<item>``). Required-ness is checked by the service, so that a
    form with gaps comes back with every message at once and the user's input kept."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            items = list(question.items.all())
            if question.is_confidence:
                for item in items:
                    self.fields[f"q{question.pk}_t{item.pk}"] = forms.TypedChoiceField(
                        label=item.label,
                        choices=SCALE_CHOICES,
                        coerce=int,
                        required=False,
                        widget=forms.RadioSelect,
                        error_messages={
                            "invalid_choice": _("Pilih nilai 1, 2, 3 atau 4."),
                        },
                    )
            elif question.is_text:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=question.teks,
                    required=False,
                    max_length=TEXT_ANSWER_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            else:
                self.fields[f"q{question.pk}"] = forms.TypedMultipleChoiceField(
                    label=question.teks,
                    choices=[(item.pk, item.label) for item in items],
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"invalid_choice": _("Pilihan tidak dikenal.")},
                )

    def answers(self) -> dict[int, Any]:
        """The cleaned data in the shape ``response_submit`` takes."""
        answers: dict[int, Any] = {}
        for question in self.questions:
            if question.is_confidence:
                answers[question.pk] = {
                    item.pk: value
                    for item in question.items.all()
                    if (value := self.cleaned_data.get(f"q{question.pk}_t{item.pk}"))
                    not in (None, "")
                }
            else:
                answers[question.pk] = self.cleaned_data.get(f"q{question.pk}")
        return answers

    def add_service_errors(self, exc: ServiceError) -> None:
        """Put the service's refusals where the ASN will look: on the question they concern
        (``q<pk>``), and on every task of a confidence question that is still unrated."""
        self.question_errors: dict[str, list[str]] = getattr(self, "question_errors", {})
        by_key = {f"q{q.pk}": q for q in self.questions}
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for key, messages in exc.message_dict.items():
            question = by_key.get(key)
            if question is None:
                self.add_error(None, messages)
                continue
            self.question_errors.setdefault(key, []).extend(messages)
            if question.is_confidence:
                for item in question.items.all():
                    name = f"q{question.pk}_t{item.pk}"
                    if self.cleaned_data.get(name) in (None, "") and name not in self.errors:
                        self.add_error(name, _("Belum dinilai."))

    @property
    def has_problems(self) -> bool:
        return bool(self.errors or getattr(self, "question_errors", {}))

    def sections(self) -> list[dict[str, Any]]:
        """Questions with their bound fields and errors, for the template."""
        question_errors = getattr(self, "question_errors", {})
        sections = []
        for question in self.questions:
            key = f"q{question.pk}"
            if question.is_confidence:
                fields = [self[f"{key}_t{item.pk}"] for item in question.items.all()]
                errors = list(question_errors.get(key, []))
            else:
                fields = [self[key]]
                # the field's own errors and the service's, once each
                errors = [str(e) for e in self.errors.get(key, [])]
                errors += [m for m in question_errors.get(key, []) if m not in errors]
            sections.append({"question": question, "fields": fields, "errors": errors})
        return sections


# ----------------------------------------------------------------------------- discussions


class NoteForm(forms.Form):
    judul = forms.CharField(label=_("Tema diskusi"), max_length=200)
    tanggal = forms.DateField(label=_("Tanggal diskusi"), widget=DATE)
    tahun = forms.IntegerField(label=_("Tahun rencana"), min_value=2000, max_value=2100)
    units = UnitMultipleChoiceField(
        queryset=Unit.objects.none(),
        label=_("Unit kerja peserta"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    survey = forms.ModelChoiceField(
        queryset=Survey.objects.none(), label=_("Survei terkait"), required=False
    )
    participant_count = forms.IntegerField(label=_("Jumlah peserta"), min_value=1)
    participant_description = forms.CharField(
        label=_("Keterangan peserta"),
        max_length=300,
        help_text=_("Misalnya: staf pelayanan dan kepala seksi Kecamatan Alak."),
    )
    fasilitator = forms.CharField(label=_("Fasilitator"), max_length=150)
    ringkasan = forms.CharField(label=_("Ringkasan"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit],
        surveys: QuerySet[Survey],
        units_required: bool,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["units"]).queryset = units
        set_choices(self, "survey", surveys)
        self.fields["units"].required = units_required
        if not self.is_bound and "tahun" not in self.initial:
            first = units.select_related("instansi").first()
            self.fields["tahun"].initial = current_plan_year(first.instansi if first else None)


class ConclusionForm(forms.Form):
    teks = forms.CharField(label=_("Kesimpulan"), widget=forms.Textarea(attrs={"rows": 2}))
    kompetensi = forms.CharField(
        label=_("Kompetensi terkait"),
        required=False,
        help_text=_("Kode dipisah koma, misalnya “T.1, M.5”."),
    )
    factor = forms.DecimalField(
        label=_("Faktor bobot usulan"),
        required=False,
        max_digits=4,
        decimal_places=2,
        localize=True,
        help_text=_("Misalnya 1,2. Kosongkan bila kesimpulan ini tidak menjadi faktor bobot."),
    )

    def __init__(self, *args: Any, competencies: QuerySet[Competency], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.competencies = competencies

    def clean_kompetensi(self) -> list[Competency]:
        return parse_competency_codes(self.cleaned_data.get("kompetensi") or "", self.competencies)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Lampiran"),
        help_text=_("PDF, PNG/JPG, DOCX atau XLSX; paling besar 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx"}),
    )
