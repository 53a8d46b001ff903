"""``bangkom schedule``: a thin wrapper around :mod:`bangkom.delivery.scheduler.cli`."""

from __future__ import annotations

from bangkom.core.commands import CliCommand
from bangkom.delivery.scheduler import cli


class Command(CliCommand):
    help = "Lihat: bangkom schedule --help"
    cli_main = staticmethod(cli.main)
    cli_prefix = ("schedule",)
