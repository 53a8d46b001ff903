"""``bangkom load-demo``: load the demo (once) and print its logins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangkom.core.errors import ServiceError
from bangkom.demo.builder import load_demo
from bangkom.demo.logins import demo_logins, format_logins
from bangkom.demo.regions import REGIONS


class Command(BaseCommand):
    help = _(
        "Memuat data demo: daftar wilayah, kamus kompetensi, kompetensi teknis nasional dan "
        "empat pemerintah kota (Kupang, Pontianak, Mataram, Medan) beserta akun demonya, lalu "
        "kebutuhan tahun 2026 masing-masing (penilaian, survei, bukti daerah). "
        "Aman dijalankan berulang: data yang sudah ada tidak diubah."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--wilayah-minimal",
            action="store_true",
            help=_("Muat hanya wilayah keempat kota demo, bukan seluruh 91.599 wilayah."),
        )
        parser.add_argument(
            "--izinkan-produksi",
            action="store_true",
            help=_("Jalankan juga bila DEBUG=false (akun demo memakai kata sandi yang dikenal)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["izinkan_produksi"]:
            raise CommandError(
                _(
                    "DEBUG=false: data demo membuat akun dengan kata sandi yang dipublikasikan. "
                    "Tambahkan --izinkan-produksi bila memang diinginkan."
                )
            )
        try:
            report = load_demo(full_wilayah=not options["wilayah_minimal"], log=self.stdout.write)
        except ServiceError as exc:  # e.g. a demo username taken by a real account
            raise CommandError("; ".join(exc.messages)) from exc
        if report.changed:
            self.stdout.write(self.style.SUCCESS(_("Demo dimuat (%.1f s).") % report.seconds))
        else:
            self.stdout.write(_("Demo sudah ada; tidak ada perubahan (%.1f s).") % report.seconds)
        self.stdout.write("")
        self.stdout.write(format_logins(demo_logins(region.slug for region in REGIONS)))
