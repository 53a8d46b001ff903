"""Pages of SKM results (IKM per unit and period), unit survey settings, imports and the signal."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.imports.report import ImportRejected, rejected_file_context
from bangkom.core.paging import paginate
from bangkom.core.params import query_id
from bangkom.lib.ikm import GRADES, WeightConvention
from bangkom.organisation.access import units_for_user
from bangkom.organisation.plan_year import current_plan_year
from bangkom.regional import selectors
from bangkom.regional.access import (
    current_instansi,
    get_skm_unit_for_user,
    managed_units,
    skm_units_for_user,
)
from bangkom.regional.forms import SignalForm, SkmImportForm, SkmUnitSettingsForm
from bangkom.regional.models import SkmImport
from bangkom.regional.periods import Period, PeriodError, parse_period
from bangkom.regional.services import (
    skm_import,
    skm_import_delete,
    skm_settings_save,
    skm_signal_apply,
)
from bangkom.regional.services.skm import skm_settings
from bangkom.regional.services.skm_moderation import held_count_by_unit, held_responses
from bangkom.regional.views.common import page_context

# SKM files are long surveys: a shorter list keeps the page readable.
SKM_SHOWN_ERRORS = 200


def _period(request: HttpRequest) -> tuple[Period, str]:
    """The period asked for (``?periode=2025-Q3``), this year by default, and an error if the
    text could not be read."""
    text = (request.GET.get("periode") or "").strip()
    if text:
        try:
            return parse_period(text), ""
        except PeriodError as err:
            return Period.year(timezone.localdate().year), str(err)
    return Period.year(timezone.localdate().year), ""


def _period_suggestions() -> list[Period]:
    today = timezone.localdate()
    current_quarter = Period.containing("triwulan", today)
    previous_quarter = Period.containing("triwulan", current_quarter.start - timedelta(days=1))
    return [
        Period.year(today.year),
        Period.year(today.year - 1),
        current_quarter,
        previous_quarter,
        Period.containing("bulan", today),
    ]


@login_required
def skm_results(request: HttpRequest) -> HttpResponse:
    """The IKM of every service unit in scope for a period."""
    instansi = current_instansi(request)
    period, period_error = _period(request)
    settings = selectors.settings_for(instansi.pk)
    units = selectors.skm_units(skm_units_for_user(request.user, instansi), period)
    context = paginate(request, units)
    context.update(page_context(request, instansi, "skm"))
    held = held_count_by_unit(skm_units_for_user(request.user, instansi))
    context.update(
        {
            "period": period,
            "period_error": period_error,
            "suggestions": _period_suggestions(),
            "results": selectors.skm_overview(list(context["object_list"]), period, settings),
            "convention": settings.convention,
            "threshold": settings.skm_nrr_threshold,
            "grades": GRADES,
            "held": held,
            "held_total": sum(held.values()),
        }
    )
    return render(request, "regional/skm_results.html", context)


def qr_svg(url: str) -> SafeString:
    # segno writes the SVG itself from the URL; nothing user-written goes into it
    return mark_safe(segno.make(url, error="m").svg_inline(scale=3, dark="#111"))  # noqa: S308


@login_required
def skm_unit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_skm_unit_for_user(request.user, pk)
    period, period_error = _period(request)
    result = selectors.skm_unit_result(unit, period)
    can_write = scope_for(request.user).manages_unit_path(unit.instansi_id, unit.path)
    public_url = request.build_absolute_uri(reverse("regional:public_skm", args=[unit.pk]))
    settings = skm_settings(unit)
    context = {
        **page_context(request, unit.instansi, "skm"),
        "unit": unit,
        "period": period,
        "period_error": period_error,
        "suggestions": _period_suggestions(),
        "outcome": result,
        "skm_settings": settings,
        "can_write": can_write,
        "signal_form": SignalForm(
            initial={"periode": period.key, "tahun": current_plan_year(unit.instansi)}
        ),
        "imports": selectors.skm_imports(unit)[:20],
        "public_url": public_url,
        "qr": qr_svg(public_url) if settings.is_open else "",
        "conventions": list(WeightConvention),
        "factors": selectors.factors_of(unit.instansi_id, f"skm:{unit.pk}:{period.key}"),
        "held_count": held_responses([unit]).count(),
    }
    return render(request, "regional/skm_unit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def skm_unit_settings(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_skm_unit_for_user(request.user, pk, for_write=True)
    current = skm_settings(unit)
    form = SkmUnitSettingsForm(
        request.POST or None,
        initial={
            "is_open": current.is_open,
            "populasi_tahunan": current.populasi_tahunan,
            "jenis_layanan": current.jenis_layanan,
            "wajib_kode": current.wajib_kode,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            skm_settings_save(
                unit=unit,
                is_open=form.cleaned_data["is_open"],
                populasi_tahunan=form.cleaned_data["populasi_tahunan"],
                jenis_layanan=form.cleaned_data["jenis_layanan"],
                wajib_kode=form.cleaned_data["wajib_kode"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Pengaturan SKM %s disimpan.") % unit.nama)
            return redirect("regional:skm_unit", unit.pk)
    context = {"form": form, "unit": unit, **page_context(request, unit.instansi, "skm")}
    return render(request, "regional/skm_unit_settings.html", context)


@login_required
@require_POST
def skm_signal(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn the unit's low U6/U7 in a period into weight factors for a plan year."""
    unit = get_skm_unit_for_user(request.user, pk, for_write=True)
    form = SignalForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "; ".join(str(e) for errors in form.errors.values() for e in errors)
        )
        return redirect("regional:skm_unit", unit.pk)
    period = form.cleaned_data["periode"]
    try:
        outcome = skm_signal_apply(
            unit=unit, period=period, tahun=form.cleaned_data["tahun"], acting_user=request.user
        )
    except ServiceError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(title)s — %(count)d faktor untuk tahun rencana %(year)d.")
            % {
                "title": outcome.title,
                "count": outcome.factor_count,
                "year": form.cleaned_data["tahun"],
            },
        )
    return redirect(f"{reverse('regional:skm_unit', args=[unit.pk])}?periode={period.key}")


@login_required
@require_http_methods(["GET", "POST"])
def skm_import_view(request: HttpRequest) -> HttpResponse:
    instansi = current_instansi(request)
    units = managed_units(request.user, instansi)
    if not units.exists():
        raise deny()
    initial: dict[str, Any] = {"periode": str(timezone.localdate().year)}
    if unit_id := query_id(request.GET, "unit"):
        initial["unit"] = units.filter(pk=unit_id).first()
    form = SkmImportForm(request.POST or None, request.FILES or None, units=units, initial=initial)
    context: dict[str, Any] = {
        **page_context(request, instansi, "skm"),
        "form": form,
        "summary": None,
        "errors": None,
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        context["filename"] = upload.name
        try:
            context["summary"] = skm_import(
                unit=form.cleaned_data["unit"],
                period=form.cleaned_data["periode"],
                data=upload.read(),
                filename=upload.name,
                acting_user=request.user,
                dry_run=form.cleaned_data["uji_coba"],
            )
        except ImportRejected as exc:
            context.update(rejected_file_context(exc, limit=SKM_SHOWN_ERRORS))
        else:
            context["imported_unit"] = form.cleaned_data["unit"]
            context["imported_period"] = form.cleaned_data["periode"]
    return render(request, "regional/skm_import.html", context)


@login_required
@require_POST
def skm_import_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(
        SkmImport.objects.select_related("unit__instansi").filter(
            unit__in=units_for_user(request.user)
        ),
        pk,
    )
    unit = get_skm_unit_for_user(request.user, batch.unit_id, for_write=True)
    skm_import_delete(batch=batch, acting_user=request.user)
    messages.success(request, _("Impor %s dihapus beserta responsnya.") % batch.filename)
    return redirect(f"{reverse('regional:skm_unit', args=[unit.pk])}?periode={batch.periode}")
