"""Benchmark: recompute all needs of an instansi (issue 3).

Targets: 20,000 ASN × 15 competencies in ≤ 5 s; a province of 200,000 ASN in ≤ 60 s; on the
database named by DATABASE_URL (a fresh SQLite file when unset). The baseline in the same run is
the same computation written with Django's ``bulk_create`` instead of COPY/executemany.

    python bench/bench_needs.py [--sizes 20000,200000] [--no-baseline]

Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
TARGETS = {20_000: 5.0, 200_000: 60.0}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20000,200000")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bangkom.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from bangkom.needs.models import EmployeeNeeds
    from bangkom.needs.services import load_inputs, needs_recompute
    from bangkom.needs.synth import synth_instansi

    call_command("migrate", verbosity=0)
    vendor = connection.vendor
    failed = False
    for index, size in enumerate(int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        synth = synth_instansi(
            employees=size, competencies=15, seed=size, kode=f"99.{index + 1:02d}"
        )
        generated = time.perf_counter() - started
        started = time.perf_counter()
        result = needs_recompute(instansi=synth.instansi, tahun=2026, acting_user=None)
        seconds = time.perf_counter() - started
        target = TARGETS.get(size, 60.0)
        verdict = "PASS" if seconds <= target else "FAIL"
        failed |= seconds > target
        baseline = ""
        if not args.no_baseline and size <= 20_000:
            baseline_seconds = _baseline(synth.instansi, load_inputs, EmployeeNeeds, transaction)
            baseline = (
                f" baseline(ORM)={baseline_seconds:.2f}s speedup={baseline_seconds / seconds:.1f}x"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"needs {vendor:10s} {size:>7,d} ASN × 15: recompute={seconds:.2f}s "
            f"(target ≤ {target:.0f} s) rows={result.need_rows:,d}{baseline} "
            f"generate={generated:.1f}s peak_rss={peak:.0f}MB {verdict}",
            flush=True,
        )
    tmp.cleanup()
    return 1 if failed else 0


def _baseline(instansi, load_inputs, EmployeeNeeds, transaction) -> float:
    """The straightforward version: same arithmetic, one model instance per row saved with the
    ORM's bulk_create."""
    from bangkom.needs.compute import need_rows
    from bangkom.needs.services import _needs_per_employee

    started = time.perf_counter()
    employees, standards, current, factors, _paths, _depths = load_inputs(instansi, 2026)
    rows = need_rows(employees, standards, current, factors)
    fields = (
        "instansi_id",
        "tahun",
        "employee_id",
        "unit_id",
        "gap_count",
        "total_gap",
        "total_score",
        "lines_json",
    )
    with transaction.atomic():
        EmployeeNeeds.objects.filter(instansi=instansi, tahun=2026).delete()
        EmployeeNeeds.objects.bulk_create(
            (
                EmployeeNeeds(**dict(zip(fields, values, strict=True)))
                for values in _needs_per_employee(instansi.pk, 2026, rows)
            ),
            batch_size=2000,
        )
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
