"""Pages of nominations and enrolment: "Pelatihan saya" (confirm, withdraw, enrol in an open
batch, write the action plan), the supervisor's team nominations (approve, bulk approve,
decline with a reason), a batch's capacity and self-enrolment setting, and the notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.params import parse_id
from bangkom.delivery.access import get_batch_for_user
from bangkom.delivery.access_enrolment import (
    get_enrolment_for_decision,
    get_my_enrolment,
    get_open_batch_for_user,
    my_enrolments,
    open_batches_for_user,
    require_employee,
    team_enrolments,
)
from bangkom.delivery.forms_enrolment import EnrolmentSettingsForm, ReasonForm
from bangkom.delivery.models import ActionPlan, EnrolmentStatus, Notification
from bangkom.delivery.services.enrolment import (
    WITHDRAWABLE,
    batch_capacity,
    batch_enrolment_settings,
    enrolment_confirm,
    enrolment_decide,
    enrolment_nominate,
    enrolment_self_enrol,
    enrolment_withdraw,
    enrolments_approve_bulk,
    seats_taken,
)
from bangkom.delivery.services.notifications import notification_mark_read
from bangkom.organisation.models import Employee


@login_required
@require_GET
def my_trainings(request: HttpRequest) -> HttpResponse:
    employee_id = require_employee(request.user)
    enrolments = list(
        my_enrolments(request.user)
        .select_related("completion", "action_plan")
        .order_by("-batch__year", "batch__earliest")
    )
    enrolled = {e.batch_id for e in enrolments}
    open_batches = [b for b in open_batches_for_user(request.user) if b.pk not in enrolled]
    return render(
        request,
        "delivery/my_trainings.html",
        {
            "employee": Employee.objects.get(pk=employee_id),
            "enrolments": enrolments,
            "open_batches": open_batches,
            "withdrawable": WITHDRAWABLE,
            "S": EnrolmentStatus,
        },
    )


@login_required
@require_POST
def enrolment_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_my_enrolment(request.user, pk)
    try:
        enrolment_confirm(enrolment=enrolment, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Kehadiran Anda di %s dikonfirmasi.") % enrolment.batch)
    return redirect("delivery:my_trainings")


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_my_enrolment(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_withdraw(
                enrolment=enrolment, reason=form.cleaned_data["reason"], acting_user=request.user
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Keikutsertaan Anda di %s dibatalkan.") % enrolment.batch)
            return redirect("delivery:my_trainings")
    return render(
        request,
        "delivery/reason_form.html",
        {
            "form": form,
            "title": _("Tolak/batalkan keikutsertaan"),
            "subject": enrolment.batch,
            "button": _("Batalkan keikutsertaan"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def self_enrol_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_open_batch_for_user(request.user, pk)
    employee = Employee.objects.get(pk=require_employee(request.user))
    try:
        enrolment = enrolment_self_enrol(batch=batch, employee=employee, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if enrolment.status == EnrolmentStatus.WAITLISTED:
            messages.warning(
                request,
                _("Angkatan penuh; Anda di daftar tunggu nomor %d.") % enrolment.waitlist_position,
            )
        else:
            messages.success(request, _("Anda terdaftar di %s.") % batch)
    return redirect("delivery:my_trainings")


# --- the supervisor -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def team_nominations(request: HttpRequest) -> HttpResponse:
    team = team_enrolments(request.user)
    if request.method == "POST":
        ids = [i for i in (parse_id(v) for v in request.POST.getlist("enrolment")) if i]
        chosen = list(team.filter(pk__in=ids, status=EnrolmentStatus.NOMINATED))
        if not chosen:
            messages.error(request, _("Pilih paling sedikit satu pencalonan."))
        else:
            try:
                count = enrolments_approve_bulk(enrolments=chosen, acting_user=request.user)
            except ServiceError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("%d pencalonan disetujui.") % count)
        return redirect("delivery:team_nominations")
    enrolments = list(team.order_by("status", "batch__earliest", "employee__nama"))
    return render(
        request,
        "delivery/team_nominations.html",
        {
            "pending": [e for e in enrolments if e.status == EnrolmentStatus.NOMINATED],
            "decided": [e for e in enrolments if e.status != EnrolmentStatus.NOMINATED],
            "action_plans": ActionPlan.objects.filter(
                enrolment__in=[e.pk for e in enrolments]
            ).select_related("enrolment__employee", "enrolment__batch__plan_program__template"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def nomination_decide(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_enrolment_for_decision(request.user, pk)
    if request.method == "POST" and request.POST.get("decision") == "approve":
        try:
            enrolment_decide(enrolment=enrolment, approve=True, acting_user=request.user)
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Pencalonan %s disetujui.") % enrolment.employee.display_name
            )
        return redirect("delivery:team_nominations")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_decide(
                enrolment=enrolment,
                approve=False,
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Pencalonan %s ditolak.") % enrolment.employee.display_name)
            return redirect("delivery:team_nominations")
    return render(
        request,
        "delivery/reason_form.html",
        {
            "form": form,
            "title": _("Tolak pencalonan"),
            "subject": f"{enrolment.employee.display_name} — {enrolment.batch}",
            "button": _("Tolak pencalonan"),
        },
        status=400 if form.errors else 200,
    )


# --- a batch's enrolment settings ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def batch_enrolment_settings_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_batch_for_user(request.user, pk, for_write=True)
    form = EnrolmentSettingsForm(
        request.POST or None,
        initial={"capacity": batch.capacity, "open_enrolment": batch.open_enrolment},
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch_enrolment_settings(batch=batch, acting_user=request.user, **form.cleaned_data)
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Pengaturan peserta angkatan disimpan."))
            return redirect("delivery:batch_detail", pk=batch.pk)
    return render(
        request,
        "delivery/batch_enrolment_settings.html",
        {
            "batch": batch,
            "form": form,
            "capacity": batch_capacity(batch),
            "taken": seats_taken(batch),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def batch_nominate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An admin nominates one more ASN by NIP (a seat, or the waiting list when full)."""
    batch = get_batch_for_user(request.user, pk, for_write=True)
    nip = (request.POST.get("nip") or "").strip()[:18]
    employee = Employee.objects.filter(instansi_id=batch.instansi_id, nip=nip).first()
    if employee is None:
        messages.error(request, _("Pegawai dengan NIP %s tidak ditemukan di instansi ini.") % nip)
    else:
        try:
            enrolment = enrolment_nominate(batch=batch, employee=employee, acting_user=request.user)
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if enrolment.status == EnrolmentStatus.WAITLISTED:
                messages.warning(
                    request,
                    _("Angkatan penuh; %(name)s di daftar tunggu nomor %(n)d.")
                    % {"name": employee.display_name, "n": enrolment.waitlist_position},
                )
            else:
                messages.success(request, _("%s dicalonkan.") % employee.display_name)
    return redirect("delivery:batch_enrolment_settings", pk=batch.pk)


# --- notifications -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        pk = parse_id(request.POST.get("pk"))
        if pk or request.POST.get("all"):
            notification_mark_read(user=request.user, pk=pk)
        return redirect("delivery:notifications")
    items = Notification.objects.filter(user_id=request.user.pk or 0)[:100]
    return render(request, "delivery/notifications.html", {"items": items})
