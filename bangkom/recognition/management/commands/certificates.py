"""``bangkom certificates --instansi KODE_WILAYAH [--year Y] [--json]``: an instansi's
certificates in number order.

``--json`` prints a list of ``{"number", "sequence", "year", "status", "verify_url"}`` with
``status`` ``valid`` or ``revoked``. An unknown instansi: an Indonesian error, exit code 2."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangkom.organisation.models import Instansi
from bangkom.recognition import addresses, selectors


class Command(BaseCommand):
    help = _("Daftar sertifikat suatu instansi (nomor, tahun, status, tautan verifikasi).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--instansi", required=True, metavar="KODE_WILAYAH")
        parser.add_argument("--year", type=int, default=None, metavar="TAHUN")
        parser.add_argument("--json", action="store_true", help=_("keluaran JSON"))

    def handle(self, *args: Any, **options: Any) -> None:
        instansi = Instansi.objects.filter(wilayah_id=options["instansi"]).first()
        if instansi is None:
            raise CommandError(
                _("Instansi dengan kode wilayah %(kode)s tidak ditemukan.")
                % {"kode": options["instansi"]},
                returncode=2,
            )
        rows = [
            {
                "number": c.number,
                "sequence": c.sequence,
                "year": c.year,
                "status": c.status,
                "verify_url": addresses.verify_url(c.code),
            }
            for c in selectors.instansi_certificates(instansi.pk, options["year"])
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            status = _("dicabut") if row["status"] == "revoked" else _("berlaku")
            self.stdout.write(f"{row['number']}\t{status}\t{row['verify_url']}")
        self.stdout.write(_("%(count)d sertifikat.") % {"count": len(rows)})
