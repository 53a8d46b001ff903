"""Pages for performance (SKP): the predicates in the user's scope, and the supervisor's link
of a subordinate's shortfall to the competencies behind it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.accounts.scope import scope_for
from bangkom.assessments import access, selectors
from bangkom.assessments.forms import ShortfallLinkForm
from bangkom.assessments.models import SkpPredikat
from bangkom.assessments.performance import (
    plan_year,
    shortfall_factors_for,
    shortfall_link_set,
    usable_competencies,
)
from bangkom.competencies.models import Competency, PositionStandard
from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.paging import paginate


@login_required
@require_GET
def performance_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (access.overseer_instansi_ids(scope) or scope.employee_id):
        raise deny()
    ratings = selectors.filter_performance(access.performance_for_user(request.user), request.GET)
    page = paginate(request, ratings)
    page["object_list"] = [
        {
            "rating": rating,
            "can_link": rating.is_shortfall
            and scope.employee_id is not None
            and rating.employee.supervisor_id == scope.employee_id,
        }
        for rating in page["object_list"]
    ]
    return render(
        request,
        "assessments/performance_list.html",
        {**page, "filters": request.GET, "predikat_choices": SkpPredikat.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def shortfall_link(request: HttpRequest, pk: int) -> HttpResponse:
    rating = access.get_rating_for_user(request.user, pk, for_write=True)
    competencies = Competency.objects.filter(usable_competencies(rating.instansi_id)).order_by(
        "jenis", "kode"
    )
    initial = {
        "competencies": list(rating.links.values_list("competency_id", flat=True)),
        "note": rating.shortfall_note,
    }
    form = ShortfallLinkForm(request.POST or None, initial=initial, competencies=competencies)
    if request.method == "POST" and form.is_valid():
        try:
            factors = shortfall_link_set(
                rating=rating,
                competencies=list(form.cleaned_data["competencies"]),
                note=form.cleaned_data["note"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Kaitan kinerja disimpan: %d faktor bobot untuk analisis kebutuhan.")
                % len(factors),
            )
            return redirect("assessments:performance_list")
    standard_ids = set(
        PositionStandard.objects.filter(position__holders=rating.employee).values_list(
            "competency_id", flat=True
        )
    )
    return render(
        request,
        "assessments/shortfall_link.html",
        {
            "rating": rating,
            "form": form,
            "standard_ids": standard_ids,
            "factor": shortfall_factors_for(rating.instansi_id).get(rating.predikat),
            "plan_year": plan_year(rating),
        },
    )
