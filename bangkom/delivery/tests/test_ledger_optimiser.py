"""The JP ledger feeds the optimiser's ``jp_done`` (through planning's provider hook, so that
planning never imports delivery), and next year's plan favours those behind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from bangkom.delivery.ledger.selectors import jp_earned_by_employee
from bangkom.delivery.models import JpCredit
from bangkom.delivery.tests.conftest import YEAR
from bangkom.planning import jp_done
from bangkom.planning.models import Plan, RunStatus
from bangkom.planning.runs import build_instance
from bangkom.planning.services import plan_create, plan_program_save, plan_run_start
from bangkom.planning.tests.conftest import give_needs, make_template
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> Iterator[None]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PLANNING_TIME_LIMIT = 10.0
    yield


def _plan(world: World) -> Plan:
    """One seat in one batch: the budget pays for a single participant."""
    give_needs(world.employee, {"M.3": (1, "1.5")})
    give_needs(world.colleague, {"M.3": (1, "1")})
    template = make_template(world, "A", {"M.3": 1}, max_peserta=1)  # workshop 2 days: 10 JP
    plan = plan_create(
        instansi=world.instansi,
        tahun=YEAR,
        judul="Rencana Kota Uji",
        pagu=1_100_000,
        max_hari=10,
        acting_user=world.user("bkpsdm"),
    )
    plan_program_save(
        plan=plan,
        expected_version=plan.version,
        template=template,
        jadwal_bulan="8",
        kesesuaian_kurikulum="Sesuai",
        acting_user=world.user("bkpsdm"),
    )
    plan.refresh_from_db()
    return plan


def _chosen(plan: Plan, callbacks: Any) -> set[int]:
    with callbacks(execute=True):
        run = plan_run_start(plan=plan, expected_version=plan.version, acting_user=None)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    return set(run.assignments.values_list("employee_id", flat=True))


def test_the_ledger_is_the_registered_provider() -> None:
    assert jp_done._provider is jp_earned_by_employee


def test_credited_jp_is_the_optimiser_input(world: World, credit: Callable[..., JpCredit]) -> None:
    plan = _plan(world)
    before = {e.id: e.jp_done for e in build_instance(plan).instance.employees}
    assert before == {str(world.employee.pk): 0.0, str(world.colleague.pk): 0.0}
    credit(world.employee, 12.5, on=date(YEAR, 2, 3))
    credit(world.employee, 8, on=date(YEAR, 4, 3))
    credit(world.colleague, 4, on=date(YEAR - 1, 11, 3))  # last year: not this plan's
    credit(world.other_employee, 30)  # another instansi
    after = {e.id: e.jp_done for e in build_instance(plan).instance.employees}
    assert after == {str(world.employee.pk): 20.5, str(world.colleague.pk): 0.0}


def test_without_a_provider_everyone_has_done_nothing(
    world: World, credit: Callable[..., JpCredit]
) -> None:
    plan = _plan(world)
    credit(world.employee, 12)
    jp_done.register_jp_done_provider(None)
    try:
        assert {e.jp_done for e in build_instance(plan).instance.employees} == {0.0}
    finally:
        jp_done.register_jp_done_provider(jp_earned_by_employee)


def test_the_seat_goes_to_the_asn_behind(
    world: World, credit: Callable[..., JpCredit], django_capture_on_commit_callbacks: Any
) -> None:
    plan = _plan(world)
    # With no ledger the nurse's larger weight wins the one seat.
    assert _chosen(plan, django_capture_on_commit_callbacks) == {world.employee.pk}
    # She has done her 20 JP already; her colleague has 10 and reaches 20 with the workshop.
    credit(world.employee, 20, on=date(YEAR, 3, 2))
    credit(world.colleague, 10, on=date(YEAR, 3, 2))
    plan.refresh_from_db()
    assert _chosen(plan, django_capture_on_commit_callbacks) == {world.colleague.pk}
