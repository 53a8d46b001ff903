"""Pages for the unit tree."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.params import query_id
from bangkom.organisation import selectors
from bangkom.organisation.access import (
    employees_for_user,
    get_unit_for_user,
    positions_for_user,
    units_for_user,
)
from bangkom.organisation.forms import UnitForm
from bangkom.organisation.models import (
    Unit,
    UnitKind,
)
from bangkom.organisation.services import (
    unit_create,
    unit_update,
)
from bangkom.organisation.views.common import (
    list_context,
    managed_instansi,
    managed_units,
    require_manager,
)


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    if not (scope_for(request.user).read_instansi_ids or scope_for(request.user).opd_units):
        raise deny()
    qs = selectors.filter_units(units_for_user(request.user), request.GET)
    context = {
        **list_context(request, qs),
        "unit_kinds": UnitKind.choices,
        "can_create": bool(
            managed_units(request.user).exists() or scope_for(request.user).is_admin
        ),
    }
    return render(request, "organisation/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    children = units_for_user(request.user).filter(parent=unit).order_by("nama")
    positions = positions_for_user(request.user).filter(unit=unit).order_by("nama")
    employees = employees_for_user(request.user).filter(unit=unit, is_active=True).order_by("nama")
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "children": children,
            "positions": positions,
            "employees": employees[:200],
            "can_edit": scope_for(request.user).manages_unit_path(unit.instansi_id, unit.path),
        },
    )


def _unit_form(request: HttpRequest, unit: Unit | None = None) -> UnitForm:
    initial: dict[str, Any] = {}
    if unit is not None:
        initial = {
            "instansi": unit.instansi,
            "nama": unit.nama,
            "jenis": unit.jenis,
            "parent": unit.parent,
            "singkatan": unit.singkatan,
            "wilayah": unit.wilayah_id or "",
        }
    elif parent_id := query_id(request.GET, "parent"):
        parent = managed_units(request.user).filter(pk=parent_id).first()
        if parent:
            initial = {"parent": parent, "instansi": parent.instansi}
    units = managed_units(request.user)
    if unit is not None:
        units = units.filter(instansi=unit.instansi).exclude(path__startswith=unit.path)
    return UnitForm(
        request.POST or None,
        initial=initial,
        instansi_qs=managed_instansi(request.user),
        units=units,
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_create_view(request: HttpRequest) -> HttpResponse:
    require_manager(request.user)
    form = _unit_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scope = scope_for(request.user)
        parent = data["parent"]
        if parent is None and not scope.can_admin(data["instansi"].pk):
            form.add_error(
                "parent", _("Admin OPD hanya dapat menambah unit di bawah unitnya sendiri.")
            )
        else:
            try:
                unit = unit_create(
                    instansi=data["instansi"],
                    nama=data["nama"],
                    jenis=data["jenis"],
                    parent=parent,
                    singkatan=data["singkatan"],
                    wilayah=data["wilayah"],
                    acting_user=request.user,
                )
            except ServiceError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Unit %s disimpan.") % unit.nama)
                return redirect("organisation:unit_detail", unit.pk)
    return render(request, "organisation/unit_form.html", {"form": form, "unit": None})


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk, for_write=True)
    form = _unit_form(request, unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if (
            data["parent"] is None
            and unit.parent_id is not None
            and not scope_for(request.user).can_admin(unit.instansi_id)
        ):
            form.add_error("parent", _("Admin OPD tidak dapat menjadikan unit sebagai OPD."))
        else:
            try:
                unit_update(
                    unit=unit,
                    nama=data["nama"],
                    jenis=data["jenis"],
                    parent=data["parent"],
                    singkatan=data["singkatan"],
                    wilayah=data["wilayah"],
                    acting_user=request.user,
                )
            except ServiceError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Unit %s disimpan.") % data["nama"])
                return redirect("organisation:unit_detail", unit.pk)
    return render(request, "organisation/unit_form.html", {"form": form, "unit": unit})
