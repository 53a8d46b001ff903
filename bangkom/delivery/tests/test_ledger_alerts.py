"""Alerts on the alert date: the ASN behind, their supervisor and their OPD admin are told,
once; those on track and other OPDs' admins are not."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from bangkom.delivery.models import JpCredit
from bangkom.delivery.tests.conftest import YEAR
from bangkom.organisation.models import Employee
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def addresses(world: World) -> None:
    Employee.objects.filter(pk=world.employee.pk).update(email="yohanes@uji.go.id")
    Employee.objects.filter(pk=world.colleague.pk).update(email="dewi@uji.go.id")
    Employee.objects.filter(pk=world.supervisor.pk).update(email="maria@uji.go.id")
    opd = world.user("opd_admin")
    opd.email = "opd.dinkes@uji.go.id"
    opd.save()


def _run(*args: str) -> str:
    out = StringIO()
    call_command("jp_alerts", *args, stdout=out)
    return out.getvalue()


def test_alerts_go_to_the_asn_behind_their_supervisor_and_opd_admin(
    world: World,
    addresses: None,
    credit: Callable[..., JpCredit],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.JP_LEDGER_ALERT_DAY = "07-01"
    credit(world.colleague, 12)  # on track on 1 July (expected 9.97)
    assert "bukan tanggal peringatan" in _run("--as-of", f"{YEAR}-06-30", "--instansi", "53.71")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        out = _run("--as-of", f"{YEAR}-07-01", "--instansi", "53.71")
    assert "3 ASN tertinggal" in out  # the nurse, the head of the puskesmas, the kecamatan clerk
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == ["maria@uji.go.id", "maria@uji.go.id", "opd.dinkes@uji.go.id", "yohanes@uji.go.id"]
    nurse = next(m for m in mail.outbox if m.to == ["yohanes@uji.go.id"])
    assert "0 dari target 20 JP" in nurse.body
    to_opd = next(m for m in mail.outbox if m.to == ["opd.dinkes@uji.go.id"])
    assert world.employee.nip in to_opd.body and world.kecamatan_staff.nip not in to_opd.body
    assert world.colleague.nip not in to_opd.body
    with django_capture_on_commit_callbacks(execute=True):
        again = _run("--as-of", f"{YEAR}-07-01", "--instansi", "53.71")
    assert "sudah dikirim" in again and len(mail.outbox) == 4
