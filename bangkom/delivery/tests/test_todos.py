"""Delivery's items on the home page: each persona sees their own next step, and only theirs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bangkom.accounts.scope import scope_for
from bangkom.delivery import todos
from bangkom.delivery.models import Batch, Enrolment, EnrolmentStatus
from bangkom.delivery.services import batches_from_plan
from bangkom.delivery.services.enrolment import enrolment_decide
from bangkom.delivery.tests.conftest import Setup

TODAY = dt.date(2027, 2, 1)


def texts(user, today: dt.date = TODAY) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.text for t in todos.todos(user, scope_for(user), today)]


@pytest.fixture
def nominated(setup: Setup) -> Setup:
    batches_from_plan(plan=setup.plan, acting_user=None)
    return setup


def test_the_supervisor_sees_nominations_waiting_and_the_asn_does_not(nominated: Setup) -> None:
    w = nominated.world
    waiting = Enrolment.objects.filter(
        employee__supervisor=w.supervisor, status=EnrolmentStatus.NOMINATED
    ).count()
    assert waiting >= 2
    supervisor_items = texts(w.user("supervisor"))
    assert f"{waiting} pencalonan bawahan menunggu persetujuan Anda" in supervisor_items
    assert not any("pencalonan" in t for t in texts(w.user("employee")))
    assert not any("pencalonan" in t for t in texts(w.user("bkpsdm")))


def test_an_approved_nomination_asks_the_asn_to_confirm(nominated: Setup) -> None:
    w = nominated.world
    enrolment = Enrolment.objects.get(
        employee=w.employee, batch__plan_program=nominated.workshop, batch__sequence=1
    )
    enrolment_decide(enrolment=enrolment, approve=True, acting_user=w.user("supervisor"))
    title = nominated.workshop.template.judul
    assert f"Konfirmasi keikutsertaan Anda: {title}" in texts(w.user("employee"))
    assert not any("Konfirmasi" in t for t in texts(w.user("outsider_employee")))


def test_batches_whose_sessions_passed_remind_the_bkpsdm_to_close_them(nominated: Setup) -> None:
    w = nominated.world
    batch = Batch.objects.filter(plan_program=nominated.workshop).first()
    assert batch is not None
    batch.status = "scheduled"
    batch.save()
    batch.sessions.create(date=dt.date(2027, 1, 12), start_time=dt.time(8), end_time=dt.time(16))
    overdue = [
        t for t in todos.todos(w.user("bkpsdm"), scope_for(w.user("bkpsdm")), TODAY) if t.overdue
    ]
    assert [t.text for t in overdue] == [
        "1 angkatan sudah selesai dilaksanakan: catat kelulusannya"
    ]
    # A session still ahead means the batch has not finished.
    batch.sessions.create(date=dt.date(2027, 2, 3), start_time=dt.time(8), end_time=dt.time(16))
    assert not any("catat kelulusannya" in t for t in texts(w.user("bkpsdm")))
    assert not any("catat kelulusannya" in t for t in texts(w.user("pimpinan")))


def test_the_home_page_lists_the_items_with_their_links(nominated: Setup) -> None:
    client = Client()
    client.force_login(nominated.world.user("supervisor"))
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Yang menunggu Anda" in page
    assert f'href="{reverse("delivery:team_nominations")}"' in page
