"""Error pages in Indonesian with the product's layout (DEBUG off, as in production): a missing
or another instansi's page (404), a page the role may not open (403), and a server error (500)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from bangkom.testing.world import World


@pytest.fixture(autouse=True)
def production(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False


def test_an_unknown_address_is_a_404_page_in_indonesian(client) -> None:
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Halaman tidak ditemukan" in page and "Kembali ke beranda" in page
    assert 'name="viewport"' in page  # the product's layout, usable on a phone


def test_another_instansis_employee_is_the_same_404_page(client, world: World) -> None:
    client.force_login(world.user("bkpsdm"))
    url = reverse("organisation:employee_detail", args=[world.other_employee.pk])
    response = client.get(url)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
    assert world.other_employee.nama not in response.content.decode()


def test_a_page_the_role_may_not_open_is_a_403_page(client, world: World) -> None:
    client.force_login(world.user("employee"))
    response = client.get(reverse("dashboard:audit_log"))
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_a_server_error_page_needs_no_request_context() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()
