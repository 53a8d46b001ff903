"""Pages for employees (ASN) and the region-code search."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.organisation import selectors
from bangkom.organisation.access import (
    can_write_employee,
    employees_for_user,
    get_employee_for_user,
    units_for_user,
)
from bangkom.organisation.forms import EmployeeForm
from bangkom.organisation.models import (
    EmployeeKind,
    Position,
    PositionClass,
)
from bangkom.organisation.services import (
    EmployeeData,
    employee_save,
)
from bangkom.organisation.views.common import (
    list_context,
    managed_instansi,
    managed_units,
    require_manager,
)


@login_required
def employee_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.read_instansi_ids or scope.opd_units or scope.is_supervisor):
        raise deny()
    qs = selectors.filter_employees(employees_for_user(request.user), request.GET)
    context = {
        **list_context(request, qs),
        "position_classes": PositionClass.choices,
        "kinds": EmployeeKind.choices,
        "units": units_for_user(request.user).order_by("path")[:500],
        "can_create": scope.is_admin or scope.is_opd_admin,
    }
    return render(request, "organisation/employee_list.html", context)


@login_required
def employee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_employee_for_user(request.user, pk)
    standards = []
    if employee.position is not None:
        standards = list(
            employee.position.standards.select_related("competency").order_by(
                "competency__jenis", "competency__kode"
            )
        )
    from bangkom.lib.golongan import rank_name

    try:
        rank = rank_name(employee.golongan) if employee.golongan else ""
    except (KeyError, ValueError):
        rank = ""
    subordinates = employees_for_user(request.user).filter(supervisor=employee, is_active=True)
    return render(
        request,
        "organisation/employee_detail.html",
        {
            "employee": employee,
            "rank": rank,
            "standards": standards,
            "subordinates": subordinates,
            "can_edit": can_write_employee(request.user, employee),
        },
    )


def _employee_form(request: HttpRequest, employee: Any = None) -> EmployeeForm:
    initial: dict[str, Any] = {"is_active": True}
    if employee is not None:
        initial = {
            "instansi": employee.instansi,
            "nip": employee.nip,
            "jenis": employee.jenis,
            "gelar_depan": employee.gelar_depan,
            "nama": employee.nama,
            "gelar_belakang": employee.gelar_belakang,
            "tanggal_lahir": employee.tanggal_lahir,
            "jenis_kelamin": employee.jenis_kelamin,
            "golongan": employee.golongan,
            "pendidikan_tingkat": employee.pendidikan_tingkat,
            "pendidikan_nama": employee.pendidikan_nama,
            "unit": employee.unit,
            "position": employee.position,
            "supervisor_nip": employee.supervisor.nip if employee.supervisor else "",
            "email": employee.email,
            "phone": employee.phone,
            "is_active": employee.is_active,
        }
    units = managed_units(request.user)
    instansi_qs = managed_instansi(request.user)
    if employee is not None:
        units = units.filter(instansi=employee.instansi)
        instansi_qs = instansi_qs.filter(pk=employee.instansi_id)
    positions = (
        Position.objects.filter(unit__in=units)
        .select_related("unit")
        .order_by("unit__path", "nama")
    )
    return EmployeeForm(
        request.POST or None,
        initial=initial,
        instansi_qs=instansi_qs,
        units=units,
        positions=positions,
        employees=employees_for_user(request.user),
    )


def _employee_submit(
    request: HttpRequest, form: EmployeeForm, employee: Any = None
) -> HttpResponse | None:
    data = form.cleaned_data
    instansi = employee.instansi if employee is not None else data["instansi"]
    unit = data["unit"]
    if unit is None and data["position"] is not None:
        unit = data["position"].unit
    if unit is None and not scope_for(request.user).can_admin(instansi.pk):
        form.add_error("unit", _("Pilih unit kerja di lingkup Anda."))
        return None
    try:
        saved = employee_save(
            instansi=instansi,
            data=EmployeeData(
                nip=data["nip"],
                nama=data["nama"],
                jenis=data["jenis"],
                gelar_depan=data["gelar_depan"],
                gelar_belakang=data["gelar_belakang"],
                tanggal_lahir=data["tanggal_lahir"],
                jenis_kelamin=data["jenis_kelamin"],
                golongan=data["golongan"],
                pendidikan_tingkat=data["pendidikan_tingkat"],
                pendidikan_nama=data["pendidikan_nama"],
                unit=unit,
                position=data["position"],
                supervisor=data["supervisor_nip"],
                email=data["email"],
                phone=data["phone"],
                is_active=data["is_active"],
            ),
            employee=employee,
            acting_user=request.user,
        )
    except ServiceError as exc:
        apply_service_errors(form, exc)
        return None
    messages.success(request, _("Data pegawai %s disimpan.") % saved.display_name)
    return redirect("organisation:employee_detail", saved.pk)


@login_required
@require_http_methods(["GET", "POST"])
def employee_create_view(request: HttpRequest) -> HttpResponse:
    require_manager(request.user)
    form = _employee_form(request)
    if request.method == "POST" and form.is_valid():
        response = _employee_submit(request, form)
        if response is not None:
            return response
    return render(request, "organisation/employee_form.html", {"form": form, "employee": None})


@login_required
@require_http_methods(["GET", "POST"])
def employee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_employee_for_user(request.user, pk, for_write=True)
    form = _employee_form(request, employee)
    if request.method == "POST" and form.is_valid():
        response = _employee_submit(request, form, employee)
        if response is not None:
            return response
    return render(request, "organisation/employee_form.html", {"form": form, "employee": employee})


@login_required
def wilayah_search(request: HttpRequest) -> HttpResponse:
    """Region codes by code prefix or name: JSON for scripts, a list fragment for HTMX."""
    from bangkom.organisation.wilayah import wilayah_search as search_wilayah

    query = request.GET.get("q", "")
    results = search_wilayah(query) if len(query.strip()) >= 2 else []
    if request.headers.get("HX-Request"):
        return render(request, "organisation/wilayah_options.html", {"results": results})
    return JsonResponse(
        {"results": [{"kode": w.kode, "nama": w.nama, "tingkat": w.tingkat} for w in results]}
    )
