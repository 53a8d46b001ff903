"""``bangkom calendar --employee NIP --year Y`` (or ``--trainer ID`` / ``--venue ID``): the
iCalendar feed of that ASN, trainer or venue, written to standard output."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bangkom.delivery.ical import build_calendar
from bangkom.delivery.models import Trainer, Venue
from bangkom.delivery.selectors import employee_sessions, trainer_sessions, venue_sessions
from bangkom.organisation.models import Employee


class Command(BaseCommand):
    help = "Tulis kalender iCalendar (RFC 5545) seorang ASN, pengajar atau tempat ke stdout."

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--employee", metavar="NIP", help="NIP ASN")
        who.add_argument("--trainer", metavar="ID", type=int, help="id pengajar")
        who.add_argument("--venue", metavar="ID", type=int, help="id tempat")
        parser.add_argument("--year", type=int, required=True, help="tahun")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if options["employee"]:
            employee = Employee.objects.filter(nip=options["employee"]).first()
            if employee is None:
                raise CommandError(f"ASN dengan NIP {options['employee']} tidak ditemukan.")
            sessions, name = employee_sessions(employee, year), employee.nama
        elif options["trainer"]:
            trainer = Trainer.objects.filter(pk=options["trainer"]).first()
            if trainer is None:
                raise CommandError(f"Pengajar {options['trainer']} tidak ditemukan.")
            sessions, name = trainer_sessions(trainer, year), trainer.name
        else:
            venue = Venue.objects.filter(pk=options["venue"]).first()
            if venue is None:
                raise CommandError(f"Tempat {options['venue']} tidak ditemukan.")
            sessions, name = venue_sessions(venue, year), venue.name
        self.stdout.write(build_calendar(sessions, name=f"{name} {year}").decode(), ending="")
