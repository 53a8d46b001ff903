"""``bangkom import-positions FILE --instansi KODE [--dry-run] [--user NAME]``"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bangkom.organisation.imports.cli import add_common_arguments, run_import
from bangkom.organisation.imports.positions import positions_import


class Command(BaseCommand):
    # argparse needs plain text: the help is Indonesian, like the console output.
    help = (
        "Impor jabatan dengan uraian tugas dan standar kompetensinya dari templat XLSX Bangkom. "
        "Semua atau tidak sama sekali."
    )

    def add_arguments(self, parser: Any) -> None:
        add_common_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        run_import(self, options, positions_import)
