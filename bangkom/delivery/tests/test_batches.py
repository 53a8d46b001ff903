"""An approved plan's programs become batches with their nominated participants."""

from __future__ import annotations

import datetime as dt

import pytest

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import Batch, Enrolment, EnrolmentStatus
from bangkom.delivery.services import agreement_save, batch_update, batches_from_plan
from bangkom.delivery.tests.conftest import Setup, draft_plan
from bangkom.testing.world import World


def test_batches_from_plan_creates_batches_and_nominations(setup: Setup) -> None:
    admin = setup.world.user("bkpsdm")
    result = batches_from_plan(plan=setup.plan, acting_user=admin)
    assert result.batches_created == 3
    assert result.enrolments_created == 5
    first = Batch.objects.get(plan_program=setup.workshop, sequence=1)
    second = Batch.objects.get(plan_program=setup.workshop, sequence=2)
    online = Batch.objects.get(plan_program=setup.online, sequence=1)
    assert (first.earliest, first.latest) == (dt.date(2027, 3, 1), dt.date(2027, 3, 31))
    assert (second.earliest, second.latest) == (dt.date(2027, 8, 1), dt.date(2027, 8, 31))
    assert (online.earliest, online.latest) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert first.days == 2 and not first.online and online.online
    assert first.partner == setup.partner  # the catalogue names "Universitas Uji"
    assert set(first.enrolments.values_list("employee__nip", flat=True)) == {
        setup.world.employee.nip,
        setup.world.colleague.nip,
    }
    assert set(Enrolment.objects.values_list("status", flat=True)) == {EnrolmentStatus.NOMINATED}
    assert AuditEvent.objects.filter(action="delivery.batch.create").count() == 3
    assert AuditEvent.objects.filter(action="delivery.batches_from_plan").count() == 1
    assert result.warnings == []


def test_batches_from_plan_is_idempotent(setup: Setup) -> None:
    batches_from_plan(plan=setup.plan, acting_user=None)
    audits = AuditEvent.objects.count()
    again = batches_from_plan(plan=setup.plan, acting_user=None)
    assert (again.batches_created, again.enrolments_created) == (0, 0)
    assert Batch.objects.count() == 3 and Enrolment.objects.count() == 5
    assert AuditEvent.objects.count() == audits


def test_non_approved_plan_refused(world: World) -> None:
    plan, *_rest = draft_plan(world)
    with pytest.raises(ServiceError, match="sudah disetujui"):
        batches_from_plan(plan=plan, acting_user=world.user("bkpsdm"))
    assert not Batch.objects.exists() and not Enrolment.objects.exists()


def test_expired_agreement_warns_but_does_not_block(setup: Setup) -> None:
    setup.partner.agreements.all().delete()
    agreement_save(
        partner=setup.partner,
        data={"number": "PKS/lama", "valid_from": "2020-01-01", "valid_until": "2021-12-31"},
        acting_user=None,
    )
    result = batches_from_plan(plan=setup.plan, acting_user=None)
    assert result.batches_created == 3
    assert any("sudah berakhir" in w and "PKS/lama" in w for w in result.warnings)


def test_agreement_ending_before_the_batch_window_warns(setup: Setup) -> None:
    batches_from_plan(plan=setup.plan, acting_user=None)
    batch = Batch.objects.get(plan_program=setup.workshop, sequence=2)
    setup.partner.agreements.update(valid_until=dt.date(2027, 8, 15))
    warnings = batch_update(
        batch=batch,
        partner=setup.partner,
        trainers=[setup.widyaiswara],
        venues=[setup.kampus],
        online=False,
        days=2,
        earliest=batch.earliest,
        latest=batch.latest,
        acting_user=None,
    )
    assert len(warnings) == 1 and "sebelum batas akhir angkatan 31-08-2027" in warnings[0]
    assert list(batch.venues.all()) == [setup.kampus]


def test_batch_update_bad_input_saves_nothing(setup: Setup) -> None:
    batches_from_plan(plan=setup.plan, acting_user=None)
    batch = Batch.objects.get(plan_program=setup.workshop, sequence=1)
    with pytest.raises(ServiceError) as caught:
        batch_update(
            batch=batch,
            partner=None,
            trainers=[],
            venues=[],
            online=True,
            days=61,
            earliest=dt.date(2027, 5, 1),
            latest=dt.date(2027, 4, 1),
            acting_user=None,
        )
    assert set(caught.value.message_dict) == {"days", "latest"}
    batch.refresh_from_db()
    assert batch.days == 2 and not batch.online and batch.partner == setup.partner
