"""The pages that look across every app: the home page (what the user's scope holds) and the
audit log. They sit above the apps they read, so ``core`` stays free of any app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny
from bangkom.core.audit_actions import action_label
from bangkom.core.models import AuditEvent
from bangkom.core.paging import paginate
from bangkom.dashboard.todos import todos_for
from bangkom.organisation.access import employees_for_user
from bangkom.organisation.models import Employee, Instansi, Position, Unit


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    context: dict[str, object] = {"todos": todos_for(request.user, timezone.localdate())}
    if scope.read_instansi_ids:
        context["instansi_stats"] = (
            Instansi.objects.filter(pk__in=scope.read_instansi_ids)
            .annotate(
                unit_count=Count("units", distinct=True),
                position_count=Count("positions", distinct=True),
                employee_count=Count(
                    "employees", filter=Q(employees__is_active=True), distinct=True
                ),
            )
            .order_by("nama")[:50]
        )
    if scope.opd_units:
        paths = [path for _inst, path in scope.opd_units]
        context["opd_units"] = [
            {
                "unit": unit,
                "employee_count": Employee.objects.filter(
                    unit__path__startswith=unit.path, is_active=True
                ).count(),
                "position_count": Position.objects.filter(unit__path__startswith=unit.path).count(),
            }
            for unit in Unit.objects.filter(path__in=paths).select_related("instansi")
        ]
    if scope.employee_id:
        context["me"] = (
            Employee.objects.select_related("position", "unit", "instansi", "supervisor")
            .filter(pk=scope.employee_id)
            .first()
        )
    if scope.is_supervisor:
        context["subordinates"] = (
            employees_for_user(request.user)
            .filter(supervisor_id=scope.employee_id, is_active=True)
            .order_by("nama")
        )
    if scope.partner_instansi_ids:
        context["partner_instansi"] = Instansi.objects.filter(pk__in=scope.partner_instansi_ids)
    return render(request, "dashboard/home.html", context)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Audit rows of the instansi the user administers; national superadmins also see the
    rows that belong to no instansi (dictionary loads, users without an instansi)."""
    scope = scope_for(request.user)
    if not scope.is_admin:
        raise deny()
    q = Q(instansi_id__in=scope.admin_instansi_ids)
    if scope.superadmin_national:
        q |= Q(instansi__isnull=True)
    events = AuditEvent.objects.filter(q).select_related("instansi")
    action = request.GET.get("aksi", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    actor = request.GET.get("pelaku", "").strip()
    if actor:
        events = events.filter(actor_label__icontains=actor)
    target = request.GET.get("objek", "").strip()
    if target:
        events = events.filter(target_repr__icontains=target)
    actions = (
        AuditEvent.objects.filter(q).order_by("action").values_list("action", flat=True).distinct()
    )
    return render(
        request,
        "dashboard/audit_log.html",
        {
            **paginate(request, events.order_by("-at", "-id"), per_page=50),
            "filters": request.GET,
            "actions": [(code, action_label(code)) for code in actions[:200]],
        },
    )
