"""``bangkom verify-credential FILE.json``: verify an Open Badges 3.0 credential offline.

Exit status 0 only when the credential is valid; 1 when it is not (the reasons are printed);
2 when the file cannot be read as JSON or the arguments are wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangkom.recognition.credentials import keys
from bangkom.recognition.verification import reason_message, verify_credential_document

INVALID_STATUS = 1
ERROR_STATUS = 2  # the code argparse uses for bad usage


def _issuer_key(value: str) -> tuple[str, str]:
    issuer, separator, multikey = value.rpartition("=")
    try:
        keys.public_key_from_multibase(multikey)
    except ValueError:
        separator = ""
    if not separator or not issuer:
        raise CommandError(
            _("--issuer-key harus berbentuk ID_PENERBIT=z6Mk…, bukan %(value)r") % {"value": value},
            returncode=ERROR_STATUS,
        )
    return issuer, multikey


class Command(BaseCommand):
    help = _(
        "Memeriksa kredensial Open Badges 3.0 (berkas JSON) tanpa akses internet: tanda tangan "
        "eddsa-rdfc-2022, skema AchievementCredential dan daftar status pencabutan."
    )
    # Reads one file and the shipped contexts: no system or migration checks needed.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("berkas JSON kredensial"))
        parser.add_argument(
            "--issuer-key",
            action="append",
            default=[],
            metavar="ID_PENERBIT=z6Mk…",
            help=_(
                "kunci publik yang diumumkan profil penerbit, bila belum dikenal instalasi ini "
                "(boleh diulang)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        extra: dict[str, list[str]] = {}
        for value in options["issuer_key"]:
            issuer, multikey = _issuer_key(value)
            extra.setdefault(issuer, []).append(multikey)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise CommandError(
                _("Berkas %(path)s tidak dapat dibaca: %(error)s")
                % {"path": path, "error": getattr(err, "strerror", None) or err},
                returncode=ERROR_STATUS,
            ) from None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as err:
            raise CommandError(
                _("Berkas %(path)s bukan JSON yang sah (baris %(line)d, kolom %(column)d).")
                % {"path": path, "line": err.lineno, "column": err.colno},
                returncode=ERROR_STATUS,
            ) from None
        if not isinstance(document, dict):
            raise CommandError(
                _("Berkas %(path)s bukan kredensial: isinya harus satu objek JSON.")
                % {"path": path},
                returncode=ERROR_STATUS,
            )

        result = verify_credential_document(document, extra_issuer_keys=extra)
        if result.valid:
            self.stdout.write(_("valid: kredensial sah, tanda tangan, skema dan status cocok."))
            return
        self.stdout.write(_("Kredensial TIDAK valid:"))
        for reason in result.reasons:
            self.stdout.write(f"- {reason_message(reason)} [{reason.value}]")
        for problem in result.schema_problems:
            self.stdout.write(f"  · {problem}")
        raise CommandError(_("Kredensial tidak valid."), returncode=INVALID_STATUS)
