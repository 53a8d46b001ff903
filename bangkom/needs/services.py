"""Writes of the needs analysis: weight factors from every source of evidence."""

from __future__ import annotations

import gc
import json
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from itertools import groupby
from operator import attrgetter
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bangkom.assessments.models import CurrentLevel
from bangkom.competencies.models import PositionStandard
from bangkom.core.audit import audit_event
from bangkom.core.bulk import bulk_insert
from bangkom.core.errors import ServiceError
from bangkom.core.jobs import enqueue_on_commit
from bangkom.factors.models import WeightFactor
from bangkom.needs.compute import (
    EmployeeFacts,
    Factor,
    NeedRow,
    need_rows,
    rank,
    unit_aggregates,
)
from bangkom.needs.models import (
    ACTIVE_RECOMPUTATION,
    EmployeeNeeds,
    Recomputation,
    RecomputationStatus,
    UnitPriority,
)
from bangkom.organisation.models import Employee, Instansi, Unit

logger = logging.getLogger(__name__)


# ----------------------------------------------------------------------------- recomputation


def load_inputs(
    instansi: Instansi, tahun: int
) -> tuple[
    list[EmployeeFacts],
    dict[int, dict[int, int]],
    dict[tuple[int, int], tuple[int, str]],
    list[Factor],
    dict[int, str],
    dict[int, int],
]:
    """Everything the computation needs, read in a handful of set-based queries."""
    employees = [
        EmployeeFacts(
            id=pk,
            unit_id=unit_id,
            unit_path=unit_path or "",
            position_id=position_id,
            position_class=position_class or "",
            position_name=position_name or "",
            target_position_id=target_id,
        )
        for pk, unit_id, unit_path, position_id, position_class, position_name, target_id in (
            Employee.objects.filter(instansi=instansi, is_active=True).values_list(
                "pk",
                "unit_id",
                "unit__path",
                "position_id",
                "position__kelas",
                "position__nama",
                "target_position_id",
            )
        )
    ]
    standards: dict[int, dict[int, int]] = defaultdict(dict)
    for position_id, competency_id, level in PositionStandard.objects.filter(
        position__instansi=instansi
    ).values_list("position_id", "competency_id", "required_level"):
        standards[position_id][competency_id] = level
    current = _current_levels(instansi)
    units = list(Unit.objects.filter(instansi=instansi).values_list("pk", "path", "depth"))
    unit_paths = {pk: path for pk, path, _depth in units}
    unit_depths = {pk: depth for pk, _path, depth in units}
    factors = [
        Factor(
            id=f.pk,
            competency_id=f.competency_id,
            factor=f.factor,
            unit_path=unit_paths.get(f.unit_id, "") if f.unit_id else "",
            position_classes=frozenset(f.position_classes or ()),
            position_keyword=f.position_keyword,
            employee_id=f.employee_id,
        )
        for f in WeightFactor.objects.filter(instansi=instansi, tahun=tahun, is_active=True)
    ]
    return employees, standards, current, factors, unit_paths, unit_depths


def _needs_per_employee(
    instansi_id: int, tahun: int, rows: Sequence[NeedRow]
) -> Iterator[tuple[Any, ...]]:
    """Group the computed rows (ordered by employee) into one inventory row per employee."""
    for employee_id, group in groupby(rows, key=attrgetter("employee_id")):
        lines = list(group)
        items = []
        for line in lines:
            item: dict[str, Any] = {
                "c": line.competency_id,
                "r": line.required_level,
                "l": line.current_level,
                "s": line.current_source,
                "g": line.gap,
                "w": str(line.weight),
                "sc": str(line.score),
            }
            if line.target_required_level is not None:
                item["tr"], item["tg"] = line.target_required_level, line.target_gap
            if line.factor_ids:
                item["f"] = list(line.factor_ids)
            items.append(item)
        yield (
            instansi_id,
            tahun,
            employee_id,
            lines[0].unit_id,
            sum(1 for line in lines if line.gap),
            sum(line.gap for line in lines),
            sum((line.score for line in lines), Decimal(0)),
            json.dumps(items),
        )


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Millions of small tuples and no reference cycles: the cyclic collector would rescan them
    again and again (quadratic in practice), so it is paused for the computation."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _current_levels(instansi: Instansi) -> dict[tuple[int, int], tuple[int, str]]:
    """(employee, competency) → (level, source) of the active employees where a need is
    possible: millions of rows for a province, so read with one plain cursor."""
    level_table = CurrentLevel._meta.db_table
    employee_table = Employee._meta.db_table
    standard_table = PositionStandard._meta.db_table
    # Only the levels that can make a need: below the current position's standard, or of an
    # employee with a career target. The database filters millions of rows faster than Python.
    sql = (
        f"SELECT c.employee_id, c.competency_id, c.level, c.source FROM {level_table} c "  # noqa: S608
        f"JOIN {employee_table} e ON e.id = c.employee_id "
        f"LEFT JOIN {standard_table} s ON s.position_id = e.position_id "
        "AND s.competency_id = c.competency_id "
        "WHERE e.instansi_id = %s AND e.is_active "
        "AND (e.target_position_id IS NOT NULL OR s.required_level > c.level)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [instansi.pk])
        return {(e, c): (level, source) for e, c, level, source in cursor.fetchall()}


ProgressCallback = Callable[[int, str], None]


def needs_recompute(
    *,
    instansi: Instansi,
    tahun: int,
    acting_user: Any,
    recomputation: Recomputation | None = None,
    progress: ProgressCallback | None = None,
) -> Recomputation:
    """Recompute every need score and unit priority of ``instansi`` for ``tahun``, at once.

    Idempotent: the materialised rows are replaced as a whole in one transaction, so readers see
    either the old or the new analysis, never half of each. ``recomputation`` is the queued row
    a background job runs (it becomes done in that same transaction); without it a new done row
    is written. ``progress(percent, note)`` is told each stage before it starts.
    """
    started = time.perf_counter()
    report = progress or (lambda _percent, _note: None)
    with _no_cyclic_gc():
        report(10, _("Membaca pegawai, standar kompetensi, level saat ini dan faktor bobot"))
        employees, standards, current, factors, unit_paths, unit_depths = load_inputs(
            instansi, tahun
        )
        report(
            40,
            _("Menghitung kesenjangan dan skor: %(employees)s pegawai, %(factors)s faktor bobot")
            % {"employees": len(employees), "factors": len(factors)},
        )
        rows = need_rows(employees, standards, current, factors)
        aggregates = unit_aggregates(rows, unit_paths)
        ranks = rank(aggregates, unit_depths)
    report(
        70,
        _("Menyimpan %(rows)s kebutuhan dan %(priorities)s prioritas unit")
        % {"rows": len(rows), "priorities": len(aggregates)},
    )
    with _no_cyclic_gc(), transaction.atomic():
        EmployeeNeeds.objects.filter(instansi=instansi, tahun=tahun).delete()
        UnitPriority.objects.filter(instansi=instansi, tahun=tahun).delete()
        bulk_insert(
            EmployeeNeeds,
            (
                "instansi",
                "tahun",
                "employee",
                "unit",
                "gap_count",
                "total_gap",
                "total_score",
                "lines_json",
            ),
            _needs_per_employee(instansi.pk, tahun, rows),
        )
        bulk_insert(
            UnitPriority,
            (
                "instansi",
                "tahun",
                "unit",
                "competency",
                "asn_with_gap",
                "total_gap",
                "total_score",
                "weight",
                "rank",
            ),
            (
                (
                    instansi.pk,
                    tahun,
                    a.unit_id,
                    a.competency_id,
                    a.asn_with_gap,
                    a.total_gap,
                    a.total_score,
                    a.weight,
                    ranks[(a.unit_id, a.competency_id)],
                )
                for a in aggregates
            ),
        )
        now = timezone.now()
        done = {
            "status": RecomputationStatus.DONE,
            "progress": 100,
            "progress_note": _("Selesai"),
            "error": "",
            "finished_at": now,
            "employees": len(employees),
            "need_rows": len(rows),
            "seconds": round(time.perf_counter() - started, 3),
        }
        if recomputation is None:
            recomputation = Recomputation.objects.create(
                instansi=instansi,
                tahun=tahun,
                requested_by=_user_or_none(acting_user),
                requested_at=now,
                started_at=now,
                **done,
            )
        else:
            Recomputation.objects.filter(pk=recomputation.pk).update(**done)
            recomputation.refresh_from_db()
        audit_event(
            actor=acting_user,
            action="needs.recompute",
            target=recomputation,
            instansi=instansi,
            after={
                "tahun": tahun,
                "employees": len(employees),
                "need_rows": len(rows),
                "factors": len(factors),
            },
        )
    return recomputation


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


# ----------------------------------------------------------------------------- in the background


# A recomputation still "running" this long after it started has lost its worker (even 200,000
# ASN take well under a minute): it is marked failed so that it no longer blocks a new one.
STALE_AFTER = timedelta(minutes=30)


def _fail_stale(instansi: Instansi, tahun: int) -> None:
    stale = Recomputation.objects.filter(
        instansi=instansi,
        tahun=tahun,
        status=RecomputationStatus.RUNNING,
        started_at__lt=timezone.now() - STALE_AFTER,
    )
    for recomputation in stale:
        recomputation.status = RecomputationStatus.FAILED
        recomputation.error = _(
            "Tidak ada kabar dari pekerja latar belakang sejak %(mulai)s; penghitungan ini "
            "dianggap gagal dan hasil sebelumnya tetap berlaku."
        ) % {"mulai": timezone.localtime(recomputation.started_at).strftime("%d-%m-%Y %H:%M")}
        recomputation.finished_at = timezone.now()
        recomputation.save(update_fields=["status", "error", "finished_at"])
        audit_event(
            actor=None,
            action="needs.recompute.stale",
            target=recomputation,
            instansi=instansi,
            before={"status": RecomputationStatus.RUNNING},
            after={"status": RecomputationStatus.FAILED},
        )


def needs_recompute_enqueue(*, instansi: Instansi, tahun: int, acting_user: Any) -> Recomputation:
    """Queue a recomputation of ``instansi``/``tahun``, run by the worker after commit.

    At most one is queued or running per instansi and year (a database constraint): pressing
    again while one waits or runs is refused with a message, not queued twice.
    """
    already = _(
        "Penghitungan ulang kebutuhan %(tahun)s sudah dalam antrean atau sedang berjalan; "
        "tunggu sampai selesai."
    ) % {"tahun": tahun}
    with transaction.atomic():
        _fail_stale(instansi, tahun)
        if Recomputation.objects.filter(
            instansi=instansi, tahun=tahun, status__in=ACTIVE_RECOMPUTATION
        ).exists():
            raise ServiceError(already)
        try:
            with transaction.atomic():
                recomputation = Recomputation.objects.create(
                    instansi=instansi,
                    tahun=tahun,
                    status=RecomputationStatus.QUEUED,
                    progress_note=_("Menunggu giliran"),
                    requested_by=_user_or_none(acting_user),
                )
        except IntegrityError as exc:  # another request queued one in between
            raise ServiceError(already) from exc
        audit_event(
            actor=acting_user,
            action="needs.recompute.queue",
            target=recomputation,
            instansi=instansi,
            after={"tahun": tahun},
        )
        from bangkom.needs.tasks import needs_recompute_task

        enqueue_on_commit(
            recomputation,
            needs_recompute_task,
            recomputation.pk,
            translation.get_language() or "",
        )
    return recomputation


def recomputation_execute(recomputation_id: int) -> Recomputation:
    """Run one queued recomputation (the background task's body).

    Idempotent: a done one is left alone, and a retried one recomputes again. Progress and a
    failure are written outside the recomputation's transaction, so the polling page sees them
    at once; a failure leaves the previous analysis in force.
    """
    recomputation = Recomputation.objects.select_related("instansi", "requested_by").get(
        pk=recomputation_id
    )
    if recomputation.status == RecomputationStatus.DONE:
        return recomputation

    def progress(percent: int, note: str) -> None:
        Recomputation.objects.filter(pk=recomputation.pk).update(
            status=RecomputationStatus.RUNNING, progress=percent, progress_note=note[:200]
        )

    try:
        Recomputation.objects.filter(pk=recomputation.pk).update(
            status=RecomputationStatus.RUNNING,
            started_at=timezone.now(),
            progress=5,
            progress_note=_("Dimulai"),
        )
        return needs_recompute(
            instansi=recomputation.instansi,
            tahun=recomputation.tahun,
            acting_user=recomputation.requested_by,
            recomputation=recomputation,
            progress=progress,
        )
    except Exception as exc:
        logger.exception("needs recomputation %s failed", recomputation_id)
        Recomputation.objects.filter(pk=recomputation.pk).update(
            status=RecomputationStatus.FAILED,
            progress=100,
            progress_note=_("Gagal"),
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        raise
