"""Reads for the organisation pages. Each takes an already access-scoped queryset."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from bangkom.competencies.models import PositionStandard
from bangkom.core.params import query_id, query_text
from bangkom.organisation.models import Duty, DutyCompetency, Employee, Position, Unit


def filter_employees(qs: QuerySet[Employee], params: dict[str, Any]) -> QuerySet[Employee]:
    q = query_text(params, "q")
    if q:
        digits = q.replace(" ", "")
        qs = qs.filter(Q(nama__icontains=q) | Q(nip__startswith=digits))
    if instansi_id := query_id(params, "instansi"):
        qs = qs.filter(instansi_id=instansi_id)
    if unit_id := query_id(params, "unit"):
        unit = Unit.objects.filter(pk=unit_id).only("path").first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    if jenis := query_text(params, "jenis"):
        qs = qs.filter(jenis=jenis)
    if kelas := query_text(params, "kelas"):
        qs = qs.filter(position__kelas=kelas)
    status = params.get("status", "aktif")
    if status == "aktif":
        qs = qs.filter(is_active=True)
    elif status == "nonaktif":
        qs = qs.filter(is_active=False)
    return qs.order_by("nama", "nip")


def filter_units(qs: QuerySet[Unit], params: dict[str, Any]) -> QuerySet[Unit]:
    q = query_text(params, "q")
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(singkatan__icontains=q))
    if instansi_id := query_id(params, "instansi"):
        qs = qs.filter(instansi_id=instansi_id)
    if jenis := query_text(params, "jenis"):
        qs = qs.filter(jenis=jenis)
    return qs.annotate(
        employee_count=Count("employees", filter=Q(employees__is_active=True), distinct=True),
        position_count=Count("positions", distinct=True),
    ).order_by("instansi__nama", "path")


def filter_positions(qs: QuerySet[Position], params: dict[str, Any]) -> QuerySet[Position]:
    q = query_text(params, "q")
    if q:
        qs = qs.filter(nama__icontains=q)
    if instansi_id := query_id(params, "instansi"):
        qs = qs.filter(instansi_id=instansi_id)
    if kelas := query_text(params, "kelas"):
        qs = qs.filter(kelas=kelas)
    if unit_id := query_id(params, "unit"):
        unit = Unit.objects.filter(pk=unit_id).only("path").first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    return qs.annotate(
        holder_count=Count("holders", filter=Q(holders__is_active=True), distinct=True),
        duty_count=Count("duties", distinct=True),
    ).order_by("unit__path", "nama")


def position_with_details(qs: QuerySet[Position]) -> QuerySet[Position]:
    return qs.prefetch_related(
        Prefetch(
            "duties",
            queryset=Duty.objects.prefetch_related(
                Prefetch(
                    "competencies",
                    queryset=DutyCompetency.objects.select_related("competency").order_by(
                        "competency__kode"
                    ),
                )
            ),
        ),
        Prefetch(
            "standards",
            queryset=PositionStandard.objects.select_related("competency").order_by(
                "competency__jenis", "competency__kode"
            ),
        ),
    )


def unit_ancestors(unit: Unit) -> list[Unit]:
    ids = [int(part) for part in unit.path.strip("/").split("/") if part][:-1]
    by_id = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]
