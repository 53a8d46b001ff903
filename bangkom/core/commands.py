"""A management command that hands its arguments to a pure core's command line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, ClassVar, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

Main = Callable[..., int]


class CliCommand(BaseCommand):
    """``bangkom <name> …`` runs ``cli_main([cli_prefix…, …])`` (see ``bangkom.lib.cli``).

    The core's command line parses its own arguments, reports in Indonesian and chooses the
    exit code; from the shell that code is the process's, from ``call_command`` a non-zero code
    raises ``CommandError`` carrying it.
    """

    cli_main: ClassVar[Main]
    # Words put before the user's arguments, e.g. the sub-command of a core's dispatcher.
    cli_prefix: ClassVar[tuple[str, ...]] = ()

    def run_from_argv(self, argv: list[str]) -> None:
        sys.exit(
            type(self).cli_main([*self.cli_prefix, *argv[2:]], stdout=sys.stdout, stderr=sys.stderr)
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arguments", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        code = type(self).cli_main(
            [*self.cli_prefix, *options["arguments"]],
            stdout=cast(TextIO, self.stdout),
            stderr=cast(TextIO, self.stderr),
        )
        if code:
            raise CommandError(f"perintah selesai dengan kode {code}", returncode=code)
