"""Attendance by QR and by roster, the completion rule with its JP credit, and action plans.
Times come from the services' ``now`` parameter; nothing waits for the clock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import signing
from django.utils import timezone

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import (
    ActionPlan,
    Attendance,
    AttendanceStatus,
    Batch,
    BatchStatus,
    CompletionResult,
    CompletionRule,
    Enrolment,
    EnrolmentStatus,
    JpCredit,
    Session,
)
from bangkom.delivery.services import batches_from_plan
from bangkom.delivery.services.attendance import (
    attendance_mark,
    batch_complete,
    checkin_by_token,
    checkin_token,
    register_post_test_provider,
)
from bangkom.delivery.services.enrolment import (
    action_plan_acknowledge,
    action_plan_save,
    enrolment_decide,
)
from bangkom.delivery.tests.conftest import Setup

DAY1 = dt.date(2027, 3, 8)
DAY2 = dt.date(2027, 3, 9)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def course(setup: Setup, forms: Any) -> dict[str, Any]:
    batches_from_plan(plan=setup.plan, acting_user=None)
    batch = Batch.objects.get(plan_program=setup.workshop, sequence=1)
    w = setup.world
    for e in Enrolment.objects.filter(batch=batch):
        enrolment_decide(enrolment=e, approve=True, acting_user=None)
    sessions = [
        Session.objects.create(
            batch=batch, date=d, start_time=dt.time(8), end_time=dt.time(16), venue=setup.aula
        )
        for d in (DAY1, DAY2)
    ]
    return {
        "s": setup,
        "batch": batch,
        "sessions": sessions,
        "mine": Enrolment.objects.get(batch=batch, employee=w.employee),
        "colleague": Enrolment.objects.get(batch=batch, employee=w.colleague),
    }


def checkin(course: dict[str, Any], now: dt.datetime, *, session: int = 0, token: str = "") -> Any:
    target = course["sessions"][session]
    w = course["s"].world
    return checkin_by_token(
        session=target,
        token=token or checkin_token(target),
        employee=w.employee,
        acting_user=w.user("employee"),
        now=now,
    )


def test_checkin_on_time_then_reused(course: dict[str, Any]) -> None:
    result = checkin(course, at(DAY1, 8, 10))
    assert not result.late and result.attendance.status == AttendanceStatus.PRESENT
    with pytest.raises(ServiceError, match="sudah tercatat hadir"):
        checkin(course, at(DAY1, 8, 20))
    assert Attendance.objects.count() == 1


def test_checkin_after_the_grace_is_late(course: dict[str, Any], settings: Any) -> None:
    settings.DELIVERY_CHECKIN_GRACE_MINUTES = 15
    assert checkin(course, at(DAY1, 8, 16)).late
    assert Attendance.objects.get().status == AttendanceStatus.LATE


@pytest.mark.parametrize(
    ("now", "message"),
    [
        (at(DAY1, 17, 1), "kedaluwarsa"),  # window closes an hour after the end
        (at(DAY2, 8, 0), "kedaluwarsa"),
        (at(DAY1, 6, 59), "belum dibuka"),
    ],
)
def test_checkin_outside_the_window_is_refused(
    course: dict[str, Any], now: dt.datetime, message: str
) -> None:
    with pytest.raises(ServiceError, match=message):
        checkin(course, now)
    assert Attendance.objects.count() == 0


def test_a_token_of_another_session_or_forged_is_refused(course: dict[str, Any]) -> None:
    other = checkin_token(course["sessions"][1])
    with pytest.raises(ServiceError, match="untuk sesi lain"):
        checkin(course, at(DAY1, 8), token=other)
    forged = signing.TimestampSigner(salt="lain").sign(f"{course['sessions'][0].pk}:{DAY1}")
    with pytest.raises(ServiceError, match="tidak sah"):
        checkin(course, at(DAY1, 8), token=forged)
    assert Attendance.objects.count() == 0


def test_a_moved_session_invalidates_its_old_codes(course: dict[str, Any]) -> None:
    session = course["sessions"][0]
    old = checkin_token(session)
    session.date = dt.date(2027, 3, 10)
    session.save()
    with pytest.raises(ServiceError, match="kedaluwarsa"):
        checkin(course, at(dt.date(2027, 3, 10), 8), token=old)


def test_someone_not_enrolled_cannot_check_in(course: dict[str, Any]) -> None:
    w = course["s"].world
    session = course["sessions"][0]
    with pytest.raises(ServiceError, match="tidak terdaftar sebagai peserta aktif"):
        checkin_by_token(
            session=session,
            token=checkin_token(session),
            employee=w.kecamatan_staff,
            acting_user=None,
            now=at(DAY1, 8),
        )
    # a declined or waiting nomination is not an active enrolment either
    course["mine"].status = EnrolmentStatus.NOMINATED
    course["mine"].save()
    with pytest.raises(ServiceError, match="tidak terdaftar"):
        checkin(course, at(DAY1, 8))
    assert Attendance.objects.count() == 0


def test_roster_marking_and_its_bad_input(course: dict[str, Any]) -> None:
    session = course["sessions"][0]
    mine, colleague = course["mine"], course["colleague"]
    changed = attendance_mark(
        session=session,
        marks={mine.pk: "present", colleague.pk: "excused"},
        acting_user=None,
        now=at(DAY1, 9),
    )
    assert changed == 2
    assert attendance_mark(session=session, marks={mine.pk: "present"}, acting_user=None) == 0
    w = course["s"].world
    outsider = Enrolment.objects.get(batch__sequence=2, employee=w.kecamatan_staff)
    before = list(Attendance.objects.values_list("enrolment", "status"))
    with pytest.raises(ServiceError, match="bukan peserta aktif"):
        attendance_mark(
            session=session, marks={mine.pk: "absent", outsider.pk: "present"}, acting_user=None
        )
    with pytest.raises(ServiceError, match="tidak dikenal"):
        attendance_mark(session=session, marks={mine.pk: "asleep"}, acting_user=None)
    assert list(Attendance.objects.values_list("enrolment", "status")) == before


def test_completion_by_attendance_credits_jp_once(course: dict[str, Any]) -> None:
    mine, colleague = course["mine"], course["colleague"]
    s1, s2 = course["sessions"]
    attendance_mark(
        session=s1, marks={mine.pk: "present", colleague.pk: "present"}, acting_user=None
    )
    attendance_mark(session=s2, marks={mine.pk: "late", colleague.pk: "absent"}, acting_user=None)
    outcome = batch_complete(batch=course["batch"], acting_user=None, now=at(DAY2, 17))
    assert (outcome.completed, outcome.not_completed, outcome.credited) == (1, 1, 1)
    mine.refresh_from_db()
    colleague.refresh_from_db()
    assert mine.status == EnrolmentStatus.COMPLETED
    assert colleague.status == EnrolmentStatus.APPROVED
    result = CompletionResult.objects.get(enrolment=colleague)
    assert not result.completed and result.attendance_percent == Decimal("50.00")
    assert "di bawah 80%" in result.reason
    line = JpCredit.objects.get()
    template = course["s"].workshop.template
    assert line.employee_id == mine.employee_id and line.source_key == f"batch:{course['batch'].pk}"
    assert line.form_id == template.bentuk_id and line.date == DAY2
    assert Batch.objects.get(pk=course["batch"].pk).status == BatchStatus.COMPLETED
    # re-running credits nobody twice
    again = batch_complete(batch=course["batch"], acting_user=None, now=at(DAY2, 18))
    assert (again.completed, again.credited) == (1, 0)
    assert JpCredit.objects.count() == 1


def test_a_program_rule_and_the_post_test_hook(course: dict[str, Any]) -> None:
    mine, colleague = course["mine"], course["colleague"]
    s1, _s2 = course["sessions"]
    attendance_mark(
        session=s1, marks={mine.pk: "present", colleague.pk: "present"}, acting_user=None
    )
    CompletionRule.objects.create(
        template=course["s"].workshop.template, min_attendance_percent=50, requires_post_test=True
    )
    register_post_test_provider(lambda batch, employee: employee.pk == mine.employee_id)
    try:
        outcome = batch_complete(batch=course["batch"], acting_user=None)
    finally:
        register_post_test_provider(None)
    assert (outcome.completed, outcome.not_completed) == (1, 1)
    assert CompletionResult.objects.get(enrolment=colleague).reason == "Belum lulus post-test"


def test_action_plan_written_after_completion_and_acknowledged(course: dict[str, Any]) -> None:
    w = course["s"].world
    mine = course["mine"]
    with pytest.raises(ServiceError, match="setelah pelatihan dinyatakan selesai"):
        action_plan_save(enrolment=mine, plan="x", due_date=DAY2, acting_user=None)
    for s in course["sessions"]:
        attendance_mark(session=s, marks={mine.pk: "present"}, acting_user=None)
    batch_complete(batch=course["batch"], acting_user=None, now=at(DAY2, 17))
    mine.refresh_from_db()
    with pytest.raises(ServiceError) as excinfo:
        action_plan_save(enrolment=mine, plan=" ", due_date=None, acting_user=None)
    assert set(excinfo.value.message_dict) == {"plan", "due_date"}
    assert ActionPlan.objects.count() == 0
    plan = action_plan_save(
        enrolment=mine,
        plan="Menerapkan alur perizinan daring di loket",
        due_date=dt.date(2027, 6, 30),
        acting_user=w.user("employee"),
    )
    action_plan_acknowledge(action_plan=plan, supervisor=w.supervisor, acting_user=None)
    plan.refresh_from_db()
    assert plan.acknowledged_by == w.supervisor and plan.acknowledged_at is not None
    with pytest.raises(ServiceError, match="sudah diketahui"):
        action_plan_save(enrolment=mine, plan="ubah", due_date=DAY2, acting_user=None)
    assert AuditEvent.objects.filter(action="delivery.action_plan.acknowledge").count() == 1
