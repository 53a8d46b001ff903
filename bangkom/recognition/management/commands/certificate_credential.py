"""``bangkom certificate-credential NUMBER``: print a certificate's signed Open Badges 3.0
credential (JSON), e.g. to check it with ``bangkom verify-credential``. Unknown number: exit 2."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangkom.recognition.models import Certificate


class Command(BaseCommand):
    help = _("Mencetak kredensial Open Badges 3.0 bertanda tangan dari satu sertifikat.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("number", metavar="NOMOR", help=_("nomor sertifikat"))

    def handle(self, *args: Any, **options: Any) -> None:
        number = options["number"].strip()
        credential = (
            Certificate.objects.filter(number=number).values_list("credential_json", flat=True)
        ).first()
        if credential is None:
            raise CommandError(
                _("Sertifikat nomor %(number)s tidak ditemukan.") % {"number": number},
                returncode=2,
            )
        self.stdout.write(credential)
