"""E-learning in Debian's Chromium on a phone-sized screen: an ASN enrols in an open course,
reads its modules, marks them done, passes the final quiz and sees the JP on "JP saya"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Dialog, Page, expect

from bangkom.delivery.services.elearning import CourseData, course_save, module_add
from bangkom.delivery.tests.quiz_helpers import make_quiz
from bangkom.planning.services import form_table_ensure
from bangkom.testing.world import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna")).fill(username)
    page.get_by_label(re.compile(r"sandi", re.IGNORECASE)).fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base_url}/")


def test_asn_follows_a_course_to_completion_and_sees_the_jp(live_server, phone_page: Page) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    form_table_ensure(instansi=world.instansi, acting_user=None)
    admin = world.user("bkpsdm")
    quiz, _short, _choice = make_quiz(world)
    course = course_save(
        instansi=world.instansi,
        data=CourseData(
            title="Pelayanan Publik Dasar", jp_units="2", is_published=True, final_quiz=quiz
        ),
        acting_user=admin,
    )
    module_add(
        course=course, kind="text", title="Pengantar", body="Asas pelayanan.", acting_user=admin
    )
    module_add(
        course=course,
        kind="video",
        title="Video standar pelayanan",
        video_url="https://www.youtube.com/watch?v=uji",
        acting_user=admin,
    )

    page = phone_page
    page.on("dialog", lambda dialog: Dialog.accept(dialog))
    base = live_server.url
    log_in(page, base, "employee")
    page.goto(f"{base}/pelaksanaan/elearning/")
    page.get_by_role("link", name="Pelayanan Publik Dasar").click()
    page.get_by_role("button", name="Ikuti kursus").click()
    expect(page.get_by_test_id("progress")).to_contain_text("0%")

    page.get_by_role("link", name="Pengantar").click()
    expect(page.get_by_text("Asas pelayanan.")).to_be_visible()
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_role("heading", name="Video standar pelayanan")).to_be_visible()
    expect(page.get_by_role("link", name="Tonton video")).to_have_attribute(
        "href", "https://www.youtube.com/watch?v=uji"
    )
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_test_id("progress")).to_contain_text("2 dari 2 modul")

    page.get_by_role("button", name="Kerjakan kuis").click()
    page.get_by_role("button", name="Mulai kuis").click()
    page.get_by_label("Jawaban").fill("  kota KUPANG ")
    page.get_by_label("Benar").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_text("JP masuk").first).to_be_visible()
    expect(page.get_by_test_id("progress")).to_contain_text("100%")

    page.get_by_role("link", name="Lihat JP saya").click()
    page.wait_for_url(f"{base}/pelaksanaan/jp/saya/")
    row = page.get_by_role("row").filter(has_text="E-learning: Pelayanan Publik Dasar")
    expect(row).to_contain_text("2")
    # Nothing spills sideways on the phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
