"""Command line: ``bangkom schedule INSTANCE.json [--time-limit SECONDS] [--json]``.

Exit codes: 0 every batch placed, 1 some batches could not be placed (or none in time),
2 the input or the arguments are malformed. Bad input never shows a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from bangkom.lib.cli import (
    EXIT_MALFORMED,
    EXIT_OK,
    ArgumentParser,
    dispatch,
    positive_number,
    read_text,
)

from . import domains
from .model import (
    STATUS_FEASIBLE,
    STATUS_INFEASIBLE,
    STATUS_PARTIAL,
    STATUS_UNKNOWN,
    InstanceError,
    Result,
    parse_instance,
)
from .solver import DEFAULT_TIME_LIMIT, solve

EXIT_NOT_ALL_PLACED = 1

_STATUS_TEXT = {
    STATUS_FEASIBLE: "layak (semua angkatan terjadwal)",
    STATUS_PARTIAL: "sebagian (tidak semua angkatan dapat dijadwalkan dalam batas waktu)",
    STATUS_INFEASIBLE: "tidak layak (terbukti tidak semua angkatan dapat dijadwalkan)",
    STATUS_UNKNOWN: "tidak diketahui (tidak ada jadwal dalam batas waktu)",
}
REASON_TEXT = {
    domains.REASON_NO_START: "tidak ada hari mulai dalam rentang waktunya",
    domains.REASON_PIN_NOT_WORKING_DAY: "tanggal patokan bukan hari kerja",
    domains.REASON_NO_VENUE: "tidak ada tempat yang cukup besar dan tersedia",
    domains.REASON_UNIT_LIMIT: "melebihi batas pegawai unit yang boleh meninggalkan layanan",
    domains.REASON_CONFLICT: "tidak muat tanpa bentrok jadwal",
    domains.REASON_TIME: "belum terjadwal dalam batas waktu",
}


def format_summary(result: Result) -> str:
    lines = [f"Status: {_STATUS_TEXT.get(result.status, result.status)}"]
    lines.append(f"Angkatan terjadwal: {len(result.batches)}")
    for placement in sorted(result.batches, key=lambda p: (p.days[:1], p.id)):
        where = placement.venue or "daring"
        first, last = placement.days[0].isoformat(), placement.days[-1].isoformat()
        lines.append(f"  {placement.id}: {first} s.d. {last} ({len(placement.days)} hari), {where}")
    if result.unscheduled:
        lines.append(f"Angkatan tidak terjadwal: {len(result.unscheduled)}")
        for item in result.unscheduled:
            lines.append(f"  {item.id}: {REASON_TEXT.get(item.reason, item.reason)}")
    seconds = f"{result.solve_seconds:.1f}".replace(".", ",")
    lines.append(f"Waktu penyelesaian: {seconds} detik")
    return "\n".join(lines)


def schedule(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    parser = ArgumentParser(
        prog="bangkom schedule",
        description="Menjadwalkan angkatan pelatihan setahun pada hari kerja, tempat dan pengajar.",
    )
    parser.add_argument("instance", help="berkas JSON instance")
    parser.add_argument(
        "--time-limit",
        type=positive_number,
        default=DEFAULT_TIME_LIMIT,
        help=f"batas waktu dalam detik (bawaan {DEFAULT_TIME_LIMIT:g})",
    )
    parser.add_argument("--json", action="store_true", help="keluaran dalam format JSON")
    arguments = parser.parse_args(argv)
    path = Path(arguments.instance)
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        stderr.write(
            f"Instance {path} tidak valid: bukan JSON ({error.msg}, baris {error.lineno})\n"
        )
        return EXIT_MALFORMED
    try:
        instance = parse_instance(data)
    except InstanceError as error:
        stderr.write(f"Instance {path} tidak valid: kolom {error.field}: {error.detail}\n")
        return EXIT_MALFORMED
    result = solve(instance, time_limit_seconds=arguments.time_limit)
    if arguments.json:
        stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(format_summary(result) + "\n")
    return EXIT_OK if result.status == STATUS_FEASIBLE else EXIT_NOT_ALL_PLACED


COMMANDS = {"schedule": schedule}


def main(
    argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """``main(["schedule", "x.json", "--json"])``; returns the exit code."""
    return dispatch(COMMANDS, argv, stdout=stdout, stderr=stderr)


if __name__ == "__main__":
    sys.exit(main())
