"""Every enrolment, attendance and action plan page × every persona: exact statuses (404
outside the scope, 403 visible but not allowed), and a refused write changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from bangkom.core.models import AuditEvent
from bangkom.delivery.models import (
    ActionPlan,
    Attendance,
    Batch,
    Enrolment,
    EnrolmentStatus,
    Notification,
    PartnerStaff,
    Session,
)
from bangkom.delivery.services import batches_from_plan
from bangkom.delivery.services.attendance import checkin_token
from bangkom.delivery.tests.conftest import Setup
from bangkom.testing.world import PERSONAS, World


def statuses(default: int, **by_persona: int) -> dict[str, int]:
    return {p: by_persona.get(p, default) for p in PERSONAS}


@pytest.fixture
def state(setup: Setup) -> dict[str, Any]:
    batches_from_plan(plan=setup.plan, acting_user=None)
    w = setup.world
    ws1 = Batch.objects.get(plan_program=setup.workshop, sequence=1)
    session = Session.objects.create(
        batch=ws1, date=dt.date(2027, 3, 8), start_time=dt.time(8), end_time=dt.time(16)
    )
    PartnerStaff.objects.create(user=w.user("partner"), partner=setup.partner)
    mine = Enrolment.objects.get(batch=ws1, employee=w.employee)
    colleague = Enrolment.objects.get(batch=ws1, employee=w.colleague)
    colleague.status = EnrolmentStatus.APPROVED
    colleague.save()
    online = Batch.objects.get(plan_program=setup.online, sequence=1)
    done = Enrolment.objects.get(batch=online, employee=w.employee)
    done.status = EnrolmentStatus.COMPLETED
    done.save()
    plan = ActionPlan.objects.create(enrolment=done, plan="Terapkan", due_date=dt.date(2027, 9, 1))
    Notification.objects.create(user=w.user("employee"), text="Uji")
    return {
        "ws1": ws1,
        "session": session,
        "mine": mine,
        "colleague": colleague,
        "done": done,
        "action_plan": plan,
    }


def snapshot_state() -> tuple[Any, ...]:
    return (
        list(Enrolment.objects.order_by("pk").values_list("pk", "status", "reason")),
        list(
            Batch.objects.order_by("pk").values_list("pk", "capacity", "open_enrolment", "status")
        ),
        list(Attendance.objects.order_by("pk").values_list("pk", "status")),
        list(ActionPlan.objects.order_by("pk").values_list("pk", "plan", "acknowledged_at")),
        AuditEvent.objects.count(),
    )


Url = Callable[[World, dict[str, Any]], str]
NON_EMPLOYEES = {"superadmin", "bkpsdm", "opd_admin", "partner", "pimpinan", "outsider"}
EMPLOYEE_PAGE = statuses(403, employee=200, supervisor=200, outsider_employee=200)

GET_PAGES: list[tuple[str, Url, dict[str, int]]] = [
    ("my trainings", lambda w, s: reverse("delivery:my_trainings"), EMPLOYEE_PAGE),
    (
        "team nominations",
        lambda w, s: reverse("delivery:team_nominations"),
        statuses(403, supervisor=200),
    ),
    (
        "decide a nomination",
        lambda w, s: reverse("delivery:nomination_decide", args=[s["mine"].pk]),
        statuses(
            404,
            supervisor=200,
            superadmin=403,
            bkpsdm=403,
            pimpinan=403,
            partner=403,
            employee=403,
        ),
    ),
    (
        "session check-in page (QR and roster)",
        lambda w, s: reverse("delivery:session_attendance", args=[s["session"].pk]),
        statuses(404, superadmin=200, bkpsdm=200, partner=200, pimpinan=403),
    ),
    (
        "ASN check-in",
        lambda w, s: reverse("delivery:session_checkin", args=[s["session"].pk]),
        statuses(403, employee=200, supervisor=200, outsider_employee=404),
    ),
    (
        "batch enrolment settings",
        lambda w, s: reverse("delivery:batch_enrolment_settings", args=[s["ws1"].pk]),
        statuses(404, superadmin=200, bkpsdm=200, pimpinan=403, partner=403),
    ),
    ("notifications", lambda w, s: reverse("delivery:notifications"), statuses(200)),
    (
        "action plan (own, completed)",
        lambda w, s: reverse("delivery:action_plan", args=[s["done"].pk]),
        statuses(404, employee=200, supervisor=403, superadmin=403, bkpsdm=403, pimpinan=403),
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

POSTS: list[tuple[str, Url, Data, dict[str, int]]] = [
    (
        "approve a nomination",
        lambda w, s: reverse("delivery:nomination_decide", args=[s["mine"].pk]),
        lambda w, s: {"decision": "approve"},
        statuses(
            404,
            supervisor=302,
            superadmin=403,
            bkpsdm=403,
            pimpinan=403,
            partner=403,
            employee=403,
        ),
    ),
    (
        "bulk approve",
        lambda w, s: reverse("delivery:team_nominations"),
        lambda w, s: {"enrolment": [s["mine"].pk, s["colleague"].pk]},
        statuses(403, supervisor=302),
    ),
    (
        "withdraw (own)",
        lambda w, s: reverse("delivery:enrolment_withdraw", args=[s["mine"].pk]),
        lambda w, s: {"reason": "Tugas luar kota"},
        statuses(
            404,
            employee=302,
            supervisor=403,
            superadmin=403,
            bkpsdm=403,
            pimpinan=403,
            partner=403,
        ),
    ),
    (
        "mark the roster",
        lambda w, s: reverse("delivery:session_attendance", args=[s["session"].pk]),
        lambda w, s: {f"e{s['colleague'].pk}": "present"},
        statuses(404, superadmin=302, bkpsdm=302, partner=302, pimpinan=403),
    ),
    (
        "complete the batch",
        lambda w, s: reverse("delivery:batch_complete", args=[s["ws1"].pk]),
        lambda w, s: {},
        statuses(404, superadmin=302, bkpsdm=302, pimpinan=403, partner=403),
    ),
    (
        "batch enrolment settings",
        lambda w, s: reverse("delivery:batch_enrolment_settings", args=[s["ws1"].pk]),
        lambda w, s: {"capacity": "5", "open_enrolment": "on"},
        statuses(404, superadmin=302, bkpsdm=302, pimpinan=403, partner=403),
    ),
    (
        "nominate by NIP",
        lambda w, s: reverse("delivery:batch_nominate", args=[s["ws1"].pk]),
        lambda w, s: {"nip": w.kecamatan_staff.nip},
        statuses(404, superadmin=302, bkpsdm=302, pimpinan=403, partner=403),
    ),
    (
        "acknowledge an action plan",
        lambda w, s: reverse("delivery:action_plan_acknowledge", args=[s["action_plan"].pk]),
        lambda w, s: {},
        statuses(404, supervisor=302, employee=403, superadmin=403, bkpsdm=403, pimpinan=403),
    ),
    (
        "write an action plan",
        lambda w, s: reverse("delivery:action_plan", args=[s["done"].pk]),
        lambda w, s: {"plan": "Baru", "due_date": "2027-10-01"},
        statuses(404, employee=302, supervisor=403, superadmin=403, bkpsdm=403, pimpinan=403),
    ),
]


@pytest.mark.parametrize(("name", "url", "data", "expected"), POSTS, ids=[p[0] for p in POSTS])
def test_writes_per_persona_and_denied_writes_change_nothing(  # type: ignore[no-untyped-def]
    client, world, state, name, url, data, expected
) -> None:
    target = url(world, state)
    allowed = [p for p in PERSONAS if expected[p] < 400]
    denied = [p for p in PERSONAS if expected[p] >= 400]
    for persona in denied + allowed[:1]:
        client.force_login(world.user(persona))
        before = snapshot_state()
        response = client.post(target, data(world, state))
        assert response.status_code == expected[persona], (name, persona, response.status_code)
        if persona in denied:
            assert snapshot_state() == before, (name, persona)
        else:
            assert snapshot_state() != before, (name, persona)


def test_checkin_view_rejects_with_a_clear_message(client, world, state) -> None:  # type: ignore[no-untyped-def]
    session = state["session"]
    url = reverse("delivery:session_checkin", args=[session.pk])
    client.force_login(world.user("employee"))
    page = client.get(url, {"t": checkin_token(session)})
    assert "Catat kehadiran saya" in page.content.decode()
    response = client.post(url, {"t": "rusak"})
    assert response.status_code == 400
    assert "Kode QR tidak sah" in response.content.decode()
    assert Attendance.objects.count() == 0


def test_the_checkin_page_shows_a_qr_of_the_signed_link(client, world, state) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("partner"))
    response = client.get(reverse("delivery:session_attendance", args=[state["session"].pk]))
    body = response.content.decode()
    assert "<svg" in body and 'id="checkin-link"' in body
    assert f"/pelaksanaan/sesi/{state['session'].pk}/hadir/?t=" in body


def test_decline_without_reason_keeps_the_form(client, world, state) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("supervisor"))
    url = reverse("delivery:nomination_decide", args=[state["mine"].pk])
    before = snapshot_state()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and snapshot_state() == before
    response = client.post(url, {"reason": "Sedang tugas belajar"})
    assert response.status_code == 302
    state["mine"].refresh_from_db()
    assert state["mine"].status == EnrolmentStatus.DECLINED
