"""Pages of the JP ledger: "JP saya" with the claim form, one ASN's ledger, the OPD admin's
claims queue with its decisions, the certificate download, and the on-track table."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.paging import paginate
from bangkom.delivery.ledger import access, selectors
from bangkom.delivery.ledger.forms import ClaimForm, DecideForm
from bangkom.delivery.ledger.rules import default_as_of
from bangkom.delivery.ledger.services import ClaimData, claim_decide, claim_submit
from bangkom.delivery.models import ClaimStatus
from bangkom.organisation.models import Employee
from bangkom.planning.models import DevelopmentForm


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("tahun", "")
    today = timezone.localdate()
    if raw.isdigit() and 2000 <= int(raw) <= today.year + 1:
        return int(raw)
    return today.year


def _as_of(year: int) -> date:
    return default_as_of(year, timezone.localdate())


def _ledger_context(employee: Employee, year: int) -> dict[str, Any]:
    as_of = _as_of(year)
    return {
        "employee": employee,
        "year": year,
        "as_of": as_of,
        "summary": selectors.employee_year(employee, year, as_of=as_of),
        "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
    }


def _own_employee(request: HttpRequest) -> Employee:
    scope = scope_for(request.user)
    if not scope.employee_id:
        raise PermissionDenied(
            _("Halaman ini untuk ASN yang akunnya terhubung dengan data pegawai.")
        )
    return Employee.objects.select_related("unit", "instansi").get(pk=scope.employee_id)


@login_required
@require_http_methods(["GET", "POST"])
def my_jp(request: HttpRequest) -> HttpResponse:
    """An ASN's JP for the year against the target, their lines, claims and the claim form."""
    employee = _own_employee(request)
    year = _year(request)
    forms_qs = DevelopmentForm.objects.filter(instansi_id=employee.instansi_id).order_by(
        "urutan", "nama"
    )
    form = ClaimForm(request.POST or None, request.FILES or None, forms_qs=forms_qs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim_submit(
                employee=employee,
                data=ClaimData(
                    title=data["title"] or "",
                    organiser=data["organiser"] or "",
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    form=data["form"],
                    units=data["units"],
                ),
                certificate=data["certificate"] or None,
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Klaim dikirim ke admin OPD untuk diperiksa."))
            return redirect("delivery_ledger:my_jp")
    claims = access.claims_for_user(request.user).filter(employee=employee)[:50]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "delivery/ledger/my_jp.html",
        {**_ledger_context(employee, year), "form": form, "claims": claims, "own": True},
        status=status,
    )


@login_required
@require_GET
def employee_jp(request: HttpRequest, pk: int) -> HttpResponse:
    """One ASN's ledger, for their supervisor, OPD admin and the instansi's admins."""
    employee = access.get_ledger_employee_for_user(request.user, pk)
    year = _year(request)
    claims = access.claims_for_user(request.user).filter(employee=employee)[:50]
    return render(
        request,
        "delivery/ledger/my_jp.html",
        {**_ledger_context(employee, year), "claims": claims, "own": False},
    )


@login_required
@require_GET
def claim_queue(request: HttpRequest) -> HttpResponse:
    if not access.can_see_queue(request.user):
        raise deny()
    status = request.GET.get("status", ClaimStatus.SUBMITTED)
    if status not in ClaimStatus.values:
        status = ClaimStatus.SUBMITTED
    claims = (
        access.decidable_claims_for_user(request.user)
        .filter(status=status)
        .order_by("created_at", "pk")
    )
    return render(
        request,
        "delivery/ledger/claim_queue.html",
        {**paginate(request, claims), "status": status, "statuses": ClaimStatus.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = access.get_claim_for_user(request.user, pk, for_write=request.method == "POST")
    can_decide = claim.status == ClaimStatus.SUBMITTED and access.can_decide_claim(
        request.user, claim
    )
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim_decide(
                claim=claim,
                approve=form.cleaned_data["decision"] == "setujui",
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Keputusan klaim disimpan."))
            return redirect("delivery_ledger:claim_queue")
    return render(
        request,
        "delivery/ledger/claim_detail.html",
        {"claim": claim, "form": form, "can_decide": can_decide},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def claim_certificate(request: HttpRequest, pk: int) -> FileResponse:
    claim = access.get_claim_for_user(request.user, pk)
    extension = claim.certificate.name.rsplit(".", 1)[-1].lower()
    return FileResponse(
        claim.certificate.open("rb"),
        as_attachment=False,
        filename=f"sertifikat-klaim-{claim.pk}.{extension}",
    )


@login_required
@require_GET
def on_track(request: HttpRequest) -> HttpResponse:
    """Share of ASN on track per unit and for the instansi (or the OPD admin's subtree)."""
    instansi_qs = access.report_instansi_for_user(request.user)
    requested = request.GET.get("instansi", "")
    if requested:
        instansi = get_visible_or_404(instansi_qs, requested)
    else:
        first = instansi_qs.first()
        if first is None:
            raise deny()
        instansi = first
    year = _year(request)
    as_of = _as_of(year)
    under = access.report_paths_for_user(request.user, instansi)
    shares = selectors.on_track_shares(instansi, year, as_of=as_of, under=under)
    listing = paginate(request, selectors.behind(instansi, year, as_of=as_of, under=under))
    behind_rows = [
        {"employee": e, "target": selectors.target_of(e, year)} for e in listing["object_list"]
    ]
    return render(
        request,
        "delivery/ledger/on_track.html",
        {
            **listing,
            "behind_rows": behind_rows,
            "shares": shares,
            "instansi_list": instansi_qs,
            "instansi": instansi,
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
        },
    )


__all__ = [
    "claim_certificate",
    "claim_detail",
    "claim_queue",
    "employee_jp",
    "my_jp",
    "on_track",
]
