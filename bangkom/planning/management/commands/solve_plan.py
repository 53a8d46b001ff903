"""``bangkom solve-plan``: a thin wrapper around :mod:`bangkom.planning.optimiser.cli`."""

from __future__ import annotations

import sys
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bangkom.planning.optimiser import cli


class Command(BaseCommand):
    help = "Lihat: bangkom solve-plan --help"

    def run_from_argv(self, argv: list[str]) -> None:
        # The optimiser's CLI parses its own arguments, reports in Indonesian and sets the
        # exit code (2 for malformed input, 1 for an infeasible instance).
        sys.exit(cli.main(["solve-plan", *argv[2:]]))

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arguments", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        code = cli.main(
            ["solve-plan", *options["arguments"]],
            stdout=cast(TextIO, self.stdout),
            stderr=cast(TextIO, self.stderr),
        )
        if code:
            raise CommandError(f"solve-plan selesai dengan kode {code}", returncode=code)
