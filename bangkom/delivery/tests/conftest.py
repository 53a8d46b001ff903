"""Fixtures of the delivery tests.

- Ledger: the JP table of the persona world and uploads in a temp dir.
- Batches and the schedule: an approved plan with an adopted optimiser run written directly
  (the optimiser itself is tested in planning), partners, venues and trainers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bangkom.delivery.ledger.services import jp_credit
from bangkom.delivery.models import JpCredit, JpSource, Partner, Trainer, Venue
from bangkom.delivery.services import (
    agreement_save,
    partner_save,
    trainer_save,
    venue_save,
)
from bangkom.organisation.models import Employee
from bangkom.planning.models import (
    DevelopmentForm,
    Plan,
    PlanProgram,
    PlanRun,
    RunAssignment,
    RunStatus,
)
from bangkom.planning.services import (
    form_table_ensure,
    plan_approve,
    plan_create,
    plan_program_save,
    plan_submit,
)
from bangkom.planning.tests.conftest import make_template
from bangkom.testing.world import World

YEAR = 2026
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def forms(world: World) -> dict[str, DevelopmentForm]:
    form_table_ensure(instansi=world.instansi, acting_user=None)
    form_table_ensure(instansi=world.other_instansi, acting_user=None)
    return {f.kode: f for f in DevelopmentForm.objects.filter(instansi=world.instansi)}


def certificate(name: str = "sertifikat.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def credit(forms: dict[str, DevelopmentForm]) -> Callable[..., JpCredit]:
    def make(
        employee: Employee,
        jp: float | int,
        *,
        on: date = date(YEAR, 3, 10),
        key: str | None = None,
        activity: str = "Pelatihan teknis",
    ) -> JpCredit:
        return jp_credit(
            employee=employee,
            year=on.year,
            date=on,
            activity=activity,
            form=DevelopmentForm.objects.get(
                instansi_id=employee.instansi_id, kode="pelatihan-teknis"
            ),
            units=Decimal(str(jp)),
            learning_days=1,
            months=1,
            source=JpSource.BATCH,
            source_key=key or f"uji:{employee.pk}:{on}:{jp}:{activity}",
            acting_user=None,
        )

    return make


# --- batches and the schedule ---------------------------------------------------------

SCHEDULE_YEAR = 2027  # the year the batch tests plan and schedule


@pytest.fixture
def delivery_settings(settings: Any) -> Iterator[None]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DELIVERY_SCHEDULE_TIME_LIMIT = 5.0
    settings.DELIVERY_MAX_AWAY = 1.0
    yield


@dataclass
class Setup:
    world: World
    plan: Plan
    workshop: PlanProgram  # face to face, 2 days, batches in March and August
    online: PlanProgram  # online, 1 day
    partner: Partner
    aula: Venue
    kampus: Venue
    widyaiswara: Trainer
    praktisi: Trainer


def assign(run: PlanRun, program: PlanProgram, angkatan: int, *employees: Employee) -> None:
    for employee in employees:
        RunAssignment.objects.create(run=run, program=program, employee=employee, angkatan=angkatan)


def draft_plan(world: World) -> tuple[Plan, PlanProgram, PlanProgram, PlanRun]:
    admin = world.user("bkpsdm")
    workshop_t = make_template(
        world, "WS", {"M.3": 1}, hari_tinggal_kerja=2, penyelenggara="Universitas Uji"
    )
    online_t = make_template(
        world, "EL", {"M.3": 1}, hari_tinggal_kerja=1, mode="daring", penyelenggara=""
    )
    plan = plan_create(
        instansi=world.instansi,
        tahun=SCHEDULE_YEAR,
        judul="Rencana Kota Uji 2027",
        pagu=50_000_000,
        max_hari=10,
        acting_user=admin,
    )
    for template, months in ((workshop_t, "3, 8"), (online_t, "")):
        plan_program_save(
            plan=plan,
            expected_version=plan.version,
            template=template,
            jadwal_bulan=months,
            kesesuaian_kurikulum="",
            acting_user=admin,
        )
    programs = {p.template.kode: p for p in PlanProgram.objects.filter(plan=plan)}
    run = PlanRun.objects.create(
        plan=plan,
        budget=plan.pagu,
        status=RunStatus.DONE,
        solver_status="optimal",
    )
    assign(run, programs["WS"], 1, world.employee, world.colleague)
    assign(run, programs["WS"], 2, world.kecamatan_staff)
    assign(run, programs["EL"], 1, world.employee, world.supervisor)
    return plan, programs["WS"], programs["EL"], run


def approve(plan: Plan, run: PlanRun, world: World) -> Plan:
    admin = world.user("bkpsdm")
    plan_submit(plan=plan, expected_version=plan.version, run=run, acting_user=admin)
    plan_approve(
        plan=plan,
        expected_version=plan.version,
        nama="Ir. Kepala",
        jabatan="Wali Kota",
        acting_user=admin,
    )
    plan.refresh_from_db()
    return plan


@pytest.fixture
def setup(world: World, delivery_settings: None) -> Setup:
    admin = world.user("bkpsdm")
    plan, workshop, online, run = draft_plan(world)
    plan = approve(plan, run, world)
    partner = partner_save(
        instansi=world.instansi,
        data={"name": "Universitas Uji", "type": "university"},
        acting_user=admin,
    )
    agreement_save(
        partner=partner,
        data={
            "kind": "pks",
            "number": "PKS/001/2026",
            "valid_from": dt.date(2026, 1, 1),
            "valid_until": dt.date(2030, 12, 31),
        },
        acting_user=admin,
    )
    aula = venue_save(
        instansi=world.instansi,
        data={"name": "Aula BKPSDM", "kind": "government_building", "capacity": 30},
        acting_user=admin,
    )
    kampus = venue_save(
        instansi=world.instansi,
        data={
            "name": "Kampus Uji",
            "kind": "partner_campus",
            "partner": partner,
            "capacity": 100,
            "address": "Jl. Adisucipto, Penfui",
        },
        acting_user=admin,
    )
    widyaiswara = trainer_save(
        instansi=world.instansi,
        data={"name": "Drs. Widya Iswara", "kind": "widyaiswara"},
        acting_user=admin,
    )
    praktisi = trainer_save(
        instansi=world.instansi,
        data={"name": "Praktisi Perizinan", "kind": "external_practitioner", "partner": partner},
        acting_user=admin,
    )
    return Setup(world, plan, workshop, online, partner, aula, kampus, widyaiswara, praktisi)
