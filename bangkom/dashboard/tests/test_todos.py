"""The home page's "Yang menunggu Anda": each role's own items, counted through the apps' access
helpers, overdue ones first, and a page that costs the same queries whatever the data's size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bangkom.assessments.services import RatingInput, round_create, self_assessment_submit
from bangkom.competencies.models import Competency, PositionStandard
from bangkom.competencies.services import standard_set
from bangkom.core.todos import Todo, ordered
from bangkom.dashboard.todos import todos_for
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db

# The services check dates against the real today, so the round is drawn around it.
TODAY = timezone.localdate()


def texts(world: World, persona: str, today: dt.date = TODAY) -> list[str]:
    return [t.text for t in todos_for(world.user(persona), today)]


def test_overdue_items_come_first_then_by_date() -> None:
    later = Todo("b", "/b", due=dt.date(2026, 6, 1))
    undated = Todo("c", "/c")
    late = Todo("a", "/a", overdue=True, due=dt.date(2026, 4, 1))
    sooner = Todo("d", "/d", due=dt.date(2026, 5, 10))
    assert ordered([later, undated, late, sooner]) == [late, sooner, later, undated]


def test_the_asn_is_asked_for_the_self_assessment_and_the_supervisor_for_ratings(
    world: World,
) -> None:
    standard_set(
        position=world.perawat,
        competency=Competency.objects.get(kode="M.1"),
        level=3,
        acting_user=None,
    )
    required = PositionStandard.objects.filter(position=world.perawat).count()
    assessment_round = round_create(
        instansi=world.instansi,
        tahun=TODAY.year,
        nama="Penilaian tahunan",
        opens_on=TODAY - dt.timedelta(days=10),
        closes_on=TODAY + dt.timedelta(days=20),
        acting_user=world.user("bkpsdm"),
    )
    assert f"Penilaian diri: 0 dari {required} kompetensi" in texts(world, "employee")
    self_assessment_submit(
        assessment_round=assessment_round,
        employee=world.employee,
        ratings=[RatingInput(world.employee, Competency.objects.get(kode="M.1"), 2)],
        acting_user=world.user("employee"),
    )
    assert f"Penilaian diri: 1 dari {required} kompetensi" in texts(world, "employee")
    supervisor = texts(world, "supervisor")
    assert any("bawahan belum Anda nilai pada Penilaian tahunan" in t for t in supervisor)
    assert not any("bawahan belum" in t for t in texts(world, "employee"))
    # After the closing date the item is still there, marked overdue and listed first.
    late = todos_for(world.user("employee"), assessment_round.closes_on + dt.timedelta(days=1))
    assert late[0].text == f"Penilaian diri: 1 dari {required} kompetensi" and late[0].overdue


def test_the_bkpsdm_sees_the_cycle_stage_of_its_planning_year(world: World) -> None:
    items = texts(world, "bkpsdm")
    year = TODAY.year
    assert f"Kebutuhan {year} {world.instansi.nama} belum dihitung" in items
    assert f"Belum ada rencana pengembangan {year} {world.instansi.nama} yang disetujui" in items
    # Another instansi's admin work is not listed, nor shown to those who are not its admins.
    assert not any(world.other_instansi.nama in t for t in items)
    for persona in ("employee", "supervisor", "pimpinan", "partner", "opd_admin"):
        assert not any("belum dihitung" in t for t in texts(world, persona)), persona


def test_a_user_with_nothing_waiting_is_told_so(client: Client, world: World) -> None:
    client.force_login(world.user("partner"))
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Tidak ada yang menunggu Anda saat ini." in page


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("bkpsdm", True), ("opd_admin", True), ("employee", False), ("partner", False)],
)
def test_api_entries_are_in_the_menu_of_those_who_use_the_api(
    client: Client, world: World, persona: str, shown: bool
) -> None:
    client.force_login(world.user(persona))
    page = client.get(reverse("dashboard:home")).content.decode()
    assert ("Dokumentasi API" in page) is shown
    if not shown:
        client.post(reverse("accounts:tokens"), {"name": "aplikasi saya"})
        assert "Dokumentasi API" in client.get(reverse("dashboard:home")).content.decode()
