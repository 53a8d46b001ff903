"""Edits of the schedule name who or what is double-booked, and a conflicting edit saves
nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import Batch, Enrolment, Session
from bangkom.delivery.selectors import conflicts_for
from bangkom.delivery.services import (
    batch_pin,
    batch_trainers_set,
    batches_from_plan,
    holiday_save,
    session_move,
    trainer_save,
    unit_max_away_set,
    venue_save,
)
from bangkom.delivery.tests.conftest import Setup

MON, TUE, WED, SAT = (dt.date(2027, 3, d) for d in (8, 9, 10, 13))


@dataclass
class Two:
    setup: Setup
    a: Batch  # WS/1: employee, colleague
    b: Batch  # WS/2: kecamatan staff
    a_day: Session
    b_day: Session


@pytest.fixture
def two(setup: Setup) -> Two:
    batches_from_plan(plan=setup.plan, acting_user=None)
    a = Batch.objects.get(plan_program=setup.workshop, sequence=1)
    b = Batch.objects.get(plan_program=setup.workshop, sequence=2)
    a.trainers.set([setup.widyaiswara])
    b.trainers.set([setup.widyaiswara])
    a_day = Session.objects.create(
        batch=a, date=MON, start_time=dt.time(8), end_time=dt.time(16), venue=setup.aula
    )
    b_day = Session.objects.create(
        batch=b, date=TUE, start_time=dt.time(8), end_time=dt.time(16), venue=setup.kampus
    )
    return Two(setup, a, b, a_day, b_day)


def codes(found: list) -> set[str]:  # type: ignore[type-arg]
    return {c.code for c in found}


def test_moving_onto_a_busy_venue_and_trainer_names_them(two: Two) -> None:
    found = conflicts_for(batch=two.b, date=MON, venue=two.setup.aula, session=two.b_day)
    messages = [c.message for c in found]
    assert codes(found) == {"venue_busy", "trainer_busy"}
    assert any(
        "Tempat Aula BKPSDM pada 08-03-2027 sudah dipakai" in m and "angkatan 1" in m
        for m in messages
    )
    assert any("Pengajar Drs. Widya Iswara pada 08-03-2027 juga mengajar" in m for m in messages)


def test_asn_in_two_batches_named_with_nip(two: Two) -> None:
    world = two.setup.world
    Enrolment.objects.create(batch=two.b, employee=world.employee)
    two.b.trainers.clear()
    found = conflicts_for(batch=two.b, date=MON, venue=two.setup.kampus, session=two.b_day)
    assert codes(found) == {"employee_busy"}
    assert f"ASN Yohanes Benu (NIP {world.employee.nip})" in found[0].message


def test_unavailable_holiday_weekend_and_unit_limit(two: Two) -> None:
    setup = two.setup
    venue_save(
        instansi=setup.world.instansi,
        venue=setup.kampus,
        data={
            "name": "Kampus Uji",
            "kind": "partner_campus",
            "partner": setup.partner,
            "capacity": 100,
            "unavailable_dates": [WED],
        },
        acting_user=None,
    )
    trainer_save(
        instansi=setup.world.instansi,
        trainer=setup.widyaiswara,
        data={"name": "Drs. Widya Iswara", "kind": "widyaiswara", "unavailable_dates": [WED]},
        acting_user=None,
    )
    setup.kampus.refresh_from_db()
    setup.widyaiswara.refresh_from_db()
    found = conflicts_for(batch=two.b, date=WED, venue=setup.kampus, session=two.b_day)
    assert codes(found) == {"venue_unavailable", "trainer_unavailable"}
    assert conflicts_for(batch=two.b, date=SAT, venue=None, session=two.b_day)[0].message == (
        "13-03-2027 bukan hari kerja."
    )
    holiday_save(
        instansi=setup.world.instansi,
        data={"date": TUE.isoformat(), "name": "Nyepi", "kind": "national"},
        acting_user=None,
    )
    assert "hari libur: Nyepi" in conflicts_for(batch=two.b, date=TUE, venue=None)[0].message
    # Kecamatan Alak has one ASN; with no one allowed away, its batch breaks the unit limit.
    unit_max_away_set(unit=setup.world.kecamatan, max_away=0, acting_user=None)
    found = conflicts_for(
        batch=two.b, date=dt.date(2027, 3, 11), venue=setup.aula, session=two.b_day
    )
    assert codes(found) == {"unit_limit"}
    assert "Unit Kecamatan Alak: 1 pegawai" in found[0].message


def test_conflicting_move_refused_and_nothing_saved(two: Two) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(ServiceError) as caught:
        session_move(session=two.b_day, date=MON, venue=two.setup.aula, acting_user=None)
    assert any("sudah dipakai" in m for m in caught.value.messages)
    two.b_day.refresh_from_db()
    assert (two.b_day.date, two.b_day.venue, two.b_day.pinned) == (TUE, two.setup.kampus, False)
    assert AuditEvent.objects.count() == before


def test_free_move_saves_pins_and_keeps_uid(two: Two) -> None:
    uid = two.b_day.uid
    two.b.trainers.clear()
    session_move(session=two.b_day, date=WED, venue=two.setup.aula, acting_user=None)
    two.b_day.refresh_from_db()
    assert (two.b_day.date, two.b_day.venue, two.b_day.pinned, two.b_day.uid) == (
        WED,
        two.setup.aula,
        True,
        uid,
    )
    assert AuditEvent.objects.filter(action="delivery.session.move").count() == 1
    assert batch_pin(batch=two.b, pinned=False, acting_user=None) == 1


def test_trainer_change_conflicts(two: Two) -> None:
    two.b.trainers.set([two.setup.praktisi])
    Session.objects.filter(pk=two.b_day.pk).update(date=MON)
    with pytest.raises(ServiceError) as caught:
        batch_trainers_set(
            batch=two.a, trainers=[two.setup.widyaiswara, two.setup.praktisi], acting_user=None
        )
    assert any(
        "Praktisi Perizinan pada 08-03-2027 juga mengajar" in m for m in caught.value.messages
    )
    assert list(two.a.trainers.all()) == [two.setup.widyaiswara]
    two.b.trainers.clear()
    batch_trainers_set(batch=two.a, trainers=[two.setup.praktisi], acting_user=None)
    assert list(two.a.trainers.all()) == [two.setup.praktisi]
