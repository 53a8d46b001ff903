"""Pages of the training-needs survey: questionnaires (BKPSDM), answering (ASN, phone first),
results, and discussion notes with their attachments."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.paging import paginate
from bangkom.factors.models import WeightFactor
from bangkom.organisation.models import Instansi, Unit
from bangkom.organisation.plan_year import current_plan_year
from bangkom.surveys import access, selectors, services
from bangkom.surveys.factors import survey_factors_recompute
from bangkom.surveys.forms import (
    AnswerForm,
    QuestionForm,
    SurveyForm,
)
from bangkom.surveys.models import Survey, SurveyResponse


def admin_instansi(user: Any) -> QuerySet[Instansi]:
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
    instansi_qs = admin_instansi(request.user)
    if not instansi_qs.exists():
        raise deny()
    form = SurveyForm(
        request.POST or None,
        instansi_qs=instansi_qs,
        units=Unit.objects.filter(instansi__in=instansi_qs).order_by("instansi__nama", "path"),
        creating=True,
        initial={
            "judul": _("Survei Kebutuhan Pelatihan ASN %s")
            % current_plan_year(instansi_qs.first()),
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
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Survei “%s” dibuat sebagai draf.") % survey.judul)
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
            apply_service_errors(form, exc)
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
            apply_service_errors(form, exc)
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
    weight_factors = (
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
            "factors": weight_factors,
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
        created = survey_factors_recompute(survey=survey, acting_user=request.user)
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Faktor bobot dari survei ini dihitung ulang: %s faktor.") % len(created),
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
