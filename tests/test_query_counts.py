"""A page's query count does not grow with its data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bangkom.lib.nip import make_nip
from bangkom.organisation.services import EmployeeData, employee_save
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def _add_employees(world: World, count: int, start: int) -> None:
    from datetime import date

    for i in range(count):
        employee_save(
            instansi=world.instansi,
            data=EmployeeData(
                nip=make_nip(date(1990, 1, 1 + i % 28), date(2015, 3, 1), "P", start + i),
                nama=f"Pegawai {start + i}",
                unit=world.puskesmas,
                position=world.perawat,
                supervisor=world.supervisor,
            ),
            acting_user=None,
        )


@pytest.mark.parametrize(
    "url_name",
    [
        "organisation:employee_list",
        "organisation:unit_list",
        "organisation:position_list",
        "dashboard:home",
    ],
)
def test_list_queries_constant(client, world: World, url_name: str) -> None:
    client.force_login(world.user("bkpsdm"))
    url = reverse(url_name)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _add_employees(world, 20, 100)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_profile_queries_constant(client, world: World) -> None:
    client.force_login(world.user("supervisor"))
    url = reverse("organisation:employee_detail", args=[world.supervisor.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _add_employees(world, 15, 300)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
