"""Certificate numbers under concurrency, on a real PostgreSQL: threads issuing at once get
consecutive numbers, none twice and none skipped; the same ledger line issued at once twice
gets one certificate. Run with ``scripts/with-postgres .venv/bin/python -m pytest
bangkom/recognition -q``."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, connections

from bangkom.recognition.models import Certificate, CertificateSequence
from bangkom.recognition.services import certificate_issue

from .conftest import SIGNATORY, YEAR

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so it cannot show a race "
        "(run under scripts/with-postgres)",
    ),
]

THREADS = 8


def _issue_all_at_once(credits: list) -> list[BaseException]:
    barrier = threading.Barrier(len(credits))
    errors: list[BaseException] = []

    def issue(line) -> None:
        try:
            barrier.wait()
            certificate_issue(credit=line, signatory=SIGNATORY, acting_user=None)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(line,)) for line in credits]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_issues_get_consecutive_numbers(world, credit):
    employees = [world.employee, world.colleague, world.supervisor, world.kecamatan_staff]
    credits = [
        credit(employees[i % 4], on=date(YEAR, 3, 1 + i), activity=f"Pelatihan {i}")
        for i in range(THREADS)
    ]
    assert _issue_all_at_once(credits) == []
    sequences = sorted(Certificate.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS + 1))
    numbers = set(Certificate.objects.values_list("number", flat=True))
    assert numbers == {f"BKM/53.71/2026/{n:06d}" for n in range(1, THREADS + 1)}
    assert CertificateSequence.objects.get(instansi=world.instansi, year=YEAR).last_value == THREADS


def test_same_line_issued_at_once_gets_one_certificate_and_no_gap(world, credit):
    line = credit(world.employee)
    assert _issue_all_at_once([line] * 4) == []
    assert Certificate.objects.count() == 1
    assert CertificateSequence.objects.get().last_value == 1
    following = certificate_issue(
        credit=credit(world.colleague), signatory=SIGNATORY, acting_user=None
    )
    assert following.sequence == 2
