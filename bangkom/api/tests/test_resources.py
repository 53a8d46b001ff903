"""What the read endpoints return: the filters, and the shape of each object."""

from __future__ import annotations

import pytest
from django.test import Client

from bangkom.api.tests.conftest import Extras, call, ids
from bangkom.organisation.models import Employee
from bangkom.testing.world import World


@pytest.fixture
def admin(world: World) -> Client:
    client = Client()
    client.force_login(world.user("superadmin"))
    return client


def test_unit_filters(world: World, admin: Client) -> None:
    assert ids(call(admin, "get", f"/units?instansi={world.other_instansi.pk}")) == {
        world.other_unit.pk
    }
    assert ids(call(admin, "get", f"/units?parent={world.dinkes.pk}")) == {world.puskesmas.pk}
    assert ids(call(admin, "get", "/units?q=alak")) == {world.puskesmas.pk, world.kecamatan.pk}


def test_position_filters(world: World, admin: Client) -> None:
    in_dinkes = ids(call(admin, "get", f"/positions?unit={world.dinkes.pk}"))
    assert in_dinkes == {world.kepala_puskesmas.pk, world.perawat.pk}, "the unit's whole subtree"
    assert ids(
        call(admin, "get", f"/positions?instansi={world.instansi.pk}&kelas=ahli_pertama")
    ) == {world.perawat.pk}
    assert ids(call(admin, "get", "/positions?q=kepala")) == {world.kepala_puskesmas.pk}


def test_employee_filters(world: World, admin: Client) -> None:
    assert ids(call(admin, "get", f"/employees?unit={world.dinkes.pk}")) == {
        world.supervisor.pk,
        world.employee.pk,
        world.colleague.pk,
    }
    assert ids(call(admin, "get", f"/employees?position={world.perawat.pk}")) == {
        world.employee.pk,
        world.colleague.pk,
    }
    assert ids(call(admin, "get", "/employees?q=lestari")) == {world.colleague.pk}
    assert ids(call(admin, "get", "/employees?q=19920314%20201903")) == {world.employee.pk}
    assert ids(call(admin, "get", f"/employees?instansi={world.other_instansi.pk}")) == {
        world.other_employee.pk
    }
    Employee.objects.filter(pk=world.colleague.pk).update(is_active=False)
    assert world.colleague.pk not in ids(call(admin, "get", "/employees?active=true"))
    assert ids(call(admin, "get", "/employees?active=false")) == {world.colleague.pk}
    assert ids(call(admin, "get", "/employees?jenis=PPPK")) == set()


def test_a_filter_outside_the_scope_finds_nothing(world: World) -> None:
    client = Client()
    client.force_login(world.user("bkpsdm"))
    assert ids(call(client, "get", f"/employees?unit={world.other_unit.pk}")) == set()
    assert ids(call(client, "get", f"/employees?instansi={world.other_instansi.pk}")) == set()


def test_competency_filters(world: World, extras: Extras, admin: Client) -> None:
    technical = ids(call(admin, "get", "/competencies?jenis=teknis"))
    assert technical == {extras.own_technical.pk, extras.other_technical.pk}
    assert ids(call(admin, "get", f"/competencies?instansi={world.instansi.pk}")) == {
        extras.own_technical.pk
    }
    assert ids(call(admin, "get", "/competencies?q=integritas")) == {extras.official.pk}
    managerial = call(admin, "get", "/competencies?jenis=manajerial").json()
    assert [item["kode"] for item in managerial["items"]] == [f"M.{n}" for n in range(1, 9)]


def test_employee_shape(world: World, admin: Client) -> None:
    body = call(admin, "get", f"/employees/{world.employee.pk}").json()
    assert body == {
        "id": world.employee.pk,
        "instansi": {"id": world.instansi.pk, "nama": "Pemerintah Kota Uji"},
        "nip": "199203142019031004",
        "nama": "Yohanes Benu",
        "display_name": "Yohanes Benu",
        "gelar_depan": "",
        "gelar_belakang": "",
        "jenis": "PNS",
        "jenis_kelamin": "L",
        "tanggal_lahir": "1992-03-14",
        "tmt_cpns": "2019-03-01",
        "golongan": {"kode": "III/a", "pangkat": "Penata Muda"},
        "pendidikan_tingkat": "",
        "pendidikan_nama": "",
        "unit": {"id": world.puskesmas.pk, "nama": "Puskesmas Alak"},
        "position": {
            "id": world.perawat.pk,
            "nama": "Perawat Ahli Pertama",
            "kelas": "ahli_pertama",
        },
        "supervisor": {
            "id": world.supervisor.pk,
            "nama": "Maria Nahak",
            "nip": "197805122003122002",
        },
        "email": "",
        "phone": "",
        "is_active": True,
    }


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("", None),
        ("IV/e", {"kode": "IV/e", "pangkat": "Pembina Utama"}),
        ("XVII", {"kode": "XVII", "pangkat": None}),
        # written before codes were checked, e.g. by an old import: shown as is, never a 500
        ("3-A", {"kode": "3-A", "pangkat": None}),
        ("??", {"kode": "??", "pangkat": None}),
    ],
)
def test_golongan_shows_the_rank_name_when_known(
    world: World, admin: Client, stored: str, shown: object
) -> None:
    Employee.objects.filter(pk=world.employee.pk).update(golongan=stored)
    assert call(admin, "get", f"/employees/{world.employee.pk}").json()["golongan"] == shown


def test_an_asn_sees_only_their_own_record(world: World) -> None:
    client = Client()
    client.force_login(world.user("employee"))
    page = call(client, "get", "/employees").json()
    assert page["count"] == 1
    assert page["items"][0]["nip"] == world.employee.nip


def test_position_detail_has_duties_and_standard_with_sources(
    world: World, extras: Extras, admin: Client
) -> None:
    body = call(admin, "get", f"/positions/{world.perawat.pk}").json()
    assert body["unit"] == {"id": world.puskesmas.pk, "nama": "Puskesmas Alak"}
    assert body["duties"] == [
        {
            "id": extras.duty.pk,
            "urutan": 1,
            "uraian": "Melaksanakan asuhan keperawatan dasar.",
            "competencies": [
                {
                    "competency": {
                        "id": extras.own_technical.pk,
                        "kode": "T.1",
                        "nama": "Asuhan Keperawatan",
                        "jenis": "teknis",
                    },
                    "level": 2,
                }
            ],
        }
    ]
    sources = {
        line["competency"]["kode"]: (line["required_level"], line["source"])
        for line in body["standards"]
    }
    assert sources["T.1"] == (2, "tugas")
    assert sources["M.1"] == (1, "kelas")
    assert sources["SK.1"] == (1, "kelas")


def test_competency_detail_has_levels_with_indicators(extras: Extras, admin: Client) -> None:
    body = call(admin, "get", f"/competencies/{extras.official.pk}").json()
    assert (body["kode"], body["is_official"], body["instansi"]) == ("M.1", True, None)
    assert [level["level"] for level in body["levels"]] == [1, 2, 3, 4, 5]
    assert all(level["indikator"] for level in body["levels"])
    assert body["levels"][0]["indikator"][0].startswith("Bertingkah laku sesuai")


def test_instansi_detail(world: World, admin: Client) -> None:
    body = call(admin, "get", f"/instansi/{world.instansi.pk}").json()
    assert body == {
        "id": world.instansi.pk,
        "kode": "53.71",
        "nama": "Pemerintah Kota Uji",
        "jenis": "kota",
        "wilayah": {"kode": "53.71", "nama": "Kota Kupang"},
        "is_active": True,
    }
