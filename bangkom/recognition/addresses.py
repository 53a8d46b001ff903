"""The public addresses of certificates, issuers and status lists, under ``PUBLIC_BASE_URL``
(the address printed in QR codes and signed into credentials)."""

from __future__ import annotations

from django.conf import settings
from django.urls import Resolver404, resolve, reverse


def absolute(path: str) -> str:
    return str(settings.PUBLIC_BASE_URL).rstrip("/") + path


def issuer_url(kode: str) -> str:
    """The instansi's issuer profile (JSON-LD), the `issuer.id` of its credentials."""
    return absolute(reverse("recognition:issuer_profile", args=[kode]))


def status_list_url(kode: str, year: int) -> str:
    return absolute(reverse("recognition:status_list", args=[kode, year]))


def verify_url(code: str) -> str:
    """The public verification page of a certificate (the QR code's target)."""
    return absolute(reverse("recognition:verify_code", args=[code]))


def parse_status_list_url(url: str) -> tuple[str, int] | None:
    """``(kode, year)`` of one of this installation's status list URLs, else None."""
    base = str(settings.PUBLIC_BASE_URL).rstrip("/")
    if not url.startswith(base + "/"):
        return None
    try:
        match = resolve(url[len(base) :])
    except Resolver404:
        return None
    if match.view_name != "recognition:status_list":
        return None
    return str(match.kwargs["kode"]), int(match.kwargs["year"])
