"""The moderation queue of public input: only approved input becomes priority."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.paging import paginate
from bangkom.organisation.plan_year import current_plan_year
from bangkom.regional import selectors
from bangkom.regional.access import (
    can_admin,
    can_moderate,
    can_moderate_input,
    current_instansi,
    get_input_for_user,
    inputs_for_user,
    managed_units,
    units_within_reach,
)
from bangkom.regional.forms import ApproveForm, RejectForm
from bangkom.regional.models import InputStatus, PublicInput, StakeholderKind
from bangkom.regional.services import input_approve, input_reject
from bangkom.regional.services.common import regional_settings
from bangkom.regional.views.common import (
    instansi_competencies,
    page_context,
)


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    instansi = current_instansi(request)
    base = inputs_for_user(request.user).filter(instansi=instansi)
    qs = selectors.input_list(base, request.GET)
    public_url = reverse("regional:public_input", args=[instansi.wilayah_id])
    context = {
        **paginate(request, qs),
        **page_context(request, instansi, "moderation"),
        "counts": selectors.input_counts(base),
        "status": request.GET.get("status") or InputStatus.PENDING,
        "statuses": [*InputStatus.choices, ("semua", _("Semua"))],
        "kinds": StakeholderKind.choices,
        "filters": request.GET,
        "moderator": can_moderate(request.user, instansi),
        "public_url": request.build_absolute_uri(public_url),
        "public_open": regional_settings(instansi).public_input_open,
        "can_open": can_admin(request.user, instansi),
    }
    return render(request, "regional/moderation.html", context)


def _forms(request: HttpRequest, item: PublicInput) -> tuple[ApproveForm, RejectForm]:
    initial = {
        "tahun": item.tahun,
        "competencies": list(item.competencies.all()),
        "units": list(item.units.all()),
        "position_classes": item.position_classes,
        "position_keyword": item.position_keyword,
    }
    initial = {k: v for k, v in initial.items() if v}
    initial.setdefault("tahun", current_plan_year(item.instansi))
    if item.factor is not None:
        initial["factor"] = str(item.factor.normalize()).replace(".", ",")
    approve = ApproveForm(
        request.POST if request.POST.get("aksi") == "setujui" else None,
        initial=initial,
        units=managed_units(request.user, item.instansi),
        competencies=instansi_competencies(item.instansi),
    )
    reject = RejectForm(request.POST if request.POST.get("aksi") == "tolak" else None)
    return approve, reject


def _render(
    request: HttpRequest, item: PublicInput, approve: ApproveForm, reject: RejectForm
) -> HttpResponse:
    moderator = can_moderate(request.user, item.instansi)
    context = {
        **page_context(request, item.instansi, "moderation"),
        "item": item,
        "moderator": moderator,
        "can_act": can_moderate_input(request.user, item),
        "approve_form": approve,
        "reject_form": reject,
        "factors": selectors.factors_of(item.instansi_id, item.source_key),
        "whole_instansi_allowed": can_admin(request.user, item.instansi),
    }
    return render(request, "regional/input_detail.html", context)


@login_required
def input_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_input_for_user(request.user, pk)
    approve, reject = _forms(request, item)
    return _render(request, item, approve, reject)


@login_required
@require_POST
def input_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_input_for_user(request.user, pk, for_write=True)
    approve, reject = _forms(request, item)
    if approve.is_valid():
        data = approve.cleaned_data
        units = list(data["units"])
        if not units_within_reach(request.user, item.instansi, units or [None]):
            approve.add_error("units", _("Admin OPD harus memilih unit di lingkupnya sendiri."))
        else:
            try:
                input_approve(
                    item=item,
                    tahun=data["tahun"],
                    competencies=list(data["competencies"]),
                    units=units,
                    position_classes=data["position_classes"],
                    position_keyword=data["position_keyword"],
                    factor=data["factor"],
                    acting_user=request.user,
                )
            except ServiceError as exc:
                apply_service_errors(approve, exc)
            else:
                messages.success(
                    request, _("Masukan “%s” disetujui dan menjadi faktor kebutuhan.") % item.topik
                )
                return redirect(f"{reverse('regional:moderation')}?instansi={item.instansi_id}")
    return _render(request, item, approve, reject)


@login_required
@require_POST
def input_reject_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_input_for_user(request.user, pk, for_write=True)
    approve, reject = _forms(request, item)
    if reject.is_valid():
        try:
            input_reject(item=item, reason=reject.cleaned_data["alasan"], acting_user=request.user)
        except ServiceError as exc:
            apply_service_errors(reject, exc)
        else:
            messages.success(request, _("Masukan “%s” ditolak.") % item.topik)
            return redirect(f"{reverse('regional:moderation')}?instansi={item.instansi_id}")
    return _render(request, item, approve, reject)
