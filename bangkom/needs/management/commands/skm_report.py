"""``bangkom skm-report FILE.csv``: the IKM of an SKM survey file (PermenPANRB 14/2017)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangkom.lib.ikm import ELEMENTS, IkmError, IkmResult, WeightConvention, compute_ikm
from bangkom.lib.skm_csv import SkmFileError, read_skm_csv

# Usage and data errors end the command with status 2, the code argparse uses for bad usage.
ERROR_STATUS = 2


def _number(value: Decimal) -> str:
    """Indonesian decimal comma: 79.17 → "79,17"."""
    return str(value).replace(".", ",")


def format_report(result: IkmResult, *, source: str) -> str:
    """The report a person reads in the console, in Indonesian."""
    name_width = max(len(f"{code} {name}") for code, name in ELEMENTS)
    lines = [
        _("Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)"),
        _("Berkas: %(source)s") % {"source": source},
        _("Respons lengkap: %(count)d") % {"count": result.responses},
        _("Respons tidak lengkap (tidak dihitung): %(count)d") % {"count": result.incomplete},
        "",
        f"{_('Unsur'):<{name_width}}  NRR",
    ]
    for (code, name), nrr in zip(ELEMENTS, result.nrr, strict=True):
        lines.append(f"{f'{code} {name}':<{name_width}}  {_number(nrr)}")
    lines += [
        "",
        _("IKM (skala 1–4): %(value)s") % {"value": _number(result.ikm)},
        _("IKM konversi (skala 25–100): %(value)s") % {"value": _number(result.ikm_konversi)},
        _("Mutu pelayanan: %(mutu)s") % {"mutu": result.mutu},
        _("Kinerja unit pelayanan: %(kinerja)s") % {"kinerja": result.kinerja},
        _("Perhitungan: %(convention)s") % {"convention": result.convention.label},
    ]
    return "\n".join(lines)


class Command(BaseCommand):
    help = _(
        "Menghitung Indeks Kepuasan Masyarakat (IKM) dari berkas CSV jawaban Survei Kepuasan "
        "Masyarakat: satu baris per responden, kolom U1 sampai U9 berisi nilai 1–4."
    )
    # Pure arithmetic on a file: no database, so no system or migration checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("berkas CSV jawaban SKM (pemisah , atau ;)"))
        parser.add_argument(
            "--json",
            action="store_true",
            help=_("cetak hasil sebagai JSON, bukan laporan"),
        )
        parser.add_argument(
            "--convention",
            choices=[convention.value for convention in WeightConvention],
            default=WeightConvention.EXACT.value,
            help=_(
                "bobot tiap unsur: exact = 1/9 (bawaan), 0.111 atau 0.11 untuk menyamakan "
                "dengan laporan lama yang membulatkan bobot"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["file"]
        try:
            result = compute_ikm(read_skm_csv(source), convention=options["convention"])
        except (SkmFileError, IkmError) as err:
            raise CommandError(str(err), returncode=ERROR_STATUS) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(format_report(result, source=source))
