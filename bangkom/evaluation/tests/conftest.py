"""Fixtures of the evaluation tests: the delivery world's approved plan with its batches, the
partner's staff linked, a trainer who is an employee (the supervisor persona), and helpers that
enrol more ASN and record reaction answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from bangkom.delivery.models import Batch, Enrolment, EnrolmentStatus, PartnerStaff, Session
from bangkom.delivery.services import batches_from_plan
from bangkom.delivery.tests import conftest as delivery_conftest
from bangkom.delivery.tests.conftest import (  # noqa: F401  (fixtures)
    Setup,
    delivery_settings,
    setup,
)
from bangkom.evaluation.services import reaction_submit
from bangkom.organisation.models import Employee, EmployeeKind
from bangkom.organisation.services import EmployeeData, employee_save
from bangkom.planning.models import Plan, PlanProgram, PlanRun
from bangkom.testing.world import World

ITEMS = ("material", "trainers", "organisation", "facilities", "relevance")


def draft_plan_with_placements(world: World) -> tuple[Plan, PlanProgram, PlanProgram, PlanRun]:
    """delivery's ``draft_plan`` with the run's totals filled in: planning now refuses to submit
    a run that placed no one (``PlanRun.is_empty``), and that fixture writes the run directly
    without them."""
    plan, workshop, online, run = _draft_plan(world)
    PlanRun.objects.filter(pk=run.pk).update(
        employee_count=4, batches={str(workshop.pk): 2, str(online.pk): 1}
    )
    run.refresh_from_db()
    return plan, workshop, online, run


_draft_plan = delivery_conftest.draft_plan


@pytest.fixture(autouse=True)
def _placed_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery_conftest, "draft_plan", draft_plan_with_placements)


@dataclass
class Evaluation:
    s: Setup
    world: World
    ws1: Batch  # the workshop's first angkatan: employee and colleague enrolled
    ws2: Batch  # its second angkatan: kecamatan staff enrolled
    online: Batch


@pytest.fixture
def ev(setup: Setup) -> Evaluation:  # noqa: F811
    batches_from_plan(plan=setup.plan, acting_user=None)
    ws1 = Batch.objects.get(plan_program=setup.workshop, sequence=1)
    ws2 = Batch.objects.get(plan_program=setup.workshop, sequence=2)
    online = Batch.objects.get(plan_program=setup.online, sequence=1)
    ws1.trainers.add(setup.widyaiswara)
    ws2.trainers.add(setup.praktisi)
    setup.widyaiswara.employee = setup.world.supervisor  # the supervisor persona teaches ws1
    setup.widyaiswara.save(update_fields=["employee"])
    for batch, venue, day in ((ws1, setup.aula, 8), (ws2, setup.kampus, 9)):
        Session.objects.create(
            batch=batch,
            date=dt.date(2027, 3, day),
            start_time=dt.time(8),
            end_time=dt.time(16),
            venue=venue,
        )
    PartnerStaff.objects.create(user=setup.world.user("partner"), partner=setup.partner)
    return Evaluation(setup, setup.world, ws1, ws2, online)


@pytest.fixture
def enrol(ev: Evaluation) -> Callable[..., Enrolment]:
    """Enrol a new ASN of the puskesmas in a batch."""
    counter = iter(range(1, 1000))

    def make(batch: Batch, status: str = EnrolmentStatus.CONFIRMED) -> Enrolment:
        n = next(counter)
        employee: Employee = employee_save(
            instansi=ev.world.instansi,
            data=EmployeeData(
                nip=f"199001012015011{n:03d}",
                nama=f"Peserta {n}",
                jenis=EmployeeKind.PNS,
                unit=ev.world.perawat.unit,
                position=ev.world.perawat,
                golongan="III/a",
            ),
            acting_user=None,
        )
        return Enrolment.objects.create(batch=batch, employee=employee, status=status)

    return make


@pytest.fixture
def answer(enrol: Callable[..., Enrolment]) -> Callable[..., None]:
    """Record one answer per row of Likert values (material, trainers, organisation,
    facilities, relevance) from newly enrolled ASN."""

    def make(batch: Batch, *rows: tuple[int, int, int, int, int], comment: str = "") -> None:
        for row in rows:
            reaction_submit(
                enrolment=enrol(batch),
                answers=dict(zip(ITEMS, row, strict=True)),
                comment=comment,
                acting_user=None,
            )

    return make
