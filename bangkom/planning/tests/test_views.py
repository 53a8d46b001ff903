"""Every plan page × every persona: who may see it, who may change through it, and that a
refused request changes nothing; query counts that do not grow with the data; the run's
progress polling."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bangkom.core.models import AuditEvent
from bangkom.organisation.models import Employee, EmployeeKind, Position, PositionClass
from bangkom.organisation.services import EmployeeData, employee_save
from bangkom.planning.models import (
    DevelopmentForm,
    Plan,
    PlanPin,
    PlanProgram,
    PlanRun,
    ProgramTemplate,
    RunAssignment,
)
from bangkom.planning.services import plan_run_start
from bangkom.planning.tests.conftest import give_needs, make_template, programs_of
from bangkom.testing.world import PERSONAS, World

ADMINS = {"superadmin", "bkpsdm"}
READERS = ADMINS | {"pimpinan"}
CATALOGUE_READERS = READERS | {"opd_admin"}


def expect(
    ok: set[str], *, forbidden: Collection[str] = frozenset(), default: int = 404
) -> dict[str, int]:
    return {p: 200 if p in ok else 403 if p in forbidden else default for p in PERSONAS}


@pytest.fixture
def setup(world: World, make_plan: Any, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    give_needs(world.employee, {"M.3": (1, "1")})
    give_needs(world.colleague, {"M.3": (1, "1")})
    template = make_template(world, "A", {"M.3": 1})
    plan = make_plan([template])
    subplan = make_plan([template], unit=world.dinkes, judul="Sub-rencana Dinkes")
    with django_capture_on_commit_callbacks(execute=True):
        run = plan_run_start(plan=plan, expected_version=plan.version, acting_user=None)
    return {"plan": plan, "subplan": subplan, "run": run, "template": template}


def snapshot_state() -> tuple[Any, ...]:
    return (
        list(Plan.objects.order_by("pk").values_list("pk", "version", "pagu", "status")),
        PlanProgram.objects.count(),
        PlanPin.objects.count(),
        PlanRun.objects.count(),
        RunAssignment.objects.count(),
        list(ProgramTemplate.objects.values_list("pk", "judul", "jp")),
        list(DevelopmentForm.objects.values_list("pk", "jp_per_unit")),
        AuditEvent.objects.filter(action__startswith="planning.")
        .exclude(action="planning.form_table.seed")
        .count(),
    )


Url = Callable[[World, dict[str, Any]], str]
GET_PAGES: list[tuple[str, Url, dict[str, int]]] = [
    (
        "catalogue",
        lambda w, s: reverse("planning:catalogue"),
        expect(CATALOGUE_READERS | {"outsider"}, default=403),
    ),
    (
        "catalogue other",
        lambda w, s: reverse("planning:catalogue") + f"?instansi={w.other_instansi.pk}",
        expect({"superadmin", "outsider"}, default=404)
        | {p: 403 for p in ("supervisor", "employee", "partner", "outsider_employee")},
    ),
    (
        "form table",
        lambda w, s: reverse("planning:form_table"),
        expect(CATALOGUE_READERS | {"outsider"}, default=403),
    ),
    (
        "template edit",
        lambda w, s: reverse("planning:template_edit", args=[s["template"].pk]),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "template create",
        lambda w, s: reverse("planning:template_create"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "import",
        lambda w, s: reverse("planning:catalogue_import"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "import template",
        lambda w, s: reverse("planning:catalogue_import_template"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "plan list",
        lambda w, s: reverse("planning:plan_list"),
        expect(READERS | {"opd_admin", "outsider"}, default=403),
    ),
    (
        "plan create",
        lambda w, s: reverse("planning:plan_create"),
        expect(ADMINS | {"opd_admin", "outsider"}, default=403),
    ),
    (
        "plan detail",
        lambda w, s: reverse("planning:plan_detail", args=[s["plan"].pk]),
        expect(READERS),
    ),
    (
        "subplan detail",
        lambda w, s: reverse("planning:plan_detail", args=[s["subplan"].pk]),
        expect(READERS | {"opd_admin"}),
    ),
    (
        "run detail",
        lambda w, s: reverse("planning:run_detail", args=[s["plan"].pk, s["run"].pk]),
        expect(READERS),
    ),
    (
        "run status",
        lambda w, s: reverse("planning:run_status", args=[s["plan"].pk, s["run"].pk]),
        expect(READERS),
    ),
    (
        "why",
        lambda w, s: reverse(
            "planning:assignment_why", args=[s["plan"].pk, s["run"].pk, w.employee.pk]
        ),
        expect(READERS),
    ),
    (
        "compare",
        lambda w, s: (
            reverse("planning:compare", args=[s["plan"].pk]) + f"?a={s['run'].pk}&b={s['run'].pk}"
        ),
        expect(READERS),
    ),
    (
        "export xlsx",
        lambda w, s: reverse("planning:export_xlsx", args=[s["plan"].pk]),
        expect(READERS),
    ),
    (
        "export pdf",
        lambda w, s: reverse("planning:export_pdf", args=[s["plan"].pk]),
        expect(READERS),
    ),
    (
        "my plan",
        lambda w, s: reverse("planning:my_plan"),
        expect({"supervisor", "employee", "outsider_employee"}, default=403),
    ),
]


@pytest.mark.parametrize(("name", "url", "expected"), GET_PAGES, ids=[p[0] for p in GET_PAGES])
def test_get_pages_per_persona(client, world, setup, name, url, expected) -> None:  # type: ignore[no-untyped-def]
    target = url(world, setup)
    for persona in PERSONAS:
        client.force_login(world.user(persona))
        before = snapshot_state()
        response = client.get(target)
        assert response.status_code == expected[persona], (name, persona, response.status_code)
        if response.status_code != 200:
            assert snapshot_state() == before, (name, persona)
    client.logout()
    assert client.get(target).status_code == 302


def _submitted(s: dict[str, Any], url: str) -> str:
    Plan.objects.filter(pk=s["plan"].pk).update(status="diajukan", adopted_run=s["run"])
    return url


def _version(s: dict[str, Any], key: str = "plan") -> int:
    return Plan.objects.get(pk=s[key].pk).version


POSTS: list[tuple[str, Url, Callable[[World, dict[str, Any]], dict[str, Any]], dict[str, int]]] = [
    (
        "plan edit",
        lambda w, s: reverse("planning:plan_edit", args=[s["plan"].pk]),
        lambda w, s: {
            "version": _version(s),
            "judul": "Baru",
            "pagu": 1,
            "jp_target": 20,
            "jp_bonus": 1,
            "max_hari": 5,
        },
        expect(ADMINS, forbidden={"pimpinan"}),
    ),
    (
        "subplan edit",
        lambda w, s: reverse("planning:plan_edit", args=[s["subplan"].pk]),
        lambda w, s: {
            "version": _version(s, "subplan"),
            "judul": "Baru",
            "pagu": 1,
            "jp_target": 20,
            "jp_bonus": 1,
            "max_hari": 5,
        },
        expect(ADMINS | {"opd_admin"}, forbidden={"pimpinan"}),
    ),
    (
        "run",
        lambda w, s: reverse("planning:plan_run", args=[s["plan"].pk]),
        lambda w, s: {"version": _version(s)},
        expect(ADMINS, forbidden={"pimpinan"}),
    ),
    (
        "pin",
        lambda w, s: reverse("planning:pin", args=[s["plan"].pk]),
        lambda w, s: {
            "version": _version(s),
            "nip": w.employee.nip,
            "program": programs_of(s["plan"])["A"].pk,
            "keputusan": "larang",
        },
        expect(ADMINS, forbidden={"pimpinan"}),
    ),
    (
        "program remove",
        lambda w, s: reverse(
            "planning:plan_program_remove", args=[s["plan"].pk, programs_of(s["plan"])["A"].pk]
        ),
        lambda w, s: {"version": _version(s)},
        expect(ADMINS, forbidden={"pimpinan"}),
    ),
    (
        "approve",
        lambda w, s: _submitted(s, reverse("planning:plan_approve", args=[s["plan"].pk])),
        lambda w, s: {"version": _version(s), "nama": "X", "jabatan": "Y"},
        expect(ADMINS, forbidden={"pimpinan"}),
    ),
    (
        "scenario",
        lambda w, s: reverse("planning:scenario", args=[s["plan"].pk, s["run"].pk]),
        lambda w, s: {"persen": -20},
        expect(ADMINS, forbidden={"pimpinan"}),
    ),
    (
        "form edit",
        lambda w, s: reverse(
            "planning:form_edit",
            args=[DevelopmentForm.objects.get(instansi=w.instansi, kode="workshop").pk],
        ),
        lambda w, s: {
            "nama": "Workshop",
            "kategori": "klasikal",
            "jp_unit": "hari",
            "jp_per_unit": 7,
        },
        expect(ADMINS, forbidden=set(PERSONAS) - ADMINS - {"outsider"}),
    ),
]


@pytest.mark.parametrize(("name", "url", "data", "expected"), POSTS, ids=[p[0] for p in POSTS])
def test_writes_per_persona_change_nothing_when_refused(
    client, world, setup, name, url, data, expected
) -> None:  # type: ignore[no-untyped-def]
    target = url(world, setup)
    for persona in PERSONAS:
        if expected[persona] == 200:
            continue
        client.force_login(world.user(persona))
        before = snapshot_state()
        response = client.post(target, data(world, setup))
        assert response.status_code == expected[persona], (name, persona, response.status_code)
        assert snapshot_state() == before, (name, persona)
    allowed = next(p for p in PERSONAS if expected[p] == 200)
    client.force_login(world.user(allowed))
    before = snapshot_state()
    response = client.post(target, data(world, setup))
    assert response.status_code in (200, 302), (name, allowed)
    assert snapshot_state() != before, (name, allowed)


def test_run_status_polls_until_finished(client, world, setup) -> None:
    client.force_login(world.user("bkpsdm"))
    plan = setup["plan"]
    queued = PlanRun.objects.create(
        plan=plan, budget=1, progress=30, progress_note="Mengoptimalkan"
    )
    url = reverse("planning:run_status", args=[plan.pk, queued.pk])
    content = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in content and "Mengoptimalkan" in content
    finished = client.get(
        url.replace(str(queued.pk), str(setup["run"].pk)) + "?poll=1", HTTP_HX_REQUEST="true"
    )
    assert finished["HX-Refresh"] == "true"
    assert "every 2s" not in finished.content.decode()


def test_my_plan_shows_only_own_assignment_in_approved_plans(client, world, setup) -> None:
    plan, run = setup["plan"], setup["run"]
    client.force_login(world.user("employee"))
    assert "Program A" not in client.get(reverse("planning:my_plan")).content.decode()
    Plan.objects.filter(pk=plan.pk).update(status="disetujui", adopted_run=run)
    content = client.get(reverse("planning:my_plan")).content.decode()
    assert "Program A" in content and "Maret" in content
    client.force_login(world.user("supervisor"))  # no assignment of their own
    assert "Program A" not in client.get(reverse("planning:my_plan")).content.decode()


def _more_assigned(world: World, run: PlanRun, count: int) -> None:
    position = Position.objects.get(pk=world.perawat.pk)
    program = PlanProgram.objects.filter(plan=run.plan).first()
    assert program is not None
    for index in range(count):
        employee = employee_save(
            instansi=world.instansi,
            data=EmployeeData(
                nip=f"1990010120150310{index + 10:02d}",
                nama=f"Perawat {index}",
                jenis=EmployeeKind.PNS,
                unit=position.unit,
                position=position,
            ),
            acting_user=None,
        )
        RunAssignment.objects.create(run=run, employee=employee, program=program)


def test_run_page_query_count_does_not_grow(client, world, setup) -> None:
    client.force_login(world.user("bkpsdm"))
    run = setup["run"]
    url = reverse("planning:run_detail", args=[run.plan_id, run.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _more_assigned(world, run, 12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    plan_url = reverse("planning:plan_detail", args=[run.plan_id])
    with CaptureQueriesContext(connection) as detail_few:
        client.get(plan_url)
    _more_assigned_pins = Employee.objects.filter(nama__startswith="Perawat").count()
    assert _more_assigned_pins == 12
    with CaptureQueriesContext(connection) as detail_many:
        client.get(plan_url)
    assert len(detail_many) == len(detail_few)
    assert PositionClass.AHLI_PERTAMA  # the added ASN hold the nurse position
