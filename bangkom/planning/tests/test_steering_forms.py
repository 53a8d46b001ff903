"""Issue 9 item 6 in the plan's pages: the minimum batches of a program and the per-ASN caps of
a plan are bounded, shown with every other error at once, written with an audit row, refused by
the database when out of range, and reach the optimiser's instance."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from bangkom.core.models import AuditEvent
from bangkom.planning.models import Plan, PlanProgram
from bangkom.planning.runs import build_instance
from bangkom.planning.tests.conftest import make_template


def test_program_form_refuses_a_minimum_above_the_maximum_with_other_errors(  # type: ignore[no-untyped-def]
    client, world, make_plan
) -> None:
    template = make_template(world, "A", {"M.3": 1})
    plan = make_plan()
    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("planning:plan_program_add", args=[plan.pk]),
        {
            "version": plan.version,
            "template": template.pk,
            "max_angkatan": "2",
            "min_angkatan": "3",
            "jadwal_bulan": "13",
        },
    )
    assert response.status_code == 200
    errors = response.context["program_form"].errors
    assert set(errors) == {"min_angkatan", "jadwal_bulan"}
    assert (
        "Paling sedikit angkatan (3) melebihi paling banyak angkatan (2)"
        in errors["min_angkatan"][0]
    )
    assert 'value="3"' in response.content.decode()
    assert not PlanProgram.objects.filter(plan=plan).exists()

    response = client.post(
        reverse("planning:plan_program_add", args=[plan.pk]),
        {
            "version": plan.version,
            "template": template.pk,
            "max_angkatan": "2",
            "min_angkatan": "101",
        },
    )
    assert response.context["program_form"].errors["min_angkatan"] == [
        "Paling sedikit angkatan harus antara 0 dan 100."
    ]


def test_program_minimum_is_saved_audited_and_reaches_the_instance(  # type: ignore[no-untyped-def]
    client, world, make_plan
) -> None:
    template = make_template(world, "A", {"M.3": 1})
    plan = make_plan()
    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("planning:plan_program_add", args=[plan.pk]),
        {
            "version": plan.version,
            "template": template.pk,
            "max_angkatan": "3",
            "min_angkatan": "2",
        },
    )
    assert response.status_code == 302
    program = PlanProgram.objects.get(plan=plan)
    assert program.min_angkatan == 2
    event = AuditEvent.objects.filter(action="planning.plan.program_add").latest("pk")
    assert event.changes["min_angkatan"] == [None, 2]
    built = build_instance(Plan.objects.get(pk=plan.pk))
    assert built.instance.programs[0].min_batches == 2


def test_plan_caps_are_bounded_together_with_other_errors(client, world, make_plan) -> None:  # type: ignore[no-untyped-def]
    plan = make_plan()
    client.force_login(world.user("bkpsdm"))
    data = {
        "version": plan.version,
        "judul": "Rencana",
        "pagu": "50000000",
        "jp_target": "500",
        "jp_bonus": "1",
        "max_hari": "10",
        "max_jp_per_asn": "0",
        "max_program_per_asn": "99",
    }
    response = client.post(reverse("planning:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 200
    errors = response.context["edit_form"].errors
    assert set(errors) == {"jp_target", "max_jp_per_asn", "max_program_per_asn"}
    assert errors["max_jp_per_asn"] == ["Batas JP per ASN dari rencana ini harus antara 1 dan 500."]
    plan.refresh_from_db()
    assert plan.max_jp_per_asn is None and plan.max_program_per_asn is None

    data.update(jp_target="20", max_jp_per_asn="40", max_program_per_asn="3")
    response = client.post(reverse("planning:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.max_jp_per_asn, plan.max_program_per_asn) == (40, 3)
    event = AuditEvent.objects.filter(action="planning.plan.update").latest("pk")
    assert event.changes["max_jp_per_asn"] == [None, 40]
    instance = build_instance(plan).instance
    assert (instance.max_jp_per_employee, instance.max_programs_per_employee) == (40.0, 3)
    page = client.get(reverse("planning:plan_detail", args=[plan.pk])).content.decode()
    assert "40 JP" in page and "3 program" in page

    data.update(version=plan.version, max_jp_per_asn="", max_program_per_asn="")
    client.post(reverse("planning:plan_edit", args=[plan.pk]), data)
    plan.refresh_from_db()
    assert plan.max_jp_per_asn is None
    assert build_instance(plan).instance.max_jp_per_employee is None


def test_a_reader_cannot_change_the_caps(client, world, make_plan) -> None:  # type: ignore[no-untyped-def]
    plan = make_plan()
    version = plan.version
    client.force_login(world.user("pimpinan"))
    response = client.post(
        reverse("planning:plan_edit", args=[plan.pk]),
        {
            "version": plan.version,
            "judul": "x",
            "pagu": "1",
            "jp_target": "20",
            "jp_bonus": "1",
            "max_hari": "10",
            "max_jp_per_asn": "40",
        },
    )
    assert response.status_code in (403, 404)
    plan.refresh_from_db()
    assert plan.max_jp_per_asn is None and plan.version == version


def test_database_refuses_a_minimum_above_the_maximum_and_out_of_range_caps(
    world, make_plan
) -> None:  # type: ignore[no-untyped-def]
    template = make_template(world, "A", {"M.3": 1})
    plan = make_plan()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanProgram.objects.create(plan=plan, template=template, max_angkatan=1, min_angkatan=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(max_jp_per_asn=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(max_program_per_asn=51)


def test_a_run_with_an_impossible_minimum_names_the_program(  # type: ignore[no-untyped-def]
    world, make_plan, django_capture_on_commit_callbacks
) -> None:
    from bangkom.planning.services import plan_program_save, plan_run_start
    from bangkom.planning.tests.conftest import give_needs

    give_needs(world.employee, {"M.3": (2, "1.5")})
    template = make_template(world, "KPG-SEM-01", {"M.3": 1}, min_peserta=8, max_peserta=40)
    plan = make_plan()
    plan_program_save(
        plan=plan,
        expected_version=plan.version,
        template=template,
        max_angkatan=2,
        min_angkatan=1,
        acting_user=world.user("bkpsdm"),
    )
    plan.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        run = plan_run_start(plan=plan, expected_version=plan.version, acting_user=None)
    run.refresh_from_db()
    assert run.solver_status == "infeasible" and not run.has_plan
    assert any(
        "program KPG-SEM-01 (Program KPG-SEM-01): minimum 1 angkatan × 8 peserta" in reason
        for reason in run.reasons
    ), run.reasons
