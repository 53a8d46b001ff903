"""Command line: ``bangkom solve-plan`` and ``bangkom synth-plan-instance``.

Exit codes: 0 a plan was found, 1 the instance is infeasible (or no plan was found in time),
2 the input or the arguments are malformed. Bad input never shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from bangkom.lib.cli import (
    EXIT_MALFORMED,
    EXIT_OK,
    ArgumentParser,
    UsageError,
    dispatch,
    positive_number,
    read_text,
)

from .exchange import instance_to_json, load_instance
from .model import (
    STATUS_FEASIBLE,
    STATUS_INFEASIBLE,
    STATUS_OPTIMAL,
    Instance,
    InstanceError,
    Solution,
    format_rupiah,
)
from .solver import DEFAULT_TIME_LIMIT, solve
from .synth import synthesise

EXIT_INFEASIBLE = 1

_STATUS_TEXT = {
    STATUS_OPTIMAL: "optimal (terbukti, selisih terhadap batas atas ≤ 0,1%)",
    STATUS_FEASIBLE: "layak (belum terbukti optimal)",
    STATUS_INFEASIBLE: "tidak layak",
}


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} bukan bilangan bulat") from None
    if value < 1:
        raise argparse.ArgumentTypeError("harus bilangan bulat ≥ 1")
    return value


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} bukan bilangan bulat") from None


def _number(value: float, decimals: int = 1) -> str:
    """Indonesian number notation: 1.234,5."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_summary(instance: Instance, solution: Solution) -> str:
    """A readable Indonesian summary of a solution."""
    lines = [f"Status: {_STATUS_TEXT.get(solution.status, solution.status)}"]
    if solution.status == STATUS_INFEASIBLE:
        lines.append("Alasan:")
        lines.extend(f"  - {reason}" for reason in solution.reasons)
        return "\n".join(lines)
    for reason in solution.reasons:
        lines.append(f"Catatan: {reason}")
    lines.append(
        f"Nilai tujuan: {_number(solution.objective, 2)} "
        f"(batas atas terbukti {_number(solution.upper_bound, 2)}, "
        f"selisih {_number(100 * solution.relative_gap, 2)}%)"
    )
    share = 100 * solution.cost / instance.budget if instance.budget > 0 else 0.0
    lines.append(
        f"Biaya: {format_rupiah(solution.cost)} dari anggaran {format_rupiah(instance.budget)} "
        f"({_number(share)}%)"
    )
    lines.append(
        f"Pegawai yang memenuhi target JP: {solution.jp_compliant} dari {len(instance.employees)}"
    )
    counts = Counter(item.program for item in solution.assignments)
    people = len({item.employee for item in solution.assignments})
    lines.append(
        f"Penugasan: {len(solution.assignments)} kursi untuk {people} pegawai "
        f"pada {len(solution.batches)} program"
    )
    if solution.batches:
        lines.append("Angkatan per program:")
        for program_id, batches in sorted(solution.batches.items()):
            lines.append(f"  {program_id}: {batches} angkatan, {counts[program_id]} peserta")
    lines.append(f"Waktu penyelesaian: {_number(solution.solve_seconds)} detik")
    return "\n".join(lines)


def solve_plan(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    parser = ArgumentParser(
        prog="bangkom solve-plan",
        description="Menyusun rencana pengembangan kompetensi yang optimal dari berkas instance.",
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
        instance = load_instance(text)
    except InstanceError as error:
        stderr.write(f"Instance {path} tidak valid:\n")
        for message in error.messages:
            stderr.write(f"  - {message}\n")
        return EXIT_MALFORMED
    solution = solve(instance, time_limit=arguments.time_limit)
    if arguments.json:
        stdout.write(json.dumps(solution.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(format_summary(instance, solution) + "\n")
    if solution.status in (STATUS_OPTIMAL, STATUS_FEASIBLE):
        return EXIT_OK
    return EXIT_INFEASIBLE


def synth_plan_instance(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    parser = ArgumentParser(
        prog="bangkom synth-plan-instance",
        description="Membuat instance sintetis yang realistis (deterministik untuk satu seed).",
    )
    parser.add_argument("--employees", type=_count, required=True, help="jumlah pegawai (ASN)")
    parser.add_argument("--programs", type=_count, required=True, help="jumlah program")
    parser.add_argument("--seed", type=_seed, default=0, help="seed acak (bawaan 0)")
    parser.add_argument("--output", help="berkas tujuan (bawaan: keluaran standar)")
    arguments = parser.parse_args(argv)
    instance = synthesise(arguments.employees, arguments.programs, arguments.seed)
    text = json.dumps(instance_to_json(instance), ensure_ascii=False, indent=1) + "\n"
    if arguments.output:
        try:
            Path(arguments.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"berkas {arguments.output} tidak dapat ditulis: {error}") from None
        stderr.write(
            f"Instance dengan {arguments.employees} pegawai dan {arguments.programs} program "
            f"ditulis ke {arguments.output}\n"
        )
    else:
        stdout.write(text)
    return EXIT_OK


COMMANDS = {"solve-plan": solve_plan, "synth-plan-instance": synth_plan_instance}


def main(
    argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """``main(["solve-plan", "x.json", "--json"])``; returns the exit code."""
    return dispatch(COMMANDS, argv, stdout=stdout, stderr=stderr)


if __name__ == "__main__":
    sys.exit(main())
