"""Certificates in Debian's Chromium: someone without an account scans a certificate's QR code
on a phone and sees it valid; after revocation the same link says revoked, with the reason."""

from __future__ import annotations

import base64
import io
from datetime import date
from decimal import Decimal

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from bangkom.delivery.ledger.services import jp_credit
from bangkom.delivery.models import JpSource
from bangkom.recognition import pdf
from bangkom.recognition.services import Signatory, certificate_issue, certificate_revoke
from bangkom.testing.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_stranger_scans_the_qr_code_and_sees_the_certificate(
    live_server, phone_page: Page, settings
) -> None:
    settings.PUBLIC_BASE_URL = live_server.url
    world = build_world()
    line = jp_credit(
        employee=world.employee,
        year=2026,
        date=date(2026, 3, 14),
        activity="Pelatihan Pelayanan Prima",
        form=None,
        units=Decimal(32),
        source=JpSource.BATCH,
        source_key="angkatan:uji",
        acting_user=None,
    )
    certificate = certificate_issue(
        credit=line,
        signatory=Signatory(name="Drs. Yakobus Dami, M.Si.", title="Kepala BKPSDM"),
        acting_user=None,
    )
    qr = pdf.certificate_context(certificate)["qr"]
    image = Image.open(io.BytesIO(base64.b64decode(qr.split(",", 1)[1])))
    (scanned,) = [result.text for result in zxingcpp.read_barcodes(image)]

    phone_page.goto(scanned)
    expect(phone_page.get_by_role("heading", name="Verifikasi sertifikat")).to_be_visible()
    expect(phone_page.get_by_role("status")).to_contain_text("SAH")
    expect(phone_page.locator("dl")).to_contain_text(certificate.number)
    expect(phone_page.locator("dl")).to_contain_text("Yohanes Benu")
    expect(phone_page.locator("body")).not_to_contain_text(world.employee.nip)

    certificate_revoke(
        certificate=certificate, reason="Data kehadiran keliru.", acting_user=world.user("bkpsdm")
    )
    phone_page.reload()
    expect(phone_page.get_by_role("status")).to_contain_text("DICABUT")
    expect(phone_page.get_by_role("status")).to_contain_text("Data kehadiran keliru.")
