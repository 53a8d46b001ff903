"""Pages for units, positions (with duties and standards) and employees."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.competencies.access import competencies_for_user
from bangkom.competencies.services import duty_delete, duty_save, standard_set
from bangkom.core.access import NOTHING, deny
from bangkom.core.errors import ServiceError
from bangkom.core.paging import paginate
from bangkom.organisation import selectors
from bangkom.organisation.access import (
    can_write_employee,
    employees_for_user,
    get_employee_for_user,
    get_position_for_user,
    get_unit_for_user,
    instansi_for_user,
    positions_for_user,
    units_for_user,
)
from bangkom.organisation.forms import DutyForm, EmployeeForm, PositionForm, UnitForm
from bangkom.organisation.models import (
    Duty,
    EmployeeKind,
    Instansi,
    Position,
    PositionClass,
    Unit,
    UnitKind,
)
from bangkom.organisation.services import (
    EmployeeData,
    employee_save,
    position_save,
    unit_create,
    unit_update,
)


def _managed_instansi(user: Any) -> QuerySet[Instansi]:
    scope = scope_for(user)
    ids = set(scope.admin_instansi_ids) | {inst for inst, _path in scope.opd_units}
    return Instansi.objects.filter(pk__in=ids).order_by("nama")


def _managed_units(user: Any) -> QuerySet[Unit]:
    scope = scope_for(user)
    q = Q(instansi_id__in=scope.admin_instansi_ids) if scope.admin_instansi_ids else NOTHING
    for _instansi, path in scope.opd_units:
        q |= Q(path__startswith=path)
    return Unit.objects.filter(q).select_related("instansi").order_by("instansi__nama", "path")


def _require_manager(user: Any) -> None:
    scope = scope_for(user)
    if not scope.is_admin and not scope.is_opd_admin:
        raise deny()


def _apply_service_errors(form: Any, exc: ServiceError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _list_context(request: HttpRequest, qs: QuerySet[Any]) -> dict[str, Any]:
    return {
        **paginate(request, qs),
        "filters": request.GET,
        "instansi_choices": instansi_for_user(request.user).filter(
            pk__in=scope_for(request.user).read_instansi_ids
            | {inst for inst, _path in scope_for(request.user).opd_units}
        ),
    }


# ----------------------------------------------------------------------------- units


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    if not (scope_for(request.user).read_instansi_ids or scope_for(request.user).opd_units):
        raise deny()
    qs = selectors.filter_units(units_for_user(request.user), request.GET)
    context = {
        **_list_context(request, qs),
        "unit_kinds": UnitKind.choices,
        "can_create": bool(
            _managed_units(request.user).exists() or scope_for(request.user).is_admin
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
    elif request.GET.get("parent"):
        parent = _managed_units(request.user).filter(pk=request.GET["parent"]).first()
        if parent:
            initial = {"parent": parent, "instansi": parent.instansi}
    units = _managed_units(request.user)
    if unit is not None:
        units = units.filter(instansi=unit.instansi).exclude(path__startswith=unit.path)
    return UnitForm(
        request.POST or None,
        initial=initial,
        instansi_qs=_managed_instansi(request.user),
        units=units,
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_create_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
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
                _apply_service_errors(form, exc)
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
                _apply_service_errors(form, exc)
            else:
                messages.success(request, _("Unit %s disimpan.") % data["nama"])
                return redirect("organisation:unit_detail", unit.pk)
    return render(request, "organisation/unit_form.html", {"form": form, "unit": unit})


# ----------------------------------------------------------------------------- positions


@login_required
def position_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.read_instansi_ids and not scope.opd_units:
        raise deny()
    qs = selectors.filter_positions(positions_for_user(request.user), request.GET)
    context = {
        **_list_context(request, qs),
        "position_classes": PositionClass.choices,
        "can_create": scope.is_admin or scope.is_opd_admin,
    }
    return render(request, "organisation/position_list.html", context)


@login_required
def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_position_for_user(request.user, pk)
    position = (
        selectors.position_with_details(Position.objects.filter(pk=position.pk))
        .select_related("unit", "instansi")
        .get()
    )
    holders = (
        employees_for_user(request.user).filter(position=position, is_active=True).order_by("nama")
    )
    return render(
        request,
        "organisation/position_detail.html",
        {
            "position": position,
            "holders": holders[:100],
            "can_edit": scope_for(request.user).manages_unit_path(
                position.instansi_id, position.unit.path
            ),
        },
    )


def _position_form(request: HttpRequest, position: Position | None = None) -> PositionForm:
    initial: dict[str, Any] = {}
    if position is not None:
        initial = {
            "instansi": position.instansi,
            "unit": position.unit,
            "nama": position.nama,
            "kelas": position.kelas,
            "ikhtisar": position.ikhtisar,
        }
    elif request.GET.get("unit"):
        unit = _managed_units(request.user).filter(pk=request.GET["unit"]).first()
        if unit:
            initial = {"unit": unit, "instansi": unit.instansi}
    return PositionForm(
        request.POST or None,
        initial=initial,
        instansi_qs=_managed_instansi(request.user),
        units=_managed_units(request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_create_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    form = _position_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            position = position_save(
                instansi=data["instansi"],
                unit=data["unit"],
                nama=data["nama"],
                kelas=data["kelas"],
                ikhtisar=data["ikhtisar"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Jabatan %s disimpan; standar kompetensinya diturunkan dari kelas jabatan.")
                % position.nama,
            )
            return redirect("organisation:position_detail", position.pk)
    return render(request, "organisation/position_form.html", {"form": form, "position": None})


@login_required
@require_http_methods(["GET", "POST"])
def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_position_for_user(request.user, pk, for_write=True)
    form = _position_form(request, position)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            position_save(
                instansi=position.instansi,
                unit=data["unit"],
                nama=data["nama"],
                kelas=data["kelas"],
                ikhtisar=data["ikhtisar"],
                position=position,
                acting_user=request.user,
            )
        except ServiceError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("Jabatan %s disimpan.") % data["nama"])
            return redirect("organisation:position_detail", position.pk)
    return render(request, "organisation/position_form.html", {"form": form, "position": position})


def _duty_form(request: HttpRequest, position: Position, duty: Duty | None) -> DutyForm:
    initial: dict[str, Any] = {}
    if duty is not None:
        initial = {
            "urutan": duty.urutan,
            "uraian": duty.uraian,
            "kompetensi": "; ".join(
                f"{link.competency.kode}:{link.level}"
                for link in duty.competencies.select_related("competency").order_by(
                    "competency__kode"
                )
            ),
        }
    competencies = competencies_for_user(request.user).filter(
        Q(instansi__isnull=True) | Q(instansi=position.instansi)
    )
    return DutyForm(request.POST or None, initial=initial, competencies=competencies)


def _duty_view(request: HttpRequest, pk: int, duty_pk: int | None) -> HttpResponse:
    position = get_position_for_user(request.user, pk, for_write=True)
    duty = get_object_or_404(Duty, pk=duty_pk, position=position) if duty_pk else None
    form = _duty_form(request, position, duty)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            duty_save(
                position=position,
                uraian=data["uraian"],
                competencies=data["kompetensi"],
                urutan=data["urutan"],
                duty=duty,
                acting_user=request.user,
            )
        except ServiceError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("Uraian tugas disimpan; standar kompetensi diperbarui."))
            return redirect("organisation:position_detail", position.pk)
    codes = (
        competencies_for_user(request.user)
        .filter(Q(instansi__isnull=True) | Q(instansi=position.instansi))
        .order_by("jenis", "kode")
    )
    return render(
        request,
        "organisation/duty_form.html",
        {"form": form, "position": position, "duty": duty, "codes": codes},
    )


@login_required
@require_http_methods(["GET", "POST"])
def duty_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _duty_view(request, pk, None)


@login_required
@require_http_methods(["GET", "POST"])
def duty_edit(request: HttpRequest, pk: int, duty_pk: int) -> HttpResponse:
    return _duty_view(request, pk, duty_pk)


@login_required
@require_POST
def duty_delete_view(request: HttpRequest, pk: int, duty_pk: int) -> HttpResponse:
    position = get_position_for_user(request.user, pk, for_write=True)
    duty = get_object_or_404(Duty, pk=duty_pk, position=position)
    duty_delete(duty=duty, acting_user=request.user)
    messages.success(request, _("Uraian tugas dihapus; standar kompetensi diperbarui."))
    return redirect("organisation:position_detail", position.pk)


@login_required
@require_http_methods(["GET", "POST"])
def standard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the standard line by line: a level sets it by hand, 'otomatis' returns it to
    derivation from the duties and class."""
    position = get_position_for_user(request.user, pk, for_write=True)
    competencies = list(
        competencies_for_user(request.user)
        .filter(Q(instansi__isnull=True) | Q(instansi=position.instansi))
        .order_by("jenis", "kode")
    )
    lines = {s.competency_id: s for s in position.standards.select_related("competency")}
    errors: list[str] = []
    if request.method == "POST":
        changes = []
        for competency in competencies:
            raw = request.POST.get(f"c{competency.pk}", "")
            line = lines.get(competency.pk)
            current = line.required_level if line and line.source == "manual" else None
            if raw == "auto" or raw == "":
                wanted = None
            elif raw.isdigit() and 1 <= int(raw) <= 5:
                wanted = int(raw)
            else:
                errors.append(_("Level %s harus 1 sampai 5 atau otomatis.") % competency.kode)
                continue
            if wanted != current and not (wanted is None and line is None):
                changes.append((competency, wanted))
        if not errors:
            for competency, wanted in changes:
                standard_set(
                    position=position, competency=competency, level=wanted, acting_user=request.user
                )
            messages.success(request, _("Standar kompetensi %s disimpan.") % position.nama)
            return redirect("organisation:position_detail", position.pk)
    rows = [
        {
            "competency": c,
            "line": lines.get(c.pk),
            "value": request.POST.get(f"c{c.pk}")
            if request.method == "POST"
            else (
                str(lines[c.pk].required_level)
                if c.pk in lines and lines[c.pk].source == "manual"
                else "auto"
            ),
        }
        for c in competencies
    ]
    return render(
        request,
        "organisation/standard_form.html",
        {"position": position, "rows": rows, "errors": errors, "levels": range(1, 6)},
    )


# ----------------------------------------------------------------------------- employees


@login_required
def employee_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.read_instansi_ids or scope.opd_units or scope.is_supervisor):
        raise deny()
    qs = selectors.filter_employees(employees_for_user(request.user), request.GET)
    context = {
        **_list_context(request, qs),
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
    units = _managed_units(request.user)
    instansi_qs = _managed_instansi(request.user)
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
        _apply_service_errors(form, exc)
        return None
    messages.success(request, _("Data pegawai %s disimpan.") % saved.display_name)
    return redirect("organisation:employee_detail", saved.pk)


@login_required
@require_http_methods(["GET", "POST"])
def employee_create_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
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
