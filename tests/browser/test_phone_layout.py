"""Every main page fits a phone: at 390 px wide the page itself never scrolls sideways.

A wide table may scroll inside its own ``.table-wrap``; what a person on a phone must not meet is
a body wider than the screen, where the page slides left and right under the thumb.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from bangkom.competencies.models import Competency, CompetencyKind
from bangkom.regional.models import SkmUnitSettings
from bangkom.surveys.services import SurveyData, survey_create, survey_publish
from bangkom.testing.world import PASSWORD, World, build_world

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390


def _survey_with_long_competency_names(world: World) -> int:
    """The survey template links its items to T.1; a long name there once pushed the page wide."""
    Competency.objects.create(
        instansi=world.instansi,
        kode="T.1",
        nama="Penggunaan Aplikasi E-Government dan Tata Kelola Sistem Pemerintahan Berbasis "
        "Elektronik Terintegrasi",
        jenis=CompetencyKind.TEKNIS,
    )
    today = timezone.localdate()
    survey = survey_create(
        instansi=world.instansi,
        data=SurveyData(
            judul="Survei Kebutuhan Pelatihan ASN 2027",
            tahun=2027,
            opens_on=today,
            closes_on=today + datetime.timedelta(days=14),
        ),
        use_template=True,
        acting_user=world.user("bkpsdm"),
    )
    return survey_publish(survey=survey, acting_user=world.user("bkpsdm")).pk


def _overflow(page: Page, url: str) -> tuple[str, int] | None:
    """Open the page with every folded section unfolded; the page's width if it is too wide."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    page.evaluate("document.querySelectorAll('main details').forEach(d => { d.open = true; })")
    width = page.evaluate("document.documentElement.scrollWidth")
    return (url, width) if width > PHONE_WIDTH else None


def test_no_page_scrolls_sideways_on_a_phone(live_server, phone_page: Page) -> None:
    world = build_world()
    survey_pk = _survey_with_long_competency_names(world)
    SkmUnitSettings.objects.create(unit=world.puskesmas, is_open=True, jenis_layanan="Poli umum")
    base = live_server.url
    admin_pages = [
        reverse("dashboard:home"),
        reverse("organisation:unit_list"),
        reverse("organisation:unit_detail", args=[world.puskesmas.pk]),
        reverse("organisation:position_list"),
        reverse("organisation:position_detail", args=[world.perawat.pk]),
        reverse("organisation:employee_list"),
        reverse("organisation:employee_detail", args=[world.employee.pk]),
        reverse("organisation:import_employees"),
        reverse("competencies:list"),
        reverse("needs:overview"),
        reverse("planning:plan_list"),
        reverse("planning:catalogue"),
        reverse("planning:plan_create"),
        reverse("assessments:round_list"),
        reverse("assessments:calibration"),
        reverse("assessments:import_skp"),
        reverse("assessments:import_ac"),
        reverse("surveys:list"),
        reverse("surveys:detail", args=[survey_pk]),
        reverse("surveys:results", args=[survey_pk]),
        reverse("regional:indicator_list"),
        reverse("regional:indicator_import"),
        reverse("regional:priority_list"),
        reverse("regional:skm_results"),
        reverse("regional:settings"),
        reverse("dashboard:audit_log"),
        reverse("accounts:tokens"),
    ]
    employee_pages = [
        reverse("dashboard:home"),
        reverse("assessments:my_assessments"),
        reverse("assessments:self_assessment"),
        reverse("surveys:my_surveys"),
        reverse("planning:my_plan"),
    ]
    public_pages = [
        reverse("accounts:login"),
        reverse("regional:public_skm", args=[world.puskesmas.pk]),
    ]
    page = phone_page
    too_wide = [_overflow(page, base + url) for url in public_pages]
    login(page, base, world.user("bkpsdm").username, PASSWORD)
    too_wide += [_overflow(page, base + url) for url in admin_pages]
    page.context.clear_cookies()
    login(page, base, world.user("employee").username, PASSWORD)
    too_wide += [_overflow(page, base + url) for url in employee_pages]

    assert [entry for entry in too_wide if entry] == []
