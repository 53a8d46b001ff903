"""Needs pages: the heatmap of priorities, the "why" of one, per-ASN inventories, exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.competencies.access import get_competency_for_user
from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.needs import exports, selectors
from bangkom.needs.access import (
    can_recompute,
    get_employee_for_needs,
    get_recomputation_for_user,
    get_unit_for_needs,
    needs_instansi_for_user,
    unit_filter_for,
)
from bangkom.needs.models import Recomputation, RecomputationStatus
from bangkom.needs.services import needs_recompute_enqueue
from bangkom.organisation.models import Instansi, Unit
from bangkom.organisation.plan_year import current_plan_year


def _year(request: HttpRequest, instansi: Instansi | int | None) -> int:
    raw = request.GET.get("tahun") or request.POST.get("tahun") or ""
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    if isinstance(instansi, int):
        instansi = Instansi.objects.filter(pk=instansi).first()
    return current_plan_year(instansi)


def _instansi(request: HttpRequest) -> Instansi:
    choices = needs_instansi_for_user(request.user)
    wanted = request.GET.get("instansi") or request.POST.get("instansi")
    for instansi in choices:
        if str(instansi.pk) == wanted:
            return instansi
    if wanted:
        raise Http404(_("Data tidak ditemukan."))
    return choices[0]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    tahun = _year(request, instansi)
    unit_q = unit_filter_for(request.user, instansi)
    parent: Unit | None = None
    if request.GET.get("unit"):
        parent = get_unit_for_needs(request.user, request.GET["unit"])
        if parent.instansi_id != instansi.pk:
            raise Http404(_("Data tidak ditemukan."))
    scope = scope_for(request.user)
    if parent is None and not scope.can_read_all(instansi.pk):
        # An OPD admin starts at their own unit(s).
        paths = scope.opd_paths(instansi.pk)
        parent = Unit.objects.filter(path=paths[0]).first() if len(paths) == 1 else None
    heat = selectors.heatmap(instansi, tahun, unit_q, parent=parent)
    return render(
        request,
        "needs/overview.html",
        {
            "instansi": instansi,
            "instansi_choices": needs_instansi_for_user(request.user),
            "tahun": tahun,
            "parent": parent,
            "heat": heat,
            "rows": [
                (unit, [heat.cell(unit.pk, c.pk) for c in heat.competencies]) for unit in heat.units
            ],
            "recomputation": selectors.last_recomputation(instansi, tahun),
            "job": selectors.pending_recomputation(instansi, tahun),
            "can_recompute": can_recompute(request.user, instansi),
            "factor_count": WeightFactor.objects.filter(
                instansi=instansi, tahun=tahun, is_active=True
            ).count(),
        },
    )


@login_required
@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    """Queue a recomputation and return at once; the overview follows its progress."""
    instansi = _instansi(request)
    if not can_recompute(request.user, instansi):
        raise deny()
    tahun = _year(request, instansi)
    try:
        recomputation = needs_recompute_enqueue(
            instansi=instansi, tahun=tahun, acting_user=request.user
        )
    except ServiceError as exc:
        messages.warning(request, " ".join(exc.messages))
    else:
        recomputation.refresh_from_db()
        if recomputation.status == RecomputationStatus.DONE:  # a worker that was quick
            messages.success(request, _done_message(recomputation))
        else:
            messages.info(
                request,
                _(
                    "Penghitungan ulang kebutuhan %(tahun)s berjalan di latar belakang; "
                    "halaman ini memperbarui kemajuannya."
                )
                % {"tahun": tahun},
            )
    return redirect(f"{reverse('needs:overview')}?instansi={instansi.pk}&tahun={tahun}")


def _done_message(recomputation: Recomputation) -> str:
    return _(
        "Kebutuhan %(tahun)s dihitung ulang: %(employees)s pegawai, "
        "%(rows)s kebutuhan (%(s)s detik)."
    ) % {
        "tahun": recomputation.tahun,
        "employees": recomputation.employees,
        "rows": recomputation.need_rows,
        "s": recomputation.seconds,
    }


@login_required
@require_GET
def recompute_status(request: HttpRequest, pk: int) -> HttpResponse:
    """A recomputation's status and progress; polled by htmx every 2 s until it ends, then the
    overview reloads to show the new heatmap (or the failure beside the old one)."""
    recomputation = get_recomputation_for_user(request.user, pk)
    response = render(
        request,
        "needs/recompute_status.html",
        {"job": recomputation, "done_message": _done_message(recomputation)},
    )
    if recomputation.is_finished and request.headers.get("HX-Request") and request.GET.get("poll"):
        response["HX-Refresh"] = "true"
    return response


@login_required
def priority(request: HttpRequest, unit_pk: int, competency_pk: int) -> HttpResponse:
    """Why is this unit × competency a priority? Every factor with its evidence, and the ASN."""
    unit = get_unit_for_needs(request.user, unit_pk)
    competency = get_competency_for_user(request.user, competency_pk)
    tahun = _year(request, unit.instansi_id)
    from bangkom.needs.models import UnitPriority

    row = UnitPriority.objects.filter(unit=unit, competency=competency, tahun=tahun).first()
    return render(
        request,
        "needs/priority.html",
        {
            "unit": unit,
            "competency": competency,
            "tahun": tahun,
            "row": row,
            "factors": selectors.factors_for(unit, competency, tahun),
            "employees": selectors.employees_with_gap(unit, competency, tahun)[:300],
            "sources": dict(FactorSource.choices),
        },
    )


@login_required
def employee_inventory(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_employee_for_needs(request.user, pk)
    tahun = _year(request, employee.instansi_id)
    return render(
        request,
        "needs/inventory.html",
        {
            "employee": employee,
            "tahun": tahun,
            "lines": selectors.inventory(employee, tahun),
            "recomputation": selectors.last_recomputation(employee.instansi, tahun),
        },
    )


def _export_rows(
    request: HttpRequest,
) -> tuple[Instansi, int, Unit | None, list[dict[str, object]], str]:
    instansi = _instansi(request)
    tahun = _year(request, instansi)
    unit = None
    if request.GET.get("unit"):
        unit = get_unit_for_needs(request.user, request.GET["unit"])
    unit_q = unit_filter_for(request.user, instansi)
    rows = selectors.unit_inventory_rows(instansi, tahun, unit_q, unit)
    title = _("Inventarisasi kebutuhan pengembangan kompetensi %(tahun)s — %(where)s") % {
        "tahun": tahun,
        "where": unit.nama if unit else instansi.nama,
    }
    return instansi, tahun, unit, rows, title


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    instansi, tahun, unit, rows, title = _export_rows(request)
    response = HttpResponse(
        exports.inventory_xlsx(title, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = slugify(f"kebutuhan-{tahun}-{unit.nama if unit else instansi.nama}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def export_pdf(request: HttpRequest) -> HttpResponse:
    instansi, tahun, unit, rows, title = _export_rows(request)
    response = HttpResponse(
        exports.inventory_pdf(title, instansi.nama, rows), content_type="application/pdf"
    )
    name = slugify(f"kebutuhan-{tahun}-{unit.nama if unit else instansi.nama}")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
