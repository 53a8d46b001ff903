"""``bangkom load-wilayah``: load the Kemendagri region list into the database."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangkom.core.errors import ServiceError
from bangkom.organisation.wilayah import (
    WILAYAH_CSV,
    describe_wilayah_load,
    wilayah_load,
)


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
        seconds = time.perf_counter() - started
        self.stdout.write(f"{describe_wilayah_load(result)} ({seconds:.1f} s)")
