"""Pages of the training-needs survey: questionnaires (BKPSDM), answering (ASN, phone first),
results, and discussion notes with their attachments."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.paging import paginate
from bangkom.needs.models import WeightFactor
from bangkom.organisation.models import Instansi, Unit
from bangkom.surveys import access, discussions, selectors, services
from bangkom.surveys.forms import (
    AnswerForm,
    AttachmentForm,
    ConclusionForm,
    NoteForm,
    QuestionForm,
    SurveyForm,
)
from bangkom.surveys.models import DiscussionNote, Survey, SurveyResponse


def _apply_service_errors(form: Any, exc: ServiceError) -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _admin_instansi(user: Any) -> QuerySet[Instansi]:
    return Instansi.objects.filter(pk__in=scope_for(user).admin_instansi_ids).order_by("nama")


def _survey_data(data: dict[str, Any]) -> services.SurveyData:
    return services.SurveyData(
        judul=data["judul"],
        tahun=data["tahun"],
        pengantar=data["pengantar"],
        opens_on=data["opens_on"],
        closes_on=data["closes_on"],
        target_units=list(data["target_units"]),
        factor_level=data["factor_level"],
        confidence_threshold=data["confidence_threshold"],
        very_low_threshold=data["very_low_threshold"],
        min_answers=data["min_answers"],
        factor_low=data["factor_low"],
        factor_very_low=data["factor_very_low"],
        topic_share_percent=data["topic_share_percent"],
        topic_factor=data["topic_factor"],
    )


# ----------------------------------------------------------------------------- surveys (admin)


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    if not access.can_see_surveys(request.user):
        raise deny()
    surveys = (
        access.surveys_for_user(request.user)
        .annotate(respondents=Count("responses"))
        .order_by("-tahun", "-opens_on", "-id")
    )
    return render(
        request,
        "surveys/survey_list.html",
        {
            **paginate(request, surveys),
            "can_create": scope_for(request.user).is_admin,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    instansi_qs = _admin_instansi(request.user)
    if not instansi_qs.exists():
        raise deny()
    form = SurveyForm(
        request.POST or None,
        instansi_qs=instansi_qs,
        units=Unit.objects.filter(instansi__in=instansi_qs).order_by("instansi__nama", "path"),
        creating=True,
        initial={
            "judul": _("Survei Kebutuhan Pelatihan ASN %s") % (timezone.localdate().year + 1),
            "opens_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                instansi=form.cleaned_data["instansi"],
                data=_survey_data(form.cleaned_data),
                use_template=form.cleaned_data["use_template"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Survei \u201c%s\u201d dibuat sebagai draf.") % survey.judul
            )
            return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": None})


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for_user(request.user, pk)
    can_edit = scope_for(request.user).can_admin(survey.instansi_id)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "questions": selectors.questions_with_items(survey),
            "targets": list(survey.target_units.order_by("path")),
            "respondents": survey.responses.count(),
            "can_edit": can_edit,
            "can_publish": can_edit and not survey.is_published,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for_user(request.user, pk, for_write=True)
    initial = {
        name: getattr(survey, name)
        for name in (
            "judul",
            "tahun",
            "pengantar",
            "opens_on",
            "closes_on",
            "factor_level",
            "confidence_threshold",
            "very_low_threshold",
            "min_answers",
            "factor_low",
            "factor_very_low",
            "topic_share_percent",
            "topic_factor",
        )
    }
    initial["instansi"] = survey.instansi
    initial["target_units"] = list(survey.target_units.all())
    form = SurveyForm(
        request.POST or None,
        instansi_qs=Instansi.objects.filter(pk=survey.instansi_id),
        units=Unit.objects.filter(instansi_id=survey.instansi_id).order_by("path"),
        creating=False,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(
                survey=survey, data=_survey_data(form.cleaned_data), acting_user=request.user
            )
        except ServiceError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("Survei disimpan."))
            return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


@login_required
@require_POST
def survey_publish(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for_user(request.user, pk, for_write=True)
    try:
        services.survey_publish(survey=survey, acting_user=request.user)
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Survei diterbitkan; ASN sasaran dapat mengisinya."))
    return redirect("surveys:detail", survey.pk)


def _question_form(request: HttpRequest, survey: Survey, question: Any = None) -> QuestionForm:
    initial: dict[str, Any] = {"is_required": True}
    if question is not None:
        initial = {
            "kind": question.kind,
            "teks": question.teks,
            "bantuan": question.bantuan,
            "items": QuestionForm.items_text(question),
            "is_required": question.is_required,
            "max_choices": question.max_choices,
            "urutan": question.urutan,
        }
    return QuestionForm(
        request.POST or None,
        initial=initial,
        competencies=services.usable_competencies(survey.instansi),
    )


def _question_save(request: HttpRequest, survey: Survey, question: Any = None) -> HttpResponse:
    form = _question_form(request, survey, question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_save(
                survey=survey,
                question=question,
                data=services.QuestionData(
                    kind=data["kind"],
                    teks=data["teks"],
                    bantuan=data["bantuan"],
                    is_required=data["is_required"],
                    max_choices=data["max_choices"],
                    urutan=data["urutan"],
                    items=data["items"],
                ),
                acting_user=request.user,
            )
        except ServiceError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("Pertanyaan disimpan."))
            return redirect("surveys:detail", survey.pk)
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "survey": survey, "question": question},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for_user(request.user, pk, for_write=True)
    return _question_save(request, survey)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = access.get_survey_for_user(request.user, pk, for_write=True)
    question = get_visible_or_404(
        survey.questions.prefetch_related("items__competencies"), question_pk
    )
    return _question_save(request, survey, question)


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = access.get_survey_for_user(request.user, pk, for_write=True)
    question = get_visible_or_404(survey.questions.all(), question_pk)
    try:
        services.question_delete(question=question, acting_user=request.user)
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Pertanyaan dihapus."))
    return redirect("surveys:detail", survey.pk)


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for_user(request.user, pk)
    viewer = access.results_viewer(request.user, survey)
    grouping = selectors.Grouping.parse(request.GET.get("per"))
    results = selectors.survey_results(survey, viewer, grouping)
    factors = (
        WeightFactor.objects.filter(
            instansi_id=survey.instansi_id, tahun=survey.tahun, source_key=f"survey:{survey.pk}"
        )
        .select_related("competency", "unit")
        .order_by("unit__path", "competency__kode")
        if viewer.full
        else WeightFactor.objects.none()
    )
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "results": results,
            "groupings": selectors.Grouping.choices(),
            "factors": factors,
            "can_recompute": scope_for(request.user).can_admin(survey.instansi_id),
        },
    )


@login_required
def survey_responses(request: HttpRequest, pk: int) -> HttpResponse:
    """Individual answers: BKPSDM admins only (privacy of the respondents)."""
    survey = access.get_survey_for_user(request.user, pk)
    if not access.can_see_individual_answers(request.user, survey):
        raise deny()
    responses = (
        SurveyResponse.objects.filter(survey=survey)
        .select_related("employee", "unit", "position")
        .prefetch_related("answers__item", "answers__question")
        .order_by("submitted_at", "id")
    )
    return render(
        request,
        "surveys/responses.html",
        {"survey": survey, **paginate(request, responses)},
    )


@login_required
@require_POST
def survey_recompute_factors(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for_user(request.user, pk, for_write=True)
    try:
        factors = services.survey_factors_recompute(survey=survey, acting_user=request.user)
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Faktor bobot dari survei ini dihitung ulang: %s faktor.") % len(factors),
        )
    return redirect("surveys:results", survey.pk)


# ----------------------------------------------------------------------------- answering (ASN)


@login_required
def my_surveys(request: HttpRequest) -> HttpResponse:
    employee = access.respondent(request.user)
    if employee is None:
        raise deny(_("Halaman ini untuk ASN yang terdaftar sebagai pegawai."))
    today = timezone.localdate()
    surveys = list(
        access.surveys_for_respondent(employee)
        .filter(closes_on__gte=today - datetime.timedelta(days=365))
        .order_by("closes_on", "id")
    )
    answered = dict(
        SurveyResponse.objects.filter(employee=employee, survey__in=surveys).values_list(
            "survey_id", "submitted_at"
        )
    )
    rows: dict[str, list[dict[str, Any]]] = {"open": [], "upcoming": [], "past": []}
    for survey in surveys:
        state = (
            "open" if survey.is_open(today) else "upcoming" if survey.opens_on > today else "past"
        )
        rows[state].append({"survey": survey, "answered_at": answered.get(survey.pk)})
    return render(
        request,
        "surveys/my_surveys.html",
        {
            "open_rows": rows["open"],
            "upcoming_rows": rows["upcoming"],
            "past_rows": rows["past"],
            "employee": employee,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey, employee = access.get_survey_for_respondent(request.user, pk)
    questions = selectors.questions_with_items(survey)
    existing = (
        SurveyResponse.objects.filter(survey=survey, employee=employee)
        .prefetch_related("answers")
        .first()
    )
    form = AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(
                survey=survey, employee=employee, answers=form.answers(), acting_user=request.user
            )
        except ServiceError as exc:
            form.add_service_errors(exc)
            if not hasattr(exc, "error_dict"):
                existing = (
                    existing
                    or SurveyResponse.objects.filter(survey=survey, employee=employee).first()
                )
        else:
            messages.success(request, _("Terima kasih, jawaban Anda sudah tersimpan."))
            return redirect("surveys:answer", survey.pk)
    mine: dict[tuple[int, int | None], Any] = {}
    if existing is not None:
        for answer in existing.answers.all():
            mine[(answer.question_id, answer.item_id)] = answer.value or answer.text or True
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "form": form,
            "existing": existing,
            "mine": _my_answers(questions, mine) if existing is not None else [],
            "is_open": survey.is_open(),
            "closed": survey.is_closed(),
        },
        status=200,
    )


def _my_answers(
    questions: list[Any], mine: dict[tuple[int, int | None], Any]
) -> list[dict[str, Any]]:
    """The ASN's own answers, question by question, to show after submission."""
    shown = []
    for question in questions:
        if question.is_text:
            text = mine.get((question.pk, None))
            lines = [text] if isinstance(text, str) else []
        elif question.is_confidence:
            lines = [
                f"{item.label}: {mine[(question.pk, item.pk)]}"
                for item in question.items.all()
                if (question.pk, item.pk) in mine
            ]
        else:
            lines = [item.label for item in question.items.all() if (question.pk, item.pk) in mine]
        shown.append({"question": question, "lines": lines})
    return shown


# ----------------------------------------------------------------------------- discussions


def _note_units(user: Any, instansi_ids: set[int] | None = None) -> QuerySet[Unit]:
    scope = scope_for(user)
    q = Q(instansi_id__in=scope.admin_instansi_ids) if scope.admin_instansi_ids else NOTHING
    for _instansi, path in scope.opd_units:
        q |= Q(path__startswith=path)
    units = Unit.objects.filter(q)
    if instansi_ids is not None:
        units = units.filter(instansi_id__in=instansi_ids)
    return units.select_related("instansi").order_by("instansi__nama", "path")


def _note_data(data: dict[str, Any]) -> discussions.NoteData:
    return discussions.NoteData(
        judul=data["judul"],
        tahun=data["tahun"],
        tanggal=data["tanggal"],
        participant_count=data["participant_count"],
        participant_description=data["participant_description"],
        fasilitator=data["fasilitator"],
        ringkasan=data["ringkasan"],
        units=list(data["units"]),
        survey=data["survey"],
    )


def _note_instansi(user: Any, units: list[Unit]) -> Instansi | None:
    """The instansi a new note belongs to: the units', else the admin's only instansi."""
    scope = scope_for(user)
    instansi_ids = {u.instansi_id for u in units}
    if len(instansi_ids) > 1:
        return None
    if instansi_ids:
        return Instansi.objects.get(pk=instansi_ids.pop())
    admin = _admin_instansi(user)
    return admin.first() if admin.count() == 1 and scope.is_admin else None


@login_required
def fgd_list(request: HttpRequest) -> HttpResponse:
    if not access.can_see_surveys(request.user):
        raise deny()
    notes = (
        access.notes_for_user(request.user)
        .annotate(conclusion_count=Count("conclusions", distinct=True))
        .prefetch_related("units")
        .order_by("-tanggal", "-id")
    )
    return render(
        request,
        "surveys/fgd_list.html",
        {**paginate(request, notes), "can_create": access.can_record_notes(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def fgd_create(request: HttpRequest) -> HttpResponse:
    if not access.can_record_notes(request.user):
        raise deny()
    scope = scope_for(request.user)
    form = NoteForm(
        request.POST or None,
        units=_note_units(request.user),
        surveys=access.surveys_for_user(request.user).order_by("-tahun", "judul"),
        units_required=not scope.is_admin,
        initial={"tanggal": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        units = list(form.cleaned_data["units"])
        instansi = _note_instansi(request.user, units)
        if instansi is None:
            form.add_error("units", _("Pilih unit kerja dari satu instansi."))
        else:
            try:
                note = discussions.note_save(
                    instansi=instansi, data=_note_data(form.cleaned_data), acting_user=request.user
                )
            except ServiceError as exc:
                _apply_service_errors(form, exc)
            else:
                messages.success(request, _("Catatan diskusi disimpan."))
                return redirect("surveys:fgd_detail", note.pk)
    return render(request, "surveys/fgd_form.html", {"form": form, "note": None})


@login_required
@require_http_methods(["GET", "POST"])
def fgd_edit(request: HttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk, for_write=True)
    scope = scope_for(request.user)
    form = NoteForm(
        request.POST or None,
        units=_note_units(request.user, {note.instansi_id}),
        surveys=access.surveys_for_user(request.user)
        .filter(instansi_id=note.instansi_id)
        .order_by("-tahun", "judul"),
        units_required=not scope.can_admin(note.instansi_id),
        initial={
            "judul": note.judul,
            "tanggal": note.tanggal,
            "tahun": note.tahun,
            "units": list(note.units.all()),
            "survey": note.survey,
            "participant_count": note.participant_count,
            "participant_description": note.participant_description,
            "fasilitator": note.fasilitator,
            "ringkasan": note.ringkasan,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            discussions.note_save(
                instansi=note.instansi,
                note=note,
                data=_note_data(form.cleaned_data),
                acting_user=request.user,
            )
        except ServiceError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("Catatan diskusi disimpan."))
            return redirect("surveys:fgd_detail", note.pk)
    return render(request, "surveys/fgd_form.html", {"form": form, "note": note})


def _fgd_detail_context(
    request: HttpRequest,
    note: DiscussionNote,
    conclusion_form: ConclusionForm | None = None,
    attachment_form: AttachmentForm | None = None,
) -> dict[str, Any]:
    can_write = access.can_write_note(request.user, note)
    can_apply = access.can_apply_note_factors(request.user, note)
    return {
        "note": note,
        "units": list(note.units.order_by("path")),
        "conclusions": list(note.conclusions.prefetch_related("competencies")),
        "attachments": list(note.attachments.all()),
        "factors": WeightFactor.objects.filter(
            instansi_id=note.instansi_id, tahun=note.tahun, source_key=f"fgd:{note.pk}"
        )
        .select_related("competency", "unit")
        .order_by("competency__kode", "unit__path")
        if can_apply
        else [],
        "can_write": can_write,
        "can_apply": can_apply,
        "conclusion_form": conclusion_form
        or ConclusionForm(competencies=services.usable_competencies(note.instansi)),
        "attachment_form": attachment_form or AttachmentForm(),
    }


@login_required
def fgd_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk)
    return render(request, "surveys/fgd_detail.html", _fgd_detail_context(request, note))


@login_required
@require_POST
def fgd_conclusion_add(request: HttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk, for_write=True)
    form = ConclusionForm(request.POST, competencies=services.usable_competencies(note.instansi))
    if form.is_valid():
        try:
            discussions.conclusion_add(
                note=note,
                teks=form.cleaned_data["teks"],
                competencies=form.cleaned_data["kompetensi"],
                factor=form.cleaned_data["factor"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("Kesimpulan ditambahkan."))
            return redirect("surveys:fgd_detail", note.pk)
    return render(
        request,
        "surveys/fgd_detail.html",
        _fgd_detail_context(request, note, conclusion_form=form),
    )


@login_required
@require_POST
def fgd_conclusion_delete(request: HttpRequest, pk: int, conclusion_pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk, for_write=True)
    conclusion = get_visible_or_404(note.conclusions.all(), conclusion_pk)
    discussions.conclusion_delete(conclusion=conclusion, acting_user=request.user)
    messages.success(request, _("Kesimpulan dihapus."))
    return redirect("surveys:fgd_detail", note.pk)


@login_required
@require_POST
def fgd_apply_factors(request: HttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk)
    if not access.can_apply_note_factors(request.user, note):
        raise deny()
    try:
        factors = discussions.note_factors_apply(note=note, acting_user=request.user)
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Faktor bobot dari catatan diskusi ini diterapkan: %s faktor.") % len(factors),
        )
    return redirect("surveys:fgd_detail", note.pk)


@login_required
@require_POST
def fgd_attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk, for_write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            discussions.attachment_add(
                note=note, upload=form.cleaned_data["file"], acting_user=request.user
            )
        except ServiceError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("Lampiran diunggah."))
            return redirect("surveys:fgd_detail", note.pk)
    return render(
        request,
        "surveys/fgd_detail.html",
        _fgd_detail_context(request, note, attachment_form=form),
    )


@login_required
def fgd_attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = access.get_attachment_for_user(request.user, pk, attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas tidak ditemukan.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=discussions.content_type_for(attachment.file.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def fgd_attachment_delete(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk, for_write=True)
    attachment = get_visible_or_404(note.attachments.all(), attachment_pk)
    discussions.attachment_delete(attachment=attachment, acting_user=request.user)
    messages.success(request, _("Lampiran dihapus."))
    return redirect("surveys:fgd_detail", note.pk)
