"""Who a request is: bearer tokens, the browser session and its CSRF check, and nobody."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bangkom.accounts.models import ApiToken
from bangkom.accounts.services import api_token_create, api_token_revoke
from bangkom.api.tests.conftest import Extras, call, database_state, ids
from bangkom.testing.world import World

CSRF_SECRET = "bangkomCsrfSecretForTests0123456"  # 32 characters, as Django expects


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def token(world: World) -> tuple[ApiToken, str]:
    return api_token_create(user=world.user("opd_admin"), name="integrasi SIASN", acting_user=None)


def test_valid_token_acts_as_its_user(world: World, token: tuple[ApiToken, str]) -> None:
    _api_token, raw = token
    response = call(Client(), "get", "/employees", **bearer(raw))
    # The OPD admin of Dinas Kesehatan sees the Puskesmas staff only.
    assert ids(response) == {world.supervisor.pk, world.employee.pk, world.colleague.pk}


def test_token_records_its_last_use_at_most_once_a_minute(token: tuple[ApiToken, str]) -> None:
    api_token, raw = token
    assert api_token.last_used_at is None
    call(Client(), "get", "/instansi", **bearer(raw))
    api_token.refresh_from_db()
    first_use = api_token.last_used_at
    assert first_use is not None

    call(Client(), "get", "/instansi", **bearer(raw))
    api_token.refresh_from_db()
    assert api_token.last_used_at == first_use, "no write within the minute"

    a_while_ago = timezone.now() - timedelta(minutes=2)
    ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=a_while_ago)
    call(Client(), "get", "/instansi", **bearer(raw))
    api_token.refresh_from_db()
    assert api_token.last_used_at > a_while_ago + timedelta(minutes=1)


def test_repeated_token_requests_do_not_write(token: tuple[ApiToken, str]) -> None:
    _api_token, raw = token
    client = Client()
    with CaptureQueriesContext(connection) as first:
        call(client, "get", "/instansi", **bearer(raw))
    with CaptureQueriesContext(connection) as second:
        call(client, "get", "/instansi", **bearer(raw))
    updates = [q["sql"] for q in first.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1
    assert not [q for q in second.captured_queries if q["sql"].startswith("UPDATE")]


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="missing"),
        pytest.param(bearer("bk_this-token-was-never-issued"), id="wrong"),
        pytest.param(bearer(""), id="empty"),
        pytest.param({"Authorization": "Token bk_abc"}, id="other-scheme"),
        pytest.param({"Authorization": "Basic b3BkX2FkbWluOnNlY3JldA=="}, id="basic"),
    ],
)
def test_requests_without_a_valid_token_are_401(world: World, headers: dict[str, str]) -> None:
    response = call(Client(), "get", "/employees", **headers)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"]


def test_revoked_token_is_401(world: World, token: tuple[ApiToken, str]) -> None:
    api_token, raw = token
    api_token_revoke(token=api_token, acting_user=None)
    response = call(Client(), "get", "/employees", **bearer(raw))
    assert response.status_code == 401
    assert "dicabut" in response.json()["detail"]


def test_token_of_a_deactivated_user_is_401(world: World, token: tuple[ApiToken, str]) -> None:
    api_token, raw = token
    api_token.user.is_active = False
    api_token.user.save()
    assert call(Client(), "get", "/employees", **bearer(raw)).status_code == 401


def test_a_wrong_token_does_not_fall_back_to_the_session(world: World) -> None:
    client = Client()
    client.force_login(world.user("bkpsdm"))
    assert call(client, "get", "/employees").status_code == 200
    response = call(client, "get", "/employees", **bearer("bk_someone-elses-old-token"))
    assert response.status_code == 401


def test_token_writes_need_no_csrf(world: World, token: tuple[ApiToken, str]) -> None:
    _api_token, raw = token
    client = Client(enforce_csrf_checks=True)
    body = {
        "instansi": world.instansi.pk,
        "parent": world.dinkes.pk,
        "nama": "Seksi Gizi",
        "jenis": "seksi",
    }
    response = call(client, "post", "/units", body, **bearer(raw))
    assert response.status_code == 201, response.content


def test_session_reads_need_no_csrf(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("bkpsdm"))
    assert call(client, "get", "/units").status_code == 200


def test_session_writes_without_csrf_token_are_403_and_change_nothing(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("bkpsdm"))
    before = database_state()
    response = call(client, "patch", f"/units/{world.puskesmas.pk}", {"singkatan": "PKM"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert database_state() == before


def test_session_writes_with_a_wrong_csrf_token_are_403(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("bkpsdm"))
    client.cookies["csrftoken"] = CSRF_SECRET
    headers = {"X-CSRFToken": "x" * 32}
    response = call(
        client, "patch", f"/units/{world.puskesmas.pk}", {"singkatan": "PKM"}, **headers
    )
    assert response.status_code == 403


def test_session_writes_with_csrf_token_succeed(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("bkpsdm"))
    client.cookies["csrftoken"] = CSRF_SECRET
    headers = {"X-CSRFToken": CSRF_SECRET}
    response = call(
        client, "patch", f"/units/{world.puskesmas.pk}", {"singkatan": "PKM"}, **headers
    )
    assert response.status_code == 200, response.content
    assert response.json()["singkatan"] == "PKM"


def test_anonymous_write_is_401_not_a_csrf_error(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = call(client, "patch", f"/units/{world.puskesmas.pk}", {"singkatan": "PKM"})
    assert response.status_code == 401


ENDPOINTS = [
    ("get", "/instansi"),
    ("get", "/instansi/{instansi}"),
    ("get", "/units"),
    ("get", "/units/{unit}"),
    ("post", "/units"),
    ("patch", "/units/{unit}"),
    ("get", "/positions"),
    ("get", "/positions/{position}"),
    ("post", "/positions"),
    ("patch", "/positions/{position}"),
    ("put", "/positions/{position}/standards/{competency}"),
    ("post", "/positions/{position}/duties"),
    ("put", "/positions/{position}/duties/{duty}"),
    ("delete", "/positions/{position}/duties/{duty}"),
    ("get", "/employees"),
    ("get", "/employees/{employee}"),
    ("post", "/employees"),
    ("patch", "/employees/{employee}"),
    ("get", "/competencies"),
    ("get", "/competencies/{competency}"),
    ("post", "/competencies"),
    ("patch", "/competencies/{competency}"),
    ("get", "/needs/priorities"),
    ("get", "/needs/factors"),
    ("get", "/needs/employees/{employee}"),
]


WRITES = ("post", "put", "patch")


def test_every_endpoint_answers_401_to_anonymous_and_changes_nothing(
    world: World, extras: Extras
) -> None:
    client = Client()
    before = database_state()
    objects = {
        "instansi": world.instansi.pk,
        "unit": world.puskesmas.pk,
        "position": world.perawat.pk,
        "competency": extras.own_technical.pk,
        "duty": extras.duty.pk,
        "employee": world.employee.pk,
    }
    statuses = {
        (method, path): call(
            client, method, path.format(**objects), {"nama": "x"} if method in WRITES else None
        ).status_code
        for method, path in ENDPOINTS
    }
    assert statuses == {endpoint: 401 for endpoint in ENDPOINTS}
    assert database_state() == before


def test_openapi_lists_the_same_endpoints_as_this_module(client: Any) -> None:
    schema = call(client, "get", "/openapi.json").json()
    documented = {
        (method, path.removeprefix("/api/v1").replace("_id}", "}"))
        for path, operations in schema["paths"].items()
        for method in operations
    }
    assert documented == set(ENDPOINTS)
