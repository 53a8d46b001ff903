"""Bad input answers 4xx JSON naming the field, writes nothing, and never reaches the catch-all
500 handler; the catch-all itself answers JSON without a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError
from django.test import Client

from bangkom.api.tests.bad_input_cases import CASES, employee
from bangkom.api.tests.conftest import Extras, call, database_state
from bangkom.testing.world import World


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
