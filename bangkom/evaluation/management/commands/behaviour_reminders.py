"""``bangkom behaviour-reminders [--date D]``: remind supervisors of pending behaviour follow-ups
(Level 3) and escalate long-overdue ones to the OPD admins. Meant to run daily (cron); safe to
run again the same day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.evaluation.reminders import behaviour_reminders_send


class Command(BaseCommand):
    help = "Ingatkan atasan tentang evaluasi pasca pelatihan yang belum diisi (bawaan: hari ini)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["date"] or timezone.localdate()
        report = behaviour_reminders_send(on=on)
        self.stdout.write(
            _("%(s)d pengingat ke atasan, %(e)d eskalasi ke admin OPD (%(date)s).")
            % {"s": report.supervisor, "e": report.escalated, "date": on.isoformat()}
        )
