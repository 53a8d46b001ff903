"""Pages for importing assessment-centre results and SKP predicates (BKPSDM admin only), and
their XLSX templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.assessments import access
from bangkom.assessments.forms import ImportForm
from bangkom.assessments.imports import AC_COLUMNS, SKP_COLUMNS, ac_import, skp_import
from bangkom.assessments.workbooks import (
    AC_FILENAME,
    SKP_FILENAME,
    XLSX_CONTENT_TYPE,
    ac_template,
    skp_template,
)
from bangkom.core.imports.report import ImportRejected, rejected_file_context
from bangkom.organisation.models import Instansi


def _run_import(
    request: HttpRequest, *, template: str, run: Callable[..., Any], extra: dict[str, Any]
) -> HttpResponse:
    instansi_qs = access.admin_instansi(request.user)
    if request.method == "POST" and request.POST.get("instansi"):
        # Another instansi's id answers 404 (or 403 when only readable) before the file is read.
        access.get_admin_instansi(request.user, request.POST["instansi"])
    form = ImportForm(request.POST or None, request.FILES or None, instansi_qs=instansi_qs)
    context: dict[str, Any] = {"form": form, "summary": None, "errors": None, **extra}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["berkas"]
        context["filename"] = upload.name
        try:
            context["summary"] = run(
                data=upload.read(),
                filename=upload.name,
                instansi=data["instansi"],
                acting_user=request.user,
                dry_run=data["uji_coba"],
            )
        except ImportRejected as exc:
            context.update(rejected_file_context(exc))
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def import_ac(request: HttpRequest) -> HttpResponse:
    return _run_import(
        request,
        template="assessments/import_ac.html",
        run=ac_import,
        extra={"columns": AC_COLUMNS, "active": "ac"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_skp(request: HttpRequest) -> HttpResponse:
    return _run_import(
        request,
        template="assessments/import_skp.html",
        run=skp_import,
        extra={"columns": SKP_COLUMNS, "active": "skp"},
    )


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def import_ac_template(request: HttpRequest) -> HttpResponse:
    """The template lists the competency codes, those of the (only or chosen) instansi too."""
    instansi_qs = access.admin_instansi(request.user)
    instansi: Instansi | None
    if request.GET.get("instansi"):
        instansi = access.get_admin_instansi(request.user, request.GET["instansi"])
    else:
        only = list(instansi_qs[:2])
        instansi = only[0] if len(only) == 1 else None
    return _xlsx(ac_template(instansi=instansi), AC_FILENAME)


@login_required
@require_GET
def import_skp_template(request: HttpRequest) -> HttpResponse:
    access.admin_instansi(request.user)
    return _xlsx(skp_template(), SKP_FILENAME)
