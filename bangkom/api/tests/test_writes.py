"""What each write does: the change itself, through the service, with its audit row."""

from __future__ import annotations

import pytest
from django.test import Client

from bangkom.accounts.services import api_token_create
from bangkom.api.tests.conftest import LEVELS, Extras, call
from bangkom.competencies.models import Competency, PositionStandard, StandardSource
from bangkom.core.models import AuditEvent
from bangkom.organisation.models import Duty, Employee, Position, Unit
from bangkom.testing.world import World


@pytest.fixture
def admin(world: World) -> Client:
    client = Client()
    client.force_login(world.user("bkpsdm"))
    return client


def last_audit(action: str) -> AuditEvent:
    event = AuditEvent.objects.filter(action=action).order_by("-id").first()
    assert event is not None, f"no audit row {action}"
    return event


# ----------------------------------------------------------------------------- units


def test_create_sub_unit(world: World, admin: Client) -> None:
    response = call(
        admin,
        "post",
        "/units",
        {
            "instansi": world.instansi.pk,
            "parent": world.dinkes.pk,
            "nama": "  Bidang P2P ",
            "singkatan": "P2P",
            "jenis": "bidang",
        },
    )
    assert response.status_code == 201
    body = response.json()
    unit = Unit.objects.get(pk=body["id"])
    assert (unit.nama, unit.parent, unit.depth) == ("Bidang P2P", world.dinkes, 1)
    assert body["parent"] == {"id": world.dinkes.pk, "nama": "Dinas Kesehatan"}
    assert body["is_opd"] is False
    event = last_audit("unit.create")
    assert event.actor == world.user("bkpsdm") and event.target_id == str(unit.pk)


def test_partial_unit_update_keeps_the_other_fields(world: World, admin: Client) -> None:
    response = call(admin, "patch", f"/units/{world.kecamatan.pk}", {"singkatan": "Kec. Alak"})
    assert response.status_code == 200
    world.kecamatan.refresh_from_db()
    assert world.kecamatan.singkatan == "Kec. Alak"
    assert world.kecamatan.nama == "Kecamatan Alak"
    assert world.kecamatan.wilayah_id == "53.71.01"
    assert last_audit("unit.update").changes == {"singkatan": ["", "Kec. Alak"]}


def test_moving_a_unit_to_the_top_makes_it_an_opd(world: World, admin: Client) -> None:
    response = call(admin, "patch", f"/units/{world.puskesmas.pk}", {"parent": None})
    assert response.status_code == 200
    assert response.json()["is_opd"] is True
    assert Unit.objects.get(pk=world.puskesmas.pk).depth == 0


def test_opd_admin_cannot_move_a_unit_out_of_their_opd(world: World) -> None:
    client = Client()
    client.force_login(world.user("opd_admin"))
    response = call(client, "patch", f"/units/{world.puskesmas.pk}", {"parent": None})
    assert response.status_code == 403
    assert Unit.objects.get(pk=world.puskesmas.pk).parent == world.dinkes


# ----------------------------------------------------------------------------- positions


def test_create_position_derives_its_standard(world: World, admin: Client) -> None:
    response = call(
        admin,
        "post",
        "/positions",
        {
            "unit": world.puskesmas.pk,
            "nama": "Bidan Terampil",
            "kelas": "terampil",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["instansi"]["id"] == world.instansi.pk
    assert body["standards"], "the class default gives every managerial competency a level"
    assert {line["source"] for line in body["standards"]} == {"kelas"}
    assert last_audit("position.create").target_id == str(body["id"])


def test_changing_the_class_re_derives_the_standard(world: World, admin: Client) -> None:
    response = call(admin, "patch", f"/positions/{world.perawat.pk}", {"kelas": "ahli_madya"})
    assert response.status_code == 200
    assert {line["required_level"] for line in response.json()["standards"]} == {3}
    assert Position.objects.get(pk=world.perawat.pk).nama == "Perawat Ahli Pertama"


def test_standard_line_set_by_hand_then_returned_to_derivation(
    world: World, extras: Extras, admin: Client
) -> None:
    path = f"/positions/{world.perawat.pk}/standards/{extras.official.pk}"
    line = PositionStandard.objects.filter(position=world.perawat, competency=extras.official)

    response = call(admin, "put", path, {"level": 4})
    assert response.status_code == 200
    shown = next(s for s in response.json()["standards"] if s["competency"]["kode"] == "M.1")
    assert shown == {
        "competency": {
            "id": extras.official.pk,
            "kode": "M.1",
            "nama": "Integritas",
            "jenis": "manajerial",
        },
        "required_level": 4,
        "source": "manual",
    }
    assert last_audit("standard.set").changes == {"M.1": [1, 4]}

    assert call(admin, "put", path, {"level": None}).status_code == 200
    assert (line.get().required_level, line.get().source) == (1, StandardSource.KELAS)


def test_duties_raise_the_standard_and_leave_with_it(
    world: World, extras: Extras, admin: Client
) -> None:
    technical = PositionStandard.objects.filter(
        position=world.perawat, competency=extras.own_technical
    )
    assert technical.get().required_level == 2  # from the duty in the fixture

    created = call(
        admin,
        "post",
        f"/positions/{world.perawat.pk}/duties",
        {
            "uraian": "Melakukan pengkajian keperawatan.",
            "competencies": [{"competency": extras.own_technical.pk, "level": 4}],
        },
    )
    assert created.status_code == 201
    new_duty = created.json()["duties"][-1]
    assert new_duty["competencies"][0]["level"] == 4
    assert technical.get().required_level == 4
    assert last_audit("duty.create").actor == world.user("bkpsdm")

    replaced = call(
        admin,
        "put",
        f"/positions/{world.perawat.pk}/duties/{new_duty['id']}",
        {
            "uraian": "Melakukan pengkajian keperawatan.",
            "competencies": [],
        },
    )
    assert replaced.status_code == 200
    assert technical.get().required_level == 2

    deleted = call(admin, "delete", f"/positions/{world.perawat.pk}/duties/{extras.duty.pk}")
    assert deleted.status_code == 204
    assert not Duty.objects.filter(pk=extras.duty.pk).exists()
    assert not technical.exists(), "no duty names it any more"
    assert last_audit("duty.delete").target_id == str(extras.duty.pk)


# ----------------------------------------------------------------------------- employees


def test_create_pns_reads_birth_date_sex_and_tmt_from_the_nip(world: World, admin: Client) -> None:
    response = call(
        admin,
        "post",
        "/employees",
        {
            "instansi": world.instansi.pk,
            "nip": "'19950718 202012 2 001",
            "nama": "Sri Wahyuni",
            "gelar_depan": "Ns.",
            "gelar_belakang": "S.Kep.",
            "golongan": "penata muda (III/a)",
            "position": world.perawat.pk,
            "supervisor": world.supervisor.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["nip"] == "199507182020122001"
    assert (body["tanggal_lahir"], body["jenis_kelamin"], body["tmt_cpns"]) == (
        "1995-07-18",
        "P",
        "2020-12-01",
    )
    assert body["display_name"] == "Ns. Sri Wahyuni, S.Kep."
    assert body["golongan"] == {"kode": "III/a", "pangkat": "Penata Muda"}
    assert body["unit"] == {"id": world.puskesmas.pk, "nama": "Puskesmas Alak"}, "from the position"
    assert body["supervisor"] == {
        "id": world.supervisor.pk,
        "nama": "Maria Nahak",
        "nip": world.supervisor.nip,
    }
    event = last_audit("employee.create")
    assert event.target_id == str(body["id"]) and event.instansi == world.instansi


def test_create_pppk_with_its_own_birth_date(world: World, admin: Client) -> None:
    response = call(
        admin,
        "post",
        "/employees",
        {
            "instansi": world.instansi.pk,
            "nip": "202301012023212001",
            "jenis": "PPPK",
            "nama": "Rina Tefa",
            "tanggal_lahir": "1991-04-02",
            "jenis_kelamin": "P",
            "golongan": "9",
            "unit": world.kecamatan.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["jenis"], body["tanggal_lahir"], body["tmt_cpns"]) == ("PPPK", "1991-04-02", None)
    assert body["golongan"] == {"kode": "IX", "pangkat": None}


def test_opd_admin_creates_an_employee_in_their_opd(world: World) -> None:
    client = Client()
    client.force_login(world.user("opd_admin"))
    response = call(
        client,
        "post",
        "/employees",
        {
            "instansi": world.instansi.pk,
            "nip": "199507182020122001",
            "nama": "Sri Wahyuni",
            "unit": world.puskesmas.pk,
        },
    )
    assert response.status_code == 201
    assert last_audit("employee.create").actor == world.user("opd_admin")


def test_partial_employee_update_changes_only_what_was_sent(world: World, admin: Client) -> None:
    before = Employee.objects.get(pk=world.employee.pk)
    response = call(admin, "patch", f"/employees/{world.employee.pk}", {"gelar_depan": "Ns."})
    assert response.status_code == 200
    after = Employee.objects.get(pk=world.employee.pk)
    assert after.gelar_depan == "Ns."
    for field in (
        "nip",
        "nama",
        "unit_id",
        "position_id",
        "supervisor_id",
        "golongan",
        "tanggal_lahir",
        "is_active",
    ):
        assert getattr(after, field) == getattr(before, field), field
    assert last_audit("employee.update").changes == {"gelar_depan": ["", "Ns."]}


def test_correcting_the_nip_re_derives_the_birth_date(world: World, admin: Client) -> None:
    response = call(
        admin, "patch", f"/employees/{world.employee.pk}", {"nip": "199203152019031004"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["tanggal_lahir"] == "1992-03-15"


def test_new_position_moves_the_employee_to_its_unit(world: World, admin: Client) -> None:
    response = call(
        admin,
        "patch",
        f"/employees/{world.employee.pk}",
        {
            "position": world.staf_kecamatan.pk,
            "supervisor": None,
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["unit"]["id"] == world.kecamatan.pk
    assert body["supervisor"] is None


def test_opd_admin_cannot_move_an_employee_out_of_their_opd(world: World) -> None:
    client = Client()
    client.force_login(world.user("opd_admin"))
    response = call(
        client,
        "patch",
        f"/employees/{world.employee.pk}",
        {"unit": world.kecamatan.pk, "position": None},
    )
    assert response.status_code == 422
    assert Employee.objects.get(pk=world.employee.pk).unit == world.puskesmas


def test_deactivating_an_employee(world: World, admin: Client) -> None:
    response = call(admin, "patch", f"/employees/{world.colleague.pk}", {"is_active": False})
    assert response.json()["is_active"] is False
    assert call(admin, "get", "/employees?active=false").json()["count"] == 1


# ----------------------------------------------------------------------------- competencies


def test_create_and_edit_a_technical_competency(world: World, admin: Client) -> None:
    created = call(
        admin,
        "post",
        "/competencies",
        {
            "instansi": world.instansi.pk,
            "kode": "t.12",
            "nama": "Surveilans",
            "sektor": "Kesehatan",
            "levels": LEVELS,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["kode"], body["jenis"], body["is_official"]) == ("T.12", "teknis", False)
    assert [level["deskripsi"] for level in body["levels"]] == LEVELS
    assert last_audit("competency.create").actor == world.user("bkpsdm")

    new_levels = [f"{text} (revisi)" for text in LEVELS]
    edited = call(admin, "patch", f"/competencies/{body['id']}", {"levels": new_levels})
    assert edited.status_code == 200
    competency = Competency.objects.get(pk=body["id"])
    assert competency.nama == "Surveilans"
    assert (
        list(competency.levels.order_by("level").values_list("deskripsi", flat=True)) == new_levels
    )
    assert last_audit("competency.update").target_id == str(body["id"])


def test_superadmin_creates_a_national_technical_competency(world: World) -> None:
    client = Client()
    client.force_login(world.user("superadmin"))
    response = call(
        client,
        "post",
        "/competencies",
        {
            "instansi": None,
            "kode": "T.77",
            "nama": "Pengadaan Barang/Jasa",
            "levels": LEVELS,
        },
    )
    assert response.status_code == 201
    assert response.json()["instansi"] is None
    # visible to every instansi
    other = Client()
    other.force_login(world.user("outsider_employee"))
    assert call(other, "get", f"/competencies/{response.json()['id']}").status_code == 200


def test_writes_through_a_token_are_audited_as_the_tokens_user(world: World) -> None:
    _token, raw = api_token_create(user=world.user("bkpsdm"), name="SIASN", acting_user=None)
    response = call(
        Client(),
        "patch",
        f"/units/{world.kecamatan.pk}",
        {"singkatan": "KA"},
        Authorization=f"Bearer {raw}",
    )
    assert response.status_code == 200
    assert last_audit("unit.update").actor == world.user("bkpsdm")
