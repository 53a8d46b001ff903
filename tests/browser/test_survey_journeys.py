"""Main journeys of the training-needs survey, in Debian's Chromium."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bangkom.competencies.models import Competency, CompetencyKind
from bangkom.lib.nip import make_nip
from bangkom.organisation.services import EmployeeData, employee_save
from bangkom.surveys.models import Survey, SurveyResponse
from bangkom.surveys.services import SurveyData, survey_create, survey_publish
from bangkom.surveys.tests.conftest import EGOV, submit
from bangkom.testing.world import PASSWORD, World, build_world

pytestmark = pytest.mark.django_db(transaction=True)


def login(page: Page, base_url: str, username: str, password: str) -> None:
    """Like ``tests.browser.conftest.login``, which waits for a field labelled "Kata sandi"
    while Django's Indonesian catalogue labels the login form's password field "Sandi"."""
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label("Nama pengguna atau NIP").fill(username)
    page.get_by_label(re.compile(r"^(Kata s|S)andi")).fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base_url}/")


def _published_survey(world: World) -> Survey:
    Competency.objects.create(
        instansi=world.instansi,
        kode="T.1",
        nama="Penggunaan Aplikasi E-Government",
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
    return survey_publish(survey=survey, acting_user=world.user("bkpsdm"))


def test_asn_answers_the_e_government_confidence_survey_on_a_phone(
    live_server, phone_page: Page
) -> None:
    world = build_world()
    survey = _published_survey(world)
    page = phone_page
    login(page, live_server.url, "employee", PASSWORD)
    page.goto(f"{live_server.url}/survei/saya/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Survei saya")
    page.get_by_role("button", name="Isi survei").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.judul)

    # every task but the e-government one, then send: the page names what is missing
    tasks = page.locator("fieldset.task")
    for index in range(tasks.count()):
        task = tasks.nth(index)
        if EGOV not in task.locator("legend").inner_text():
            task.get_by_label("3 · percaya diri").check()
    page.get_by_label("Penggunaan aplikasi e-government", exact=True).check()
    page.get_by_label("E-learning", exact=True).check()
    page.get_by_label("Daring, malam hari", exact=True).check()
    page.get_by_role("textbox").fill("Pelatihan SRIKANDI di puskesmas")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_text("Jawaban belum terkirim")).to_be_visible()
    expect(
        page.get_by_text(re.compile("belum dinilai: Menggunakan aplikasi e-government"))
    ).to_be_visible()
    # what the ASN typed and ticked is still there
    expect(page.get_by_label("E-learning", exact=True)).to_be_checked()
    expect(page.get_by_role("textbox")).to_have_value("Pelatihan SRIKANDI di puskesmas")
    assert not SurveyResponse.objects.exists()

    egov = page.get_by_role("group", name=EGOV)
    egov.get_by_label("1 · tidak percaya diri").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_text("Terima kasih, jawaban Anda sudah tersimpan.")).to_be_visible()
    expect(page.get_by_text(f"{EGOV}: 1")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, "the answer page must not scroll sideways on a phone"
    response = SurveyResponse.objects.get(survey=survey)
    assert response.employee == world.employee
    assert response.answers.get(item__label=EGOV).value == 1

    page.goto(f"{live_server.url}/survei/saya/")
    expect(page.get_by_text(re.compile("Sudah Anda isi pada"))).to_be_visible()


def test_bkpsdm_admin_sees_the_kecamatans_low_confidence_and_weighs_it(
    live_server, page: Page
) -> None:
    world = build_world()
    survey = _published_survey(world)
    staff = [world.kecamatan_staff]
    for serial in (501, 502):
        staff.append(
            employee_save(
                instansi=world.instansi,
                data=EmployeeData(
                    nip=make_nip(datetime.date(1995, 5, 5), datetime.date(2020, 1, 1), "L", serial),
                    nama=f"Staf Kecamatan {serial}",
                    unit=world.kecamatan,
                    position=world.staf_kecamatan,
                ),
                acting_user=None,
            )
        )
    for employee, value in zip(staff, (1, 2, 2), strict=True):
        submit(survey, employee, confidence={EGOV: value})
    for employee in (world.employee, world.colleague, world.supervisor):
        submit(survey, employee, confidence=4)

    login(page, live_server.url, "bkpsdm", PASSWORD)
    page.goto(f"{live_server.url}/survei/")
    page.get_by_role("row", name=re.compile(survey.judul)).get_by_role("link", name="Hasil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hasil survei")
    table = page.locator("section.question").filter(
        has=page.get_by_role("heading", name="Seberapa percaya diri Anda melakukan tugas berikut?")
    )
    row = table.get_by_role("row", name=re.compile("^Kecamatan Alak"))
    expect(row).to_contain_text("1,67")
    expect(row).to_contain_text("(n=3)")
    expect(row).to_contain_text("rendah")
    expect(table.get_by_role("row", name=re.compile("^Dinas Kesehatan"))).to_contain_text("4,00")

    page.get_by_role("button", name="Hitung ulang faktor bobot").click()
    # T.1 for the kecamatan's low confidence, and M.4 in both OPD: every respondent ticked
    # the "Manajemen waktu" topic, above the 50% topic threshold
    expect(page.get_by_text(re.compile(r"dihitung ulang: 3 faktor"))).to_be_visible()
    factor_row = page.get_by_role("row", name=re.compile("T.1 Penggunaan Aplikasi E-Government"))
    expect(factor_row).to_contain_text("Kecamatan Alak")
    expect(factor_row).to_contain_text("×1,40")
    expect(factor_row).to_contain_text("rerata 1,67 dari 4; 3 responden")
