"""The award certificate (*piagam penghargaan*) PDF: ``recognition/pdf/award_<kode>.html`` when
the instansi has its own, else ``recognition/pdf/award.html``; the same QR code, logo and
WeasyPrint rendering as the learning certificates (``recognition.pdf``)."""

from __future__ import annotations

from django.template.loader import select_template
from django.utils.translation import override

from bangkom.recognition import addresses
from bangkom.recognition.models import Award
from bangkom.recognition.pdf import logo_data_uri, qr_data_uri


def award_html(award: Award) -> str:
    kode = award.instansi.kode
    verify_url = addresses.verify_url(award.code)
    template = select_template([f"recognition/pdf/award_{kode}.html", "recognition/pdf/award.html"])
    context = {
        "award": award,
        "instansi": award.instansi,
        "verify_url": verify_url,
        "qr": qr_data_uri(verify_url),
        "logo": logo_data_uri(kode),
    }
    with override("id"):
        return str(template.render(context))


def award_pdf(award: Award) -> bytes:
    from weasyprint import HTML  # heavy (Pango); loaded only when a PDF is made

    pdf = HTML(string=award_html(award), base_url=addresses.absolute("/")).write_pdf()
    assert pdf is not None
    return bytes(pdf)
