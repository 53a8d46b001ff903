"""``bangkom solve-plan``: a thin wrapper around :mod:`bangkom.planning.optimiser.cli`."""

from __future__ import annotations

from bangkom.core.commands import CliCommand
from bangkom.planning.optimiser import cli


class Command(CliCommand):
    help = "Lihat: bangkom solve-plan --help"
    cli_main = staticmethod(cli.main)
    cli_prefix = ("solve-plan",)
