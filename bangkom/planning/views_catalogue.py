"""Pages of the catalogue: the JP conversion table, the program templates, their import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.accounts.scope import scope_for
from bangkom.competencies.models import Competency
from bangkom.core.access import get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.imports.report import ImportRejected, rejected_file_context
from bangkom.organisation.imports.workbooks import XLSX_CONTENT_TYPE
from bangkom.organisation.models import Instansi, Unit
from bangkom.planning import selectors
from bangkom.planning.access import (
    catalogue_instansi_for_user,
    get_catalogue_instansi,
    get_template_for_user,
)
from bangkom.planning.forms import (
    CatalogueImportForm,
    FormRuleForm,
    TemplateForm,
    add_rule_errors,
)
from bangkom.planning.imports import FILENAME, catalogue_import, catalogue_template
from bangkom.planning.models import DevelopmentForm, ProgramTemplate
from bangkom.planning.services import (
    TemplateData,
    form_rule_update,
    form_table_ensure,
    template_jp,
    template_save,
    template_value_errors,
)


def _instansi(request: HttpRequest, *, for_write: bool = False) -> Instansi:
    instansi = get_catalogue_instansi(
        request.user,
        request.GET.get("instansi") or request.POST.get("instansi"),
        for_write=for_write,
    )
    if scope_for(request.user).can_admin(instansi.pk):
        # The default JP table is created on first use, like the instansi's other defaults.
        form_table_ensure(instansi=instansi, acting_user=request.user)
    return instansi


def _suffix(instansi: Instansi) -> str:
    return f"?instansi={instansi.pk}"


@login_required
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    return render(
        request,
        "planning/catalogue.html",
        {
            "instansi": instansi,
            "instansi_choices": catalogue_instansi_for_user(request.user),
            "templates": selectors.catalogue_templates(instansi, request.GET.get("q", "")),
            "q": request.GET.get("q", ""),
            "can_edit": scope_for(request.user).can_admin(instansi.pk),
        },
    )


@login_required
@require_GET
def form_table(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request)
    return render(
        request,
        "planning/form_table.html",
        {
            "instansi": instansi,
            "forms": DevelopmentForm.objects.filter(instansi=instansi),
            "can_edit": scope_for(request.user).can_admin(instansi.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_edit(request: HttpRequest, pk: int) -> HttpResponse:
    ids = catalogue_instansi_for_user(request.user).values_list("pk", flat=True)
    row = get_visible_or_404(DevelopmentForm.objects.filter(instansi_id__in=ids), pk)
    get_catalogue_instansi(request.user, row.instansi_id, for_write=True)
    initial = {name: getattr(row, name) for name in FormRuleForm.base_fields}
    form = FormRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            form_rule_update(form=row, data=form.cleaned_data, acting_user=request.user)
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Aturan JP %s disimpan.") % row.nama)
            return redirect(reverse("planning:form_table") + _suffix(row.instansi))
    return render(request, "planning/form_edit.html", {"form": form, "row": row})


def _template_form(
    request: HttpRequest, instansi: Instansi, template: ProgramTemplate | None
) -> TemplateForm:
    return TemplateForm(
        request.POST or None,
        initial=TemplateForm.initial_from(template) if template else {"mode": "tatap_muka"},
        forms_qs=DevelopmentForm.objects.filter(instansi=instansi),
        units_qs=Unit.objects.filter(instansi=instansi).order_by("path"),
        competencies_qs=Competency.objects.filter(Q(instansi__isnull=True) | Q(instansi=instansi)),
    )


# TemplateData names whose form field is named otherwise
_TEMPLATE_FIELD_NAMES = {"competencies": "kompetensi"}


def _template_data(cleaned: dict[str, Any]) -> TemplateData:
    return TemplateData(
        kode=cleaned["kode"],
        judul=cleaned["judul"],
        bentuk=cleaned["bentuk"],
        jumlah_satuan=cleaned["jumlah_satuan"],
        hari_belajar=cleaned["hari_belajar"],
        bulan=cleaned["bulan"],
        hari_tinggal_kerja=cleaned["hari_tinggal_kerja"],
        mode=cleaned["mode"],
        min_peserta=cleaned["min_peserta"],
        max_peserta=cleaned["max_peserta"],
        biaya_tetap=cleaned["biaya_tetap"],
        biaya_per_peserta=cleaned["biaya_per_peserta"],
        competencies=cleaned["kompetensi"],
        kelas_jabatan=cleaned["kelas_jabatan"],
        units=list(cleaned["units"]),
        jp_override=cleaned["jp_override"],
        jp_override_reason=cleaned["jp_override_reason"],
        penyelenggara=cleaned["penyelenggara"],
        prasyarat=cleaned["prasyarat"],
        catatan_kurikulum=cleaned["catatan_kurikulum"],
    )


def _template_page(
    request: HttpRequest, instansi: Instansi, template: ProgramTemplate | None
) -> HttpResponse:
    form = _template_form(request, instansi, template)
    if request.method == "POST" and not form.is_valid():
        known = {
            name: form.cleaned_data[field]
            for name, field in (
                *((n, n) for n in TemplateForm.base_fields),
                *_TEMPLATE_FIELD_NAMES.items(),
            )
            if field in form.cleaned_data and name != "kompetensi"
        }
        add_rule_errors(
            form, template_value_errors(instansi, known, template), _TEMPLATE_FIELD_NAMES
        )
    elif request.method == "POST":
        try:
            saved = template_save(
                instansi=instansi,
                data=_template_data(form.cleaned_data),
                template=template,
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Program %(k)s disimpan: %(jp)s JP.") % {"k": saved.kode, "jp": saved.jp}
            )
            return redirect(reverse("planning:catalogue") + _suffix(instansi))
    try:
        computed = template_jp(template) if template else None
    except ArithmeticError:  # a stored value out of bounds; the page says which
        computed = None
    return render(
        request,
        "planning/template_form.html",
        {"form": form, "template": template, "instansi": instansi, "computed_jp": computed},
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_create(request: HttpRequest) -> HttpResponse:
    return _template_page(request, _instansi(request, for_write=True), None)


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_template_for_user(request.user, pk, for_write=True)
    return _template_page(request, template.instansi, template)


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_import_view(request: HttpRequest) -> HttpResponse:
    instansi = _instansi(request, for_write=True)
    form = CatalogueImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "instansi": instansi, "summary": None, "errors": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        context["filename"] = upload.name
        try:
            context["summary"] = catalogue_import(
                data=upload.read(),
                filename=upload.name,
                instansi=instansi,
                acting_user=request.user,
                dry_run=form.cleaned_data["uji_coba"],
            )
        except ImportRejected as exc:
            context.update(rejected_file_context(exc))
    return render(request, "planning/catalogue_import.html", context)


@login_required
@require_GET
def catalogue_import_template(request: HttpRequest) -> HttpResponse:
    _instansi(request, for_write=True)
    response = HttpResponse(catalogue_template(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    return response
