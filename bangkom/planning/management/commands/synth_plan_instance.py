"""``bangkom synth-plan-instance``: a thin wrapper around :mod:`bangkom.planning.optimiser.cli`."""

from __future__ import annotations

from bangkom.core.commands import CliCommand
from bangkom.planning.optimiser import cli


class Command(CliCommand):
    help = "Lihat: bangkom synth-plan-instance --help"
    cli_main = staticmethod(cli.main)
    cli_prefix = ("synth-plan-instance",)
