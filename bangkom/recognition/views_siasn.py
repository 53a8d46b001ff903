"""The SIASN training-history page (BKPSDM admins): download a year's riwayat kursus as CSV or
XLSX, and edit the mapping of development forms to SIASN's codes and the instansi's SIASN ids."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.params import query_id, query_int
from bangkom.recognition import access, siasn
from bangkom.recognition.forms import RecognitionSettingForm, SiasnMappingForm

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _admin_instansi(request: HttpRequest) -> Any:
    choices = access.admin_instansi_for_user(request.user)
    if not choices.exists():
        raise deny()
    wanted = query_id(request.GET, "instansi")
    instansi = choices.first() if wanted is None else get_visible_or_404(choices, wanted)
    return instansi, choices


def _page_url(instansi: Any, year: int) -> str:
    return reverse("recognition:siasn") + f"?instansi={instansi.pk}&tahun={year}"


@login_required
@require_http_methods(["GET", "POST"])
def siasn_page(request: HttpRequest) -> HttpResponse:
    instansi, choices = _admin_instansi(request)
    year = query_int(request.GET, "tahun", low=2000, high=2100) or timezone.localdate().year
    rows = siasn.mapping_rows(instansi)
    setting = siasn.recognition_setting(instansi)
    posted = request.method == "POST"
    which = request.POST.get("bagian") if posted else None
    mapping_form = SiasnMappingForm(request.POST if which == "pemetaan" else None, rows=rows)
    setting_form = RecognitionSettingForm(
        request.POST if which == "pengaturan" else None,
        initial={
            "siasn_instansi_id": setting.siasn_instansi_id,
            "siasn_lokasi_id": setting.siasn_lokasi_id,
            "leaderboard_public": setting.leaderboard_public,
        },
    )
    if which == "pemetaan" and mapping_form.is_valid():
        data = mapping_form.cleaned_data
        codes = {
            row.form_kode: siasn.Codes(
                *(data.get(f"{row.form_kode}-{c}") or "" for c in SiasnMappingForm.COLUMNS)
            )
            for row in rows
        }
        try:
            siasn.siasn_mapping_save(instansi=instansi, codes=codes, acting_user=request.user)
        except ServiceError as exc:
            apply_service_errors(mapping_form, exc)
        else:
            messages.success(request, _("Pemetaan kode SIASN disimpan."))
            return redirect(_page_url(instansi, year))
    elif which == "pengaturan" and setting_form.is_valid():
        data = setting_form.cleaned_data
        try:
            siasn.recognition_setting_save(
                instansi=instansi,
                siasn_instansi_id=data["siasn_instansi_id"] or "",
                siasn_lokasi_id=data["siasn_lokasi_id"] or "",
                leaderboard_public=bool(data["leaderboard_public"]),
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(setting_form, exc)
        else:
            messages.success(request, _("Pengaturan disimpan."))
            return redirect(_page_url(instansi, year))
    preview = siasn.training_rows(instansi, year)
    return render(
        request,
        "recognition/siasn.html",
        {
            "instansi": instansi,
            "choices": choices,
            "year": year,
            "columns": siasn.COLUMNS,
            "preview": preview[:20],
            "count": len(preview),
            "mapping_form": mapping_form,
            "setting_form": setting_form,
            "jenis_diklat": sorted(siasn.JENIS_DIKLAT.items(), key=lambda item: int(item[0])),
        },
        status=400 if posted else 200,
    )


@login_required
@require_GET
def siasn_download(request: HttpRequest, file_format: str) -> HttpResponse:
    instansi, _choices = _admin_instansi(request)
    if file_format not in siasn.FORMATS:
        raise deny()
    year = query_int(request.GET, "tahun", low=2000, high=2100)
    if year is None:
        messages.error(request, _("Pilih tahun antara 2000 dan 2100."))
        return redirect(reverse("recognition:siasn") + f"?instansi={instansi.pk}")
    rows = siasn.training_rows(instansi, year)
    response = HttpResponse(
        siasn.training_file(rows, file_format), content_type=CONTENT_TYPES[file_format]
    )
    name = f"riwayat-kursus-{instansi.kode}-{year}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
