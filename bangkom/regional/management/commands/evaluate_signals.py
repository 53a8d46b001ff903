"""``bangkom evaluate-signals --instansi KODE --tahun 2026 [--user NAME]``"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.core.errors import ServiceError
from bangkom.organisation.imports.cli import REJECTED, acting_user, instansi_by_code
from bangkom.regional.access import can_admin
from bangkom.regional.services import signals_evaluate_all


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Mengevaluasi semua sinyal kebutuhan daerah satu instansi untuk satu tahun rencana: "
        "aturan sinyal indikator, prioritas RPJMD/Renstra, dan SKM tahun sebelumnya."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--instansi", required=True, metavar="KODE_WILAYAH", help=_("misalnya 12.71")
        )
        parser.add_argument("--tahun", required=True, type=int, help=_("tahun rencana"))
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help=_("pengguna yang bertindak (harus admin instansi); tanpa ini: sistem"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        instansi = instansi_by_code(options["instansi"])
        user = acting_user(options.get("user"))
        if user is not None and not can_admin(user, instansi):
            raise CommandError(
                _("Pengguna %s bukan admin instansi ini.") % user.get_username(),
                returncode=REJECTED,
            )
        try:
            report = signals_evaluate_all(
                instansi=instansi, tahun=options["tahun"], acting_user=user
            )
        except ServiceError as exc:
            raise CommandError("; ".join(exc.messages), returncode=REJECTED) from exc
        self.stdout.write(
            _("Evaluasi sinyal %(instansi)s untuk tahun rencana %(year)d")
            % {"instansi": instansi.nama, "year": report.tahun}
        )
        for evaluation in report.rules:
            self.stdout.write(
                f"  [{evaluation.get_outcome_display()}] {evaluation.rule.nama}: "
                f"{evaluation.summary} ({evaluation.factor_count} {_('faktor')})"
            )
        for tema, count in report.priorities:
            self.stdout.write(f"  [{_('Prioritas')}] {tema}: {count} {_('faktor')}")
        for unit, count, title in report.skm:
            self.stdout.write(f"  [SKM] {unit}: {title} ({count} {_('faktor')})")
        self.stdout.write(_("Jumlah faktor bobot yang berlaku: %d") % report.factor_count)
