"""``bangkom schedule_batches --instansi KODE_WILAYAH --year Y [--time-limit S]``: schedule an
instansi's batches of a year now (the page queues the same service as a background task)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bangkom.core.errors import ServiceError
from bangkom.delivery.services import schedule_batches
from bangkom.organisation.models import Instansi


class Command(BaseCommand):
    help = "Susun jadwal angkatan satu instansi untuk satu tahun, lalu tulis sesinya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--instansi", required=True, help="kode wilayah instansi, mis. 53.71")
        parser.add_argument("--year", type=int, required=True, help="tahun")
        parser.add_argument("--time-limit", type=float, default=None, help="detik")

    def handle(self, *args: Any, **options: Any) -> None:
        instansi = Instansi.objects.filter(wilayah_id=options["instansi"]).first()
        if instansi is None:
            raise CommandError(f"Instansi dengan kode {options['instansi']} tidak ditemukan.")
        try:
            outcome = schedule_batches(
                instansi=instansi,
                year=options["year"],
                acting_user=None,
                time_limit_seconds=options["time_limit"],
            )
        except ServiceError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"{instansi.nama} {options['year']}: {outcome.placed} angkatan terjadwal, "
            f"{len(outcome.unscheduled)} belum ({outcome.status})"
        )
        for line in outcome.unscheduled_messages():
            self.stdout.write(f"  {line}")
        if outcome.unscheduled:
            raise CommandError("Ada angkatan yang belum terjadwal.", returncode=1)
