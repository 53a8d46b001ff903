"""Public forms, no login: stakeholder input per instansi and the SKM survey per service unit.

Both are rate limited and spam-resistant (see ``services.guard``); a refusal re-renders the form
with the citizen's answers and a clear message (HTTP 429 for a rate limit, 400 otherwise).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.organisation.models import Instansi, Unit, Wilayah
from bangkom.regional.forms import PublicInputForm, PublicSkmForm
from bangkom.regional.models import RegionalSettings, SkmUnitSettings
from bangkom.regional.questionnaire import QUESTIONS
from bangkom.regional.services import (
    PublicInputData,
    PublicRefused,
    SkmAnswers,
    challenge_issue,
    public_input_submit,
    skm_submit,
)
from bangkom.regional.services.inputs import form_key as input_form_key
from bangkom.regional.services.skm import form_key as skm_form_key
from bangkom.regional.services.skm import skm_count_invalid
from bangkom.regional.views.common import client_address


def _open_instansi(kode_wilayah: str) -> Instansi:
    instansi = (
        Instansi.objects.select_related("wilayah")
        .filter(wilayah_id=kode_wilayah, is_active=True)
        .first()
    )
    settings = (
        RegionalSettings.objects.filter(instansi=instansi).first() if instansi is not None else None
    )
    if instansi is None or settings is None or not settings.public_input_open:
        raise Http404(_("Formulir masukan untuk wilayah ini tidak tersedia."))
    return instansi


def _guard_values(request: HttpRequest) -> tuple[str, str, str]:
    """The anti-spam fields as posted: token, answer to the sum, honeypot."""
    return (
        request.POST.get("token", ""),
        request.POST.get("jawaban", ""),
        request.POST.get("website", ""),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def public_input(request: HttpRequest, kode_wilayah: str) -> HttpResponse:
    instansi = _open_instansi(kode_wilayah)
    districts = Wilayah.objects.filter(parent_id=instansi.wilayah_id).order_by("nama")
    form = PublicInputForm(request.POST or None, districts=districts)
    status = 200
    refusal = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token, answer, honeypot = _guard_values(request)
        try:
            public_input_submit(
                instansi=instansi,
                data=PublicInputData(
                    kategori=data["kategori"],
                    topik=data["topik"],
                    isi=data["isi"],
                    wilayah=data["wilayah"],
                    nama=data["nama"],
                    organisasi=data["organisasi"],
                    email=data["email"],
                    telepon=data["telepon"],
                ),
                address=client_address(request),
                token=token,
                answer=answer,
                honeypot=honeypot,
            )
        except PublicRefused as exc:
            refusal, status = exc.message, exc.status
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("regional:public_input_done", instansi.wilayah_id)
    context = {
        "instansi": instansi,
        "form": form,
        "challenge": challenge_issue(input_form_key(instansi)),
        "refusal": refusal,
    }
    return render(request, "regional/public_input.html", context, status=status)


@never_cache
def public_input_done(request: HttpRequest, kode_wilayah: str) -> HttpResponse:
    instansi = _open_instansi(kode_wilayah)
    return render(request, "regional/public_done.html", {"instansi": instansi, "kind": "masukan"})


def _open_unit(unit_id: int) -> tuple[Unit, SkmUnitSettings]:
    unit = (
        Unit.objects.select_related("instansi", "parent")
        .filter(pk=unit_id, instansi__is_active=True)
        .first()
    )
    settings = SkmUnitSettings.objects.filter(unit=unit).first() if unit is not None else None
    if unit is None or settings is None or not settings.is_open:
        raise Http404(_("Survei kepuasan untuk unit layanan ini tidak tersedia."))
    return unit, settings


def _answers(data: dict[str, Any]) -> SkmAnswers:
    return SkmAnswers(
        scores=[data[q.code.lower()] for q in QUESTIONS],
        tanggal=data["tanggal"],
        umur=data["umur"],
        jenis_kelamin=data["jenis_kelamin"],
        pendidikan=data["pendidikan"],
        pekerjaan=data["pekerjaan"],
        pekerjaan_lainnya=data["pekerjaan_lainnya"],
        jenis_layanan=data["jenis_layanan"],
        saran=data["saran"],
        kode_layanan=data.get("kode_layanan", ""),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def public_skm(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit, settings = _open_unit(unit_id)
    form = PublicSkmForm(request.POST or None)
    status = 200
    refusal = ""
    if request.method == "POST" and not form.is_valid():
        # an incomplete sheet is an attempt too: a robot posting junk reaches the limit
        skm_count_invalid(unit=unit, address=client_address(request))
    if request.method == "POST" and form.is_valid():
        token, answer, honeypot = _guard_values(request)
        try:
            skm_submit(
                unit=unit,
                answers=_answers(form.cleaned_data),
                address=client_address(request),
                token=token,
                answer=answer,
                honeypot=honeypot,
            )
        except PublicRefused as exc:
            refusal, status = exc.message, exc.status
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("regional:public_skm_done", unit.pk)
    context = {
        "unit": unit,
        "services": settings.services,
        "needs_code": settings.wajib_kode,
        "form": form,
        "challenge": challenge_issue(skm_form_key(unit)),
        "refusal": refusal,
    }
    return render(request, "regional/public_skm.html", context, status=status)


@never_cache
def public_skm_done(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit, _settings = _open_unit(unit_id)
    return render(request, "regional/public_done.html", {"unit": unit, "kind": "skm"})
