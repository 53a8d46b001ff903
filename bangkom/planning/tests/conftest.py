"""Fixtures of the plan tests: optimiser runs execute at once (django-tasks' immediate
backend), and helpers that write needs, catalogue programs and plans."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from bangkom.competencies.models import Competency
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.needs.models import EmployeeNeeds
from bangkom.organisation.models import Employee
from bangkom.planning.models import DevelopmentForm, Plan, PlanProgram, ProgramTemplate
from bangkom.planning.services import (
    TemplateData,
    form_table_ensure,
    plan_create,
    plan_program_save,
    template_save,
)
from bangkom.testing.world import World

YEAR = 2026


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> Iterator[None]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PLANNING_TIME_LIMIT = 10.0
    yield


def competency(kode: str) -> Competency:
    return Competency.objects.get(kode=kode, instansi__isnull=True)


def give_needs(
    employee: Employee,
    gaps: dict[str, tuple[int, str] | tuple[int, str, list[int]]],
    *,
    tahun: int = YEAR,
) -> EmployeeNeeds:
    """An ``EmployeeNeeds`` row: competency code → (gap, weight[, factor ids])."""
    lines = []
    for kode, spec in gaps.items():
        gap, weight = spec[0], spec[1]
        factor_ids = spec[2] if len(spec) > 2 else []  # type: ignore[misc]
        item: dict[str, Any] = {
            "c": competency(kode).pk,
            "r": 3,
            "l": 3 - gap,
            "s": "uji",
            "g": gap,
            "w": weight,
            "sc": str(Decimal(weight) * gap),
        }
        if factor_ids:
            item["f"] = factor_ids
        lines.append(item)
    return EmployeeNeeds.objects.create(
        instansi=employee.instansi,
        tahun=tahun,
        employee=employee,
        unit=employee.unit,
        gap_count=len(lines),
        total_gap=sum(spec[0] for spec in gaps.values()),
        total_score=Decimal(0),
        lines_json=lines,
    )


def weight_factor(world: World, kode: str, title: str, evidence: dict[str, Any]) -> WeightFactor:
    return WeightFactor.objects.create(
        instansi=world.instansi,
        tahun=YEAR,
        competency=competency(kode),
        factor=Decimal("1.5"),
        source=FactorSource.SKM,
        source_key=f"uji-{kode}",
        title=title,
        evidence=evidence,
    )


def form_of(world: World, kode: str) -> DevelopmentForm:
    form_table_ensure(instansi=world.instansi, acting_user=None)
    return DevelopmentForm.objects.get(instansi=world.instansi, kode=kode)


def make_template(
    world: World, kode: str, gains: dict[str, int], **overrides: Any
) -> ProgramTemplate:
    data: dict[str, Any] = {
        "kode": kode,
        "judul": f"Program {kode}",
        "bentuk": form_of(world, "workshop"),
        "jumlah_satuan": Decimal(2),
        "hari_belajar": 2,
        "bulan": 1,
        "hari_tinggal_kerja": 2,
        "mode": "tatap_muka",
        "min_peserta": 1,
        "max_peserta": 30,
        "biaya_tetap": 1_000_000,
        "biaya_per_peserta": 100_000,
        "competencies": [(competency(k), g) for k, g in gains.items()],
        "penyelenggara": "Universitas Uji",
    }
    data.update(overrides)
    return template_save(instansi=world.instansi, data=TemplateData(**data), acting_user=None)


@pytest.fixture
def make_plan(world: World) -> Callable[..., Plan]:
    def build(templates: list[ProgramTemplate] = (), **overrides: Any) -> Plan:  # type: ignore[assignment]
        data: dict[str, Any] = {
            "instansi": world.instansi,
            "tahun": YEAR,
            "judul": "Rencana Pengembangan Kompetensi Kota Uji 2026",
            "pagu": 50_000_000,
            "max_hari": 10,
        }
        data.update(overrides)
        plan = plan_create(**data, acting_user=world.user("bkpsdm"))
        for template in templates:
            plan_program_save(
                plan=plan,
                expected_version=plan.version,
                template=template,
                jadwal_bulan="3, 8",
                kesesuaian_kurikulum="Sesuai kurikulum Kemenkes",
                acting_user=world.user("bkpsdm"),
            )
        return plan

    return build


def programs_of(plan: Plan) -> dict[str, PlanProgram]:
    return {
        p.template.kode: p for p in PlanProgram.objects.filter(plan=plan).select_related("template")
    }
