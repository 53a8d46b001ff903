"""Pages of indicators: the list with small charts, one indicator's series, entry and import."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.imports.report import ImportRejected, rejected_file_context
from bangkom.core.paging import paginate
from bangkom.regional import selectors
from bangkom.regional.access import (
    can_write_value,
    current_instansi,
    get_indicator_for_user,
    indicators_for_user,
    managed_units,
    require_admin,
    values_for_user,
)
from bangkom.regional.forms import ImportForm, IndicatorForm, ValueForm
from bangkom.regional.imports import COLUMNS, indicator_values_import
from bangkom.regional.models import Indicator, IndicatorKind, IndicatorValue, Periodicity
from bangkom.regional.periods import PeriodError, add_months, parse_indicator_period
from bangkom.regional.services import IndicatorData, indicator_save, value_delete, value_save
from bangkom.regional.views.common import page_context, with_instansi

HISTORY_MONTHS = 36


def _since() -> date:
    return add_months(timezone.localdate().replace(day=1), -HISTORY_MONTHS)


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    instansi = current_instansi(request)
    qs = selectors.filter_indicators(
        indicators_for_user(request.user).filter(instansi=instansi), request.GET
    )
    context = paginate(request, qs)
    context["rows"] = selectors.indicator_rows(
        list(context["object_list"]), values_for_user(request.user, instansi), since=_since()
    )
    context.update(page_context(request, instansi, "indicators"))
    context.update({"filters": request.GET, "kinds": IndicatorKind.choices})
    return render(request, "regional/indicator_list.html", context)


def _indicator_data(data: dict[str, Any]) -> IndicatorData:
    return IndicatorData(
        kode=data["kode"],
        nama=data["nama"],
        satuan=data["satuan"],
        jenis=data["jenis"],
        periodisitas=data["periodisitas"],
        bidang_spm=data["bidang_spm"],
        unsur_ikm=data["unsur_ikm"],
        target=data["target"],
        uraian=data["uraian"],
        is_active=data["is_active"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest) -> HttpResponse:
    instansi = current_instansi(request)
    require_admin(request.user, instansi)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = indicator_save(
                instansi=instansi, data=_indicator_data(form.cleaned_data), acting_user=request.user
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Indikator %s disimpan.") % indicator.nama)
            return redirect("regional:indicator_detail", indicator.pk)
    context = {"form": form, "indicator": None, **page_context(request, instansi, "indicators")}
    return render(request, "regional/indicator_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk, for_write=True)
    initial = {
        "kode": indicator.kode,
        "nama": indicator.nama,
        "satuan": indicator.satuan,
        "jenis": indicator.jenis,
        "periodisitas": indicator.periodisitas,
        "bidang_spm": indicator.bidang_spm,
        "unsur_ikm": indicator.unsur_ikm,
        "target": str(indicator.target).replace(".", ",") if indicator.target is not None else "",
        "uraian": indicator.uraian,
        "is_active": indicator.is_active,
    }
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_save(
                instansi=indicator.instansi,
                data=_indicator_data(form.cleaned_data),
                indicator=indicator,
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Indikator %s disimpan.") % form.cleaned_data["nama"])
            return redirect("regional:indicator_detail", indicator.pk)
    context = {
        "form": form,
        "indicator": indicator,
        **page_context(request, indicator.instansi, "indicators"),
    }
    return render(request, "regional/indicator_form.html", context)


def _value_initial(indicator: Indicator) -> dict[str, Any]:
    today = timezone.localdate()
    if indicator.periodisitas == Periodicity.MONTHLY:
        return {"periode": f"{add_months(today.replace(day=1), -1):%Y-%m}"}
    return {"periode": str(today.year - 1)}


@login_required
@require_http_methods(["GET", "POST"])
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One indicator: a chart and the values of each place, and the entry form."""
    indicator = get_indicator_for_user(request.user, pk)
    instansi = indicator.instansi
    units = managed_units(request.user, instansi)
    form = ValueForm(request.POST or None, units=units, initial=_value_initial(indicator))
    if request.method == "POST":
        if not units.exists():
            raise deny()
        if form.is_valid():
            data = form.cleaned_data
            if not can_write_value(request.user, instansi, data["unit"]):
                raise deny(_("Admin OPD hanya dapat mengisi nilai unit kerjanya."))
            try:
                periode = parse_indicator_period(
                    data["periode"], monthly=indicator.periodisitas == Periodicity.MONTHLY
                )
                value_save(
                    indicator=indicator,
                    unit=data["unit"],
                    wilayah=data["wilayah"],
                    periode=periode,
                    nilai=data["nilai"],
                    sumber=data["sumber"],
                    catatan=data["catatan"],
                    acting_user=request.user,
                )
            except PeriodError as exc:
                form.add_error("periode", str(exc))
            except ServiceError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Nilai %s disimpan.") % indicator.nama)
                return redirect("regional:indicator_detail", indicator.pk)
    values = values_for_user(request.user, instansi).filter(indicator=indicator)
    place = request.GET.get("tempat", "")
    listed = values.select_related("unit", "wilayah").order_by(
        "-periode", "unit__nama", "wilayah_id"
    )
    if place.startswith("u:"):
        listed = listed.filter(unit_id=int(place[2:])) if place[2:].isdigit() else listed.none()
    elif place.startswith("w:"):
        listed = listed.filter(wilayah_id=place[2:])
    monthly = indicator.periodisitas == Periodicity.MONTHLY
    series = selectors.series_of(
        values.filter(periode__gte=_since()).select_related("unit", "wilayah").order_by("periode"),
        monthly=monthly,
    )
    context = {
        **paginate(request, listed),
        **page_context(request, instansi, "indicators"),
        "indicator": indicator,
        "series": series,
        "monthly": monthly,
        "form": form,
        "can_enter": units.exists(),
        "place": place,
        "rules": indicator.rules.select_related("last_evaluation").order_by("nama"),
    }
    return render(request, "regional/indicator_detail.html", context)


@login_required
@require_POST
def value_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    value = get_visible_or_404(
        IndicatorValue.objects.filter(
            indicator__in=indicators_for_user(request.user)
        ).select_related("indicator__instansi", "unit"),
        pk,
    )
    instansi = value.indicator.instansi
    if not values_for_user(request.user, instansi).filter(pk=value.pk).exists():
        raise deny()
    if not can_write_value(request.user, instansi, value.unit):
        raise deny()
    value_delete(value=value, acting_user=request.user)
    messages.success(request, _("Nilai dihapus."))
    return redirect("regional:indicator_detail", value.indicator_id)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_import(request: HttpRequest) -> HttpResponse:
    instansi = current_instansi(request)
    require_admin(request.user, instansi)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        **page_context(request, instansi, "indicators"),
        "form": form,
        "columns": COLUMNS,
        "summary": None,
        "errors": None,
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        context["filename"] = upload.name
        try:
            context["summary"] = indicator_values_import(
                data=upload.read(),
                filename=upload.name,
                instansi=instansi,
                acting_user=request.user,
                dry_run=form.cleaned_data["uji_coba"],
            )
        except ImportRejected as exc:
            context.update(rejected_file_context(exc))
    context["back_url"] = with_instansi("regional:indicator_list", instansi)
    return render(request, "regional/indicator_import.html", context)
