"""Pages of attendance, completion and the action plan: a session's check-in page (the QR
code and the roster) for trainers, partner staff and admins; the ASN's check-in from the QR
link on a phone; completing a batch; writing and acknowledging the rencana aksi."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.delivery.access import get_batch_for_user
from bangkom.delivery.access_enrolment import (
    get_action_plan_for_ack,
    get_my_enrolment,
    get_session_for_attendance,
    get_session_for_checkin,
    require_employee,
)
from bangkom.delivery.forms_enrolment import ActionPlanForm, RosterForm
from bangkom.delivery.models import ActionPlan, Attendance, Enrolment, EnrolmentStatus
from bangkom.delivery.services.attendance import (
    ATTENDING_STATUSES,
    attendance_mark,
    batch_complete,
    checkin_by_token,
    checkin_token,
    checkin_window,
)
from bangkom.delivery.services.enrolment import action_plan_acknowledge, action_plan_save
from bangkom.organisation.models import Employee


def _qr_svg(url: str) -> SafeString:
    # segno writes the SVG itself from the URL; nothing user-written goes into it
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, dark="#111"))  # noqa: S308


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_attendance(request.user, pk)
    enrolments = list(
        Enrolment.objects.filter(batch_id=session.batch_id, status__in=ATTENDING_STATUSES)
        .select_related("employee")
        .order_by("employee__nama")
    )
    current = {
        a.enrolment_id: a
        for a in Attendance.objects.filter(session=session, enrolment__in=enrolments)
    }
    form = RosterForm(
        request.POST or None,
        enrolments=enrolments,  # type: ignore[arg-type]
        initial={f"e{pk}": a.status for pk, a in current.items()},
    )
    if request.method == "POST" and form.is_valid():
        marks = {int(name[1:]): value for name, value in form.cleaned_data.items() if value}
        try:
            changed = attendance_mark(session=session, marks=marks, acting_user=request.user)
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Daftar hadir disimpan (%d perubahan).") % changed)
            return redirect("delivery:session_attendance", pk=session.pk)
    url = request.build_absolute_uri(
        reverse("delivery:session_checkin", args=[session.pk]) + "?t=" + checkin_token(session)
    )
    opens, closes = checkin_window(session)
    rows = [(e, current.get(e.pk), form[f"e{e.pk}"]) for e in enrolments]
    return render(
        request,
        "delivery/session_attendance.html",
        {
            "session": session,
            "checkin_url": url,
            "qr": _qr_svg(url),
            "opens": opens,
            "closes": closes,
            "rows": rows,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_checkin(request.user, pk)
    token = request.POST.get("t") or request.GET.get("t", "")
    employee = Employee.objects.get(pk=require_employee(request.user))
    error = ""
    done = None
    if request.method == "POST":
        try:
            done = checkin_by_token(
                session=session, token=token, employee=employee, acting_user=request.user
            )
        except ServiceError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "delivery/session_checkin.html",
        {"session": session, "token": token, "error": error, "done": done},
        status=400 if error else 200,
    )


@login_required
@require_POST
def batch_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_batch_for_user(request.user, pk, for_write=True)
    try:
        outcome = batch_complete(batch=batch, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Angkatan diselesaikan: %(c)d lulus, %(n)d belum lulus, %(j)d dikreditkan JP.")
            % {"c": outcome.completed, "n": outcome.not_completed, "j": outcome.credited},
        )
    return redirect("delivery:batch_detail", pk=batch.pk)


@login_required
@require_http_methods(["GET", "POST"])
def action_plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_my_enrolment(request.user, pk)
    existing = ActionPlan.objects.filter(enrolment=enrolment).first()
    form = ActionPlanForm(
        request.POST or None,
        initial={"plan": existing.plan, "due_date": existing.due_date} if existing else None,
    )
    locked = bool(existing and existing.acknowledged_at)
    if enrolment.status != EnrolmentStatus.COMPLETED:
        messages.error(request, _("Rencana aksi ditulis setelah pelatihan dinyatakan selesai."))
        return redirect("delivery:my_trainings")
    if request.method == "POST" and form.is_valid():
        try:
            action_plan_save(enrolment=enrolment, acting_user=request.user, **form.cleaned_data)
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Rencana aksi disimpan."))
            return redirect("delivery:my_trainings")
    return render(
        request,
        "delivery/action_plan.html",
        {"enrolment": enrolment, "form": form, "existing": existing, "locked": locked},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def action_plan_acknowledge_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_action_plan_for_ack(request.user, pk)
    supervisor = Employee.objects.get(pk=require_employee(request.user))
    try:
        action_plan_acknowledge(action_plan=plan, supervisor=supervisor, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Rencana aksi %s ditandai diketahui.") % plan.enrolment.employee.display_name,
        )
    return redirect("delivery:team_nominations")
