"""``bangkom load-wilayah``: load the Kemendagri region list into the database."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangkom.core.errors import ServiceError
from bangkom.organisation.wilayah import WILAYAH_CSV, WilayahLoadResult, wilayah_load


def _number(value: int) -> str:
    """Indonesian thousands separator: 91599 → 91.599."""
    return f"{value:,}".replace(",", ".")


def describe_load(result: WilayahLoadResult, seconds: float) -> str:
    """One line for the console, in Indonesian."""
    if not result.changed:
        text = _("Daftar wilayah sudah lengkap (%(count)s baris); tidak ada perubahan.") % {
            "count": _number(result.unchanged),
        }
    else:
        text = _("Wilayah: %(created)s ditambahkan, %(updated)s diperbarui, %(same)s tetap.") % {
            "created": _number(result.created),
            "updated": _number(result.updated),
            "same": _number(result.unchanged),
        }
    if result.absent_from_file:
        text += " " + _("%(count)s kode di basis data tidak ada di berkas dan dibiarkan.") % {
            "count": _number(result.absent_from_file)
        }
    return f"{text} ({seconds:.1f} s)"


class Command(BaseCommand):
    help = _(
        "Memuat daftar wilayah Kemendagri (provinsi, kabupaten/kota, kecamatan, kelurahan/desa). "
        "Aman dijalankan berulang: baris yang sudah sama tidak diubah."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=WILAYAH_CSV,
            help=_("Berkas CSV kode,nama,tingkat (bawaan: %s)") % WILAYAH_CSV.name,
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("Berkas tidak ditemukan: %s") % path)
        started = time.perf_counter()
        try:
            result = wilayah_load(path=path)
        except ServiceError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(describe_load(result, time.perf_counter() - started))
