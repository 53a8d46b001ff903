"""Limit/offset pages, and a query count that does not grow with the page."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bangkom.api.tests.conftest import LEVELS, call
from bangkom.competencies.models import Competency
from bangkom.competencies.services import duty_save, technical_competency_save
from bangkom.lib.nip import make_nip
from bangkom.organisation.models import Employee, EmployeeKind, PositionClass, UnitKind
from bangkom.organisation.services import EmployeeData, employee_save, position_save, unit_create
from bangkom.testing.world import World


def populate(world: World, count: int) -> None:
    """``count`` employees, each in their own unit and position and with their own supervisor,
    so that a missing ``select_related`` costs one query per row."""
    boss = world.supervisor
    for number in range(count):
        unit = unit_create(
            instansi=world.instansi,
            nama=f"Seksi {number:03d}",
            jenis=UnitKind.SEKSI,
            parent=world.dinkes,
            acting_user=None,
        )
        position = position_save(
            instansi=world.instansi,
            unit=unit,
            nama=f"Pelaksana {number:03d}",
            kelas=PositionClass.PELAKSANA,
            acting_user=None,
        )
        nip = make_nip(date(1990, 1, 1) + timedelta(days=number), date(2015, 3, 1), "P", 1)
        boss = employee_save(
            instansi=world.instansi,
            data=EmployeeData(
                nip=nip,
                nama=f"Pegawai {number:03d}",
                jenis=EmployeeKind.PNS,
                unit=unit,
                position=position,
                supervisor=boss,
                golongan="II/c",
            ),
            acting_user=None,
        )
    for number in range(count):
        technical_competency_save(
            instansi=world.instansi,
            kode=f"T.{100 + number}",
            nama=f"Teknis {number}",
            sektor="",
            uraian="",
            levels=LEVELS,
            acting_user=None,
        )


@pytest.fixture
def bkpsdm_client(world: World) -> Client:
    client = Client()
    client.force_login(world.user("bkpsdm"))
    return client


def _queries(client: Client, path: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as context:
        response = call(client, "get", path)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), response.json()


@pytest.mark.parametrize("resource", ["employees", "units", "positions", "competencies"])
def test_query_count_does_not_grow_with_the_page(
    world: World, bkpsdm_client: Client, django_assert_max_num_queries: Any, resource: str
) -> None:
    populate(world, 50)
    _queries(bkpsdm_client, f"/{resource}?limit=1")  # warm the session and the caches
    small, page = _queries(bkpsdm_client, f"/{resource}?limit=5")
    assert len(page["items"]) == 5

    with django_assert_max_num_queries(small):
        response = call(bkpsdm_client, "get", f"/{resource}?limit=50")
    assert len(response.json()["items"]) == 50


def test_position_detail_query_count_does_not_grow_with_its_duties(
    world: World, bkpsdm_client: Client, django_assert_max_num_queries: Any
) -> None:
    competencies = list(Competency.objects.filter(instansi__isnull=True)[:3])
    for position, count in ((world.kepala_puskesmas, 5), (world.perawat, 50)):
        for number in range(count):
            duty_save(
                position=position,
                uraian=f"Tugas {number}",
                competencies=[(competencies[number % 3], 1 + number % 5)],
                acting_user=None,
            )
    call(bkpsdm_client, "get", f"/positions/{world.kepala_puskesmas.pk}")
    small, detail = _queries(bkpsdm_client, f"/positions/{world.kepala_puskesmas.pk}")
    assert len(detail["duties"]) == 5

    with django_assert_max_num_queries(small):
        response = call(bkpsdm_client, "get", f"/positions/{world.perawat.pk}")
    assert len(response.json()["duties"]) == 50


def test_default_page_is_50_with_the_total_count(world: World, bkpsdm_client: Client) -> None:
    populate(world, 60)
    page = call(bkpsdm_client, "get", "/employees").json()
    assert page["count"] == Employee.objects.filter(instansi=world.instansi).count() == 64
    assert len(page["items"]) == 50


def test_pages_cover_the_list_once_in_a_stable_order(world: World, bkpsdm_client: Client) -> None:
    populate(world, 12)
    everything = [item["id"] for item in call(bkpsdm_client, "get", "/employees").json()["items"]]
    paged: list[int] = []
    for offset in range(0, 20, 7):
        page = call(bkpsdm_client, "get", f"/employees?limit=7&offset={offset}").json()
        assert page["count"] == 16
        paged += [item["id"] for item in page["items"]]
    assert paged == everything
    names = [item["nama"] for item in call(bkpsdm_client, "get", "/employees").json()["items"]]
    assert names == sorted(names)


def test_offset_past_the_end_is_an_empty_page(world: World, bkpsdm_client: Client) -> None:
    page = call(bkpsdm_client, "get", "/employees?offset=1000").json()
    assert page == {"items": [], "count": 4}


def test_limit_500_is_allowed(world: World, bkpsdm_client: Client) -> None:
    assert call(bkpsdm_client, "get", "/employees?limit=500").status_code == 200


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=501", "limit"), ("limit=0", "limit"), ("offset=-1", "offset"), ("limit=x", "limit")],
)
def test_out_of_range_paging_is_422(
    world: World, bkpsdm_client: Client, query: str, field: str
) -> None:
    response = call(bkpsdm_client, "get", f"/employees?{query}")
    assert response.status_code == 422
    assert field in response.json()["errors"]
