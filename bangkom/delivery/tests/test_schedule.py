"""schedule_batches: the DB → exchange instance → the pure scheduler → sessions, which satisfy
every rule of scheduler.check; UIDs survive a reschedule; pins hold; reasons in Indonesian."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bangkom.core.models import AuditEvent
from bangkom.delivery import scheduler
from bangkom.delivery.models import Batch, BatchStatus, ScheduleRun, ScheduleRunStatus, Session
from bangkom.delivery.scheduler.model import Placement, Result
from bangkom.delivery.services import (
    batch_pin,
    batch_update,
    batches_from_plan,
    build_instance,
    holiday_save,
    schedule_batches,
    schedule_start,
    unit_max_away_set,
)
from bangkom.delivery.tests.conftest import SCHEDULE_YEAR as YEAR
from bangkom.delivery.tests.conftest import Setup


def prepare(setup: Setup) -> dict[tuple[str, int], Batch]:
    batches_from_plan(plan=setup.plan, acting_user=None)
    holiday_save(
        instansi=setup.world.instansi,
        data={"date": "2027-03-01", "name": "Libur uji", "kind": "national"},
        acting_user=None,
    )
    batches = {(b.plan_program.template.kode, b.sequence): b for b in Batch.objects.all()}
    for batch in batches.values():
        batch_update(
            batch=batch,
            partner=batch.partner,
            trainers=[setup.widyaiswara],
            venues=[] if batch.online else [setup.aula, setup.kampus],
            online=batch.online,
            days=batch.days,
            earliest=batch.earliest,
            latest=batch.latest,
            acting_user=None,
        )
    return batches


def result_from_db(built: Any) -> Result:
    placements = []
    for code, batch in built.batches.items():
        sessions = list(batch.sessions.order_by("date"))
        if sessions:
            venue = sessions[0].venue_id
            placements.append(
                Placement(code, [s.date for s in sessions], f"V{venue}" if venue else None)
            )
    return Result("feasible", placements, [], 0.0)


def test_schedule_writes_sessions_that_pass_every_rule(setup: Setup) -> None:
    batches = prepare(setup)
    outcome = schedule_batches(instansi=setup.world.instansi, year=YEAR, acting_user=None)
    assert outcome.placed == 3 and not outcome.unscheduled
    workshop = batches[("WS", 1)]
    days = list(workshop.sessions.order_by("date").values_list("date", flat=True))
    assert len(days) == 2
    assert all(d.month == 3 and d != dt.date(2027, 3, 1) and d.weekday() < 5 for d in days)
    assert batches[("EL", 1)].sessions.get().venue is None
    assert set(Batch.objects.values_list("status", flat=True)) == {BatchStatus.SCHEDULED}
    # The written sessions, read back from the database, break no rule of the pure checker.
    built = build_instance(instansi=setup.world.instansi, year=YEAR)
    instance = scheduler.parse_instance(built.data)
    assert scheduler.check(instance, result_from_db(built)) == []
    assert AuditEvent.objects.filter(action="delivery.schedule.solve").count() == 1


def test_reschedule_keeps_uids_and_pins(setup: Setup) -> None:
    batches = prepare(setup)
    schedule_batches(instansi=setup.world.instansi, year=YEAR, acting_user=None)
    workshop = batches[("WS", 1)]
    uids = list(workshop.sessions.order_by("date").values_list("uid", flat=True))
    # Narrow its window so it must move: it keeps its UIDs in day order.
    Batch.objects.filter(pk=workshop.pk).update(
        earliest=dt.date(2027, 3, 22), latest=dt.date(2027, 3, 26)
    )
    pinned = batches[("WS", 2)]
    batch_pin(batch=pinned, pinned=True, acting_user=None)
    pinned_before = list(pinned.sessions.values_list("uid", "date", "venue_id"))
    schedule_batches(instansi=setup.world.instansi, year=YEAR, acting_user=None)
    moved = list(workshop.sessions.order_by("date").values_list("uid", "date"))
    assert [uid for uid, _day in moved] == uids
    assert all(dt.date(2027, 3, 22) <= day <= dt.date(2027, 3, 26) for _uid, day in moved)
    assert list(pinned.sessions.values_list("uid", "date", "venue_id")) == pinned_before


def test_unscheduled_batch_reported_in_indonesian(setup: Setup) -> None:
    batches = prepare(setup)
    # Only one of the Puskesmas' three staff may be away on a day.
    unit_max_away_set(unit=setup.world.puskesmas, max_away="0,34", acting_user=None)
    outcome = schedule_batches(instansi=setup.world.instansi, year=YEAR, acting_user=None)
    workshop, online = batches[("WS", 1)], batches[("EL", 1)]  # two Puskesmas staff each
    assert sorted((b.pk, code) for b, code in outcome.unscheduled) == [
        (workshop.pk, "unit_limit"),
        (online.pk, "unit_limit"),
    ]
    assert outcome.placed == 1
    assert "melebihi batas pegawai" in outcome.unscheduled_messages()[0]
    workshop.refresh_from_db()
    assert workshop.status == BatchStatus.UNSCHEDULED and not workshop.sessions.exists()


def test_schedule_run_is_queued_after_commit_and_executes(
    setup: Setup, django_capture_on_commit_callbacks: Any
) -> None:
    prepare(setup)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = schedule_start(instansi=setup.world.instansi, year=YEAR, acting_user=None)
    assert not Session.objects.exists() and len(callbacks) == 1
    callbacks[0]()
    run = ScheduleRun.objects.get(pk=run.pk)
    assert run.status == ScheduleRunStatus.DONE and run.placed == 3 and run.task_id
    assert Session.objects.count() == 2 + 2 + 1


def test_a_moved_session_holds_its_venue_through_a_reschedule(setup: Setup) -> None:
    from bangkom.delivery.services import session_move, venue_save

    batches = prepare(setup)
    kantor = venue_save(
        instansi=setup.world.instansi,
        data={"name": "Kantor Camat Alak", "kind": "government_building", "capacity": 20},
        acting_user=None,
    )
    schedule_batches(instansi=setup.world.instansi, year=YEAR, acting_user=None)
    online = batches[("EL", 1)]
    online.sessions.all().delete()  # keep the move free of the online batch's shared ASN
    Batch.objects.filter(pk=online.pk).update(
        earliest=dt.date(2027, 11, 1), latest=dt.date(2027, 11, 30)
    )
    workshop = batches[("WS", 1)]
    first, second = workshop.sessions.order_by("date")
    # Outside its March window, where nothing else of this batch is: the pin wins.
    session_move(session=first, date=dt.date(2027, 4, 5), venue=kantor, acting_user=None)
    session_move(session=second, date=dt.date(2027, 4, 6), venue=kantor, acting_user=None)
    schedule_batches(instansi=setup.world.instansi, year=YEAR, acting_user=None)
    workshop.refresh_from_db()
    assert workshop.status == BatchStatus.SCHEDULED
    assert list(workshop.sessions.order_by("date").values_list("date", "venue", "pinned")) == [
        (dt.date(2027, 4, 5), kantor.pk, True),
        (dt.date(2027, 4, 6), kantor.pk, True),
    ]


def test_schedule_batches_command(setup: Setup) -> None:
    from io import StringIO

    from django.core.management import call_command

    prepare(setup)
    out = StringIO()
    call_command("schedule_batches", "--instansi", "53.71", "--year", str(YEAR), stdout=out)
    assert "3 angkatan terjadwal, 0 belum" in out.getvalue()
    assert Session.objects.count() == 5
