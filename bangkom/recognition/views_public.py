"""Public pages, no login: the certificate verification page (the QR code's target) and its
form, the instansi's issuer profile (JSON-LD) and its status lists (JSON).

The verification page shows what the certificate prints (name, program, JP, dates, number,
issuer, signatory) so that an edited PDF is caught by comparison, and nothing more personal: no
NIP. An unknown code is a plain "not found" that says nothing else; unknown codes are counted
per address (``throttle``) and guessing is answered 429."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bangkom.core.params import query_text
from bangkom.organisation.models import Instansi
from bangkom.recognition import addresses, selectors, throttle
from bangkom.recognition.models import StatusList
from bangkom.recognition.services import CODE_LENGTH, normalise_code

JSON_LD = "application/ld+json"


def _lookup(request: HttpRequest, raw: str) -> tuple[HttpResponse | None, dict[str, Any]]:
    """(429 response, None) when limited; else the context with ``certificate`` or not."""
    if throttle.is_limited(request):
        return render(request, "recognition/public/too_many.html", status=429), {}
    code = normalise_code(raw)
    certificate = selectors.certificate_by_code(code) if len(code) == CODE_LENGTH else None
    award = (
        selectors.award_by_code(code) if certificate is None and len(code) == CODE_LENGTH else None
    )
    if certificate is None and award is None:
        throttle.record_miss(request)
    return None, {"certificate": certificate, "award": award, "searched": True}


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """A code typed by hand (``?kode=``); without one, the empty form."""
    raw = query_text(request.GET, "kode", max_length=40)
    context: dict[str, Any] = {"typed": raw}
    status = 200
    if raw:
        limited, found = _lookup(request, raw)
        if limited is not None:
            return limited
        context |= found
        status = 200 if found["certificate"] or found["award"] else 404
    return render(request, "recognition/public/verify.html", context, status=status)


@require_GET
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    limited, found = _lookup(request, code[:40])
    if limited is not None:
        return limited
    status = 200 if found["certificate"] or found["award"] else 404
    return render(request, "recognition/public/verify.html", found, status=status)


def _instansi(kode: str) -> Instansi:
    instansi = Instansi.objects.filter(wilayah_id=kode).first()
    if instansi is None:
        raise Http404
    return instansi


@require_GET
def issuer_profile(request: HttpRequest, kode: str) -> HttpResponse:
    """The issuer's Profile with every key it signs with or has signed with (Multikey)."""
    instansi = _instansi(kode)
    profile_id = addresses.issuer_url(kode)
    methods = [
        {
            "id": f"{profile_id}#{key.public_multikey}",
            "type": "Multikey",
            "controller": profile_id,
            "publicKeyMultibase": key.public_multikey,
        }
        for key in selectors.issuer_keys(kode)
    ]
    document = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://www.w3.org/ns/cid/v1",
        ],
        "id": profile_id,
        "type": ["Profile"],
        "name": instansi.nama,
        "url": addresses.absolute("/"),
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
    return JsonResponse(
        document, content_type=JSON_LD, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )


@require_GET
def status_list(request: HttpRequest, kode: str, year: int) -> HttpResponse:
    """The signed BitstringStatusListCredential of the instansi's certificates of ``year``."""
    row = StatusList.objects.filter(instansi__wilayah_id=kode, year=year).first()
    if row is None:
        raise Http404
    json.loads(row.credential_json)  # stored as signed; never serve a broken document
    return HttpResponse(row.credential_json, content_type="application/vc+ld+json")
