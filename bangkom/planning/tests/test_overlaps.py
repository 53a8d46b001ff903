"""Overlapping approved plans (issue 9, item 2): an ASN another approved plan of the same
instansi and year already places in a program is not proposed again, the run says so, and the
approval step lists what overlaps and asks for confirmation."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from bangkom.core.errors import ServiceError
from bangkom.planning.models import Plan, PlanRun, PlanStatus, RunAssignment
from bangkom.planning.services import plan_approve, plan_run_start, plan_submit
from bangkom.planning.tests.conftest import give_needs, make_template
from bangkom.testing.world import World


def _run(plan: Plan, capture: Any) -> PlanRun:
    with capture(execute=True):
        run = plan_run_start(plan=plan, expected_version=plan.version, acting_user=None)
    run.refresh_from_db()
    return run


def _approve(plan: Plan, run: PlanRun, **extra: Any) -> None:
    plan_submit(plan=plan, expected_version=plan.version, run=run, acting_user=None)
    plan_approve(
        plan=plan,
        expected_version=plan.version,
        nama="Kepala",
        jabatan="Wali Kota (PPK)",
        acting_user=None,
        **extra,
    )


def _pairs(run: PlanRun) -> set[tuple[int, str]]:
    return set(
        RunAssignment.objects.filter(run=run).values_list("employee_id", "program__template__kode")
    )


def test_an_asn_planned_in_an_approved_plan_is_not_proposed_again(  # type: ignore[no-untyped-def]
    world: World, make_plan, django_capture_on_commit_callbacks
) -> None:
    give_needs(world.employee, {"M.3": (1, "1")})
    give_needs(world.colleague, {"M.3": (1, "1")})
    template = make_template(world, "KOM", {"M.3": 1})
    city = make_plan([template])
    city_run = _run(city, django_capture_on_commit_callbacks)
    assert (world.employee.pk, "KOM") in _pairs(city_run)
    _approve(city, city_run)

    subplan = make_plan([template], unit=world.dinkes, judul="Sub-rencana Dinkes")
    run = _run(subplan, django_capture_on_commit_callbacks)
    assert not _pairs(run) & _pairs(city_run)
    assert any(
        "sudah direncanakan di rencana lain yang disetujui" in note and city.judul in note
        for note in run.reasons
    )
    # the other year's plans are not in the way
    other_year = make_plan([template], tahun=2027, judul="Rencana 2027")
    give_needs(world.employee, {"M.3": (1, "1")}, tahun=2027)
    assert (world.employee.pk, "KOM") in _pairs(
        _run(other_year, django_capture_on_commit_callbacks)
    )


def test_approval_lists_overlaps_and_asks_for_confirmation(  # type: ignore[no-untyped-def]
    client, world: World, make_plan, django_capture_on_commit_callbacks
) -> None:
    give_needs(world.employee, {"M.3": (1, "1")})
    template = make_template(world, "KOM", {"M.3": 1})
    city = make_plan([template])
    subplan = make_plan([template], unit=world.dinkes, judul="Sub-rencana Dinkes")
    # both optimised before either was approved: the sub-plan's run books the same ASN
    city_run = _run(city, django_capture_on_commit_callbacks)
    sub_run = _run(subplan, django_capture_on_commit_callbacks)
    _approve(city, city_run)
    plan_submit(plan=subplan, expected_version=subplan.version, run=sub_run, acting_user=None)

    client.force_login(world.user("bkpsdm"))
    page = client.get(reverse("planning:plan_detail", args=[subplan.pk])).content.decode()
    assert "1 penempatan ASN sudah ada di rencana lain yang disetujui" in page
    assert world.employee.display_name in page and "KOM Program KOM" in page
    assert city.judul in page
    assert 'name="konfirmasi"' in page

    data = {"version": subplan.version, "nama": "Kepala BKPSDM", "jabatan": "Kepala BKPSDM"}
    response = client.post(reverse("planning:plan_approve", args=[subplan.pk]), data)
    assert response.status_code == 200
    assert "konfirmasi" in response.context["approve_form"].errors
    assert Plan.objects.get(pk=subplan.pk).status == PlanStatus.SUBMITTED
    with pytest.raises(ServiceError):
        plan_approve(
            plan=subplan, expected_version=subplan.version, nama="x", jabatan="y", acting_user=None
        )

    response = client.post(
        reverse("planning:plan_approve", args=[subplan.pk]), {**data, "konfirmasi": "on"}
    )
    assert response.status_code == 302
    assert Plan.objects.get(pk=subplan.pk).status == PlanStatus.APPROVED


def test_an_asn_enrolled_outside_the_plans_is_not_proposed_and_a_pin_stays(  # type: ignore[no-untyped-def]
    world: World, make_plan, django_capture_on_commit_callbacks
) -> None:
    from bangkom.organisation.models import Employee
    from bangkom.planning.booked import register_booked_provider
    from bangkom.planning.models import PlanProgram
    from bangkom.planning.services import pin_set

    give_needs(world.employee, {"M.3": (1, "1")})
    give_needs(world.colleague, {"M.3": (1, "1")})
    template = make_template(world, "KOM", {"M.3": 1})
    plan = make_plan([template])
    register_booked_provider(
        lambda instansi_id, year, ids: (
            {(world.employee.pk, template.pk)}
            if (instansi_id, year) == (world.instansi.pk, plan.tahun)
            else set()
        )
    )
    try:
        run = _run(plan, django_capture_on_commit_callbacks)
        assert (world.employee.pk, "KOM") not in _pairs(run)
        assert (world.colleague.pk, "KOM") in _pairs(run)
        assert any("sudah terdaftar di pelaksanaan" in note for note in run.reasons)

        plan.refresh_from_db()
        pin_set(
            plan=plan,
            expected_version=plan.version,
            employee=Employee.objects.get(pk=world.employee.pk),
            program=PlanProgram.objects.get(plan=plan),
            assign=True,
            acting_user=None,
        )
        plan.refresh_from_db()
        run = _run(plan, django_capture_on_commit_callbacks)
        assert (world.employee.pk, "KOM") in _pairs(run)
        assert any(world.employee.nip in note for note in run.reasons)
    finally:
        register_booked_provider(None)
