"""``bangkom siasn-training-export --instansi KODE --year Y FILE``: an instansi's completed
learning of a year in the shape of SIASN's riwayat kursus (docs/siasn-training.md).

The format follows FILE's extension, ``.csv`` or ``.xlsx``. An unknown instansi, a year outside
2000–2100 or another extension: an Indonesian error, exit code 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangkom.organisation.models import Instansi
from bangkom.recognition import siasn

ERROR_STATUS = 2
YEAR_MIN, YEAR_MAX = 2000, 2100


class Command(BaseCommand):
    help = _(
        "Ekspor riwayat kursus (pembelajaran yang selesai) suatu instansi dan tahun dalam bentuk "
        "yang diterima SIASN, CSV atau XLSX menurut ekstensi berkas."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--instansi", required=True, metavar="KODE_WILAYAH")
        parser.add_argument("--year", required=True, metavar="TAHUN")
        parser.add_argument("file", metavar="BERKAS", help=_("berkas tujuan, .csv atau .xlsx"))

    def handle(self, *args: Any, **options: Any) -> None:
        instansi = Instansi.objects.filter(wilayah_id=options["instansi"]).first()
        if instansi is None:
            raise CommandError(
                _("Instansi dengan kode wilayah %(kode)s tidak ditemukan.")
                % {"kode": options["instansi"]},
                returncode=ERROR_STATUS,
            )
        text = str(options["year"]).strip()
        year = int(text) if text.isdigit() else None
        if year is None or not YEAR_MIN <= year <= YEAR_MAX:
            raise CommandError(
                _("Tahun %(year)s tidak sah: tulis tahun empat angka antara %(low)d dan %(high)d.")
                % {"year": options["year"], "low": YEAR_MIN, "high": YEAR_MAX},
                returncode=ERROR_STATUS,
            )
        path = Path(options["file"])
        file_format = path.suffix.lower().lstrip(".")
        if file_format not in siasn.FORMATS:
            raise CommandError(
                _("Berkas %(path)s harus berekstensi .csv atau .xlsx.") % {"path": path},
                returncode=ERROR_STATUS,
            )
        rows = siasn.training_rows(instansi, year)
        try:
            path.write_bytes(siasn.training_file(rows, file_format))
        except OSError as err:
            raise CommandError(
                _("Berkas %(path)s tidak dapat ditulis: %(error)s")
                % {"path": path, "error": err.strerror or err},
                returncode=ERROR_STATUS,
            ) from None
        self.stdout.write(
            _("%(count)d baris riwayat kursus ditulis ke %(path)s.")
            % {"count": len(rows), "path": path}
        )
