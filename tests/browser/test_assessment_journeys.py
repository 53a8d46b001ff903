"""Assessment journeys in Debian's Chromium: an ASN self-assesses on a phone and sees their
gaps; a supervisor fills the grid from the keyboard and sees the saved levels."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bangkom.assessments.models import Assessment, AssessmentSource, CurrentLevel
from bangkom.assessments.services import RatingInput, round_create, self_assessment_submit
from bangkom.competencies.models import Competency
from bangkom.competencies.services import standard_set
from bangkom.testing.world import PASSWORD, World, build_world
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _open_round(world: World) -> None:
    today = timezone.localdate()
    round_create(
        instansi=world.instansi,
        tahun=today.year,
        nama=f"Penilaian Kompetensi {today.year}",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
        acting_user=world.user("bkpsdm"),
    )


def _competency(kode: str) -> Competency:
    return Competency.objects.get(kode=kode, instansi__isnull=True)


def test_asn_self_assesses_on_a_phone_and_sees_the_gaps(live_server, phone_page: Page) -> None:
    world = build_world()
    _open_round(world)
    # the nurse position asks for communication at level 3
    standard_set(position=world.perawat, competency=_competency("M.3"), level=3, acting_user=None)
    login(phone_page, live_server.url, "employee", PASSWORD)
    phone_page.goto(f"{live_server.url}/penilaian/mandiri/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Penilaian mandiri")

    m3 = phone_page.locator(
        "article.rate-card", has=phone_page.get_by_role("heading", name="M.3 Komunikasi")
    )
    expect(m3).to_contain_text("Level dipersyaratkan jabatan Anda: 3")
    level_3 = m3.locator("label.level-choice", has_text="Level 3")
    expect(level_3).to_contain_text("dipersyaratkan")
    # the official level description is on the choice itself
    description = _competency("M.3").levels.get(level=1).deskripsi
    expect(m3.locator("label.level-choice", has_text="Level 1")).to_contain_text(description[:40])
    # choices are large enough for a thumb
    box = level_3.bounding_box()
    assert box is not None and box["height"] >= 44

    m3.locator("label.level-choice", has_text="Level 1").click()
    expect(m3.get_by_role("radio").first).to_be_checked()
    m3.get_by_label("Catatan atau bukti (opsional)").fill("Belum pernah memimpin penyuluhan")
    m1 = phone_page.locator(
        "article.rate-card", has=phone_page.get_by_role("heading", name="M.1 Integritas")
    )
    m1.locator("label.level-choice", has_text="Level 2").click()

    # one card per competency and nothing wider than the screen
    assert phone_page.locator("article.rate-card").count() == world.perawat.standards.count()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1

    phone_page.get_by_role("button", name="Simpan penilaian").click()
    phone_page.wait_for_url(f"{live_server.url}/penilaian/")
    expect(phone_page.get_by_text("Penilaian mandiri disimpan: 2 kompetensi.")).to_be_visible()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Penilaian saya")
    expect(phone_page.get_by_text("1 kompetensi di bawah standar jabatan.")).to_be_visible()
    row = phone_page.locator("#current-levels tr", has_text="M.3 Komunikasi")
    expect(row).to_contain_text("3")  # required
    expect(row).to_contain_text("Penilaian mandiri")  # source of the current level
    expect(row.locator(".gap-positive")).to_have_text("2")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1

    # changing one's mind adds a row; the earlier one stays in the history
    phone_page.get_by_role("button", name="Isi penilaian mandiri").click()
    m3 = phone_page.locator(
        "article.rate-card", has=phone_page.get_by_role("heading", name="M.3 Komunikasi")
    )
    expect(m3).to_contain_text("terakhir Anda pilih: level 1")
    m3.locator("label.level-choice", has_text="Level 2").click()
    phone_page.get_by_role("button", name="Simpan penilaian").click()
    phone_page.wait_for_url(f"{live_server.url}/penilaian/")
    expect(
        phone_page.locator("#current-levels tr", has_text="M.3 Komunikasi").locator(".gap-positive")
    ).to_have_text("1")
    levels = Assessment.objects.filter(employee=world.employee, competency=_competency("M.3"))
    assert sorted(levels.values_list("level", flat=True)) == [1, 2]


@pytest.mark.parametrize("with_htmx", [True, False], ids=["htmx", "without-htmx"])
def test_supervisor_fills_the_grid_from_the_keyboard(
    live_server, page: Page, with_htmx: bool
) -> None:
    world = build_world()
    _open_round(world)
    from bangkom.assessments.models import AssessmentRound

    self_assessment_submit(
        assessment_round=AssessmentRound.objects.get(),
        employee=world.employee,
        ratings=[RatingInput(world.employee, _competency("M.1"), 4)],
        acting_user=world.user("employee"),
    )
    if not with_htmx:  # as when the script fails to load: the grid's own fetch saves the row
        page.route(re.compile(r".*/static/vendor/htmx/.*"), lambda route: route.abort())
    login(page, live_server.url, "supervisor", PASSWORD)
    page.goto(f"{live_server.url}/penilaian/atasan/")
    assert page.evaluate("typeof window.htmx !== 'undefined'") is with_htmx
    expect(page.get_by_role("heading", level=1)).to_have_text("Penilaian atasan")
    columns = world.perawat.standards.count()
    cells = page.locator("input.grid-cell")
    expect(cells).to_have_count(2 * columns)

    # rows are ordered by name: Dewi Lestari, then Yohanes Benu
    dewi = page.locator("tr.grid-row", has_text="Dewi Lestari")
    yohanes = page.locator("tr.grid-row", has_text="Yohanes Benu")
    # the subordinate's self-rating is shown next to the cell
    expect(yohanes.locator("td", has=page.get_by_label("M.1 Yohanes Benu"))).to_contain_text(
        "mandiri 4"
    )

    dewi_levels = "321432143"[:columns]
    yohanes_levels = "234523452"[:columns]
    dewi.get_by_label("M.1 Dewi Lestari").click()
    page.keyboard.type(dewi_levels)  # each digit fills a cell and moves on
    # the cursor went on to the first cell of the next row
    expect(page.get_by_label("M.1 Yohanes Benu")).to_be_focused()
    page.keyboard.type("7")  # not a level: ignored
    expect(page.get_by_label("M.1 Yohanes Benu")).to_have_value("")
    page.keyboard.type(yohanes_levels)
    expect(dewi.locator("input.grid-cell").first).to_have_value(dewi_levels[0])
    expect(yohanes.locator("input.grid-cell").last).to_have_value(yohanes_levels[-1])

    # save Dewi's row alone (HTMX): the row comes back saved
    dewi.get_by_role("button", name="Simpan baris Dewi Lestari").click()
    expect(page.locator("tr.grid-row", has_text="Dewi Lestari")).to_contain_text(
        f"Tersimpan: {columns} nilai."
    )
    # then the whole grid
    page.get_by_role("button", name="Simpan semua").click()
    expect(
        page.get_by_text(f"Penilaian atasan disimpan: {columns} nilai untuk 1 pegawai.")
    ).to_be_visible()
    for index, level in enumerate(yohanes_levels):
        expect(
            page.locator("tr.grid-row", has_text="Yohanes Benu")
            .locator("input.grid-cell")
            .nth(index)
        ).to_have_value(level)
    for index, level in enumerate(dewi_levels):
        expect(
            page.locator("tr.grid-row", has_text="Dewi Lestari")
            .locator("input.grid-cell")
            .nth(index)
        ).to_have_value(level)
    expect(page.locator("tr.grid-row", has_text="Yohanes Benu")).to_contain_text(
        f"{columns}/{columns} dinilai"
    )

    m1 = CurrentLevel.objects.get(employee=world.employee, competency=_competency("M.1"))
    assert (m1.level, m1.source) == (int(yohanes_levels[0]), AssessmentSource.SUPERVISOR)
    assert Assessment.objects.filter(source=AssessmentSource.SUPERVISOR).count() == 2 * columns

    # the levels are on the subordinate's page too
    page.get_by_role("link", name="Yohanes Benu").click()
    row = page.locator("#current-levels tr", has_text=re.compile(r"M\.1 Integritas"))
    expect(row).to_contain_text("Penilaian atasan")
