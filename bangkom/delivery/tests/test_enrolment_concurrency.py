"""Capacity never overbooks under concurrent requests: parallel self-enrolments, each on its own
database connection, race for the last seat of a batch on a real PostgreSQL.

Run with ``scripts/with-postgres .venv/bin/python -m pytest bangkom/delivery -q -k concurrent``.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from bangkom.core.errors import ServiceError
from bangkom.delivery.models import ACTIVE_ENROLMENT_STATUSES, Batch, Enrolment, EnrolmentStatus
from bangkom.delivery.services import batches_from_plan
from bangkom.delivery.services.enrolment import batch_enrolment_settings, enrolment_self_enrol
from bangkom.delivery.tests.conftest import Setup
from bangkom.organisation.models import Employee

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs real row locks and parallel connections: run under scripts/with-postgres",
    ),
]

RACERS = 6


def test_concurrent_self_enrolments_take_the_last_seat_once(setup: Setup) -> None:
    batches_from_plan(plan=setup.plan, acting_user=None)
    batch = Batch.objects.get(plan_program=setup.workshop, sequence=2)  # one ASN nominated
    batch_enrolment_settings(batch=batch, capacity=2, open_enrolment=True, acting_user=None)
    world = setup.world
    racers = [
        Employee.objects.create(
            instansi=world.instansi, nip=f"19900101202001{i:04d}", nama=f"Peserta {i}"
        )
        for i in range(RACERS)
    ]
    barrier = threading.Barrier(RACERS)
    statuses: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def enrol(employee: Employee) -> None:
        try:
            barrier.wait(timeout=30)
            enrolment = enrolment_self_enrol(
                batch=Batch.objects.get(pk=batch.pk), employee=employee, acting_user=None
            )
            with lock:
                statuses.append(enrolment.status)
        except (ServiceError, Exception) as exc:
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=(e,)) for e in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert statuses.count(EnrolmentStatus.CONFIRMED) == 1
    assert statuses.count(EnrolmentStatus.WAITLISTED) == RACERS - 1
    assert Enrolment.objects.filter(batch=batch, status__in=ACTIVE_ENROLMENT_STATUSES).count() == 2
    positions = sorted(
        e.waitlist_position or 0
        for e in Enrolment.objects.filter(batch=batch, status=EnrolmentStatus.WAITLISTED)
    )
    assert positions == list(range(1, RACERS))
