from __future__ import annotations

from datetime import date

import pytest

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.organisation.models import Employee, Unit, UnitKind
from bangkom.organisation.services import EmployeeData, employee_save, unit_create, unit_update
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def test_employee_fields_derived_from_nip(world: World) -> None:
    employee = Employee.objects.get(nip="198609262015051001")
    assert employee.tanggal_lahir == date(1986, 9, 26)
    assert employee.tmt_cpns == date(2015, 5, 1)
    assert employee.jenis_kelamin == "L"


def test_employee_with_impossible_nip_date_is_refused_and_nothing_written(world: World) -> None:
    before = (Employee.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ServiceError) as excinfo:
        employee_save(
            instansi=world.instansi,
            data=EmployeeData(nip="198602302015051001", nama="Tanggal Salah", unit=world.kecamatan),
            acting_user=world.user("bkpsdm"),
        )
    assert "nip" in excinfo.value.message_dict
    assert (Employee.objects.count(), AuditEvent.objects.count()) == before


def test_employee_update_writes_audit_with_before_and_after(world: World) -> None:
    admin = world.user("bkpsdm")
    employee_save(
        instansi=world.instansi,
        data=EmployeeData(
            nip=world.employee.nip,
            nama="Yohanes Benu",
            golongan="III/b",
            unit=world.puskesmas,
            position=world.perawat,
            supervisor=world.supervisor,
        ),
        employee=world.employee,
        acting_user=admin,
    )
    event = AuditEvent.objects.filter(action="employee.update").latest("id")
    assert event.actor == admin and event.instansi == world.instansi
    assert event.changes["golongan"] == ["III/a", "III/b"]


def test_supervisor_cycle_refused(world: World) -> None:
    with pytest.raises(ServiceError) as excinfo:
        employee_save(
            instansi=world.instansi,
            data=EmployeeData(
                nip=world.supervisor.nip,
                nama=world.supervisor.nama,
                unit=world.puskesmas,
                position=world.kepala_puskesmas,
                supervisor=world.employee,
            ),
            employee=world.supervisor,
            acting_user=None,
        )
    assert "supervisor" in excinfo.value.message_dict


def test_position_from_other_instansi_refused(world: World) -> None:
    with pytest.raises(ServiceError) as excinfo:
        employee_save(
            instansi=world.instansi,
            data=EmployeeData(
                nip="199505052020122001", nama="Salah Instansi", position=world.other_position
            ),
            acting_user=None,
        )
    assert "position" in excinfo.value.message_dict


def test_moving_a_unit_moves_its_subtree(world: World) -> None:
    sub = unit_create(
        instansi=world.instansi,
        nama="Ruang Rawat",
        jenis=UnitKind.LAINNYA,
        parent=world.puskesmas,
        acting_user=None,
    )
    unit_update(
        unit=world.puskesmas,
        nama="Puskesmas Alak",
        jenis=UnitKind.PUSKESMAS,
        parent=world.kecamatan,
        acting_user=None,
    )
    sub.refresh_from_db()
    puskesmas = Unit.objects.get(pk=world.puskesmas.pk)
    assert puskesmas.path == f"{world.kecamatan.pk}/{puskesmas.pk}/"
    assert sub.path == f"{puskesmas.path}{sub.pk}/"
    assert sub.depth == 2


def test_unit_cannot_move_under_itself(world: World) -> None:
    with pytest.raises(ServiceError):
        unit_update(
            unit=world.dinkes,
            nama="Dinas Kesehatan",
            jenis=UnitKind.DINAS,
            parent=world.puskesmas,
            acting_user=None,
        )


def test_duplicate_unit_name_under_same_parent_refused(world: World) -> None:
    with pytest.raises(ServiceError):
        unit_create(
            instansi=world.instansi,
            nama="puskesmas alak",
            jenis=UnitKind.PUSKESMAS,
            parent=world.dinkes,
            acting_user=None,
        )
