"""``bangkom synth-plan-instance``: a thin wrapper around :mod:`bangkom.planning.optimiser.cli`."""

from __future__ import annotations

import sys
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bangkom.planning.optimiser import cli


class Command(BaseCommand):
    help = "Lihat: bangkom synth-plan-instance --help"

    def run_from_argv(self, argv: list[str]) -> None:
        # The optimiser's CLI parses its own arguments, reports in Indonesian and sets the
        # exit code (2 for malformed input, 1 for an infeasible instance).
        sys.exit(cli.main(["synth-plan-instance", *argv[2:]]))

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arguments", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        code = cli.main(
            ["synth-plan-instance", *options["arguments"]],
            stdout=cast(TextIO, self.stdout),
            stderr=cast(TextIO, self.stderr),
        )
        if code:
            raise CommandError(f"synth-plan-instance selesai dengan kode {code}", returncode=code)
