"""``bangkom demo-logins``: print the demo logins as they are in the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from bangkom.demo.logins import demo_logins, format_logins
from bangkom.demo.regions import REGIONS


class Command(BaseCommand):
    help = _("Menampilkan akun demo (nama pengguna, peran, instansi, unit/nama).")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = demo_logins(region.slug for region in REGIONS)
        if not rows:
            self.stdout.write(_("Belum ada akun demo. Jalankan: bangkom load-demo"))
            return
        self.stdout.write(format_logins(rows))
