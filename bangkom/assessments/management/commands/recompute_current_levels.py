"""``bangkom recompute-current-levels [--instansi KODE]``: read every current level again from
the ratings with the instansi's rule (after the age limit of assessment-centre results has
passed for some, for example). Safe to run at any time; it changes only what differs."""

from __future__ import annotations

from typing import Any, cast

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.assessments.services import current_levels_recompute
from bangkom.organisation.imports.cli import instansi_by_code
from bangkom.organisation.models import Instansi


class Command(BaseCommand):
    help = cast(str, gettext_lazy("Hitung ulang level kompetensi saat ini dari semua penilaian."))

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--instansi",
            metavar="KODE_WILAYAH",
            help=gettext_lazy("kode wilayah instansi; tanpa ini: semua instansi"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("instansi"):
            targets = [instansi_by_code(options["instansi"])]
        else:
            targets = list(Instansi.objects.order_by("nama"))
        for instansi in targets:
            counts = current_levels_recompute(instansi=instansi)
            self.stdout.write(
                _("%(nama)s: %(set)d level saat ini, %(removed)d dihapus.")
                % {"nama": instansi.nama, **counts}
            )
