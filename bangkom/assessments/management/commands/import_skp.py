"""``bangkom import-skp FILE --instansi KODE [--dry-run] [--user NAME]``"""

from __future__ import annotations

from typing import Any, cast

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from bangkom.assessments.imports import skp_import
from bangkom.organisation.imports.cli import add_common_arguments, run_import


class Command(BaseCommand):
    help = cast(
        str,
        _(
            "Impor predikat kinerja SKP (nip, tahun, predikat) dari CSV/XLSX. Semua atau tidak "
            "sama sekali: satu kesalahan dan tidak ada yang disimpan."
        ),
    )

    def add_arguments(self, parser: Any) -> None:
        add_common_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        run_import(self, options, skp_import)
