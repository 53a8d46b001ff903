"""Bad input answers 4xx JSON naming the field, writes nothing, and never reaches the catch-all
500 handler; the catch-all itself answers JSON without a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError
from django.test import Client

from bangkom.api.tests.conftest import LEVELS, Extras, call, database_state
from bangkom.testing.world import World

VALID_NIP = "199507182020122001"


def employee(world: World, **changes: Any) -> dict[str, Any]:
    body = {
        "instansi": world.instansi.pk,
        "nip": VALID_NIP,
        "nama": "Sri Wahyuni",
        "unit": world.puskesmas.pk,
        "position": world.perawat.pk,
    }
    return {key: value for key, value in {**body, **changes}.items() if value is not ...}


# (name, persona, method, path, body, status, the fields named in "errors")
Case = tuple[
    str, str, str, Callable[[World, Extras], str], Callable[[World, Extras], Any], int, set[str]
]

CASES: list[Case] = [
    # --- the body is not JSON, or not an object
    (
        "malformed json",
        "bkpsdm",
        "post",
        lambda w, e: "/units",
        lambda w, e: '{"nama": ',
        400,
        set(),
    ),
    (
        "json array",
        "bkpsdm",
        "post",
        lambda w, e: "/units",
        lambda w, e: "[1, 2]",
        422,
        {"__all__"},
    ),
    (
        "json string",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: '"x"',
        422,
        {"__all__"},
    ),
    ("empty body", "bkpsdm", "post", lambda w, e: "/positions", lambda w, e: "", 422, {"__all__"}),
    # --- schema: types, required fields, unknown fields, limits
    (
        "id as text",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, instansi="satu"),
        422,
        {"instansi"},
    ),
    (
        "nip as number",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, nip=199507182020122001),
        422,
        {"nip"},
    ),
    (
        "missing nama",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, nama=...),
        422,
        {"nama"},
    ),
    (
        "blank nama",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, nama="   "),
        422,
        {"nama"},
    ),
    (
        "unknown field",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, nama_lengkap="Sri"),
        422,
        {"nama_lengkap"},
    ),
    (
        "date in the wrong format",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, jenis="PPPK", tanggal_lahir="18-07-1995"),
        422,
        {"tanggal_lahir"},
    ),
    (
        "impossible date",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, jenis="PPPK", tanggal_lahir="1995-02-30"),
        422,
        {"tanggal_lahir"},
    ),
    (
        "bad enum",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, jenis="honorer"),
        422,
        {"jenis"},
    ),
    (
        "bad boolean",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, is_active="mungkin"),
        422,
        {"is_active"},
    ),
    (
        "bad email",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, email="sri@"),
        422,
        {"email"},
    ),
    (
        "name too long",
        "bkpsdm",
        "post",
        lambda w, e: "/units",
        lambda w, e: {"instansi": w.instansi.pk, "nama": "x" * 201, "jenis": "dinas"},
        422,
        {"nama"},
    ),
    (
        "null where not clearable",
        "bkpsdm",
        "patch",
        lambda w, e: f"/employees/{w.employee.pk}",
        lambda w, e: {"nama": None},
        422,
        {"nama"},
    ),
    (
        "level out of range",
        "bkpsdm",
        "put",
        lambda w, e: f"/positions/{w.perawat.pk}/standards/{e.official.pk}",
        lambda w, e: {"level": 6},
        422,
        {"level"},
    ),
    (
        "nested level out of range",
        "bkpsdm",
        "post",
        lambda w, e: f"/positions/{w.perawat.pk}/duties",
        lambda w, e: {
            "uraian": "Tugas",
            "competencies": [{"competency": e.official.pk, "level": 0}],
        },
        422,
        {"competencies.0.level"},
    ),
    (
        "four levels instead of five",
        "bkpsdm",
        "post",
        lambda w, e: "/competencies",
        lambda w, e: {"instansi": w.instansi.pk, "kode": "T.5", "nama": "X", "levels": LEVELS[:4]},
        422,
        {"levels"},
    ),
    (
        "huge id in the body",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, unit=10**30),
        422,
        {"unit"},
    ),
    # --- business rules from the services
    (
        "nip with an impossible birth date",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, nip="199502302020122001"),
        422,
        {"nip"},
    ),
    (
        "nip too short",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, nip="19950718202012200"),
        422,
        {"nip"},
    ),
    (
        "nip already registered",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, nip=w.colleague.nip),
        422,
        {"nip"},
    ),
    (
        "birth date contradicts the nip",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, tanggal_lahir="1995-07-19"),
        422,
        {"tanggal_lahir"},
    ),
    (
        "position outside the unit",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, unit=w.kecamatan.pk),
        422,
        {"position"},
    ),
    (
        "unreadable golongan",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, golongan="V/z"),
        422,
        {"golongan"},
    ),
    (
        "duplicate unit name",
        "bkpsdm",
        "post",
        lambda w, e: "/units",
        lambda w, e: {"instansi": w.instansi.pk, "nama": "dinas kesehatan", "jenis": "dinas"},
        422,
        {"nama"},
    ),
    (
        "unit under its own sub-unit",
        "bkpsdm",
        "patch",
        lambda w, e: f"/units/{w.dinkes.pk}",
        lambda w, e: {"parent": w.puskesmas.pk},
        422,
        {"parent"},
    ),
    (
        "unknown region code",
        "bkpsdm",
        "post",
        lambda w, e: "/units",
        lambda w, e: {
            "instansi": w.instansi.pk,
            "nama": "Kec. Baru",
            "jenis": "kecamatan",
            "wilayah": "99.99.99",
        },
        422,
        {"wilayah"},
    ),
    (
        "technical code without T.",
        "bkpsdm",
        "post",
        lambda w, e: "/competencies",
        lambda w, e: {"instansi": w.instansi.pk, "kode": "K.1", "nama": "X", "levels": LEVELS},
        422,
        {"kode"},
    ),
    # --- ids the user cannot see: another instansi's objects, named by field
    (
        "unit of another instansi",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, unit=w.other_unit.pk, position=...),
        422,
        {"unit"},
    ),
    (
        "position of another instansi",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, position=w.other_position.pk),
        422,
        {"position"},
    ),
    (
        "supervisor of another instansi",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, supervisor=w.other_employee.pk),
        422,
        {"supervisor"},
    ),
    (
        "instansi of someone else",
        "bkpsdm",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, instansi=w.other_instansi.pk),
        422,
        {"instansi"},
    ),
    (
        "parent of another instansi",
        "bkpsdm",
        "post",
        lambda w, e: "/units",
        lambda w, e: {
            "instansi": w.instansi.pk,
            "parent": w.other_unit.pk,
            "nama": "Seksi",
            "jenis": "seksi",
        },
        422,
        {"parent"},
    ),
    (
        "move a position to another instansi",
        "bkpsdm",
        "patch",
        lambda w, e: f"/positions/{w.perawat.pk}",
        lambda w, e: {"unit": w.other_unit.pk},
        422,
        {"unit"},
    ),
    (
        "another instansi's competency in a duty",
        "bkpsdm",
        "post",
        lambda w, e: f"/positions/{w.perawat.pk}/duties",
        lambda w, e: {
            "uraian": "Tugas",
            "competencies": [{"competency": e.other_technical.pk, "level": 2}],
        },
        422,
        {"competencies.0.competency"},
    ),
    (
        "OPD admin names a unit outside their OPD",
        "opd_admin",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, unit=w.kecamatan.pk, position=w.staf_kecamatan.pk),
        422,
        {"unit", "position"},
    ),
    # the superadmin sees both instansi, so the service itself refuses the mix
    (
        "superadmin mixes two instansi",
        "superadmin",
        "post",
        lambda w, e: "/employees",
        lambda w, e: employee(w, unit=w.other_unit.pk, position=...),
        422,
        {"unit"},
    ),
    (
        "superadmin puts another instansi's competency in a standard",
        "superadmin",
        "put",
        lambda w, e: f"/positions/{w.perawat.pk}/standards/{e.other_technical.pk}",
        lambda w, e: {"level": 2},
        422,
        {"competency"},
    ),
    # --- query strings
    (
        "filter id as text",
        "bkpsdm",
        "get",
        lambda w, e: "/employees?unit=dinkes",
        lambda w, e: None,
        422,
        {"unit"},
    ),
    (
        "filter enum",
        "bkpsdm",
        "get",
        lambda w, e: "/positions?kelas=eselon",
        lambda w, e: None,
        422,
        {"kelas"},
    ),
    (
        "path id as text",
        "bkpsdm",
        "get",
        lambda w, e: "/employees/abc",
        lambda w, e: None,
        422,
        {"employee_id"},
    ),
    (
        "huge path id",
        "bkpsdm",
        "get",
        lambda w, e: f"/units/{10**30}",
        lambda w, e: None,
        404,
        set(),
    ),
    (
        "duty of another position",
        "bkpsdm",
        "delete",
        lambda w, e: f"/positions/{w.kepala_puskesmas.pk}/duties/{e.duty.pk}",
        lambda w, e: None,
        404,
        set(),
    ),
    # --- found by schemathesis: numbers the database cannot hold (they answered 500 or 409)
    *[
        (
            f"id beyond the database in ?{name}",
            "bkpsdm",
            "get",
            lambda w, e, path=path: path,
            lambda w, e: None,
            422,
            {name},
        )
        for name, path in [
            ("position", f"/employees?position={10**23}"),
            ("instansi", f"/employees?instansi={10**23}"),
            ("parent", f"/units?parent={-(10**25)}"),
            ("instansi", f"/positions?instansi={10**25}"),
            ("instansi", f"/competencies?instansi={10**27}"),
            ("unit", f"/needs/priorities?instansi=1&tahun=2026&unit={10**25}"),
        ]
    ],
    (
        "offset beyond the database",
        "bkpsdm",
        "get",
        lambda w, e: f"/instansi?offset={10**20}",
        lambda w, e: None,
        422,
        {"offset"},
    ),
    (
        "id zero in a list filter",
        "bkpsdm",
        "get",
        lambda w, e: "/units?instansi=0",
        lambda w, e: None,
        422,
        {"instansi"},
    ),
    (
        "needs year out of range",
        "bkpsdm",
        "get",
        lambda w, e: f"/needs/employees/{w.employee.pk}?tahun={10**20}",
        lambda w, e: None,
        422,
        {"tahun"},
    ),
    (
        "unknown factor source",
        "bkpsdm",
        "get",
        lambda w, e: f"/needs/factors?instansi={w.instansi.pk}&tahun=2026&source=x",
        lambda w, e: None,
        422,
        {"source"},
    ),
    (
        "no body at all",
        "bkpsdm",
        "post",
        lambda w, e: "/units",
        lambda w, e: "",
        422,
        {"__all__"},
    ),
]


@pytest.mark.parametrize(
    ("persona", "method", "path", "body", "status", "fields"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_input_is_refused_with_the_field_named(
    world: World,
    extras: Extras,
    caplog: pytest.LogCaptureFixture,
    persona: str,
    method: str,
    path: Callable[[World, Extras], str],
    body: Callable[[World, Extras], Any],
    status: int,
    fields: set[str],
) -> None:
    client = Client()
    client.force_login(world.user(persona))
    before = database_state()

    with caplog.at_level(logging.WARNING, logger="bangkom.api"):
        response = call(client, method, path(world, extras), body(world, extras))

    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    payload = response.json()
    assert isinstance(payload["detail"], str) and payload["detail"]
    if status == 422:
        assert set(payload["errors"]) == fields
        assert all(
            messages and all(isinstance(m, str) for m in messages)
            for messages in payload["errors"].values()
        )
    assert database_state() == before
    assert not [r for r in caplog.records if r.name == "bangkom.api"], "reached the catch-all"


def test_messages_are_in_indonesian(world: World) -> None:
    client = Client()
    client.force_login(world.user("bkpsdm"))
    response = call(
        client, "post", "/employees", employee(world, nip="199502302020122001", nama=...)
    )
    errors = response.json()["errors"]
    assert errors["nama"] == ["Wajib diisi."]
    nip_response = call(client, "post", "/employees", employee(world, nip="199502302020122001"))
    assert nip_response.json() == {
        "detail": "Tanggal lahir pada NIP tidak valid: 1995-02-30",
        "errors": {"nip": ["Tanggal lahir pada NIP tidak valid: 1995-02-30"]},
    }


def test_not_found_and_forbidden_shapes(world: World) -> None:
    client = Client()
    client.force_login(world.user("pimpinan"))
    assert call(client, "get", f"/units/{world.other_unit.pk}").json() == {
        "detail": "Data tidak ditemukan."
    }
    forbidden = call(client, "patch", f"/units/{world.dinkes.pk}", {"singkatan": "Dinkes"})
    assert forbidden.status_code == 403
    assert forbidden.json() == {"detail": "Anda tidak berwenang melakukan tindakan ini."}


def test_unexpected_errors_answer_500_json_without_a_traceback(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr("bangkom.api.routers.units.unit_update", broken)
    client = Client()
    client.force_login(world.user("bkpsdm"))
    with caplog.at_level(logging.ERROR, logger="bangkom.api"):
        response = call(client, "patch", f"/units/{world.dinkes.pk}", {"singkatan": "Dinkes"})

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"}
    assert b"hunter2" not in response.content and b"Traceback" not in response.content
    logged = [r for r in caplog.records if r.name == "bangkom.api"]
    assert logged and logged[0].exc_info is not None, "the exception is logged for the operator"


def test_routing_errors_are_json(world: World) -> None:
    client = Client()
    client.force_login(world.user("bkpsdm"))
    not_allowed = call(client, "delete", "/units")
    assert not_allowed.status_code == 405
    assert set(not_allowed["Allow"].split(", ")) == {"GET", "POST"}
    assert "DELETE" in not_allowed.json()["detail"]
    for path in ("/pegawai", "/", "/units/1/unknown"):
        unknown = call(client, "get", path)
        assert unknown.status_code == 404, path
        assert "/api/v1/docs" in unknown.json()["detail"]


def test_a_lost_race_for_a_unique_name_is_409(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def racing(**kwargs: Any) -> None:
        raise IntegrityError("UNIQUE constraint failed: organisation_unit.instansi_id, nama")

    monkeypatch.setattr("bangkom.api.routers.units.unit_create", racing)
    client = Client()
    client.force_login(world.user("bkpsdm"))
    body = {"instansi": world.instansi.pk, "nama": "Badan Baru", "jenis": "badan"}
    response = call(client, "post", "/units", body)
    assert response.status_code == 409
    assert set(response.json()) == {"detail"}


def test_a_missing_body_says_what_to_send(world: World) -> None:
    client = Client()
    client.force_login(world.user("bkpsdm"))
    response = call(client, "post", "/positions", "")
    assert response.status_code == 422
    assert "Content-Type: application/json" in response.json()["errors"]["__all__"][0]


def test_choices_are_listed_in_indonesian(world: World) -> None:
    client = Client()
    client.force_login(world.user("bkpsdm"))
    response = call(client, "get", "/employees?jenis=CPNS")
    assert response.json()["errors"]["jenis"] == [
        "Pilihan tidak valid; pilih salah satu dari: 'PNS' atau 'PPPK'."
    ]
