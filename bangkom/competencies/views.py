"""The competency dictionary, technical competencies and the class-default table."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bangkom.accounts.scope import scope_for
from bangkom.competencies.access import (
    can_write_competency,
    competencies_for_user,
    get_competency_for_user,
)
from bangkom.competencies.forms import TechnicalCompetencyForm
from bangkom.competencies.models import ClassDefaultLevel, CompetencyKind, CompetencyLevel
from bangkom.competencies.services import class_default_set, technical_competency_save
from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.core.params import query_id
from bangkom.organisation.models import Instansi, PositionClass


@login_required
def competency_list(request: HttpRequest) -> HttpResponse:
    qs = competencies_for_user(request.user).select_related("instansi")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(kode__icontains=q) | Q(nama__icontains=q) | Q(sektor__icontains=q))
    jenis = request.GET.get("jenis", "")
    if jenis:
        qs = qs.filter(jenis=jenis)
    groups = [
        (label, [c for c in qs.order_by("kode") if c.jenis == value])
        for value, label in CompetencyKind.choices
    ]
    scope = scope_for(request.user)
    return render(
        request,
        "competencies/list.html",
        {
            "groups": groups,
            "filters": request.GET,
            "kinds": CompetencyKind.choices,
            "can_create": scope.is_admin,
        },
    )


@login_required
def competency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    competency = get_competency_for_user(request.user, pk)
    levels = CompetencyLevel.objects.filter(competency=competency).order_by("level")
    return render(
        request,
        "competencies/detail.html",
        {
            "competency": competency,
            "levels": levels,
            "can_edit": can_write_competency(request.user, competency),
        },
    )


def _technical_form(request: HttpRequest, competency: Any = None) -> TechnicalCompetencyForm:
    scope = scope_for(request.user)
    initial: dict[str, Any] = {}
    if competency is not None:
        initial = {
            "instansi": competency.instansi,
            "kode": competency.kode,
            "nama": competency.nama,
            "sektor": competency.sektor,
            "uraian": competency.uraian,
        }
        for level in competency.levels.all():
            initial[f"level_{level.level}"] = level.deskripsi
    return TechnicalCompetencyForm(
        request.POST or None,
        initial=initial,
        instansi_qs=Instansi.objects.filter(pk__in=scope.admin_instansi_ids).order_by("nama"),
        allow_national=scope.superadmin_national,
    )


def _technical_submit(
    request: HttpRequest, form: TechnicalCompetencyForm, competency: Any = None
) -> HttpResponse | None:
    data = form.cleaned_data
    instansi = competency.instansi if competency is not None else data["instansi"]
    try:
        saved = technical_competency_save(
            instansi=instansi,
            kode=data["kode"],
            nama=data["nama"],
            sektor=data["sektor"],
            uraian=data["uraian"],
            levels=form.levels(),
            competency=competency,
            acting_user=request.user,
        )
    except ServiceError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None
    messages.success(request, _("Kompetensi %s disimpan.") % saved.kode)
    return redirect("competencies:detail", saved.pk)


@login_required
@require_http_methods(["GET", "POST"])
def technical_create(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).is_admin:
        raise deny()
    form = _technical_form(request)
    if request.method == "POST" and form.is_valid():
        response = _technical_submit(request, form)
        if response is not None:
            return response
    return render(request, "competencies/technical_form.html", {"form": form, "competency": None})


@login_required
@require_http_methods(["GET", "POST"])
def technical_edit(request: HttpRequest, pk: int) -> HttpResponse:
    competency = get_competency_for_user(request.user, pk, for_write=True)
    form = _technical_form(request, competency)
    form.fields["instansi"].disabled = True
    if request.method == "POST" and form.is_valid():
        response = _technical_submit(request, form, competency)
        if response is not None:
            return response
    return render(
        request, "competencies/technical_form.html", {"form": form, "competency": competency}
    )


@login_required
@require_http_methods(["GET", "POST"])
def class_defaults(request: HttpRequest) -> HttpResponse:
    """The editable table of default required managerial levels per position class."""
    scope = scope_for(request.user)
    if not scope.is_admin:
        raise deny()
    instansi_qs = Instansi.objects.filter(pk__in=scope.admin_instansi_ids).order_by("nama")
    selected = (
        instansi_qs.filter(
            pk=query_id(request.POST, "instansi") or query_id(request.GET, "instansi") or 0
        ).first()
        or instansi_qs.first()
    )
    if selected is None:
        raise deny()
    rows = {r.kelas: r.level for r in ClassDefaultLevel.objects.filter(instansi=selected)}
    errors: list[str] = []
    if request.method == "POST":
        wanted: dict[str, int] = {}
        for kelas, label in PositionClass.choices:
            raw = request.POST.get(kelas, "")
            if not raw.isdigit() or not 1 <= int(raw) <= 5:
                errors.append(_("Level %s harus angka 1 sampai 5.") % label)
            else:
                wanted[kelas] = int(raw)
        if not errors:
            for kelas, level in wanted.items():
                if rows.get(kelas) != level:
                    class_default_set(
                        instansi=selected, kelas=kelas, level=level, acting_user=request.user
                    )
            messages.success(
                request, _("Level bawaan disimpan; standar jabatan terkait diperbarui.")
            )
            return redirect(f"{request.path}?instansi={selected.pk}")
    table = [
        {
            "kelas": kelas,
            "label": label,
            "value": request.POST.get(kelas)
            if request.method == "POST"
            else str(rows.get(kelas, "")),
        }
        for kelas, label in PositionClass.choices
    ]
    return render(
        request,
        "competencies/class_defaults.html",
        {
            "instansi_qs": instansi_qs,
            "selected": selected,
            "table": table,
            "errors": errors,
            "levels": range(1, 6),
        },
    )
