"""``bangkom issuer-key-rotate --instansi KODE_WILAYAH``: retire the instansi's signing key and
make a new one. The retired key stays on the issuer profile, so older credentials keep
verifying. Prints the new public Multikey."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangkom.organisation.models import Instansi
from bangkom.recognition.services import issuer_key_rotate


class Command(BaseCommand):
    help = _(
        "Mengganti kunci penanda tangan sertifikat suatu instansi (kunci lama tetap diumumkan)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--instansi", required=True, metavar="KODE_WILAYAH")

    def handle(self, *args: Any, **options: Any) -> None:
        instansi = Instansi.objects.filter(wilayah_id=options["instansi"]).first()
        if instansi is None:
            raise CommandError(
                _("Instansi dengan kode wilayah %(kode)s tidak ditemukan.")
                % {"kode": options["instansi"]},
                returncode=2,
            )
        key = issuer_key_rotate(instansi=instansi, acting_user=None)
        self.stdout.write(key.public_multikey)
