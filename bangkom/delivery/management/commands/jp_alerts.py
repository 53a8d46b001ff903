"""``bangkom jp-alerts [--instansi KODE_WILAYAH] [--as-of DATE] [--force]``: e-mail the ASN
behind on their JP, their supervisors and OPD admins. Meant to run daily (cron); it acts only on
the alert date (``settings.JP_LEDGER_ALERT_DAY``) unless ``--force``, once per instansi."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.delivery.ledger.alerts import send_jp_alerts
from bangkom.delivery.ledger.rules import alert_day
from bangkom.organisation.models import Instansi


class Command(BaseCommand):
    help = "Kirim peringatan capaian JP kepada ASN yang tertinggal, atasan dan admin OPD."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--instansi", help="Kode wilayah instansi (bawaan: semua)")
        parser.add_argument("--as-of", type=date.fromisoformat, default=None)
        parser.add_argument("--force", action="store_true", help="Kirim walau bukan tanggalnya")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = options["as_of"] or timezone.localdate()
        if not options["force"] and as_of != alert_day(as_of.year):
            self.stdout.write(
                _("Hari ini bukan tanggal peringatan JP (%(day)s); tidak ada yang dikirim.")
                % {"day": alert_day(as_of.year).isoformat()}
            )
            return
        instansi_qs = Instansi.objects.filter(is_active=True).order_by("wilayah_id")
        if options["instansi"]:
            instansi_qs = instansi_qs.filter(wilayah_id=options["instansi"])
            if not instansi_qs.exists():
                raise CommandError(
                    _("Instansi dengan kode wilayah %(kode)s tidak ditemukan.")
                    % {"kode": options["instansi"]},
                    returncode=2,
                )
        for instansi in instansi_qs:
            report = send_jp_alerts(instansi=instansi, as_of=as_of)
            if report.already_sent:
                message = _("%(nama)s: peringatan tanggal ini sudah dikirim.")
            else:
                message = _("%(nama)s: %(behind)s ASN tertinggal, %(messages)s e-mail dikirim.")
            self.stdout.write(
                message
                % {"nama": instansi.nama, "behind": report.behind, "messages": report.messages}
            )
