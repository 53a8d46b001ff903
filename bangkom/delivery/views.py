"""Pages of batches and the schedule: a plan's batches ("Buat angkatan dari rencana", "Susun
jadwal"), a batch with its sessions and roster, the month's schedule with move/pin forms that
show conflicts while the planner edits, and the calendar feeds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.params import query_int
from bangkom.delivery import selectors
from bangkom.delivery.access import (
    batches_for_user,
    can_admin,
    can_see_batches,
    can_write_batch,
    get_batch_for_user,
    get_resource_instansi,
    get_session_for_user,
    get_trainer_for_user,
    get_venue_for_user,
    resource_instansi_ids,
)
from bangkom.delivery.forms import BatchForm, SessionMoveForm, TrainersForm
from bangkom.delivery.ical import build_calendar
from bangkom.delivery.models import (
    ACTIVE_ENROLMENT_STATUSES,
    CalendarFeed,
    Partner,
    ScheduleRun,
    Trainer,
    Venue,
)
from bangkom.delivery.services import (
    agreement_warnings,
    batch_pin,
    batch_trainers_set,
    batch_update,
    batches_from_plan,
    calendar_token_renew,
    reason_text,
    schedule_start,
    session_move,
)
from bangkom.organisation.models import Employee, Instansi
from bangkom.planning.access import get_plan_for_user, plans_for_user
from bangkom.planning.models import PlanStatus

ICS = "text/calendar; charset=utf-8"


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- a plan's batches -----------------------------------------------------------------------


@login_required
@require_GET
def plan_batches(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_pk)
    batches = selectors.batches_of_plan(request.user, plan)
    return render(
        request,
        "delivery/plan_batches.html",
        {
            "plan": plan,
            "batches": batches,
            "can_edit": can_admin(request.user, plan.instansi_id),
            "last_run": ScheduleRun.objects.filter(
                instansi_id=plan.instansi_id, year=plan.tahun
            ).first(),
            "reason_text": reason_text,
        },
    )


@login_required
@require_POST
def plan_batches_create(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_pk)
    if not can_admin(request.user, plan.instansi_id):
        raise deny()
    try:
        result = batches_from_plan(plan=plan, acting_user=request.user)
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(b)d angkatan baru dibuat, %(e)d peserta dicalonkan.")
            % {"b": result.batches_created, "e": result.enrolments_created},
        )
        for warning in result.warnings:
            messages.warning(request, warning)
    return redirect("delivery:plan_batches", plan_pk=plan.pk)


# --- batches --------------------------------------------------------------------------------


@login_required
@require_GET
def batch_list(request: HttpRequest) -> HttpResponse:
    if not can_see_batches(request.user):
        raise deny()
    year = _year(request)
    batches = (
        batches_for_user(request.user)
        .filter(year=year)
        .order_by("plan_program__template__kode", "sequence")
    )
    scope = scope_for(request.user)
    plans = (
        plans_for_user(request.user).filter(status=PlanStatus.APPROVED).order_by("-tahun")
        if scope.read_instansi_ids or scope.opd_units
        else []
    )
    return render(
        request, "delivery/batch_list.html", {"batches": batches, "year": year, "plans": plans}
    )


@login_required
@require_http_methods(["GET", "POST"])
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_batch_for_user(request.user, pk, for_write=request.method == "POST")
    can_edit = can_write_batch(request.user, batch)
    form = None
    if can_edit:
        initial = {
            "partner": batch.partner_id,
            "trainers": list(batch.trainers.all()),
            "venues": list(batch.venues.all()),
            "online": batch.online,
            "days": batch.days,
            "earliest": batch.earliest,
            "latest": batch.latest,
        }
        form = BatchForm(
            request.POST or None,
            initial=initial,
            partners=Partner.objects.filter(instansi_id=batch.instansi_id),
            trainers=Trainer.objects.filter(instansi_id=batch.instansi_id, is_active=True),
            venues=Venue.objects.filter(instansi_id=batch.instansi_id, is_active=True),
        )
        if request.method == "POST" and form.is_valid():
            try:
                warnings = batch_update(batch=batch, acting_user=request.user, **form.cleaned_data)
            except ServiceError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Angkatan disimpan."))
                for warning in warnings:
                    messages.warning(request, warning)
                return redirect("delivery:batch_detail", pk=batch.pk)
    return render(
        request,
        "delivery/batch_detail.html",
        {
            "batch": batch,
            "sessions": batch.sessions.select_related("venue").order_by("date"),
            "enrolments": batch.enrolments.select_related("employee__unit").order_by(
                "employee__nama"
            ),
            "trainers": batch.trainers.all(),
            "form": form,
            "can_edit": can_edit,
            "reason": reason_text(batch.unscheduled_reason) if batch.unscheduled_reason else "",
            "agreement_warnings": agreement_warnings(batch.partner, batch.latest, str(batch)),
            "active_statuses": ACTIVE_ENROLMENT_STATUSES,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def batch_pin_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_batch_for_user(request.user, pk, for_write=True)
    pinned = request.POST.get("pinned") == "1"
    try:
        batch_pin(batch=batch, pinned=pinned, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Jadwal angkatan dipatok.") if pinned else _("Patokan dilepas.")
        )
    return redirect(_next(request, reverse("delivery:batch_detail", args=[batch.pk])))


@login_required
@require_http_methods(["GET", "POST"])
def batch_trainers_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_batch_for_user(request.user, pk, for_write=True)
    form = TrainersForm(
        request.POST or None,
        initial={"trainers": list(batch.trainers.all())},
        trainers=Trainer.objects.filter(instansi_id=batch.instansi_id, is_active=True),
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch_trainers_set(
                batch=batch, trainers=form.cleaned_data["trainers"], acting_user=request.user
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Pengajar angkatan diganti."))
            return redirect("delivery:batch_detail", pk=batch.pk)
    return render(
        request,
        "delivery/batch_trainers.html",
        {"batch": batch, "form": form},
        status=400 if form.errors else 200,
    )


# --- the schedule ---------------------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    return query_int(request.GET, "tahun", low=2000, high=2100) or timezone.localdate().year


def _next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    return target if target.startswith("/pelaksanaan/") else default


@login_required
@require_GET
def schedule_list(request: HttpRequest) -> HttpResponse:
    if not can_see_batches(request.user):
        raise deny()
    year = _year(request)
    month = query_int(request.GET, "bulan", low=1, high=12) or timezone.localdate().month
    sessions = selectors.schedule_month(request.user, year=year, month=month)
    admin_ids = [i for i in resource_instansi_ids(request.user) if can_admin(request.user, i)]
    admin_instansi = Instansi.objects.filter(pk__in=admin_ids).order_by("nama")
    runs = ScheduleRun.objects.filter(instansi_id__in=admin_ids, year=year).select_related(
        "instansi"
    )[:3]
    return render(
        request,
        "delivery/schedule_list.html",
        {
            "sessions": sessions,
            "year": year,
            "month": month,
            "month_name": _month_name(month),
            "months": [(m, _month_name(m)) for m in range(1, 13)],
            "admin_instansi": admin_instansi,
            "can_edit_ids": set(admin_ids),
            "runs": runs,
            "reason_text": reason_text,
        },
    )


def _month_name(month: int) -> str:
    names = [
        _("Januari"),
        _("Februari"),
        _("Maret"),
        _("April"),
        _("Mei"),
        _("Juni"),
        _("Juli"),
        _("Agustus"),
        _("September"),
        _("Oktober"),
        _("November"),
        _("Desember"),
    ]
    return names[month - 1]


@login_required
@require_POST
def schedule_start_view(request: HttpRequest) -> HttpResponse:
    instansi = get_resource_instansi(request.user, request.POST.get("instansi"), for_write=True)
    year = query_int(request.POST, "tahun", low=1, high=9999) or 0
    try:
        run = schedule_start(instansi=instansi, year=year, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_next(request, reverse("delivery:schedule_list")))
    messages.success(request, _("Penyusunan jadwal %d dimulai di latar belakang.") % year)
    return redirect("delivery:schedule_run", pk=run.pk)


def _get_run(request: HttpRequest, pk: int) -> ScheduleRun:
    return get_visible_or_404(
        ScheduleRun.objects.filter(
            instansi_id__in=resource_instansi_ids(request.user)
        ).select_related("instansi"),
        pk,
    )


@login_required
@require_GET
def schedule_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = _get_run(request, pk)
    batches = {
        b.pk: b
        for b in batches_for_user(request.user).filter(pk__in=[u["batch"] for u in run.unscheduled])
    }
    unscheduled = [(batches.get(u["batch"]), reason_text(u["reason"])) for u in run.unscheduled]
    template = (
        "delivery/schedule_run_status.html"
        if request.headers.get("HX-Request")
        else "delivery/schedule_run.html"
    )
    return render(request, template, {"run": run, "unscheduled": unscheduled})


@login_required
@require_http_methods(["GET", "POST"])
def session_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, pk, for_write=True)
    venues = Venue.objects.filter(instansi_id=session.batch.instansi_id, is_active=True)
    form = SessionMoveForm(
        request.POST or None,
        initial={"date": session.date, "venue": session.venue_id},
        venues=venues,
    )
    if request.method == "POST" and form.is_valid():
        try:
            session_move(
                session=session,
                date=form.cleaned_data["date"],
                venue=form.cleaned_data["venue"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Sesi dipindahkan dan dipatok."))
            return redirect(
                f"{reverse('delivery:schedule_list')}?tahun={session.date.year}&bulan={session.date.month}"
            )
    return render(
        request,
        "delivery/session_move.html",
        {"session": session, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def session_check(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX: the conflicts of the date and venue typed so far (nothing is saved)."""
    session = get_session_for_user(request.user, pk, for_write=True)
    venues = Venue.objects.filter(instansi_id=session.batch.instansi_id, is_active=True)
    form = SessionMoveForm(request.POST, venues=venues)
    conflicts = []
    if form.is_valid():
        conflicts = selectors.conflicts_for(
            batch=session.batch,
            date=form.cleaned_data["date"],
            venue=form.cleaned_data["venue"],
            session=session,
        )
    return render(
        request,
        "delivery/conflicts.html",
        {"conflicts": conflicts, "checked": form.is_valid(), "form": form},
    )


# --- calendars ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def my_calendar(request: HttpRequest) -> HttpResponse:
    """The personal feed: renewing makes a new secret URL (shown once) and retires the old."""
    token = None
    if request.method == "POST":
        token = calendar_token_renew(user=request.user, acting_user=request.user)
    has_feed = CalendarFeed.objects.filter(user_id=request.user.pk or 0).exists()
    feed_url = (
        request.build_absolute_uri(reverse("delivery:calendar_feed", args=[token])) if token else ""
    )
    return render(
        request,
        "delivery/my_calendar.html",
        {
            "feed_url": feed_url,
            "has_feed": has_feed,
            "is_employee": bool(scope_for(request.user).employee_id),
        },
    )


@login_required
@require_GET
def my_calendar_ics(request: HttpRequest) -> HttpResponse:
    """The logged-in ASN's sessions of a year as a file to download."""
    scope = scope_for(request.user)
    employee = Employee.objects.filter(pk=scope.employee_id).first() if scope.employee_id else None
    year = _year(request)
    sessions = selectors.employee_sessions(employee, year) if employee else []
    name = _("Jadwal pengembangan kompetensi %s") % (employee.nama if employee else request.user)
    return _ics(build_calendar(sessions, name=f"{name} {year}"), f"jadwal-{year}.ics")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribed feed of a user's sessions; the token is the only credential."""
    feed = (
        CalendarFeed.objects.filter(token_hash=CalendarFeed.hash_token(token))
        .select_related("user__employee")
        .first()
    )
    if feed is None or not feed.user.is_active:
        raise Http404
    employee = feed.user.employee
    year = timezone.localdate().year
    sessions = []
    if employee is not None and employee.is_active:
        for y in (year - 1, year, year + 1):
            sessions += list(selectors.employee_sessions(employee, y))
    name = _("Jadwal pengembangan kompetensi %s") % (employee.nama if employee else feed.user)
    response = _ics(build_calendar(sessions, name=name), "jadwal.ics")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_GET
def trainer_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    trainer = get_trainer_for_user(request.user, pk)
    year = _year(request)
    return _ics(
        build_calendar(selectors.trainer_sessions(trainer, year), name=f"{trainer.name} {year}"),
        f"pengajar-{pk}.ics",
    )


@login_required
@require_GET
def venue_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    venue = get_venue_for_user(request.user, pk)
    year = _year(request)
    return _ics(
        build_calendar(selectors.venue_sessions(venue, year), name=f"{venue.name} {year}"),
        f"tempat-{pk}.ics",
    )
