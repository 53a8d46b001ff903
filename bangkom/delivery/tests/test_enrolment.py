"""Nominations and enrolment: supervisor decisions, confirmation, the waiting list moving up,
self-enrolment, capacity, notifications, session reminders and the schedule-change notice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import (
    Batch,
    Enrolment,
    EnrolmentStatus,
    Notification,
    Session,
    SessionReminder,
)
from bangkom.delivery.services import batches_from_plan, session_move
from bangkom.delivery.services.enrolment import (
    batch_capacity,
    batch_enrolment_settings,
    enrolment_confirm,
    enrolment_decide,
    enrolment_nominate,
    enrolment_self_enrol,
    enrolment_withdraw,
    enrolments_approve_bulk,
    seats_taken,
)
from bangkom.delivery.tests.conftest import Setup
from bangkom.testing.world import World

S = EnrolmentStatus


@dataclass
class Flow:
    s: Setup
    world: World
    ws1: Batch  # employee and colleague nominated (supervisor: Maria)
    ws2: Batch  # kecamatan staff nominated
    online: Batch  # employee and supervisor nominated

    def enrolment(self, batch: Batch, employee: Any) -> Enrolment:
        return Enrolment.objects.get(batch=batch, employee=employee)


@pytest.fixture
def flow(setup: Setup) -> Flow:
    batches_from_plan(plan=setup.plan, acting_user=None)
    batch = {(b.plan_program_id, b.sequence): b for b in Batch.objects.all()}
    return Flow(
        setup,
        setup.world,
        batch[(setup.workshop.pk, 1)],
        batch[(setup.workshop.pk, 2)],
        batch[(setup.online.pk, 1)],
    )


def test_supervisor_approves_and_the_asn_confirms(flow: Flow, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    w = flow.world
    w.employee.email = "yohanes@example.go.id"
    w.employee.save()
    nomination = flow.enrolment(flow.ws1, w.employee)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_decide(enrolment=nomination, approve=True, acting_user=w.user("supervisor"))
    nomination.refresh_from_db()
    assert nomination.status == S.APPROVED
    assert nomination.decided_by == w.user("supervisor")
    note = Notification.objects.get(user=w.user("employee"))
    assert "menyetujui" in note.text and note.link == "/pelaksanaan/pelatihan-saya/"
    assert [m.to for m in mail.outbox] == [["yohanes@example.go.id"]]
    enrolment_confirm(enrolment=nomination, acting_user=w.user("employee"))
    nomination.refresh_from_db()
    assert nomination.status == S.CONFIRMED and nomination.confirmed_at is not None
    assert AuditEvent.objects.filter(action="delivery.enrolment.confirm").count() == 1
    with pytest.raises(ServiceError, match="sudah diputuskan"):
        enrolment_decide(enrolment=nomination, approve=False, reason="x", acting_user=None)


def test_a_decline_needs_a_reason_and_changes_nothing_without_one(flow: Flow) -> None:
    nomination = flow.enrolment(flow.ws1, flow.world.employee)
    audits = AuditEvent.objects.count()
    with pytest.raises(ServiceError) as excinfo:
        enrolment_decide(enrolment=nomination, approve=False, reason="  ", acting_user=None)
    assert excinfo.value.message_dict == {"reason": ["Alasan wajib diisi."]}
    nomination.refresh_from_db()
    assert nomination.status == S.NOMINATED and AuditEvent.objects.count() == audits


def test_nothing_is_notified_when_the_transaction_rolls_back(
    flow: Flow, django_capture_on_commit_callbacks: Any
) -> None:
    from django.db import transaction

    nomination = flow.enrolment(flow.ws1, flow.world.employee)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                enrolment_decide(enrolment=nomination, approve=True, acting_user=None)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == [] and Notification.objects.count() == 0


def test_a_full_batch_waitlists_and_a_freed_seat_moves_the_first_up(
    flow: Flow, django_capture_on_commit_callbacks: Any
) -> None:
    w = flow.world
    batch_enrolment_settings(batch=flow.ws1, capacity=2, open_enrolment=False, acting_user=None)
    assert batch_capacity(flow.ws1) == 2 and seats_taken(flow.ws1) == 2
    waiting = enrolment_nominate(batch=flow.ws1, employee=w.kecamatan_staff, acting_user=None)
    assert (waiting.status, waiting.waitlist_position) == (S.WAITLISTED, 1)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_decide(
            enrolment=flow.enrolment(flow.ws1, w.colleague),
            approve=False,
            reason="Sedang cuti melahirkan",
            acting_user=w.user("supervisor"),
        )
    waiting.refresh_from_db()
    assert (waiting.status, waiting.waitlist_position) == (S.NOMINATED, None)
    assert seats_taken(flow.ws1) == 2
    assert AuditEvent.objects.filter(action="delivery.enrolment.promote").count() == 1


def test_withdrawing_frees_the_seat_too(flow: Flow) -> None:
    w = flow.world
    batch_enrolment_settings(batch=flow.ws1, capacity=2, open_enrolment=False, acting_user=None)
    waiting = enrolment_nominate(batch=flow.ws1, employee=w.kecamatan_staff, acting_user=None)
    mine = flow.enrolment(flow.ws1, w.employee)
    with pytest.raises(ServiceError):
        enrolment_withdraw(enrolment=mine, reason="", acting_user=w.user("employee"))
    enrolment_withdraw(enrolment=mine, reason="Tugas luar kota", acting_user=w.user("employee"))
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.status, mine.reason) == (S.CANCELLED, "Tugas luar kota")
    assert waiting.status == S.NOMINATED


def test_capacity_defaults_to_the_smallest_allowed_venue(flow: Flow) -> None:
    flow.ws1.venues.set([flow.s.aula, flow.s.kampus])
    assert batch_capacity(flow.ws1) == 30
    with pytest.raises(ServiceError) as excinfo:
        batch_enrolment_settings(batch=flow.ws1, capacity=0, open_enrolment=False, acting_user=None)
    assert "capacity" in excinfo.value.message_dict


def test_raising_the_capacity_moves_the_waiting_list_up(flow: Flow) -> None:
    batch_enrolment_settings(batch=flow.ws1, capacity=2, open_enrolment=False, acting_user=None)
    waiting = enrolment_nominate(
        batch=flow.ws1, employee=flow.world.kecamatan_staff, acting_user=None
    )
    batch_enrolment_settings(batch=flow.ws1, capacity=3, open_enrolment=False, acting_user=None)
    waiting.refresh_from_db()
    assert waiting.status == S.NOMINATED


def test_self_enrolment_only_in_open_batches_and_waitlisted_when_full(flow: Flow) -> None:
    w = flow.world
    with pytest.raises(ServiceError, match="tidak membuka pendaftaran mandiri"):
        enrolment_self_enrol(batch=flow.ws2, employee=w.colleague, acting_user=None)
    assert not Enrolment.objects.filter(batch=flow.ws2, employee=w.colleague).exists()
    batch_enrolment_settings(batch=flow.ws2, capacity=2, open_enrolment=True, acting_user=None)
    flow.ws2.refresh_from_db()
    first = enrolment_self_enrol(batch=flow.ws2, employee=w.colleague, acting_user=None)
    assert first.status == S.CONFIRMED and first.self_enrolled
    second = enrolment_self_enrol(batch=flow.ws2, employee=w.supervisor, acting_user=None)
    assert (second.status, second.waitlist_position) == (S.WAITLISTED, 1)
    with pytest.raises(ServiceError, match="sudah terdaftar"):
        enrolment_self_enrol(batch=flow.ws2, employee=w.supervisor, acting_user=None)
    with pytest.raises(ServiceError, match="bukan pegawai aktif"):
        enrolment_self_enrol(batch=flow.ws2, employee=w.other_employee, acting_user=None)
    # a self-enrolled ASN who moves up is confirmed at once
    enrolment_withdraw(enrolment=first, reason="Bentrok jadwal", acting_user=None)
    second.refresh_from_db()
    assert second.status == S.CONFIRMED


def test_bulk_approval_approves_only_waiting_nominations(flow: Flow) -> None:
    w = flow.world
    a = flow.enrolment(flow.ws1, w.employee)
    b = flow.enrolment(flow.ws1, w.colleague)
    enrolment_decide(enrolment=b, approve=False, reason="Cuti", acting_user=None)
    assert enrolments_approve_bulk(enrolments=[a, b], acting_user=None) == 1
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (S.APPROVED, S.DECLINED)


def _session(batch: Batch, day: dt.date, venue: Any = None) -> Session:
    return Session.objects.create(
        batch=batch, date=day, start_time=dt.time(8), end_time=dt.time(16), venue=venue
    )


def test_session_reminders_go_once_to_approved_and_confirmed(
    flow: Flow, django_capture_on_commit_callbacks: Any
) -> None:
    w = flow.world
    day = dt.date(2027, 3, 9)
    _session(flow.ws1, day, flow.s.aula)
    enrolment_decide(enrolment=flow.enrolment(flow.ws1, w.employee), approve=True, acting_user=None)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("session_reminders", "--date", day.isoformat())
    assert SessionReminder.objects.count() == 1  # the colleague is still only nominated
    assert (
        Notification.objects.filter(user=w.user("employee"), text__contains="Pengingat").count()
        == 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("session_reminders", "--date", day.isoformat())
    assert SessionReminder.objects.count() == 1
    assert Notification.objects.filter(text__contains="Pengingat").count() == 1


def test_moving_a_session_notifies_the_enrolled(
    flow: Flow, django_capture_on_commit_callbacks: Any
) -> None:
    w = flow.world
    session = _session(flow.ws1, dt.date(2027, 3, 9), flow.s.aula)
    with django_capture_on_commit_callbacks(execute=True):
        session_move(
            session=session, date=dt.date(2027, 3, 10), venue=flow.s.aula, acting_user=None
        )
    note = Notification.objects.get(user=w.user("employee"))
    assert "09-03-2027" in note.text and "10-03-2027" in note.text
