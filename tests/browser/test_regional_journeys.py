"""Regional needs in Debian's Chromium: a citizen answers the SKM survey on a phone, and a
BKPSDM admin approves a public input in the moderation queue."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from bangkom.factors.models import WeightFactor
from bangkom.regional.models import (
    InputStatus,
    PublicInput,
    RegionalSettings,
    SkmResponse,
    SkmUnitSettings,
)
from bangkom.regional.services.guard import NUMBER_WORDS
from bangkom.testing.world import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Page, base_url: str, username: str) -> None:
    """Through the login page. The shared ``login`` helper looks for the label "Kata sandi",
    which Django 5.2's Indonesian catalogue now calls "Sandi"; match either."""
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna")).fill(username)
    page.get_by_label(re.compile(r"sandi", re.IGNORECASE)).fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base_url}/")


def answer_challenge(page: Page) -> None:
    """Read the sum as a person does and type the result."""
    question = page.locator(".challenge strong").inner_text()
    words = re.findall(r"[a-z]+", question.lower())
    numbers = [NUMBER_WORDS.index(word) for word in words if word in NUMBER_WORDS]
    assert len(numbers) == 2, question
    page.get_by_label("Pertanyaan pengaman").fill(str(sum(numbers)))


def test_citizen_fills_the_skm_survey_on_a_phone(live_server, phone_page: Page, settings) -> None:
    # a person takes longer than the minimum fill time; the test need not wait for it
    settings.REGIONAL_PUBLIC_MIN_SECONDS = 0
    world = build_world()
    SkmUnitSettings.objects.create(
        unit=world.puskesmas, is_open=True, jenis_layanan="Poli umum\nImunisasi"
    )
    page = phone_page
    page.goto(f"{live_server.url}/daerah/publik/skm/{world.puskesmas.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Survei Kepuasan Masyarakat")
    page.get_by_label("Jenis layanan yang diterima").fill("Imunisasi")
    page.get_by_label("Umur (tahun)").fill("29")
    page.get_by_label("Perempuan").check()
    page.get_by_label("Pendidikan terakhir").select_option(label="SMA/sederajat")
    page.get_by_role("combobox", name=re.compile("^Pekerjaan")).select_option(label="Wirausaha")
    answers = {
        "U1": "Sesuai",
        "U2": "Mudah",
        "U3": "Kurang cepat",
        "U4": "Gratis",
        "U5": "Sesuai",
        "U6": "Kompeten",
        "U7": "Sangat sopan dan ramah",
        "U8": "Baik",
        "U9": "Berfungsi kurang maksimal",
    }
    for code, label in answers.items():
        page.locator(f"#q-{code}").get_by_label(label, exact=True).check()
    answer_challenge(page)
    # nothing wider than the screen: the survey does not scroll sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terima kasih")
    expect(page.get_by_role("status")).to_contain_text("Puskesmas Alak")
    response = SkmResponse.objects.get()
    assert response.scores == (3, 3, 2, 4, 3, 3, 4, 3, 3)
    assert (response.umur, response.jenis_kelamin, response.jenis_layanan) == (29, "P", "Imunisasi")


def test_survey_shows_what_to_fix_and_keeps_the_answers(
    live_server, phone_page: Page, settings
) -> None:
    settings.REGIONAL_PUBLIC_MIN_SECONDS = 0
    world = build_world()
    SkmUnitSettings.objects.create(unit=world.puskesmas, is_open=True)
    page = phone_page
    page.goto(f"{live_server.url}/daerah/publik/skm/{world.puskesmas.pk}/")
    page.locator("#q-U1").get_by_label("Sangat sesuai").check()
    page.get_by_label("Pertanyaan pengaman").fill("0")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.locator("#q-U2 .errorlist")).to_contain_text("Pilih salah satu jawaban")
    expect(page.locator("#q-U1").get_by_label("Sangat sesuai")).to_be_checked()
    assert not SkmResponse.objects.exists()


def test_bkpsdm_admin_approves_a_public_input(live_server, page: Page, settings) -> None:
    settings.REGIONAL_PUBLIC_MIN_SECONDS = 0
    world = build_world()
    RegionalSettings.objects.create(instansi=world.instansi, public_input_open=True)
    # an academic sends input through the public form
    page.goto(f"{live_server.url}/daerah/publik/53.71/masukan/")
    page.get_by_label("Akademisi / perguruan tinggi").check()
    page.get_by_label("Topik").fill("Layanan perizinan daring")
    page.get_by_label("Masukan Anda").fill(
        "Petugas perizinan di kecamatan perlu menguasai sistem OSS agar pelaku usaha tidak "
        "bolak-balik ke kantor."
    )
    page.get_by_label("Email (boleh dikosongkan)").fill("dosen@undana.ac.id")
    answer_challenge(page)
    page.get_by_role("button", name="Kirim masukan").click()
    expect(page.get_by_role("status")).to_contain_text("akan dibaca moderator")
    assert PublicInput.objects.get().status == InputStatus.PENDING

    page.context.clear_cookies()
    log_in(page, live_server.url, "bkpsdm")
    page.goto(f"{live_server.url}/daerah/masukan/?instansi={world.instansi.pk}")
    page.get_by_role("link", name="Layanan perizinan daring").click()
    expect(page.get_by_text("dosen@undana.ac.id")).to_be_visible()  # moderators see contacts
    page.get_by_label("Tahun rencana").fill("2026")
    page.get_by_label("M.5 Pelayanan Publik").check()
    page.get_by_role("listbox", name=re.compile("^Unit")).select_option(label="Kecamatan Alak")
    page.get_by_label("Kata kunci nama jabatan").fill("perizinan")
    page.get_by_label("Faktor bobot").fill("1,5")
    page.get_by_role("button", name="Setujui masukan").click()
    expect(page.get_by_text("disetujui dan menjadi faktor kebutuhan")).to_be_visible()
    factor = WeightFactor.objects.get()
    assert (factor.tahun, factor.competency.kode, factor.unit) == (2026, "M.5", world.kecamatan)
    assert factor.evidence["masukan"].startswith("Petugas perizinan di kecamatan")
    page.get_by_role("link", name=re.compile("Disetujui")).click()
    expect(page.get_by_role("link", name="Layanan perizinan daring")).to_be_visible()
