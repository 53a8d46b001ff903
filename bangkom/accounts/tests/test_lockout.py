"""Lock-out holds for the account itself, whatever spelling of its name or NIP is typed."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from bangkom.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db

# Spellings of the persona "employee", whose NIP is 199203142019031004.
SPELLINGS = [
    "Employee",
    "EMPLOYEE",
    " employee ",
    "199203142019031004",
    "19920314 201903 1 004",
    "19920314.201903.1.004",
    "19920314-201903-1-004",
]


def _login(client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _lock_employee(client, settings) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "employee", "salah-lagi")


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_locked_account_stays_locked_under_every_spelling(client, world: World, settings, spelling):
    _lock_employee(client, settings)
    response = _login(client, spelling, "tebakan-lain")
    assert response.status_code == 429
    assert "dikunci sementara" in response.content.decode()


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_right_password_under_another_spelling_is_refused_while_locked(
    client, world: World, settings, spelling
):
    _lock_employee(client, settings)
    response = _login(client, spelling, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_under_many_spellings_count_for_one_account(client, world: World, settings):
    for spelling in SPELLINGS[: settings.AXES_FAILURE_LIMIT]:
        _login(client, spelling, "salah-lagi")
    assert _login(client, "employee", PASSWORD).status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"employee"}


def test_success_under_another_spelling_does_not_clear_the_lock(client, world: World, settings):
    _lock_employee(client, settings)
    _login(client, "EMPLOYEE", PASSWORD)
    _login(client, "19920314 201903 1 004", PASSWORD)
    assert _login(client, "employee", PASSWORD).status_code == 429


def test_unknown_names_share_one_counter_across_spellings(client, world: World, settings):
    for spelling in ["Hantu", "HANTU", " hantu", "hAnTu", "hantu "][: settings.AXES_FAILURE_LIMIT]:
        _login(client, spelling, "salah")
    assert _login(client, "Hantu", "salah").status_code == 429


def test_many_accounts_from_one_address_lock_that_address(client, world: World, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    names = ["employee", "bkpsdm", "pimpinan", "supervisor", "opd_admin", "hantu"]
    for name in names:  # one failure each: no account reaches its own limit
        _login(client, name, "salah", address="10.1.2.3")
    response = _login(client, "superadmin", PASSWORD, address="10.1.2.3")
    assert response.status_code == 429
    assert "alamat jaringan ini" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The accounts themselves are not locked, and other addresses still log in.
    assert _login(client, "superadmin", PASSWORD, address="10.9.9.9").status_code == 302


def test_address_below_its_limit_is_not_locked(client, world: World, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    for name in ["employee", "bkpsdm", "pimpinan"]:
        _login(client, name, "salah", address="10.1.2.3")
    assert _login(client, "superadmin", PASSWORD, address="10.1.2.3").status_code == 302
