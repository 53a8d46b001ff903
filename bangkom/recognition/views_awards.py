"""Award pages: schemes with their eligible ASN and nominations, the BKPSDM's decisions, the
award PDF and credential, and the unit leaderboard (staff, and public when turned on)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.assessments.models import SkpPredikat
from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.params import query_id, query_int
from bangkom.organisation.models import Employee, Instansi
from bangkom.recognition import siasn
from bangkom.recognition.awards import access, criteria, metrics
from bangkom.recognition.awards.pdf import award_pdf
from bangkom.recognition.awards.services import (
    LABELS,
    SchemeData,
    award_decide,
    award_nominate,
    award_scheme_create,
    can_nominate,
    candidates,
    thresholds,
)
from bangkom.recognition.forms import AwardSchemeForm, DecisionForm, NominationForm
from bangkom.recognition.models import AwardNomination

BAR_WIDTH = 300


def _chosen(request: HttpRequest, choices: Any) -> Any:
    if not choices.exists():
        raise deny()
    wanted = query_id(request.GET, "instansi")
    return choices.first() if wanted is None else get_visible_or_404(choices, wanted)


@login_required
@require_http_methods(["GET", "POST"])
def scheme_list(request: HttpRequest) -> HttpResponse:
    choices = access.scheme_instansi_for_user(request.user)
    instansi = _chosen(request, choices)
    can_admin = scope_for(request.user).can_admin(instansi.pk)
    form = AwardSchemeForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not can_admin:
            raise deny()
        if form.is_valid():
            data = form.cleaned_data
            try:
                scheme = award_scheme_create(
                    instansi=instansi,
                    data=SchemeData(**{k: data.get(k) or "" for k in form.fields}),
                    acting_user=request.user,
                )
            except ServiceError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Skema penghargaan dibuat."))
                return redirect("recognition:award_scheme", scheme.pk)
    schemes = (
        access.schemes_for_user(request.user).filter(instansi=instansi).order_by("-year", "name")
    )
    return render(
        request,
        "recognition/awards/schemes.html",
        {
            "instansi": instansi,
            "choices": choices,
            "schemes": schemes,
            "form": form,
            "can_admin": can_admin,
        },
        status=400 if request.method == "POST" else 200,
    )


def _scheme_context(request: HttpRequest, scheme: Any) -> dict[str, Any]:
    visible = set(access.visible_employee_ids(request.user).values_list("pk", flat=True))
    only_eligible = request.GET.get("semua") != "1"
    employees = {
        e.pk: e
        for e in Employee.objects.filter(pk__in=visible, instansi=scheme.instansi).select_related(
            "unit", "supervisor"
        )
    }
    nominated = dict(
        AwardNomination.objects.filter(scheme=scheme).values_list("employee_id", "status")
    )
    rows = []
    for candidate in candidates(scheme):
        employee = employees.get(candidate.person.employee_id)
        if employee is None or (only_eligible and not candidate.eligible):
            continue
        rows.append(
            {
                "candidate": candidate,
                "cells": [_cell(result, candidate) for result in candidate.results],
                "employee": employee,
                "nominated": nominated.get(employee.pk),
                "can_nominate": candidate.eligible
                and employee.pk not in nominated
                and can_nominate(request.user, employee),
            }
        )
    nominations = access.nominations_for_user(request.user).filter(scheme=scheme)
    return {
        "scheme": scheme,
        "rows": rows[:500],
        "row_count": len(rows),
        "only_eligible": only_eligible,
        "labels": [LABELS[kind] for kind in _used(scheme)],
        "nominations": nominations.order_by("status", "-nominated_at"),
        "can_admin": scope_for(request.user).can_admin(scheme.instansi_id),
        "nomination_form": NominationForm(),
        "decision_form": DecisionForm(),
    }


def _cell(result: criteria.Result, candidate: Any) -> dict[str, Any]:
    """A criterion's value as shown: percentages, the gain, the SKP predicate's name."""
    values = candidate.person.values
    if result.value is None:
        text = "—"
    elif result.kind in (criteria.JP, criteria.GAP):
        text = f"{formats.number_format(result.value, 2)}%"
    elif result.kind == criteria.GAIN:
        text = formats.number_format(result.value, 2)
    else:
        text = str(SkpPredikat(str(result.value)).label)
    detail = ""
    if result.kind == criteria.JP:
        detail = _("%(earned)s dari %(target)s JP") % {
            "earned": formats.number_format(values.jp_earned, 2),
            "target": values.jp_target,
        }
    return {"text": text, "detail": detail, "met": result.met}


def _used(scheme: Any) -> tuple[str, ...]:
    return thresholds(scheme).used()


@login_required
@require_GET
def scheme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = access.get_scheme_for_user(request.user, pk)
    return render(request, "recognition/awards/scheme.html", _scheme_context(request, scheme))


@login_required
@require_POST
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = access.get_scheme_for_user(request.user, pk)
    form = NominationForm(request.POST)
    if form.is_valid():
        employee = get_visible_or_404(
            Employee.objects.filter(pk__in=access.visible_employee_ids(request.user)).filter(
                instansi=scheme.instansi
            ),
            form.cleaned_data["employee"],
        )
        try:
            award_nominate(
                scheme=scheme,
                employee=employee,
                reason=form.cleaned_data["reason"] or "",
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s diusulkan.") % {"name": employee.display_name})
            return redirect("recognition:award_scheme", scheme.pk)
    context = _scheme_context(request, scheme)
    context["nomination_form"] = form
    return render(request, "recognition/awards/scheme.html", context, status=400)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = access.get_nomination_for_user(request.user, pk, for_write=True)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            award_decide(
                nomination=nomination,
                approve=form.cleaned_data["decision"] == "setuju",
                reason=form.cleaned_data["reason"] or "",
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Keputusan disimpan."))
            return redirect("recognition:award_scheme", nomination.scheme_id)
    context = _scheme_context(request, nomination.scheme)
    context["decision_form"] = form
    context["decision_for"] = nomination.pk
    return render(request, "recognition/awards/scheme.html", context, status=400)


def _file_name(number: str, extension: str) -> str:
    return number.replace("/", "-") + "." + extension


@login_required
@require_GET
def award_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    award = access.get_award_for_user(request.user, pk)
    response = HttpResponse(award_pdf(award), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(award.number, "pdf")}"'
    return response


@login_required
@require_GET
def award_credential(request: HttpRequest, pk: int) -> HttpResponse:
    award = access.get_award_for_user(request.user, pk)
    response = HttpResponse(award.credential_json, content_type="application/vc+ld+json")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(award.number, "json")}"'
    return response


# --- the unit leaderboard ---------------------------------------------------------------------


def _bars(rows: list[metrics.UnitRow]) -> list[dict[str, Any]]:
    """Horizontal bars of the share of ASN meeting the JP duty (0–100 % → 0–BAR_WIDTH)."""
    return [
        {
            "y": index * 28,
            "width": int(row.jp_met_percent * BAR_WIDTH / 100),
            "label": row.name,
            "value": row.jp_met_percent,
        }
        for index, row in enumerate(rows)
    ]


def _leaderboard_context(instansi: Instansi, year: int) -> dict[str, Any]:
    rows = metrics.leaderboard(instansi, year)
    return {
        "instansi": instansi,
        "year": year,
        "rows": rows,
        "bars": _bars(rows),
        "chart_height": max(28, 28 * len(rows)),
        "bar_width": BAR_WIDTH,
        "hundred": Decimal(100),
    }


@login_required
@require_GET
def leaderboard(request: HttpRequest) -> HttpResponse:
    choices = access.leaderboard_instansi_for_user(request.user)
    instansi = _chosen(request, choices)
    year = query_int(request.GET, "tahun", low=2000, high=2100) or timezone.localdate().year
    context = _leaderboard_context(instansi, year)
    context |= {
        "choices": choices,
        "public": siasn.recognition_setting(instansi).leaderboard_public,
    }
    return render(request, "recognition/awards/leaderboard.html", context)


@require_GET
def leaderboard_public(request: HttpRequest, kode: str, year: int) -> HttpResponse:
    """Read only, no login; only when the instansi turns it on. Units only, never individuals."""
    instansi = Instansi.objects.filter(wilayah_id=kode).select_related("wilayah").first()
    if (
        instansi is None
        or not 2000 <= year <= 2100
        or not siasn.recognition_setting(instansi).leaderboard_public
    ):
        raise Http404(_("Papan peringkat tidak ditemukan."))
    context = _leaderboard_context(instansi, year)
    context["is_public"] = True
    return render(request, "recognition/awards/leaderboard.html", context)
