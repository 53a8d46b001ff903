"""Level 3 reminders: the supervisor is reminded from the due date, weekly, until the follow-up
is done; two weeks overdue it escalates to the OPD admin; a second run on the same day sends
nothing. Dates are passed in, never read from the clock."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from bangkom.core.models import AuditEvent
from bangkom.delivery.models import Enrolment, EnrolmentStatus, Notification, Session
from bangkom.evaluation.models import BehaviourFollowUp, BehaviourReminder, BehaviourStatus
from bangkom.evaluation.reminders import behaviour_reminders_send
from bangkom.evaluation.services import follow_ups_schedule
from bangkom.evaluation.tests.conftest import Evaluation

pytestmark = pytest.mark.django_db

DUE = dt.date(2027, 6, 1)


@pytest.fixture
def follow_up(ev: Evaluation) -> BehaviourFollowUp:
    Session.objects.create(
        batch=ev.ws1, date=dt.date(2027, 3, 9), start_time=dt.time(8), end_time=dt.time(16)
    )
    Enrolment.objects.filter(batch=ev.ws1, employee=ev.world.employee).update(
        status=EnrolmentStatus.COMPLETED
    )
    follow_ups_schedule(batch=ev.ws1, acting_user=None)
    item = BehaviourFollowUp.objects.get()
    assert item.due_date == DUE
    return item


def _run(on: dt.date, capture) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with capture(execute=True):
        report = behaviour_reminders_send(on=on)
    return report.supervisor, report.escalated


def _inbox(ev: Evaluation, persona: str) -> int:
    return Notification.objects.filter(user=ev.world.user(persona)).count()


def test_reminders_until_done_then_escalation(
    ev: Evaluation, follow_up: BehaviourFollowUp, django_capture_on_commit_callbacks
) -> None:
    capture = django_capture_on_commit_callbacks
    assert _run(DUE - dt.timedelta(days=1), capture) == (0, 0)  # not due yet
    assert _run(DUE, capture) == (1, 0)
    assert _inbox(ev, "supervisor") == 1
    assert _run(DUE, capture) == (0, 0)  # the same day again: nothing new
    assert _run(DUE + dt.timedelta(days=3), capture) == (0, 0)  # within the week
    assert _run(DUE + dt.timedelta(days=7), capture) == (1, 0)
    assert _inbox(ev, "opd_admin") == 0
    assert _run(DUE + dt.timedelta(days=14), capture) == (1, 1)  # escalated
    assert _inbox(ev, "supervisor") == 3
    assert _inbox(ev, "opd_admin") == 1
    text = Notification.objects.filter(user=ev.world.user("opd_admin")).get().text
    assert "lewat 14 hari" in text and "belum diisi" in text
    assert AuditEvent.objects.filter(action="evaluation.follow_up.remind").count() == 4

    BehaviourFollowUp.objects.filter(pk=follow_up.pk).update(status=BehaviourStatus.DONE)
    assert _run(DUE + dt.timedelta(days=21), capture) == (0, 0)  # done: no more reminders
    assert BehaviourReminder.objects.count() == 4


def test_without_a_supervisor_it_goes_to_the_opd_admin(
    ev: Evaluation, follow_up: BehaviourFollowUp, django_capture_on_commit_callbacks
) -> None:
    BehaviourFollowUp.objects.filter(pk=follow_up.pk).update(supervisor=None)
    assert _run(DUE, django_capture_on_commit_callbacks) == (0, 1)
    assert _inbox(ev, "opd_admin") == 1


def test_the_command(ev: Evaluation, follow_up: BehaviourFollowUp) -> None:
    out = StringIO()
    call_command("behaviour_reminders", "--date", "2027-06-15", stdout=out)
    assert "1 pengingat ke atasan, 1 eskalasi ke admin OPD (2027-06-15)" in out.getvalue()
    assert BehaviourReminder.objects.count() == 2
