"""Every delivery page × every persona: who may see it, who may change through it, and that a
refused request changes nothing (404 outside the instansi, 403 visible but not writable);
partner staff see only their partner's batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import Any

import pytest
from django.urls import reverse

from bangkom.core.models import AuditEvent
from bangkom.delivery.models import (
    Agreement,
    Batch,
    Enrolment,
    Holiday,
    Partner,
    PartnerStaff,
    ScheduleRun,
    Session,
    Trainer,
    Venue,
)
from bangkom.delivery.services import batches_from_plan, holiday_save
from bangkom.delivery.tests.conftest import Setup
from bangkom.testing.world import PERSONAS, World

ADMINS = {"superadmin", "bkpsdm"}
READERS = ADMINS | {"pimpinan"}
RESOURCE_READERS = READERS | {"opd_admin"}
NO_RESOURCES = {"supervisor", "employee", "partner", "outsider_employee"}


def expect(
    ok: set[str], *, forbidden: Collection[str] = frozenset(), default: int = 404
) -> dict[str, int]:
    return {p: 200 if p in ok else 403 if p in forbidden else default for p in PERSONAS}


@pytest.fixture
def state(setup: Setup) -> dict[str, Any]:
    batches_from_plan(plan=setup.plan, acting_user=None)
    ws1 = Batch.objects.get(plan_program=setup.workshop, sequence=1)
    online = Batch.objects.get(plan_program=setup.online, sequence=1)
    session = Session.objects.create(
        batch=ws1,
        date=dt.date(2027, 3, 8),
        start_time=dt.time(8),
        end_time=dt.time(16),
        venue=setup.aula,
    )
    PartnerStaff.objects.create(user=setup.world.user("partner"), partner=setup.partner)
    holiday = holiday_save(
        instansi=setup.world.instansi,
        data={"date": "2027-08-17", "name": "HUT RI", "kind": "national"},
        acting_user=None,
    )
    return {
        "s": setup,
        "ws1": ws1,
        "online": online,
        "session": session,
        "holiday": holiday,
        "agreement": setup.partner.agreements.get(),
    }


def snapshot_state() -> tuple[Any, ...]:
    return (
        list(Partner.objects.order_by("pk").values_list("pk", "name", "type")),
        list(Agreement.objects.order_by("pk").values_list("pk", "number", "valid_until")),
        list(Trainer.objects.order_by("pk").values_list("pk", "name", "unavailable_dates")),
        list(Venue.objects.order_by("pk").values_list("pk", "name", "capacity")),
        list(Holiday.objects.order_by("pk").values_list("pk", "date")),
        list(Batch.objects.order_by("pk").values_list("pk", "partner", "days", "status")),
        list(Batch.trainers.through.objects.order_by("pk").values_list("batch", "trainer")),
        list(Session.objects.order_by("pk").values_list("pk", "date", "venue", "pinned")),
        Enrolment.objects.count(),
        ScheduleRun.objects.count(),
        AuditEvent.objects.count(),
    )


Url = Callable[[World, dict[str, Any]], str]


def q(url: str, w: World) -> str:
    return f"{url}?instansi={w.instansi.pk}"


GET_PAGES: list[tuple[str, Url, dict[str, int]]] = [
    *(
        (
            f"{name} list",
            (lambda n: lambda w, s: reverse(f"delivery:{n}_list"))(name),
            expect(RESOURCE_READERS | {"outsider"}, forbidden=NO_RESOURCES),
        )
        for name in ("partner", "trainer", "venue", "holiday")
    ),
    *(
        (
            f"{name} list of Kota Uji",
            (lambda n: lambda w, s: q(reverse(f"delivery:{n}_list"), w))(name),
            expect(RESOURCE_READERS, forbidden=NO_RESOURCES),
        )
        for name in ("partner", "trainer", "venue", "holiday")
    ),
    (
        "partner create",
        lambda w, s: q(reverse("delivery:partner_create"), w),
        expect(ADMINS, forbidden=NO_RESOURCES | {"pimpinan", "opd_admin"}),
    ),
    (
        "partner edit",
        lambda w, s: reverse("delivery:partner_edit", args=[s["s"].partner.pk]),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "agreement edit",
        lambda w, s: reverse("delivery:agreement_edit", args=[s["agreement"].pk]),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "trainer edit",
        lambda w, s: reverse("delivery:trainer_edit", args=[s["s"].widyaiswara.pk]),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "venue edit",
        lambda w, s: reverse("delivery:venue_edit", args=[s["s"].aula.pk]),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "plan batches",
        lambda w, s: reverse("delivery:plan_batches", args=[s["s"].plan.pk]),
        expect(READERS),
    ),
    (
        "batch list",
        lambda w, s: reverse("delivery:batch_list") + "?tahun=2027",
        expect(RESOURCE_READERS | {"outsider", "partner"}, forbidden=NO_RESOURCES - {"partner"}),
    ),
    (
        "batch detail",
        lambda w, s: reverse("delivery:batch_detail", args=[s["ws1"].pk]),
        expect(READERS | {"partner"}),
    ),
    (
        "online batch (another partner's)",
        lambda w, s: reverse("delivery:batch_detail", args=[s["online"].pk]),
        expect(READERS),
    ),
    (
        "schedule",
        lambda w, s: reverse("delivery:schedule_list") + "?tahun=2027&bulan=3",
        expect(RESOURCE_READERS | {"outsider", "partner"}, forbidden=NO_RESOURCES - {"partner"}),
    ),
    (
        "session move form",
        lambda w, s: reverse("delivery:session_move", args=[s["session"].pk]),
        expect(ADMINS, forbidden={"pimpinan", "partner"}),
    ),
    (
        "batch trainers form",
        lambda w, s: reverse("delivery:batch_trainers", args=[s["ws1"].pk]),
        expect(ADMINS, forbidden={"pimpinan", "partner"}),
    ),
    ("my calendar", lambda w, s: reverse("delivery:my_calendar"), expect(set(PERSONAS))),
    (
        "trainer calendar",
        lambda w, s: reverse("delivery:trainer_calendar", args=[s["s"].widyaiswara.pk]),
        expect(RESOURCE_READERS),
    ),
    (
        "venue calendar",
        lambda w, s: reverse("delivery:venue_calendar", args=[s["s"].aula.pk]) + "?tahun=2027",
        expect(RESOURCE_READERS),
    ),
]


@pytest.mark.parametrize(("name", "url", "expected"), GET_PAGES, ids=[p[0] for p in GET_PAGES])
def test_get_pages_per_persona(client, world, state, name, url, expected) -> None:  # type: ignore[no-untyped-def]
    target = url(world, state)
    for persona in PERSONAS:
        client.force_login(world.user(persona))
        before = snapshot_state()
        response = client.get(target)
        assert response.status_code == expected[persona], (name, persona, response.status_code)
        assert snapshot_state() == before, (name, persona)
    client.logout()
    assert client.get(target).status_code == 302


Data = Callable[[World, dict[str, Any]], dict[str, Any]]
WRITE_DENIED = {"pimpinan", "opd_admin"}

POSTS: list[tuple[str, Url, Data, dict[str, int]]] = [
    (
        "partner create",
        lambda w, s: q(reverse("delivery:partner_create"), w),
        lambda w, s: {"name": "LSM Baru", "type": "ngo", "is_active": "on"},
        expect(ADMINS, forbidden=NO_RESOURCES | WRITE_DENIED),
    ),
    (
        "partner edit",
        lambda w, s: reverse("delivery:partner_edit", args=[s["s"].partner.pk]),
        lambda w, s: {"name": "Universitas Uji Baru", "type": "university"},
        expect(ADMINS, forbidden=WRITE_DENIED),
    ),
    (
        "agreement create",
        lambda w, s: reverse("delivery:agreement_create", args=[s["s"].partner.pk]),
        lambda w, s: {
            "kind": "mou",
            "number": "MoU/9",
            "valid_from": "2026-01-01",
            "valid_until": "2028-01-01",
        },
        expect(ADMINS, forbidden=WRITE_DENIED),
    ),
    (
        "trainer create",
        lambda w, s: q(reverse("delivery:trainer_create"), w),
        lambda w, s: {"name": "Coach Baru", "kind": "internal_coach", "unavailable_dates": ""},
        expect(ADMINS, forbidden=NO_RESOURCES | WRITE_DENIED),
    ),
    (
        "venue edit",
        lambda w, s: reverse("delivery:venue_edit", args=[s["s"].aula.pk]),
        lambda w, s: {"name": "Aula BKPSDM", "kind": "government_building", "capacity": 55},
        expect(ADMINS, forbidden=WRITE_DENIED),
    ),
    (
        "holiday add",
        lambda w, s: q(reverse("delivery:holiday_list"), w),
        lambda w, s: {"date": "2027-12-25", "name": "Natal", "kind": "national"},
        expect(ADMINS, forbidden=NO_RESOURCES | WRITE_DENIED),
    ),
    (
        "holiday delete",
        lambda w, s: reverse("delivery:holiday_delete", args=[s["holiday"].pk]),
        lambda w, s: {},
        expect(ADMINS, forbidden=WRITE_DENIED),
    ),
    (
        "batches from plan",
        lambda w, s: _drop_batches(
            s, reverse("delivery:plan_batches_create", args=[s["s"].plan.pk])
        ),
        lambda w, s: {},
        expect(ADMINS, forbidden={"pimpinan"}),
    ),
    (
        "batch edit",
        lambda w, s: reverse("delivery:batch_detail", args=[s["ws1"].pk]),
        lambda w, s: {"days": 3, "partner": s["s"].partner.pk},
        expect(ADMINS, forbidden={"pimpinan", "partner"}),
    ),
    (
        "schedule start",
        lambda w, s: reverse("delivery:schedule_start"),
        lambda w, s: {"instansi": w.instansi.pk, "tahun": 2027},
        expect(ADMINS, forbidden=NO_RESOURCES | WRITE_DENIED),
    ),
    (
        "session move",
        lambda w, s: reverse("delivery:session_move", args=[s["session"].pk]),
        lambda w, s: {"date": "2027-03-09", "venue": s["s"].aula.pk},
        expect(ADMINS, forbidden={"pimpinan", "partner"}),
    ),
    (
        "batch pin",
        lambda w, s: reverse("delivery:batch_pin", args=[s["ws1"].pk]),
        lambda w, s: {"pinned": "1"},
        expect(ADMINS, forbidden={"pimpinan", "partner"}),
    ),
    (
        "batch trainers",
        lambda w, s: reverse("delivery:batch_trainers", args=[s["ws1"].pk]),
        lambda w, s: {"trainers": [s["s"].praktisi.pk]},
        expect(ADMINS, forbidden={"pimpinan", "partner"}),
    ),
]


def _drop_batches(s: dict[str, Any], url: str) -> str:
    """Leave one batch to be created, so the allowed request visibly changes something."""
    Batch.objects.filter(pk=s["online"].pk).delete()
    return url


@pytest.mark.parametrize(("name", "url", "data", "expected"), POSTS, ids=[p[0] for p in POSTS])
def test_writes_per_persona_change_nothing_when_refused(
    client, world, state, name, url, data, expected
) -> None:  # type: ignore[no-untyped-def]
    target = url(world, state)
    for persona in PERSONAS:
        if expected[persona] == 200:
            continue
        client.force_login(world.user(persona))
        before = snapshot_state()
        response = client.post(target, data(world, state))
        assert response.status_code == expected[persona], (name, persona, response.status_code)
        assert snapshot_state() == before, (name, persona)
    client.force_login(world.user("bkpsdm"))
    before = snapshot_state()
    response = client.post(target, data(world, state))
    assert response.status_code == 302, (
        name,
        response.status_code,
        getattr(response, "context", None)
        and response.context.get("form")
        and response.context["form"].errors,
    )
    assert snapshot_state() != before, name


def test_partner_staff_see_only_their_partners_batches(client, world, state) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("partner"))
    page = client.get(reverse("delivery:batch_list") + "?tahun=2027")
    assert set(page.context["batches"]) == {
        state["ws1"],
        Batch.objects.get(plan_program=state["s"].workshop, sequence=2),
    }
    schedule = client.get(reverse("delivery:schedule_list") + "?tahun=2027&bulan=3")
    assert list(schedule.context["sessions"]) == [state["session"]]
    PartnerStaff.objects.all().delete()
    client.force_login(world.user("partner"))
    assert list(client.get(reverse("delivery:batch_list") + "?tahun=2027").context["batches"]) == []
    assert client.get(reverse("delivery:batch_detail", args=[state["ws1"].pk])).status_code == 404


def test_conflicting_move_shows_conflict_and_keeps_input(client, world, state) -> None:  # type: ignore[no-untyped-def]
    setup = state["s"]
    other = Batch.objects.get(plan_program=setup.workshop, sequence=2)
    busy = Session.objects.create(
        batch=other,
        date=dt.date(2027, 3, 10),
        start_time=dt.time(8),
        end_time=dt.time(16),
        venue=setup.kampus,
    )
    client.force_login(world.user("bkpsdm"))
    data = {"date": "2027-03-10", "venue": setup.kampus.pk}
    check = client.post(reverse("delivery:session_check", args=[state["session"].pk]), data)
    assert check.status_code == 200
    assert "Tempat Kampus Uji pada 10-03-2027 sudah dipakai" in check.content.decode()
    before = snapshot_state()
    response = client.post(reverse("delivery:session_move", args=[state["session"].pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "sudah dipakai" in body and 'value="2027-03-10"' in body
    assert snapshot_state() == before
    free = client.post(
        reverse("delivery:session_check", args=[state["session"].pk]),
        {"date": "2027-03-11", "venue": setup.aula.pk},
    )
    assert "Tidak ada bentrok" in free.content.decode()
    assert busy.pk


def test_session_check_denied_for_readers(client, world, state) -> None:  # type: ignore[no-untyped-def]
    url = reverse("delivery:session_check", args=[state["session"].pk])
    for persona, status in (
        ("pimpinan", 403),
        ("partner", 403),
        ("outsider", 404),
        ("employee", 404),
    ):
        client.force_login(world.user(persona))
        assert client.post(url, {"date": "2027-03-09"}).status_code == status, persona


def test_partner_staff_link_page(client, world, state) -> None:  # type: ignore[no-untyped-def]
    PartnerStaff.objects.all().delete()
    partner = state["s"].partner
    url = reverse("delivery:partner_staff_add", args=[partner.pk])
    mitra = world.user("partner")
    for persona, status in (
        ("pimpinan", 403),
        ("opd_admin", 403),
        ("outsider", 404),
        ("partner", 404),
    ):
        client.force_login(world.user(persona))
        assert client.post(url, {"user": mitra.pk}).status_code == status, persona
        assert not PartnerStaff.objects.exists()
    client.force_login(world.user("bkpsdm"))
    page = client.get(reverse("delivery:partner_edit", args=[partner.pk]))
    assert list(page.context["staff_candidates"]) == [mitra]
    # A user without the partner-staff role cannot be linked.
    client.post(url, {"user": world.user("employee").pk})
    assert not PartnerStaff.objects.exists()
    assert client.post(url, {"user": mitra.pk}).status_code == 302
    assert PartnerStaff.objects.get().user == mitra
    assert AuditEvent.objects.filter(action="delivery.partner_staff.create").count() == 1


def test_schedule_page_queries_do_not_grow(client, world, state) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.user("bkpsdm"))
    url = reverse("delivery:schedule_list") + "?tahun=2027&bulan=3"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    count()  # the first request after logging in does one-off work (session, last login)
    few = count()
    setup = state["s"]
    for sequence, day in ((2, 15), (2, 16)):
        batch = Batch.objects.get(plan_program=setup.workshop, sequence=sequence)
        batch.trainers.set([setup.widyaiswara, setup.praktisi])
        Session.objects.create(
            batch=batch,
            date=dt.date(2027, 3, day),
            start_time=dt.time(8),
            end_time=dt.time(16),
            venue=setup.kampus,
        )
    assert count() == few
    plan_url = reverse("delivery:plan_batches", args=[setup.plan.pk])
    client.get(plan_url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(plan_url)
    before = len(ctx.captured_queries)
    Session.objects.create(
        batch=state["online"], date=dt.date(2027, 4, 1), start_time=dt.time(8), end_time=dt.time(16)
    )
    state["online"].trainers.set([setup.praktisi])
    with CaptureQueriesContext(connection) as ctx:
        client.get(plan_url)
    assert len(ctx.captured_queries) == before


def test_unit_limits_page(client, world, state) -> None:  # type: ignore[no-untyped-def]
    from bangkom.delivery.models import UnitAwayLimit

    url = q(reverse("delivery:unit_limits"), world)
    for persona, status in (
        ("pimpinan", 403),
        ("opd_admin", 403),
        ("outsider", 404),
        ("employee", 403),
    ):
        client.force_login(world.user(persona))
        assert (
            client.post(url, {"unit": world.puskesmas.pk, "max_away": "0.5"}).status_code == status
        )
    assert not UnitAwayLimit.objects.exists()
    client.force_login(world.user("pimpinan"))
    page = client.get(url)
    assert page.status_code == 200
    puskesmas = next(u for u in page.context["units"] if u.pk == world.puskesmas.pk)
    assert (puskesmas.staff, puskesmas.limit) == (3, 3)  # DELIVERY_MAX_AWAY is 1.0 in tests
    client.force_login(world.user("bkpsdm"))
    client.post(url, {"unit": world.other_unit.pk, "max_away": "0.5"})  # another instansi's unit
    assert not UnitAwayLimit.objects.exists()
    assert client.post(url, {"unit": world.puskesmas.pk, "max_away": "2"}).status_code == 302
    assert not UnitAwayLimit.objects.exists()
    client.post(url, {"unit": world.puskesmas.pk, "max_away": "0,34"})
    assert float(UnitAwayLimit.objects.get(unit=world.puskesmas).max_away) == 0.34
    puskesmas = next(u for u in client.get(url).context["units"] if u.pk == world.puskesmas.pk)
    assert puskesmas.limit == 1
