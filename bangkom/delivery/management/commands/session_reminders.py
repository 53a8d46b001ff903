"""``bangkom session-reminders [--date D]``: remind the approved and confirmed ASN of their
sessions on D (default tomorrow), in the app and by e-mail. Meant to run daily (cron); safe to
run again: each enrolment is reminded of each session once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.delivery.services.notifications import session_reminders_send


class Command(BaseCommand):
    help = "Kirim pengingat sesi pelatihan kepada peserta (bawaan: sesi besok)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["date"] or timezone.localdate() + dt.timedelta(days=1)
        sent = session_reminders_send(on=on)
        self.stdout.write(
            _("%(n)d pengingat dikirim untuk sesi %(date)s.") % {"n": sent, "date": on.isoformat()}
        )
