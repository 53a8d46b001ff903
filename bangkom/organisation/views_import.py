"""Pages for the bulk imports: employees, positions, their jobs and template downloads.

Only an admin of an instansi (BKPSDM admin or a superadmin covering it) reaches them; with
several instansi the form offers a choice limited to those. An upload becomes an
:class:`ImportJob` run by the task worker; its page polls the progress and then shows the
errors to fix or the summary.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.organisation.access import (
    get_import_job_for_user,
    get_instansi_for_user,
    import_jobs_for_user,
)
from bangkom.organisation.imports.jobs import import_job_create, import_job_retry, job_summary
from bangkom.organisation.imports.workbooks import (
    EMPLOYEES_FILENAME,
    POSITIONS_FILENAME,
    XLSX_CONTENT_TYPE,
    employees_template,
    positions_template,
)
from bangkom.organisation.models import ImportJob, ImportKind, ImportStatus, Instansi

RECENT_JOBS = 10


def _admin_instansi(user: Any) -> QuerySet[Instansi]:
    """The instansi the user administers; 403 for anyone who administers none."""
    scope = scope_for(user)
    if not scope.is_admin:
        raise deny(_("Hanya admin BKPSDM atau superadmin yang dapat mengimpor data."))
    return Instansi.objects.filter(pk__in=scope.admin_instansi_ids).order_by("nama")


class _ImportForm(forms.Form):
    instansi = forms.ModelChoiceField(
        queryset=Instansi.objects.none(), label=gettext_lazy("Instansi")
    )
    berkas = forms.FileField(label=gettext_lazy("Berkas"))
    uji_coba = forms.BooleanField(
        required=False,
        label=gettext_lazy("Uji coba saja: periksa berkas tanpa menyimpan"),
    )
    suffixes: tuple[str, ...] = (".csv", ".xlsx", ".xlsm")

    def __init__(self, *args: Any, instansi_qs: QuerySet[Instansi], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["instansi"]
        field.queryset = instansi_qs  # type: ignore[attr-defined]
        only = list(instansi_qs[:2])
        if len(only) == 1:
            field.initial = only[0].pk
            field.widget = forms.HiddenInput()

    def clean_berkas(self) -> Any:
        upload = self.cleaned_data["berkas"]
        if PurePath(upload.name or "").suffix.lower() not in self.suffixes:
            raise forms.ValidationError(_("Pilih berkas %s.") % _(" atau ").join(self.suffixes))
        if upload.size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise forms.ValidationError(
                _("Berkas terlalu besar; paling besar %d MB.")
                % (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))
            )
        return upload


class EmployeeImportForm(_ImportForm):
    buat_unit = forms.BooleanField(
        required=False,
        label=gettext_lazy("Buat unit dan jabatan yang belum ada"),
        help_text=gettext_lazy(
            "Tanpa pilihan ini, unit atau jabatan yang belum ada di Bangkom menjadi kesalahan."
        ),
    )
    field_order = ["instansi", "berkas", "buat_unit", "uji_coba"]


class PositionImportForm(_ImportForm):
    suffixes = (".xlsx", ".xlsm")


def _posted_instansi(request: HttpRequest) -> None:
    """An instansi posted from outside the user's scope answers 404 (or 403 when the user
    sees it but does not administer it), before the form is even read."""
    value = request.POST.get("instansi")
    if value:
        get_instansi_for_user(request.user, value, for_write=True)


def _upload_page(
    request: HttpRequest, form_class: type[_ImportForm], template: str, kind: ImportKind
) -> HttpResponse:
    """The form; a valid upload becomes a background job and the browser goes to its page."""
    instansi_qs = _admin_instansi(request.user)
    if request.method == "POST":
        _posted_instansi(request)
        form = form_class(request.POST, request.FILES, instansi_qs=instansi_qs)
        if form.is_valid():
            data = form.cleaned_data
            job = import_job_create(
                instansi=data["instansi"],
                kind=kind,
                upload=data["berkas"],
                acting_user=request.user,
                dry_run=data["uji_coba"],
                create_units=data.get("buat_unit", False),
                language=translation.get_language() or "",
            )
            return redirect("organisation:import_job", job.pk)
    else:
        form = form_class(instansi_qs=instansi_qs)
    jobs = import_jobs_for_user(request.user).filter(kind=kind)[:RECENT_JOBS]
    context = {
        "form": form,
        "jobs": jobs,
        "several_instansi": len(instansi_qs[:2]) > 1,
    }
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def import_employees(request: HttpRequest) -> HttpResponse:
    return _upload_page(
        request, EmployeeImportForm, "organisation/import_employees.html", ImportKind.EMPLOYEES
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_positions(request: HttpRequest) -> HttpResponse:
    return _upload_page(
        request, PositionImportForm, "organisation/import_positions.html", ImportKind.POSITIONS
    )


def _job_context(job: ImportJob) -> dict[str, Any]:
    """What ``import_result.html`` shows: the errors of a rejected file or the summary."""
    return {
        "job": job,
        "filename": job.filename,
        "summary": job_summary(job),
        "errors": job.errors if job.status == ImportStatus.REJECTED else None,
        "error_count": job.error_count,
        "hidden_errors": job.hidden_errors,
    }


@login_required
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_import_job_for_user(request.user, pk)
    return render(request, "organisation/import_job.html", _job_context(job))


@login_required
@require_GET
def import_job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress, polled by htmx every 2 s; once finished, its result (the errors
    to fix or the summary), and the polling stops."""
    job = get_import_job_for_user(request.user, pk)
    return render(request, "organisation/import_job_status.html", _job_context(job))


@login_required
@require_POST
def import_job_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_import_job_for_user(request.user, pk)
    try:
        import_job_retry(job=job, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Impor diulang dari awal di latar belakang."))
    return redirect("organisation:import_job", job.pk)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def employees_template_download(request: HttpRequest) -> HttpResponse:
    _admin_instansi(request.user)
    return _xlsx(employees_template(), EMPLOYEES_FILENAME)


@login_required
@require_GET
def positions_template_download(request: HttpRequest) -> HttpResponse:
    """The template lists the competency codes, those of the chosen instansi included."""
    instansi_qs = _admin_instansi(request.user)
    instansi: Instansi | None = None
    if request.GET.get("instansi"):
        instansi = get_instansi_for_user(request.user, request.GET["instansi"], for_write=True)
    else:
        only = list(instansi_qs[:2])
        instansi = only[0] if len(only) == 1 else None
    return _xlsx(positions_template(instansi=instansi), POSITIONS_FILENAME)
