"""``bangkom import-employees FILE --instansi KODE [--dry-run] [--create-units] [--user NAME]``"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from bangkom.organisation.imports.cli import add_common_arguments, run_import
from bangkom.organisation.imports.employees import employees_import


class Command(BaseCommand):
    # argparse needs plain text: the help is Indonesian, like the console output.
    help = (
        "Impor pegawai dari berkas Export Data ASN SIASN atau templat Bangkom (CSV/XLSX). "
        "Semua atau tidak sama sekali: satu kesalahan dan tidak ada yang disimpan."
    )

    def add_arguments(self, parser: Any) -> None:
        add_common_arguments(parser)
        parser.add_argument(
            "--create-units",
            action="store_true",
            help=_("buat unit kerja dan jabatan yang belum ada"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        run_import(self, options, partial(employees_import, create_units=options["create_units"]))
