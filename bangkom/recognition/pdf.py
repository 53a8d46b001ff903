"""The certificate PDF: an editable Django template rendered by WeasyPrint, with a QR code of
the public verification URL.

Template: ``recognition/pdf/certificate_<kode>.html`` when an instansi has its own (e.g.
``certificate_53.71.html`` in the project's ``templates/`` folder), else
``recognition/pdf/certificate.html``. A logo, if any, is the static file
``recognition/logos/<kode>.png`` (or ``.svg``)."""

from __future__ import annotations

import base64
import mimetypes
from typing import Any

import segno
from django.contrib.staticfiles import finders
from django.template.loader import select_template
from django.utils.translation import override

from bangkom.recognition import addresses
from bangkom.recognition.models import Certificate


def qr_data_uri(url: str) -> str:
    """A PNG data URI of the QR code of ``url`` (error correction M, 4-module quiet zone)."""
    return str(segno.make(url, error="m", micro=False).png_data_uri(scale=8, border=4))


def logo_data_uri(kode: str) -> str | None:
    for extension in ("png", "svg"):
        found = finders.find(f"recognition/logos/{kode}.{extension}")
        if isinstance(found, str):
            mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
            with open(found, "rb") as handle:
                payload = base64.b64encode(handle.read()).decode("ascii")
            return f"data:{mime};base64,{payload}"
    return None


def certificate_context(certificate: Certificate) -> dict[str, Any]:
    verify_url = addresses.verify_url(certificate.code)
    return {
        "certificate": certificate,
        "instansi": certificate.instansi,
        "verify_url": verify_url,
        "qr": qr_data_uri(verify_url),
        "logo": logo_data_uri(certificate.instansi.kode),
    }


def certificate_html(certificate: Certificate) -> str:
    template = select_template(
        [
            f"recognition/pdf/certificate_{certificate.instansi.kode}.html",
            "recognition/pdf/certificate.html",
        ]
    )
    with override("id"):
        return str(template.render(certificate_context(certificate)))


def certificate_pdf(certificate: Certificate) -> bytes:
    from weasyprint import HTML  # heavy (Pango); loaded only when a PDF is made

    pdf = HTML(string=certificate_html(certificate), base_url=addresses.absolute("/")).write_pdf()
    assert pdf is not None
    return bytes(pdf)
