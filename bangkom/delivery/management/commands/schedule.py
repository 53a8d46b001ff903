"""``bangkom schedule``: a thin wrapper around :mod:`bangkom.delivery.scheduler.cli`."""

from __future__ import annotations

import sys
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bangkom.delivery.scheduler import cli


class Command(BaseCommand):
    help = "Lihat: bangkom schedule --help"

    def run_from_argv(self, argv: list[str]) -> None:
        # The scheduler's CLI parses its own arguments, reports in Indonesian and sets the
        # exit code (2 for malformed input, 1 when not every batch could be placed).
        sys.exit(cli.main(["schedule", *argv[2:]]))

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arguments", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        code = cli.main(
            ["schedule", *options["arguments"]],
            stdout=cast(TextIO, self.stdout),
            stderr=cast(TextIO, self.stderr),
        )
        if code:
            raise CommandError(f"schedule selesai dengan kode {code}", returncode=code)
