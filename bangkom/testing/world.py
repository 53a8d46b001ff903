"""A small two-instansi world with one user per persona, shared by every test.

Instansi "Kota Uji" (53.71) has two OPD: Dinas Kesehatan (with Puskesmas Alak under it) and
Kecamatan Alak. "Kota Luar" (61.71) is the outsider instansi that must never be visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth.hashers import make_password

from bangkom.accounts.models import Role, User
from bangkom.accounts.services import role_assign, user_create
from bangkom.competencies.services import dictionary_load
from bangkom.organisation.models import (
    Employee,
    EmployeeKind,
    Instansi,
    Position,
    PositionClass,
    Unit,
    UnitKind,
    Wilayah,
    WilayahLevel,
)
from bangkom.organisation.services import (
    EmployeeData,
    employee_save,
    instansi_create,
    position_save,
    unit_create,
)

PASSWORD = "uji-Bangkom-2026"  # noqa: S105 - test persona password


@cache
def password_hash() -> str:
    """Argon2 is deliberately slow; hash the shared test password once per process."""
    return make_password(PASSWORD)


PERSONAS = (
    "superadmin",
    "bkpsdm",
    "opd_admin",
    "supervisor",
    "employee",
    "partner",
    "pimpinan",
    "outsider",
    "outsider_employee",
)


@dataclass
class World:
    instansi: Instansi
    other_instansi: Instansi
    dinkes: Unit
    puskesmas: Unit
    kecamatan: Unit
    other_unit: Unit
    kepala_puskesmas: Position
    perawat: Position
    staf_kecamatan: Position
    other_position: Position
    supervisor: Employee
    employee: Employee
    colleague: Employee
    kecamatan_staff: Employee
    other_employee: Employee
    users: dict[str, User] = field(default_factory=dict)

    def user(self, persona: str) -> User:
        return self.users[persona]


def _wilayah(kode: str, nama: str, tingkat: str, parent: Wilayah | None) -> Wilayah:
    return Wilayah.objects.get_or_create(
        kode=kode, defaults={"nama": nama, "tingkat": tingkat, "parent": parent}
    )[0]


def build_world() -> World:
    dictionary_load()
    ntt = _wilayah("53", "Nusa Tenggara Timur", WilayahLevel.PROVINSI, None)
    kupang = _wilayah("53.71", "Kota Kupang", WilayahLevel.KABUPATEN_KOTA, ntt)
    alak = _wilayah("53.71.01", "Alak", WilayahLevel.KECAMATAN, kupang)
    kalbar = _wilayah("61", "Kalimantan Barat", WilayahLevel.PROVINSI, None)
    pontianak = _wilayah("61.71", "Kota Pontianak", WilayahLevel.KABUPATEN_KOTA, kalbar)

    instansi = instansi_create(wilayah=kupang, nama="Pemerintah Kota Uji", acting_user=None)
    other = instansi_create(wilayah=pontianak, nama="Pemerintah Kota Luar", acting_user=None)
    dinkes = unit_create(
        instansi=instansi, nama="Dinas Kesehatan", jenis=UnitKind.DINAS, acting_user=None
    )
    puskesmas = unit_create(
        instansi=instansi,
        nama="Puskesmas Alak",
        jenis=UnitKind.PUSKESMAS,
        parent=dinkes,
        acting_user=None,
    )
    kecamatan = unit_create(
        instansi=instansi,
        nama="Kecamatan Alak",
        jenis=UnitKind.KECAMATAN,
        wilayah=alak,
        acting_user=None,
    )
    other_unit = unit_create(
        instansi=other, nama="Dinas Kesehatan", jenis=UnitKind.DINAS, acting_user=None
    )

    def position(unit: Unit, nama: str, kelas: str) -> Position:
        return position_save(
            instansi=unit.instansi, unit=unit, nama=nama, kelas=kelas, acting_user=None
        )

    kepala = position(puskesmas, "Kepala Puskesmas", PositionClass.PENGAWAS)
    perawat = position(puskesmas, "Perawat Ahli Pertama", PositionClass.AHLI_PERTAMA)
    staf = position(kecamatan, "Pengadministrasi Perizinan", PositionClass.PELAKSANA)
    other_position = position(other_unit, "Perawat Ahli Pertama", PositionClass.AHLI_PERTAMA)

    def employee(
        inst: Instansi, nip: str, nama: str, pos: Position, boss: Employee | None = None
    ) -> Employee:
        return employee_save(
            instansi=inst,
            data=EmployeeData(
                nip=nip,
                nama=nama,
                jenis=EmployeeKind.PNS,
                unit=pos.unit,
                position=pos,
                supervisor=boss,
                golongan="III/a",
            ),
            acting_user=None,
        )

    supervisor = employee(instansi, "197805122003122002", "Maria Nahak", kepala)
    staff = employee(instansi, "199203142019031004", "Yohanes Benu", perawat, supervisor)
    colleague = employee(instansi, "199411022020122003", "Dewi Lestari", perawat, supervisor)
    kecamatan_staff = employee(instansi, "198609262015051001", "Agus Setiawan", staf)
    other_employee = employee(other, "199001012015031002", "Budi Santoso", other_position)

    world = World(
        instansi=instansi,
        other_instansi=other,
        dinkes=dinkes,
        puskesmas=puskesmas,
        kecamatan=kecamatan,
        other_unit=other_unit,
        kepala_puskesmas=kepala,
        perawat=perawat,
        staf_kecamatan=staf,
        other_position=other_position,
        supervisor=supervisor,
        employee=staff,
        colleague=colleague,
        kecamatan_staff=kecamatan_staff,
        other_employee=other_employee,
    )

    def user(username: str, employee: Employee | None = None) -> User:
        created = user_create(username=username, password=None, employee=employee, acting_user=None)
        created.password = password_hash()
        created.save(update_fields=["password"])
        world.users[username] = created
        return created

    role_assign(user=user("superadmin"), role=Role.SUPERADMIN, acting_user=None)
    role_assign(user=user("bkpsdm"), role=Role.BKPSDM_ADMIN, instansi=instansi, acting_user=None)
    role_assign(user=user("opd_admin"), role=Role.OPD_ADMIN, unit=dinkes, acting_user=None)
    user("supervisor", supervisor)
    user("employee", staff)
    role_assign(user=user("partner"), role=Role.MITRA, instansi=instansi, acting_user=None)
    role_assign(user=user("pimpinan"), role=Role.PIMPINAN, instansi=instansi, acting_user=None)
    role_assign(user=user("outsider"), role=Role.BKPSDM_ADMIN, instansi=other, acting_user=None)
    user("outsider_employee", other_employee)
    assert tuple(world.users) == PERSONAS
    return world
