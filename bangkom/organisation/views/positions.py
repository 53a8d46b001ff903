"""Pages for positions, their duties and their competency standards."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.competencies.access import competencies_for_user
from bangkom.competencies.services import duty_delete, duty_save, standard_set
from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.params import query_id
from bangkom.organisation import selectors
from bangkom.organisation.access import (
    employees_for_user,
    get_position_for_user,
    positions_for_user,
)
from bangkom.organisation.forms import DutyForm, PositionForm
from bangkom.organisation.models import (
    Duty,
    Position,
    PositionClass,
)
from bangkom.organisation.services import (
    position_save,
)
from bangkom.organisation.views.common import (
    list_context,
    managed_instansi,
    managed_units,
    require_manager,
)


@login_required
def position_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.read_instansi_ids and not scope.opd_units:
        raise deny()
    qs = selectors.filter_positions(positions_for_user(request.user), request.GET)
    context = {
        **list_context(request, qs),
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
    elif unit_id := query_id(request.GET, "unit"):
        unit = managed_units(request.user).filter(pk=unit_id).first()
        if unit:
            initial = {"unit": unit, "instansi": unit.instansi}
    return PositionForm(
        request.POST or None,
        initial=initial,
        instansi_qs=managed_instansi(request.user),
        units=managed_units(request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_create_view(request: HttpRequest) -> HttpResponse:
    require_manager(request.user)
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
            apply_service_errors(form, exc)
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
            apply_service_errors(form, exc)
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
            apply_service_errors(form, exc)
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
