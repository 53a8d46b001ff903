"""Pages of plan priorities (RPJMD/Renstra themes)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.paging import paginate
from bangkom.organisation.plan_year import current_plan_year
from bangkom.regional import selectors
from bangkom.regional.access import (
    can_write_priority,
    current_instansi,
    get_priority_for_user,
    is_manager,
    managed_units,
    priorities_for_user,
    units_within_reach,
)
from bangkom.regional.forms import PriorityForm
from bangkom.regional.models import PlanPriority
from bangkom.regional.services import PriorityData, priority_delete, priority_save
from bangkom.regional.views.common import (
    instansi_competencies,
    page_context,
    with_instansi,
)


@login_required
def priority_list(request: HttpRequest) -> HttpResponse:
    instansi = current_instansi(request)
    qs = selectors.priority_list(priorities_for_user(request.user).filter(instansi=instansi))
    context = {**paginate(request, qs), **page_context(request, instansi, "priorities")}
    return render(request, "regional/priority_list.html", context)


def _form(request: HttpRequest, instansi: Any, initial: dict[str, Any]) -> PriorityForm:
    return PriorityForm(
        request.POST or None,
        initial=initial,
        units=managed_units(request.user, instansi),
        competencies=instansi_competencies(instansi),
    )


def _save(
    request: HttpRequest, form: PriorityForm, instansi: Any, priority: PlanPriority | None
) -> PlanPriority | None:
    data = form.cleaned_data
    units = list(data["units"])
    if not units_within_reach(request.user, instansi, units or [None]):
        form.add_error("units", _("Admin OPD hanya dapat memilih unit di lingkupnya."))
        return None
    try:
        return priority_save(
            instansi=instansi,
            data=PriorityData(
                tema=data["tema"],
                dokumen=data["dokumen"],
                referensi=data["referensi"],
                uraian=data["uraian"],
                tahun_mulai=data["tahun_mulai"],
                tahun_selesai=data["tahun_selesai"],
                competencies=list(data["competencies"]),
                units=units,
                position_classes=data["position_classes"],
                position_keyword=data["position_keyword"],
                factor=data["factor"],
                is_active=data["is_active"],
            ),
            priority=priority,
            acting_user=request.user,
        )
    except ServiceError as exc:
        apply_service_errors(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def priority_create(request: HttpRequest) -> HttpResponse:
    instansi = current_instansi(request)
    if not is_manager(request.user, instansi):
        raise deny()
    year = current_plan_year(instansi)
    form = _form(request, instansi, {"tahun_mulai": year, "tahun_selesai": year + 4})
    if request.method == "POST" and form.is_valid():
        priority = _save(request, form, instansi, None)
        if priority is not None:
            messages.success(request, _("Prioritas %s disimpan.") % priority.tema)
            return redirect("regional:priority_edit", priority.pk)
    context = {
        "form": form,
        "priority": None,
        "factors": [],
        **page_context(request, instansi, "priorities"),
    }
    return render(request, "regional/priority_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A priority with the factors it produces; its form for those who may change it."""
    priority = get_priority_for_user(request.user, pk)
    can_write = can_write_priority(request.user, priority)
    if request.method == "POST" and not can_write:
        raise deny()
    initial = {
        "tema": priority.tema,
        "dokumen": priority.dokumen,
        "referensi": priority.referensi,
        "uraian": priority.uraian,
        "tahun_mulai": priority.tahun_mulai,
        "tahun_selesai": priority.tahun_selesai,
        "competencies": list(priority.competencies.all()),
        "units": list(priority.units.all()),
        "position_classes": priority.position_classes,
        "position_keyword": priority.position_keyword,
        "factor": str(priority.factor.normalize()).replace(".", ","),
        "is_active": priority.is_active,
    }
    form = _form(request, priority.instansi, initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, priority.instansi, priority)
        if saved is not None:
            messages.success(request, _("Prioritas %s disimpan.") % saved.tema)
            return redirect("regional:priority_edit", priority.pk)
    context = {
        "form": form if can_write else None,
        "priority": priority,
        "can_write": can_write,
        "factors": selectors.factors_of(priority.instansi_id, priority.source_key)[:200],
        **page_context(request, priority.instansi, "priorities"),
    }
    return render(request, "regional/priority_form.html", context)


@login_required
@require_POST
def priority_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request.user, pk, for_write=True)
    instansi = priority.instansi
    tema = priority.tema
    priority_delete(priority=priority, acting_user=request.user)
    messages.success(request, _("Prioritas %s dihapus beserta faktornya.") % tema)
    return redirect(with_instansi("regional:priority_list", instansi))
