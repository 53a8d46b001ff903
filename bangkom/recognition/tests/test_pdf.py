"""The certificate PDF renders from its template with a QR code of the verification URL."""

from __future__ import annotations

import base64
import io
import re
import zlib

import pytest
import zxingcpp
from PIL import Image

from bangkom.recognition import pdf
from bangkom.recognition.services import certificate_issue

from .conftest import SIGNATORY

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(world, credit):
    return certificate_issue(credit=credit(world.employee), signatory=SIGNATORY, acting_user=None)


def _decode_qr(data_uri: str) -> list[str]:
    assert data_uri.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1])))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def _pdf_text(document: bytes) -> str:
    """Text of the PDF's content streams (WeasyPrint writes them Flate-compressed)."""
    chunks = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", document, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            chunks.append(match.group(1))
    return b"\n".join(chunks).decode("latin-1")


def test_pdf_renders_with_a_qr_code_of_the_verification_url(certificate):
    url = f"https://bangkom.example.go.id/verifikasi/{certificate.code}/"
    context = pdf.certificate_context(certificate)
    assert context["verify_url"] == url
    assert _decode_qr(context["qr"]) == [url]
    html = pdf.certificate_html(certificate)
    for printed in (
        certificate.number,
        "Yohanes Benu",
        "199203142019031004",  # the NIP is on the paper certificate, never on the public page
        "Pelatihan Pelayanan Prima",
        "32 JP",
        "14 Maret 2026",
        SIGNATORY.name,
        SIGNATORY.title,
        "Pemerintah Kota Uji",
        url,
    ):
        assert printed in html
    assert context["qr"] in html
    document = pdf.certificate_pdf(certificate)
    assert document.startswith(b"%PDF")
    assert b"/Subtype /Image" in document or b"/Subtype/Image" in document
    # The printed URL is also a link: its target is in the PDF as text (glyphs are not).
    assert f"/URI ({url})" in _pdf_text(document) or f"/URI ({url})" in document.decode("latin-1")


def test_an_instansi_may_have_its_own_template(certificate, settings, tmp_path):
    folder = tmp_path / "recognition" / "pdf"
    folder.mkdir(parents=True)
    (folder / "certificate_53.71.html").write_text(
        "<p>Templat Kota Uji {{ certificate.number }} <img src='{{ qr }}'></p>", encoding="utf-8"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    assert pdf.certificate_html(certificate).startswith(
        f"<p>Templat Kota Uji {certificate.number} "
    )
    assert pdf.certificate_pdf(certificate).startswith(b"%PDF")
