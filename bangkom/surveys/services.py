"""Writes of the surveys: questionnaires, answers and the weight factors derived from them.

Every function is keyword-only and atomic, and leaves an audit row. Answers are audited without
their content: who answered which survey is recorded, what they answered is not copied.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Employee, Instansi, Unit
from bangkom.surveys.defaults import DEFAULT_QUESTIONS, TemplateItem
from bangkom.surveys.models import (
    CHOICE_KINDS,
    CONFIDENCE_MAX,
    CONFIDENCE_MIN,
    Answer,
    GroupLevel,
    Question,
    QuestionItem,
    QuestionKind,
    Survey,
    SurveyResponse,
    SurveyStatus,
)

MAX_FACTOR = Decimal("5")
TEXT_ANSWER_MAX = 2000


def usable_competencies(instansi: Instansi) -> Any:
    """National competencies and the instansi's own technical ones."""
    return Competency.objects.filter(Q(instansi__isnull=True) | Q(instansi=instansi))


def decimal_id(value: Decimal) -> str:
    """A decimal as Indonesians write it: ``2,10``."""
    return f"{value:.2f}".replace(".", ",")


# ----------------------------------------------------------------------------- surveys


@dataclass(frozen=True)
class SurveyData:
    judul: str
    tahun: int
    opens_on: datetime.date
    closes_on: datetime.date
    pengantar: str = ""
    target_units: Sequence[Unit] = ()
    factor_level: str = GroupLevel.OPD
    confidence_threshold: Decimal = Decimal("2.5")
    very_low_threshold: Decimal = Decimal("2.0")
    min_answers: int = 3
    factor_low: Decimal = Decimal("1.2")
    factor_very_low: Decimal = Decimal("1.4")
    topic_share_percent: int | None = 50
    topic_factor: Decimal = Decimal("1.1")


def _check_survey(instansi: Instansi, data: SurveyData, survey: Survey | None) -> None:
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if not data.judul.strip():
        add("judul", _("Judul survei wajib diisi."))
    if not 2000 <= data.tahun <= 2100:
        add("tahun", _("Tahun rencana harus antara 2000 dan 2100."))
    if data.closes_on < data.opens_on:
        add("closes_on", _("Tanggal tutup tidak boleh sebelum tanggal buka."))
    foreign = [u.nama for u in data.target_units if u.instansi_id != instansi.pk]
    if foreign:
        add("target_units", _("Unit berikut bukan milik instansi ini: %s") % ", ".join(foreign))
    if data.factor_level not in GroupLevel.values:
        add("factor_level", _("Tingkat unit tidak dikenal."))
    if not Decimal(1) < data.confidence_threshold <= Decimal(CONFIDENCE_MAX):
        add("confidence_threshold", _("Ambang rerata harus lebih dari 1 dan paling tinggi 4."))
    if not Decimal(1) <= data.very_low_threshold <= data.confidence_threshold:
        add(
            "very_low_threshold",
            _("Ambang sangat rendah harus antara 1 dan ambang rerata kepercayaan diri."),
        )
    if data.min_answers < 1:
        add("min_answers", _("Jawaban minimal per unit paling sedikit 1."))
    for key in ("factor_low", "factor_very_low", "topic_factor"):
        value = getattr(data, key)
        if not Decimal(0) < value <= MAX_FACTOR:
            add(key, _("Faktor harus lebih dari 0 dan paling besar %s.") % MAX_FACTOR)
    if data.topic_share_percent is not None and not 1 <= data.topic_share_percent <= 100:
        add("topic_share_percent", _("Ambang peminat topik harus 1 sampai 100 persen."))
    clash = Survey.objects.filter(
        instansi=instansi, tahun=data.tahun, judul__iexact=data.judul.strip()
    )
    if survey is not None:
        clash = clash.exclude(pk=survey.pk)
    if clash.exists():
        add("judul", _("Sudah ada survei dengan judul ini untuk tahun %s.") % data.tahun)
    if survey is not None and data.tahun != survey.tahun and survey.responses.exists():
        # Its answers and weight factors belong to the plan year they were given for.
        add("tahun", _("Tahun rencana tidak dapat diubah setelah survei memiliki jawaban."))
    if errors:
        raise ServiceError(errors)


def _survey_snapshot(survey: Survey) -> dict[str, Any]:
    data = snapshot(survey)
    data["target_units"] = sorted(u.pk for u in survey.target_units.all())
    return data


def _apply(survey: Survey, data: SurveyData) -> None:
    survey.judul = data.judul.strip()
    survey.tahun = data.tahun
    survey.pengantar = data.pengantar.strip()
    survey.opens_on, survey.closes_on = data.opens_on, data.closes_on
    survey.factor_level = data.factor_level
    survey.confidence_threshold = data.confidence_threshold
    survey.very_low_threshold = data.very_low_threshold
    survey.min_answers = data.min_answers
    survey.factor_low, survey.factor_very_low = data.factor_low, data.factor_very_low
    survey.topic_share_percent = data.topic_share_percent
    survey.topic_factor = data.topic_factor


def survey_create(
    *, instansi: Instansi, data: SurveyData, use_template: bool, acting_user: Any
) -> Survey:
    """A draft survey, with the built-in questions when ``use_template``."""
    _check_survey(instansi, data, None)
    with transaction.atomic():
        survey = Survey(instansi=instansi, created_by=_user_or_none(acting_user))
        _apply(survey, data)
        survey.save()
        survey.target_units.set(data.target_units)
        if use_template:
            _add_template_questions(survey)
        audit_event(
            actor=acting_user,
            action="survey.create",
            target=survey,
            instansi=instansi,
            after=_survey_snapshot(survey),
            note=_("dari templat bawaan") if use_template else "",
        )
    return survey


def survey_update(*, survey: Survey, data: SurveyData, acting_user: Any) -> Survey:
    _check_survey(survey.instansi, data, survey)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        before = _survey_snapshot(survey)
        _apply(survey, data)
        survey.save()
        survey.target_units.set(data.target_units)
        audit_event(
            actor=acting_user,
            action="survey.update",
            target=survey,
            instansi=survey.instansi,
            before=before,
            after=_survey_snapshot(survey),
        )
    return survey


def survey_publish(*, survey: Survey, acting_user: Any) -> Survey:
    """Make a draft visible to its ASN. Every task must stand for at least one competency,
    or its low confidence could never become priority."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.is_published:
            raise ServiceError(_("Survei ini sudah diterbitkan."))
        questions = list(survey.questions.prefetch_related("items__competencies"))
        if not questions:
            raise ServiceError(_("Survei belum memiliki pertanyaan."))
        unlinked = [
            item.label
            for question in questions
            if question.is_confidence
            for item in question.items.all()
            if not item.competencies.all()
        ]
        if unlinked:
            raise ServiceError(
                _("Tautkan setiap tugas ke kompetensi sebelum menerbitkan: %s")
                % "; ".join(unlinked)
            )
        if survey.closes_on < timezone.localdate():
            raise ServiceError(_("Tanggal tutup survei sudah lewat; ubah dulu tanggalnya."))
        survey.status = SurveyStatus.PUBLISHED
        survey.save(update_fields=["status", "updated_at"])
        audit_event(
            actor=acting_user,
            action="survey.publish",
            target=survey,
            instansi=survey.instansi,
            before={"status": SurveyStatus.DRAFT},
            after={"status": SurveyStatus.PUBLISHED},
        )
    return survey


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


# ----------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class ItemData:
    label: str
    competencies: Sequence[Competency] = ()


@dataclass(frozen=True)
class QuestionData:
    kind: str
    teks: str
    bantuan: str = ""
    is_required: bool = True
    max_choices: int | None = None
    urutan: int | None = None
    items: Sequence[ItemData] = field(default_factory=tuple)


def _template_items(survey: Survey, items: Sequence[TemplateItem]) -> list[ItemData]:
    usable = list(usable_competencies(survey.instansi))
    by_code = {c.kode.upper(): c for c in usable}
    result = []
    for item in items:
        linked = [by_code[code] for code in item.codes if code in by_code]
        matched = [
            c
            for c in usable
            if c.jenis == "teknis"
            and any(fragment in c.nama.lower() for fragment in item.name_fragments)
        ]
        if not matched:
            matched = [by_code[code] for code in item.fallback_codes if code in by_code]
        result.append(
            ItemData(str(item.label), [*matched, *[c for c in linked if c not in matched]])
        )
    return result


def _add_template_questions(survey: Survey) -> None:
    for index, question in enumerate(DEFAULT_QUESTIONS, start=1):
        created = Question.objects.create(
            survey=survey,
            urutan=index,
            kind=question.kind,
            teks=str(question.teks),
            bantuan=str(question.bantuan),
            is_required=question.is_required,
            max_choices=question.max_choices,
        )
        _create_items(created, _template_items(survey, question.items))


def _create_items(question: Question, items: Sequence[ItemData]) -> None:
    for index, data in enumerate(items, start=1):
        item = QuestionItem.objects.create(question=question, urutan=index, label=data.label)
        item.competencies.set(data.competencies)


def _check_question(survey: Survey, data: QuestionData, question: Question | None) -> None:
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if data.kind not in QuestionKind.values:
        add("kind", _("Jenis pertanyaan tidak dikenal."))
    if not data.teks.strip():
        add("teks", _("Teks pertanyaan wajib diisi."))
    labels = [item.label.strip() for item in data.items]
    if data.kind == QuestionKind.TEXT and labels:
        add("items", _("Pertanyaan jawaban bebas tidak memiliki pilihan."))
    if data.kind == QuestionKind.CONFIDENCE and not labels:
        add("items", _("Tuliskan paling sedikit satu tugas yang dinilai."))
    if data.kind in CHOICE_KINDS and len(labels) < 2:
        add("items", _("Pilihan ganda memerlukan paling sedikit dua pilihan."))
    if any(not label for label in labels):
        add("items", _("Setiap pilihan harus berisi teks."))
    if any(len(label) > 200 for label in labels):
        add("items", _("Setiap pilihan paling panjang 200 karakter."))
    seen: set[str] = set()
    for label in labels:
        if label.lower() in seen:
            add("items", _("Pilihan “%s” tertulis lebih dari sekali.") % label)
        seen.add(label.lower())
    usable = set(usable_competencies(survey.instansi).values_list("pk", flat=True))
    for item in data.items:
        for competency in item.competencies:
            if competency.pk not in usable:
                add("items", _("Kompetensi %s bukan milik instansi ini.") % competency.kode)
    if data.max_choices is not None:
        if data.kind not in CHOICE_KINDS:
            add("max_choices", _("Batas pilihan hanya untuk pertanyaan pilihan ganda."))
        elif not 1 <= data.max_choices <= len(labels):
            add("max_choices", _("Batas pilihan harus antara 1 dan jumlah pilihan."))
    if survey.responses.exists():
        if question is None:
            add(
                "kind",
                _("Survei sudah memiliki jawaban: pertanyaan baru tidak dapat ditambahkan."),
            )
        else:
            if data.kind != question.kind:
                add(
                    "kind", _("Survei sudah memiliki jawaban: jenis pertanyaan tidak dapat diubah.")
                )
            if len(labels) != question.items.count():
                add(
                    "items",
                    _(
                        "Survei sudah memiliki jawaban: pilihan hanya dapat diperbaiki, tidak "
                        "ditambah atau dihapus."
                    ),
                )
    if errors:
        raise ServiceError(errors)


def _question_snapshot(question: Question) -> dict[str, Any]:
    data = snapshot(question)
    data["items"] = [
        f"{item.label} [{', '.join(sorted(c.kode for c in item.competencies.all()))}]"
        for item in question.items.order_by("urutan", "id")
    ]
    return data


def question_save(
    *, survey: Survey, data: QuestionData, question: Question | None = None, acting_user: Any
) -> Question:
    """Add a question or change one. Once ASN have answered, questions can be corrected
    (texts, item labels and their competencies) but not added, removed or re-typed."""
    if question is not None and question.survey_id != survey.pk:
        raise ServiceError(_("Pertanyaan bukan milik survei ini."))
    _check_question(survey, data, question)
    with transaction.atomic():
        before = _question_snapshot(question) if question is not None else None
        if question is None:
            last = survey.questions.order_by("-urutan").values_list("urutan", flat=True).first()
            question = Question(survey=survey, urutan=data.urutan or (last or 0) + 1)
        elif data.urutan:
            question.urutan = data.urutan
        question.kind = data.kind
        question.teks = data.teks.strip()
        question.bantuan = data.bantuan.strip()
        question.is_required = data.is_required
        question.max_choices = data.max_choices if data.kind in CHOICE_KINDS else None
        question.save()
        items = [ItemData(item.label.strip(), item.competencies) for item in data.items]
        existing = list(question.items.order_by("urutan", "id"))
        if not existing or not survey.responses.exists():
            question.items.all().delete()
            _create_items(question, items)
        else:
            # Same number of items (checked above): correct them in place, in two steps so
            # that swapping two labels never meets the unique constraint halfway.
            for item in existing:
                item.label = f"~{item.pk}~"
            QuestionItem.objects.bulk_update(existing, ["label"])
            for index, (item, item_data) in enumerate(zip(existing, items, strict=True), 1):
                item.label, item.urutan = item_data.label, index
                item.competencies.set(item_data.competencies)
            QuestionItem.objects.bulk_update(existing, ["label", "urutan"])
        audit_event(
            actor=acting_user,
            action="survey.question.create" if before is None else "survey.question.update",
            target=question,
            instansi=survey.instansi,
            before=before,
            after=_question_snapshot(question),
            note=str(survey),
        )
    return question


def question_delete(*, question: Question, acting_user: Any) -> None:
    survey = question.survey
    if survey.responses.exists():
        raise ServiceError(_("Survei sudah memiliki jawaban: pertanyaan tidak dapat dihapus."))
    with transaction.atomic():
        before = _question_snapshot(question)
        audit_event(
            actor=acting_user,
            action="survey.question.delete",
            target=question,
            instansi=survey.instansi,
            before=before,
            note=str(survey),
        )
        question.delete()


# ----------------------------------------------------------------------------- answers


def is_targeted(survey: Survey, employee: Employee) -> bool:
    """True when the survey is meant for ``employee``: same instansi, and the whole instansi
    is targeted or the employee's unit lies in a target unit's subtree."""
    if employee.instansi_id != survey.instansi_id:
        return False
    targets = [unit.path for unit in survey.target_units.all()]
    if not targets:
        return True
    return employee.unit is not None and any(employee.unit.path.startswith(p) for p in targets)


def _check_open(survey: Survey, employee: Employee) -> None:
    today = timezone.localdate()
    if not survey.is_published:
        raise ServiceError(_("Survei ini belum diterbitkan."))
    if today < survey.opens_on:
        raise ServiceError(
            _("Survei ini baru dibuka pada %s.") % date_format(survey.opens_on, "j F Y")
        )
    if today > survey.closes_on:
        raise ServiceError(
            _("Survei ini sudah ditutup pada %s; jawaban tidak dapat dikirim lagi.")
            % date_format(survey.closes_on, "j F Y")
        )
    if not employee.is_active or not is_targeted(survey, employee):
        raise ServiceError(_("Survei ini tidak ditujukan untuk unit kerja Anda."))


def already_answered_message(response: SurveyResponse) -> str:
    return _(
        "Anda sudah mengisi survei ini pada %s. Setiap ASN hanya dapat mengirim satu jawaban."
    ) % date_format(timezone.localtime(response.submitted_at), "j F Y H:i")


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _answer_rows(
    questions: Sequence[Question], answers: Mapping[int, Any]
) -> tuple[list[Answer], dict[str, list[str]]]:
    """Validate the answers against the questions; the unsaved rows and errors per question."""
    rows: list[Answer] = []
    errors: dict[str, list[str]] = {}
    by_pk = {q.pk: q for q in questions}
    for question_id in answers:
        if question_id not in by_pk:
            errors.setdefault("__all__", []).append(_("Jawaban untuk pertanyaan yang tidak ada."))
    for question in questions:
        key = f"q{question.pk}"
        raw = answers.get(question.pk)
        items = {item.pk: item for item in question.items.all()}
        if question.is_text:
            text = (raw or "").strip() if isinstance(raw, str) else ""
            if raw is not None and not isinstance(raw, str):
                errors.setdefault(key, []).append(_("Jawaban harus berupa teks."))
            elif len(text) > TEXT_ANSWER_MAX:
                errors.setdefault(key, []).append(
                    _("Jawaban paling panjang %s karakter.") % TEXT_ANSWER_MAX
                )
            elif question.is_required and not text:
                errors.setdefault(key, []).append(_("Pertanyaan ini wajib dijawab."))
            elif text:
                rows.append(Answer(question=question, text=text))
        elif question.is_confidence:
            values = raw or {}
            if not isinstance(values, Mapping):
                errors.setdefault(key, []).append(_("Jawaban tidak dapat dibaca."))
                continue
            chosen: dict[int, int] = {}
            for item_key, value in values.items():
                item_id, number = _as_int(item_key), _as_int(value)
                if item_id not in items:
                    errors.setdefault(key, []).append(_("Tugas yang dinilai tidak dikenal."))
                elif number is None or not CONFIDENCE_MIN <= number <= CONFIDENCE_MAX:
                    errors.setdefault(key, []).append(
                        _("Nilai untuk “%s” harus 1, 2, 3 atau 4.") % items[item_id].label
                    )
                else:
                    chosen[item_id] = number
            missing = [item.label for pk, item in items.items() if pk not in chosen]
            if question.is_required and missing and key not in errors:
                errors.setdefault(key, []).append(
                    _("Beri nilai 1–4 untuk setiap tugas; belum dinilai: %s") % "; ".join(missing)
                )
            rows.extend(
                Answer(question=question, item=items[pk], value=value)
                for pk, value in chosen.items()
            )
        else:
            picked = raw or []
            if isinstance(picked, str | int):
                picked = [picked]
            ids = [_as_int(v) for v in picked]
            if any(pk not in items for pk in ids):
                errors.setdefault(key, []).append(_("Pilihan tidak dikenal."))
                continue
            unique = list(dict.fromkeys(pk for pk in ids if pk is not None))
            if question.is_required and not unique:
                errors.setdefault(key, []).append(_("Pilih paling sedikit satu."))
            elif question.max_choices and len(unique) > question.max_choices:
                errors.setdefault(key, []).append(
                    _("Pilih paling banyak %s.") % question.max_choices
                )
            else:
                rows.extend(Answer(question=question, item=items[pk]) for pk in unique)
    return rows, errors


def response_submit(
    *, survey: Survey, employee: Employee, answers: Mapping[int, Any], acting_user: Any
) -> SurveyResponse:
    """Record one ASN's answers: choice questions take a list of item ids, confidence questions
    a mapping of item id to 1–4, text questions a string. All or nothing; one per ASN."""
    existing = SurveyResponse.objects.filter(survey=survey, employee=employee).first()
    if existing is not None:
        raise ServiceError(already_answered_message(existing))
    _check_open(survey, employee)
    questions = list(survey.questions.prefetch_related("items"))
    rows, errors = _answer_rows(questions, answers)
    if errors:
        raise ServiceError(errors)
    unit = employee.unit
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey,
                employee=employee,
                unit=unit,
                opd_id=int(unit.path.split("/")[0]) if unit is not None else None,
                position=employee.position,
                position_class=employee.position.kelas if employee.position else "",
            )
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
            audit_event(
                actor=acting_user,
                action="survey.response.submit",
                target=response,
                instansi=survey.instansi,
                after={"survey": survey.pk, "answers": len(rows)},
                note=str(survey),
            )
    except IntegrityError as exc:
        # Two submissions raced past the check above; the constraint keeps one.
        existing = SurveyResponse.objects.filter(survey=survey, employee=employee).first()
        if existing is None:
            raise
        raise ServiceError(already_answered_message(existing)) from exc
    return response
