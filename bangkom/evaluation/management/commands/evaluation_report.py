"""``bangkom evaluation-report SCORES.csv [--max 100] [--json]``: Level-2 learning statistics.

Reads a pre/post-test score file (docs/evaluation.md), prints the normalised gain, the Wilcoxon
signed-rank test and their meaning in Indonesian, or the report's JSON with ``--json``. Nothing is
written anywhere. Exit codes: 0 report printed; 2 the arguments or the file are malformed, with
every problem named by row and column on stderr. (There is no exit 1: a batch without enough pairs
still gets a report, which says so.)

The file is read as UTF-8, a byte-order mark tolerated; the delimiter (``,`` or ``;``) is chosen
from the header row (see :mod:`bangkom.evaluation.statistics.scores`).
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any, NoReturn, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangkom.evaluation.interpretation import describe, input_error_text
from bangkom.evaluation.statistics import (
    LearningReport,
    ScoresError,
    build_report,
    parse_scores,
)
from bangkom.evaluation.statistics.wilcoxon import METHOD_EXACT

EXIT_OK = 0
EXIT_MALFORMED = 2

DEFAULT_MAX_SCORE = 100
# Test scores are out of 100, 40, 10…; a larger maximum is a typing mistake, not a test.
MAX_SCORE_LIMIT = 1000


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports in Indonesian and never exits the process."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(_("argumen tidak valid: %(message)s") % {"message": message})

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", _("penggunaan: "), 1)


def _max_score(text: str) -> Fraction:
    try:
        value = Fraction(Decimal(text.strip().replace(",", ".")))
    except (InvalidOperation, ValueError):
        raise argparse.ArgumentTypeError(_("%(text)r bukan angka") % {"text": text}) from None
    if not 0 < value <= MAX_SCORE_LIMIT:
        raise argparse.ArgumentTypeError(
            _("harus lebih dari 0 dan paling besar %(limit)d") % {"limit": MAX_SCORE_LIMIT}
        )
    return value


def _parser() -> _Parser:
    parser = _Parser(
        prog="bangkom evaluation-report",
        description=_(
            "Statistik pembelajaran (evaluasi Level 2) dari berkas CSV nilai pre-test dan "
            "post-test: gain ternormalisasi, uji peringkat bertanda Wilcoxon dan ukuran efek."
        ),
        add_help=False,
        exit_on_error=False,
    )
    group = parser.add_argument_group(_("argumen"))
    group.add_argument(
        "scores",
        nargs="?",
        help=_("berkas CSV dengan kolom nip, pre, post (pemisah , atau ;, UTF-8)"),
    )
    group.add_argument(
        "--max",
        type=_max_score,
        default=Fraction(DEFAULT_MAX_SCORE),
        help=_("nilai maksimum tes (bawaan %(default)d)") % {"default": DEFAULT_MAX_SCORE},
    )
    group.add_argument("--json", action="store_true", help=_("keluaran dalam format JSON"))
    group.add_argument("-h", "--help", action="store_true", help=_("tampilkan bantuan ini"))
    return parser


def _decimal(value: Fraction | float, places: int) -> str:
    """Indonesian decimal comma, rounded half up: 0.5234 → "0,52", 0.03125 → "0,0313"."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return str(abs(rounded) if rounded == 0 else rounded).replace(".", ",")  # no "-0,00"


def _plain(value: Fraction) -> str:
    """A maximum or a statistic as written: 100, 7,5, 10,5."""
    if value.denominator == 1:
        return str(value.numerator)
    return _decimal(value, 2).rstrip("0").rstrip(",")


def _p_value(value: float) -> str:
    return "< 0,0001" if value < 0.0001 else _decimal(value, 4)


def format_summary(report: LearningReport, *, source: str) -> str:
    """The report a person reads in the console, in Indonesian."""
    findings = describe(report)
    lines = [
        _("Evaluasi pembelajaran (Level 2): pre-test dan post-test"),
        _("Berkas: %(source)s") % {"source": source},
        _("Nilai maksimum: %(max)s") % {"max": _plain(report.max_score)},
        _("Pasangan lengkap (pre-test dan post-test): %(count)d") % {"count": report.pairs},
        _("Baris tidak lengkap (tidak dihitung): %(count)d") % {"count": report.incomplete},
    ]
    if report.mean_pre is not None and report.mean_post is not None:
        lines.append(_("Rata-rata pre-test: %(value)s") % {"value": _decimal(report.mean_pre, 2)})
        lines.append(_("Rata-rata post-test: %(value)s") % {"value": _decimal(report.mean_post, 2)})
    if report.gain is not None:
        lines.append(
            _("Gain ternormalisasi kelas (Hake): %(value)s, %(meaning)s")
            % {"value": _decimal(report.gain, 2), "meaning": findings.gain}
        )
    else:
        lines.append(
            _("Gain ternormalisasi kelas (Hake): %(meaning)s") % {"meaning": findings.gain}
        )
    result = report.wilcoxon
    if result is None:
        lines.append(_("Uji peringkat bertanda Wilcoxon: tidak dihitung"))
    else:
        if result.method == METHOD_EXACT:
            method = _("distribusi eksak")
        elif result.sums.has_ties:
            method = _("pendekatan normal dengan koreksi ties")
        else:
            method = _("pendekatan normal")
        lines.append(
            _(
                "Uji peringkat bertanda Wilcoxon: W = %(w)s, p = %(p)s (%(method)s), "
                "z = %(z)s, r = %(r)s, %(n)d selisih bukan nol"
            )
            % {
                "w": _plain(result.statistic),
                "p": _p_value(result.p_value),
                "method": method,
                "z": _decimal(result.z, 2),
                "r": _decimal(result.effect_size_r, 2),
                "n": result.sums.n,
            }
        )
    conclusion = findings.verdict
    if findings.effect:
        conclusion = f"{conclusion}; {findings.effect}"
    lines.append(_("Kesimpulan: %(conclusion)s") % {"conclusion": conclusion})
    if report.participants:
        lines += ["", _("Gain per peserta:")]
        width = max(len(participant.nip) for participant in report.participants)
        for participant in report.participants:
            gain = (
                _decimal(participant.gain, 2)
                if participant.gain is not None
                else _("- (nilai pre-test sudah maksimum)")
            )
            lines.append(f"  {participant.nip:<{width}}  {gain}")
    return "\n".join(lines)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _UsageError(_("berkas %(path)s tidak ditemukan") % {"path": path}) from None
    except OSError as error:
        raise _UsageError(
            _("berkas %(path)s tidak dapat dibaca (%(reason)s)")
            % {"path": path, "reason": error.strerror}
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _UsageError(
            _('berkas %(path)s bukan teks UTF-8; simpan ulang dari spreadsheet sebagai "CSV UTF-8"')
            % {"path": path}
        ) from None


def evaluation_report(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    parser = _parser()
    try:
        arguments, unknown = parser.parse_known_args(argv)
    except argparse.ArgumentError as error:
        message = error.message
        if message == "expected one argument":
            message = _("perlu satu nilai")
        raise _UsageError(
            _("argumen %(name)s: %(message)s") % {"name": error.argument_name, "message": message}
        ) from None
    if arguments.help:
        stdout.write(parser.format_help())
        return EXIT_OK
    if unknown:
        raise _UsageError(_("argumen tidak dikenal: %(args)s") % {"args": " ".join(unknown)})
    if arguments.scores is None:
        raise _UsageError(
            _("sebutkan berkas CSV nilai, misalnya: bangkom evaluation-report nilai.csv")
        )
    path = Path(arguments.scores)
    text = _read_text(path)
    try:
        sheet = parse_scores(text, max_score=arguments.max)
    except ScoresError as error:
        maximum = _plain(arguments.max)
        stderr.write(
            _("Berkas %(path)s tidak valid (%(count)d kesalahan):\n")
            % {"path": path, "count": len(error.errors)}
        )
        for problem in error.errors:
            stderr.write(f"  {input_error_text(problem, max_score=maximum)}\n")
        return EXIT_MALFORMED
    report = build_report(sheet.pairs, max_score=sheet.max_score, incomplete=sheet.incomplete)
    if arguments.json:
        stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(format_summary(report, source=str(path)) + "\n")
    return EXIT_OK


def main(argv: list[str], *, stdout: TextIO, stderr: TextIO) -> int:
    try:
        return evaluation_report(argv, stdout, stderr)
    except _UsageError as error:
        stderr.write(_("Kesalahan: %(error)s\n") % {"error": error})
        return EXIT_MALFORMED


class Command(BaseCommand):
    help = _("Lihat: bangkom evaluation-report --help")
    # Arithmetic on a file: no database, so no system or migration checks.
    requires_system_checks: list[str] = []

    def run_from_argv(self, argv: list[str]) -> None:
        # This command parses its own arguments, reports in Indonesian and sets the exit code
        # (2 for malformed arguments or input).
        sys.exit(main(argv[2:], stdout=sys.stdout, stderr=sys.stderr))

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arguments", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        code = main(
            list(options["arguments"]),
            stdout=cast(TextIO, self.stdout),
            stderr=cast(TextIO, self.stderr),
        )
        if code:
            raise CommandError(
                _("evaluation-report selesai dengan kode %(code)d") % {"code": code},
                returncode=code,
            )
