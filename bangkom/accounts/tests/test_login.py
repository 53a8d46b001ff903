from __future__ import annotations

import pytest
from django.urls import reverse

from bangkom.accounts.scope import scope_for
from bangkom.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db


def _login(client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_by_username_and_by_nip(client, world: World) -> None:
    assert _login(client, "employee", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    spaced = "19920314 201903 1 004"  # the NIP of world.employee, written with spaces
    response = _login(client, spaced, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("dashboard:home")).context["user"] == world.user("employee")


def test_wrong_password_shows_indonesian_error(client, world: World) -> None:
    response = _login(client, "employee", "salah")
    assert response.status_code == 200
    assert "kata sandi salah" in response.content.decode()


def test_lockout_after_repeated_failures(client, world: World, settings) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "bkpsdm", "salah-lagi")
    response = _login(client, "bkpsdm", PASSWORD)  # even the right password is refused now
    assert response.status_code == 429
    assert "dikunci sementara" in response.content.decode()
    assert _login(client, "employee", PASSWORD).status_code == 302  # other accounts unaffected


def test_password_is_hashed_with_argon2(world: World) -> None:
    assert world.user("bkpsdm").password.startswith("argon2")


def test_scopes(world: World) -> None:
    assert scope_for(world.user("superadmin")).admin_instansi_ids == {
        world.instansi.pk,
        world.other_instansi.pk,
    }
    assert scope_for(world.user("bkpsdm")).admin_instansi_ids == {world.instansi.pk}
    assert scope_for(world.user("pimpinan")).read_instansi_ids == {world.instansi.pk}
    assert not scope_for(world.user("pimpinan")).admin_instansi_ids
    supervisor = scope_for(world.user("supervisor"))
    assert supervisor.is_supervisor and supervisor.subordinate_count == 2
    assert not scope_for(world.user("employee")).is_supervisor
    assert scope_for(world.user("opd_admin")).opd_paths() == [world.dinkes.path]


def test_token_page_shows_raw_key_once(client, world: World) -> None:
    client.force_login(world.user("employee"))
    response = client.post(reverse("accounts:tokens"), {"name": "dasbor"})
    raw = response.context["raw_key"]
    assert raw.startswith("bk_")
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert raw not in page and raw[3:11] in page
