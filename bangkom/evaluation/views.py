"""Evaluation pages under /evaluasi/: the reaction questionnaire on a phone, a batch's
evaluation (reaction aggregates, learning statistics, the suggested decision and its follow-up
actions), the reaction indices per trainer, venue, partner and program, the follow-up list,
and the supervisor's behaviour follow-up (Level 3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.params import query_text
from bangkom.delivery.models import Batch
from bangkom.evaluation import results, selectors
from bangkom.evaluation.access import (
    actions_for_user,
    can_evaluate,
    can_see_details,
    evaluation_batches_for_user,
    follow_ups_for_user,
    get_action_for_user,
    get_enrolment_for_reaction,
    get_evaluation_batch_for_user,
    get_follow_up_for_user,
    index_instansi_ids,
)
from bangkom.evaluation.forms import (
    ActionForm,
    BehaviourForm,
    CloseForm,
    DecisionForm,
    ReactionForm,
    ScoresForm,
)
from bangkom.evaluation.models import REACTION_ITEMS, BatchDecision
from bangkom.evaluation.rules import Suggestion
from bangkom.evaluation.services import (
    action_close,
    action_create,
    decision_record,
    follow_up_competencies,
    follow_up_complete,
    follow_ups_schedule,
    reaction_submit,
    scores_import,
)
from bangkom.evaluation.wording import decision_label, rule_text

DIMENSION_LABELS = {
    "trainer": gettext_lazy("Pengajar"),
    "venue": gettext_lazy("Tempat"),
    "partner": gettext_lazy("Mitra"),
    "program": gettext_lazy("Program"),
}


SCORE_FILE_MAX_BYTES = 2 * 1024 * 1024


def _today() -> date:
    return timezone.localdate()


# --- Level 1: the questionnaire --------------------------------------------------------------


@login_required
@require_GET
def my_reactions(request: HttpRequest) -> HttpResponse:
    enrolments = selectors.reaction_enrolments_for_employee(scope_for(request.user).employee_id)
    return render(request, "evaluation/my_reactions.html", {"enrolments": enrolments})


@login_required
@require_http_methods(["GET", "POST"])
def reaction_form(request: HttpRequest, batch: int) -> HttpResponse:
    enrolment = get_enrolment_for_reaction(request.user, batch)
    if selectors.has_answered(enrolment):
        return render(
            request, "evaluation/reaction_done.html", {"batch": enrolment.batch}, status=200
        )
    form = ReactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reaction_submit(
                enrolment=enrolment,
                answers={code: data[code] for code in REACTION_ITEMS},
                comment=data["comment"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Terima kasih, jawaban Anda tersimpan tanpa nama."))
            return redirect("evaluation:my_reactions")
    status = 400 if form.errors else 200
    return render(
        request,
        "evaluation/reaction_form.html",
        {"form": form, "batch": enrolment.batch},
        status=status,
    )


# --- a batch's evaluation --------------------------------------------------------------------


@login_required
@require_GET
def batch_list(request: HttpRequest) -> HttpResponse:
    batches = evaluation_batches_for_user(request.user).order_by(
        "-year", "plan_program", "sequence"
    )
    return render(request, "evaluation/batch_list.html", {"batches": batches})


def _batch_context(request: HttpRequest, batch: Batch) -> dict[str, object]:
    details = can_see_details(request.user, batch)
    writable = can_evaluate(request.user, batch)
    learning = selectors.learning_result(batch)
    reaction = selectors.batch_reaction(batch)
    suggestion, evidence = selectors.batch_suggestion(batch, learning=learning, reaction=reaction)
    thresholds = selectors.decision_thresholds()
    decision = selectors.batch_decision(batch)
    answered, eligible = selectors.reaction_progress(batch)
    actions = (
        selectors.actions_with_overdue(decision.actions.all(), as_of=_today()) if decision else []
    )
    return {
        "batch": batch,
        "details": details,
        "writable": writable,
        "reaction": reaction,
        "min_answers": selectors.MIN_ANSWERS,
        "answered": answered,
        "eligible": eligible,
        "comments": selectors.reaction_comments(batch) if details else [],
        "learning": learning,
        "suggestion": suggestion,
        "suggestion_label": decision_label(suggestion.decision),
        "rule_text": rule_text(suggestion.rule, thresholds),
        "evidence": evidence,
        "decision": decision,
        "decision_label": decision_label(decision.decision) if decision else "",
        "decision_rule_text": rule_text(decision.rule, thresholds) if decision else "",
        "actions": actions,
    }


def _owners(batch: Batch) -> QuerySet[Any]:
    user_model = get_user_model()
    return (
        user_model.objects.filter(
            Q(employee__instansi_id=batch.instansi_id)
            | Q(role_assignments__instansi_id=batch.instansi_id)
        )
        .filter(is_active=True)
        .distinct()
        .order_by("username")
    )


@login_required
@require_GET
def batch_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_evaluation_batch_for_user(request.user, pk)
    context = _batch_context(request, batch)
    if context["writable"]:
        decision = cast(BatchDecision | None, context["decision"])
        suggested = cast(Suggestion, context["suggestion"]).decision
        context["decision_form"] = DecisionForm(
            initial={"decision": decision.decision if decision else suggested}
        )
        context["scores_form"] = ScoresForm()
        if decision:
            context["action_form"] = ActionForm(owners=_owners(batch))
    return render(request, "evaluation/batch_evaluation.html", context)


def _max_score(raw: str) -> Fraction | None:
    try:
        return Fraction(Decimal(raw.strip().replace(",", ".")))
    except (InvalidOperation, ValueError):
        return None


@login_required
@require_POST
def scores_upload(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_evaluation_batch_for_user(request.user, pk, for_write=True)
    form = ScoresForm(request.POST, request.FILES)
    if form.is_valid():
        maximum = _max_score(form.cleaned_data["max_score"])
        upload = form.cleaned_data["file"]
        text = _upload_text(form, upload)
        if maximum is None:
            form.add_error("max_score", _("Nilai maksimum harus berupa angka."))
        elif text is not None:
            try:
                scores_import(
                    batch=batch,
                    text=text,
                    max_score=maximum,
                    file_name=upload.name or "",
                    acting_user=request.user,
                )
            except ServiceError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Nilai pre-test dan post-test tersimpan."))
                return redirect("evaluation:batch", pk=batch.pk)
    context = _batch_context(request, batch)
    context["scores_form"] = form
    return render(request, "evaluation/batch_evaluation.html", context, status=400)


def _upload_text(form: ScoresForm, upload: Any) -> str | None:
    """The uploaded file as text, or None with the problem on the form."""
    if upload.size > SCORE_FILE_MAX_BYTES:
        form.add_error("file", _("Berkas terlalu besar (paling besar 2 MB)."))
        return None
    try:
        return str(upload.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        form.add_error(
            "file",
            _('Berkas bukan teks UTF-8; simpan ulang dari spreadsheet sebagai "CSV UTF-8".'),
        )
        return None


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_evaluation_batch_for_user(request.user, pk, for_write=True)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision_record(
                batch=batch,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Keputusan tersimpan."))
            return redirect("evaluation:batch", pk=batch.pk)
    context = _batch_context(request, batch)
    context["decision_form"] = form
    context["scores_form"] = ScoresForm()
    return render(request, "evaluation/batch_evaluation.html", context, status=400)


@login_required
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_evaluation_batch_for_user(request.user, pk, for_write=True)
    decision = selectors.batch_decision(batch)
    if decision is None:
        messages.error(request, _("Simpan keputusan dahulu, baru tindak lanjutnya."))
        return redirect("evaluation:batch", pk=batch.pk)
    form = ActionForm(request.POST, owners=_owners(batch))
    if form.is_valid():
        try:
            action_create(decision=decision, acting_user=request.user, **form.cleaned_data)
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Tindak lanjut ditambahkan."))
            return redirect("evaluation:batch", pk=batch.pk)
    context = _batch_context(request, batch)
    context["action_form"] = form
    return render(request, "evaluation/batch_evaluation.html", context, status=400)


# --- follow-up actions -----------------------------------------------------------------------


@login_required
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    try:
        as_of = parse_date(query_text(request.GET, "per", max_length=10)) or _today()
    except ValueError:  # well formed but not a date: 2027-02-30
        as_of = _today()
    actions = selectors.actions_with_overdue(actions_for_user(request.user), as_of=as_of)
    return render(request, "evaluation/action_list.html", {"actions": actions, "as_of": as_of})


@login_required
@require_http_methods(["GET", "POST"])
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request.user, pk, for_write=True)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action_close(
                action=action,
                note=form.cleaned_data["note"],
                closed_on=_today(),
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Tindak lanjut ditandai selesai."))
            return redirect("evaluation:action_list")
    status = 400 if form.errors else 200
    return render(
        request, "evaluation/action_close.html", {"form": form, "action": action}, status=status
    )


# --- indices ---------------------------------------------------------------------------------


@login_required
@require_GET
def indices(request: HttpRequest) -> HttpResponse:
    instansi_ids = index_instansi_ids(request.user)
    dimension = query_text(request.GET, "dimensi", max_length=10)
    if dimension not in selectors.DIMENSIONS:
        dimension = "program"
    rows = selectors.reaction_indices(dimension=dimension, instansi_ids=instansi_ids)
    return render(
        request,
        "evaluation/indices.html",
        {
            "rows": rows,
            "dimension": dimension,
            "dimensions": DIMENSION_LABELS.items(),
            "dimension_label": DIMENSION_LABELS[dimension],
            "min_answers": selectors.MIN_ANSWERS,
        },
    )


# --- Level 3: behaviour follow-up ------------------------------------------------------------


@login_required
@require_POST
def follow_ups_plan(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_evaluation_batch_for_user(request.user, pk, for_write=True)
    try:
        created = follow_ups_schedule(batch=batch, acting_user=request.user)
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(n)d evaluasi pasca pelatihan dijadwalkan.") % {"n": created},
        )
    return redirect("evaluation:batch", pk=batch.pk)


@login_required
@require_GET
def follow_up_list(request: HttpRequest) -> HttpResponse:
    follow_ups = follow_ups_for_user(request.user).order_by("status", "due_date", "pk")
    return render(
        request,
        "evaluation/follow_up_list.html",
        {
            "follow_ups": follow_ups,
            "today": _today(),
            "employee_id": scope_for(request.user).employee_id,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_form(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_follow_up_for_user(request.user, pk, for_write=request.method == "POST")
    competencies = follow_up_competencies(follow_up)
    writable = follow_up.supervisor_id == scope_for(request.user).employee_id
    form = BehaviourForm(request.POST or None, competencies=competencies)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_complete(
                follow_up=follow_up,
                ratings={c.pk: form.cleaned_data[f"competency_{c.pk}"] for c in competencies},
                note=form.cleaned_data["note"],
                completed_on=_today(),
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Evaluasi pasca pelatihan tersimpan."))
            return redirect("evaluation:follow_up_list")
    return render(
        request,
        "evaluation/follow_up_form.html",
        {
            "follow_up": follow_up,
            "form": form,
            "writable": writable,
            "ratings": follow_up.ratings.select_related("competency"),
        },
        status=400 if form.errors else 200,
    )


# --- Level 4: results and community feedback -------------------------------------------------


@login_required
@require_GET
def batch_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The units of the batch's ASN before and after, beside untrained units, with the public's
    SKM comments after the training (``evaluation.results``)."""
    batch = get_evaluation_batch_for_user(request.user, pk)
    if not can_see_details(request.user, batch):
        # unit indicators are the instansi's own: its admins and leadership only
        raise deny()
    raw = (request.GET.get("bulan") or "").strip()
    months = int(raw) if raw.isdigit() else results.DEFAULT_MONTHS
    months = min(max(months, results.MIN_MONTHS), results.MAX_MONTHS)
    context = {
        "batch": batch,
        "months": months,
        "month_choices": (3, 6, 12, 24),
        "r": results.batch_results(batch, months=months),
    }
    return render(request, "evaluation/batch_results.html", context)
