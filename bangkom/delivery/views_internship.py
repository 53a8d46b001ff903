"""Internship (magang) pages: eligible young ASN, internships with their weekly logbook, the
mentor's decisions, the final report and completion; the log of coaching, mentoring, seminars
and projects (under /pelaksanaan/magang/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors, set_choices
from bangkom.delivery.access_elearning import get_internship_for_user
from bangkom.delivery.forms_elearning import (
    ActivityForm,
    LogbookDecideForm,
    LogbookForm,
    ReportForm,
)
from bangkom.delivery.models import ActivityLog, LogbookEntry
from bangkom.delivery.selectors_internship import eligible_for_internship, internships_for_user
from bangkom.delivery.services.internship import (
    ActivityData,
    activity_log_record,
    can_complete_internship,
    internship_complete,
    internship_max_age,
    internship_report_upload,
    logbook_decide,
    logbook_submit,
)
from bangkom.organisation.models import Employee, Instansi


def _read_instansi(request: HttpRequest) -> Instansi:
    scope = scope_for(request.user)
    if not scope.read_instansi_ids:
        raise deny()
    instansi = Instansi.objects.filter(pk__in=scope.read_instansi_ids).order_by("nama")
    raw = request.GET.get("instansi") or request.POST.get("instansi")
    if raw:
        return get_visible_or_404(instansi, raw)
    first = instansi.first()
    if first is None:
        raise deny()
    return first


@login_required
@require_GET
def eligible_list(request: HttpRequest) -> HttpResponse:
    """Young ASN who may apply for magang: age from the NIP at most the configured maximum."""
    instansi = _read_instansi(request)
    today = timezone.localdate()
    return render(
        request,
        "delivery/internship/eligible.html",
        {
            "instansi": instansi,
            "rows": eligible_for_internship(instansi.pk, today),
            "max_age": internship_max_age(),
            "today": today,
        },
    )


@login_required
@require_GET
def internship_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    return render(
        request,
        "delivery/internship/list.html",
        {
            "internships": internships_for_user(request.user).order_by("-start_date")[:200],
            "is_reader": bool(scope.read_instansi_ids),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def internship_detail(request: HttpRequest, pk: int) -> HttpResponse:
    internship = get_internship_for_user(request.user, pk)
    scope = scope_for(request.user)
    is_intern = scope.employee_id == internship.employee_id
    action = request.POST.get("action") if request.method == "POST" else None
    logbook_form = LogbookForm(request.POST if action == "logbook" else None)
    report_form = ReportForm(
        request.POST if action == "report" else None, request.FILES if action == "report" else None
    )
    status = 200
    if request.method == "POST":
        status = 400
        try:
            if action == "logbook" and logbook_form.is_valid():
                logbook_submit(
                    internship=internship,
                    week_start=logbook_form.cleaned_data["week_start"],
                    activities=logbook_form.cleaned_data["activities"] or "",
                    acting_user=request.user,
                )
                messages.success(request, _("Logbook dikirim ke mentor."))
                return redirect("delivery_internship:detail", pk=internship.pk)
            if action == "report" and report_form.is_valid():
                internship_report_upload(
                    internship=internship,
                    report=report_form.cleaned_data["report"],
                    acting_user=request.user,
                )
                messages.success(request, _("Laporan akhir diunggah."))
                return redirect("delivery_internship:detail", pk=internship.pk)
            if action == "complete":
                internship = internship_complete(internship=internship, acting_user=request.user)
                messages.success(
                    request,
                    _("Magang selesai. JP masuk: %(jp)s JP.")
                    % {"jp": internship.credit.jp if internship.credit else 0},
                )
                return redirect("delivery_internship:detail", pk=internship.pk)
        except ServiceError as exc:
            target: Any = report_form if action == "report" else logbook_form
            if action == "complete":
                messages.error(request, " ".join(exc.messages))
            else:
                apply_service_errors(target, exc)
    return render(
        request,
        "delivery/internship/detail.html",
        {
            "internship": internship,
            "entries": internship.logbook.order_by("week_start"),
            "is_intern": is_intern,
            "is_mentor": internship.mentor_id == request.user.pk,
            "can_complete": can_complete_internship(request.user, internship),
            "logbook_form": logbook_form,
            "report_form": report_form,
            "decide_form": LogbookDecideForm(),
        },
        status=status,
    )


@login_required
@require_POST
def logbook_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    visible = internships_for_user(request.user).values("pk")
    entry = get_visible_or_404(
        LogbookEntry.objects.filter(internship__in=visible).select_related("internship"), pk
    )
    form = LogbookDecideForm(request.POST)
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    try:
        logbook_decide(
            entry=entry,
            approve=approve,
            comment=form.cleaned_data.get("comment") or "",
            acting_user=request.user,
        )
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Logbook disetujui.") if approve else _("Logbook dikembalikan ke peserta.")
        )
    return redirect("delivery_internship:detail", pk=entry.internship_id)


@login_required
@require_http_methods(["GET", "POST"])
def activity_list(request: HttpRequest) -> HttpResponse:
    """Coaching, mentoring, seminars and projects of the instansi; admins record them."""
    instansi = _read_instansi(request)
    can_write = scope_for(request.user).can_admin(instansi.pk)
    if request.method == "POST" and not can_write:
        raise deny()
    form = ActivityForm(request.POST or None, request.FILES or None)
    set_choices(
        form,
        "participants",
        Employee.objects.filter(instansi=instansi, is_active=True).order_by("nama"),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                activity_log_record(
                    instansi=instansi,
                    data=ActivityData(
                        kind=data["kind"],
                        title=data["title"] or "",
                        date=data["date"],
                        units=data["units"],
                        participants=list(data["participants"]),
                        output_text=data["output_text"] or "",
                    ),
                    output_file=data["output_file"],
                    acting_user=request.user,
                )
            except ServiceError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Kegiatan dicatat dan JP peserta dikreditkan."))
                return redirect("delivery_internship:activity_list")
    logs = (
        ActivityLog.objects.filter(instansi=instansi)
        .prefetch_related("participants")
        .select_related("form")
        .order_by("-date")[:100]
    )
    return render(
        request,
        "delivery/internship/activities.html",
        {"instansi": instansi, "logs": logs, "form": form if can_write else None},
        status=status,
    )


@login_required
@require_GET
def internship_report(request: HttpRequest, pk: int) -> FileResponse:
    """The final report, streamed to those who see the internship (it is under private/)."""
    internship = get_internship_for_user(request.user, pk)
    if not internship.final_report:
        raise Http404(_("Data tidak ditemukan."))
    extension = internship.final_report.name.rsplit(".", 1)[-1]
    return FileResponse(
        internship.final_report.open("rb"),
        as_attachment=True,
        filename=f"laporan-magang-{internship.pk}.{extension}",
    )
