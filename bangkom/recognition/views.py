"""Certificate pages for signed-in users: "Sertifikat saya" (PDF, credential, share link), the
BKPSDM's register with revocation, and the bulk issue of a completed activity's certificates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.paging import paginate
from bangkom.core.params import query_id, query_int
from bangkom.delivery.models import JpCredit
from bangkom.recognition import access, addresses, selectors
from bangkom.recognition.forms import BulkIssueForm, RevokeForm
from bangkom.recognition.models import CertificateStatus
from bangkom.recognition.pdf import certificate_pdf
from bangkom.recognition.services import (
    CERTIFIABLE_SOURCES,
    Signatory,
    certificate_job_start,
    certificate_revoke,
)


def _file_name(number: str, extension: str) -> str:
    return number.replace("/", "-") + "." + extension


@login_required
@require_GET
def my_certificates(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.employee_id:
        raise PermissionDenied(
            _("Halaman ini untuk ASN yang akunnya terhubung dengan data pegawai.")
        )
    rows = [
        (certificate, addresses.verify_url(certificate.code))
        for certificate in selectors.employee_certificates(scope.employee_id)
    ]
    awards = [
        (award, addresses.verify_url(award.code))
        for award in selectors.employee_awards(scope.employee_id)
    ]
    return render(request, "recognition/my_certificates.html", {"rows": rows, "awards": awards})


@login_required
@require_GET
def certificate_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = access.get_certificate_for_user(request.user, pk)
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{_file_name(certificate.number, "pdf")}"'
    )
    return response


@login_required
@require_GET
def certificate_credential(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = access.get_certificate_for_user(request.user, pk)
    response = HttpResponse(certificate.credential_json, content_type="application/vc+ld+json")
    response["Content-Disposition"] = (
        f'attachment; filename="{_file_name(certificate.number, "json")}"'
    )
    return response


def _register_instansi(request: HttpRequest) -> Any:
    choices = access.register_instansi_for_user(request.user)
    if not choices.exists():
        raise deny()
    return _chosen(request, choices), choices


def _chosen(request: HttpRequest, choices: Any) -> Any:
    """The instansi asked for with ``?instansi=`` (404 if not one of ``choices``), or the first."""
    wanted = query_id(request.GET, "instansi")
    if wanted is None:
        return choices.first()
    return get_visible_or_404(choices, wanted)


@login_required
@require_GET
def certificate_register(request: HttpRequest) -> HttpResponse:
    """The instansi's certificates by year, with revocation for its BKPSDM admins."""
    instansi, choices = _register_instansi(request)
    year = query_int(request.GET, "tahun", low=2000, high=2100)
    status = request.GET.get("status", "")
    queryset = selectors.instansi_certificates(instansi.pk, year).order_by("-year", "-sequence")
    if status in CertificateStatus.values:
        queryset = queryset.filter(status=status)
    return render(
        request,
        "recognition/register.html",
        {
            "instansi": instansi,
            "choices": choices,
            "year": year,
            "status": status,
            "statuses": CertificateStatus.choices,
            "can_admin": access.can_admin_certificates(request.user, instansi.pk),
            **paginate(request, queryset, per_page=50),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = access.get_certificate_for_user(request.user, pk, for_write=True)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                certificate=certificate,
                reason=form.cleaned_data["reason"] or "",
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Sertifikat %(number)s dicabut.") % {"number": certificate.number}
            )
            return redirect(
                reverse("recognition:register") + f"?instansi={certificate.instansi_id}"
            )
    return render(
        request,
        "recognition/revoke.html",
        {"certificate": certificate, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _uncertified(instansi_id: int) -> Any:
    return (
        JpCredit.objects.filter(
            employee__instansi_id=instansi_id,
            source__in=sorted(CERTIFIABLE_SOURCES),
            certificate__isnull=True,
        )
        .values("activity", "date", "source")
        .annotate(count=Count("pk"))
        .order_by("-date", "activity")
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_bulk_issue(request: HttpRequest) -> HttpResponse:
    """Completed activities without certificates, grouped; issuing one group queues a job."""
    choices = access.admin_instansi_for_user(request.user)
    if not choices.exists():
        raise deny()
    instansi = _chosen(request, choices)
    form = BulkIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        credits = list(
            JpCredit.objects.select_related("employee").filter(
                employee__instansi=instansi,
                activity=data["activity"],
                date=data["date"],
                source=data["source"],
                certificate__isnull=True,
            )
        )
        try:
            job = certificate_job_start(
                instansi=instansi,
                credits=credits,
                signatory=Signatory(
                    name=data["signatory_name"] or "", title=data["signatory_title"] or ""
                ),
                acting_user=request.user,
                label=f"{data['activity']} ({data['date']:%d-%m-%Y})",
            )
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("recognition:job_status", job.pk)
    return render(
        request,
        "recognition/bulk_issue.html",
        {
            "instansi": instansi,
            "choices": choices,
            "groups": _uncertified(instansi.pk)[:100],
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress; polled by htmx every 2 s until it finishes."""
    job = access.get_job_for_user(request.user, pk)
    template = (
        "recognition/_job_status.html"
        if request.headers.get("HX-Request")
        else "recognition/job.html"
    )
    response = render(request, template, {"job": job})
    if job.is_finished and request.headers.get("HX-Request") and request.GET.get("poll"):
        response["HX-Refresh"] = "true"
    return response
