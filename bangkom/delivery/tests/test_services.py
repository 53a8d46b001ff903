"""Partners, agreements, trainers, venues, holidays: each write leaves an audit row; bad input
is refused with Indonesian messages and saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import (
    Agreement,
    Holiday,
    Partner,
    Trainer,
    UnitAwayLimit,
    Venue,
)
from bangkom.delivery.services import (
    agreement_save,
    holiday_delete,
    holiday_save,
    partner_delete,
    partner_save,
    trainer_save,
    unit_max_away_set,
    venue_save,
)
from bangkom.testing.world import World


def audit_count(prefix: str) -> int:
    return AuditEvent.objects.filter(action__startswith=prefix).count()


def test_partner_create_update_delete_audited(world: World) -> None:
    admin = world.user("bkpsdm")
    partner = partner_save(
        instansi=world.instansi,
        data={"name": " Yayasan Literasi ", "type": "ngo"},
        acting_user=admin,
    )
    assert partner.name == "Yayasan Literasi"
    event = AuditEvent.objects.get(action="delivery.partner.create")
    assert event.actor == admin and event.instansi == world.instansi
    partner_save(
        instansi=world.instansi,
        partner=partner,
        data={"name": "Yayasan Literasi NTT", "type": "ngo"},
        acting_user=admin,
    )
    update = AuditEvent.objects.get(action="delivery.partner.update")
    assert update.changes["name"] == ["Yayasan Literasi", "Yayasan Literasi NTT"]
    partner_delete(partner=partner, acting_user=admin)
    assert not Partner.objects.exists()
    assert audit_count("delivery.partner.delete") == 1


def test_partner_bad_input_saves_nothing(world: World) -> None:
    with pytest.raises(ServiceError) as caught:
        partner_save(instansi=world.instansi, data={"name": "", "type": "alien"}, acting_user=None)
    messages = caught.value.message_dict
    assert "wajib diisi" in messages["name"][0]
    assert "tidak dikenal" in messages["type"][0]
    assert not Partner.objects.exists()
    assert audit_count("delivery.") == 0


def test_duplicate_partner_name_refused(world: World) -> None:
    data = {"name": "Universitas Uji", "type": "university"}
    partner_save(instansi=world.instansi, data=data, acting_user=None)
    with pytest.raises(ServiceError, match="sudah ada"):
        partner_save(instansi=world.instansi, data=data, acting_user=None)
    assert Partner.objects.count() == 1
    assert audit_count("delivery.partner") == 1


def test_agreement_dates_checked_and_expiry_derived(world: World) -> None:
    partner = partner_save(
        instansi=world.instansi,
        data={"name": "LPK", "type": "training_institution"},
        acting_user=None,
    )
    with pytest.raises(ServiceError) as caught:
        agreement_save(
            partner=partner,
            data={"number": "MoU/1", "valid_from": "2026-05-01", "valid_until": "2026-01-01"},
            acting_user=None,
        )
    assert "sebelum tanggal mulai" in caught.value.message_dict["valid_until"][0]
    assert not Agreement.objects.exists()
    agreement = agreement_save(
        partner=partner,
        data={
            "kind": "mou",
            "number": "MoU/1",
            "valid_from": "2020-01-01",
            "valid_until": "2021-01-01",
        },
        acting_user=None,
    )
    assert agreement.expired
    assert not agreement.is_expired(dt.date(2020, 6, 1))


def test_venue_capacity_bounds(world: World) -> None:
    for capacity in (0, 10_001, "banyak"):
        with pytest.raises(ServiceError) as caught:
            venue_save(
                instansi=world.instansi,
                data={"name": "Aula", "kind": "government_building", "capacity": capacity},
                acting_user=None,
            )
        assert "Kapasitas" in caught.value.message_dict["capacity"][0]
    assert not Venue.objects.exists()
    venue = venue_save(
        instansi=world.instansi,
        data={
            "name": "Aula",
            "kind": "government_building",
            "capacity": "40",
            "unavailable_dates": "2027-05-03\n2027-05-04, 2027-05-03",
        },
        acting_user=None,
    )
    assert venue.capacity == 40
    assert venue.unavailable_dates == ["2027-05-03", "2027-05-04"]


def test_partner_campus_names_its_partner_of_the_same_instansi(world: World) -> None:
    outsider_partner = partner_save(
        instansi=world.other_instansi,
        data={"name": "Untan", "type": "university"},
        acting_user=None,
    )
    with pytest.raises(ServiceError) as caught:
        venue_save(
            instansi=world.instansi,
            data={
                "name": "Kampus",
                "kind": "partner_campus",
                "partner": outsider_partner,
                "capacity": 10,
            },
            acting_user=None,
        )
    assert "instansi ini" in caught.value.message_dict["partner"][0]
    assert not Venue.objects.exists()


def test_trainer_bad_dates_refused(world: World) -> None:
    with pytest.raises(ServiceError) as caught:
        trainer_save(
            instansi=world.instansi,
            data={"name": "Ani", "kind": "widyaiswara", "unavailable_dates": "2027-02-30"},
            acting_user=None,
        )
    assert "bukan tanggal" in caught.value.message_dict["unavailable_dates"][0]
    assert not Trainer.objects.exists()


def test_holiday_calendar(world: World) -> None:
    holiday = holiday_save(
        instansi=world.instansi,
        data={"date": "2027-08-17", "name": "Hari Kemerdekaan", "kind": "national"},
        acting_user=None,
    )
    with pytest.raises(ServiceError, match="sudah ada"):
        holiday_save(
            instansi=world.instansi,
            data={"date": "2027-08-17", "name": "Lagi", "kind": "cuti_bersama"},
            acting_user=None,
        )
    assert Holiday.objects.count() == 1
    holiday_delete(holiday=holiday, acting_user=None)
    assert not Holiday.objects.exists()
    assert audit_count("delivery.holiday") == 2


def test_unit_max_away_bounds(world: World) -> None:
    with pytest.raises(ServiceError, match="antara 0 dan 1"):
        unit_max_away_set(unit=world.puskesmas, max_away="1,5", acting_user=None)
    assert not UnitAwayLimit.objects.exists()
    limit = unit_max_away_set(unit=world.puskesmas, max_away="0,25", acting_user=None)
    assert limit is not None and float(limit.max_away) == 0.25
    unit_max_away_set(unit=world.puskesmas, max_away=None, acting_user=None)
    assert not UnitAwayLimit.objects.exists()


def test_database_refuses_out_of_bounds_rows(world: World) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Venue.objects.create(
            instansi=world.instansi, name="X", kind="government_building", capacity=0
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitAwayLimit.objects.create(unit=world.puskesmas, max_away=2)
