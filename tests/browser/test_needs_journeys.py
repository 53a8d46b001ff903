"""Needs analysis in the browser: the Marelan permit signal raises the licensing priority."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from bangkom.accounts.models import Role
from bangkom.accounts.services import role_assign, user_create
from bangkom.assessments.models import CurrentLevel
from bangkom.competencies.models import Competency
from bangkom.competencies.services import dictionary_load, standard_set
from bangkom.lib.nip import make_nip
from bangkom.organisation.services import EmployeeData, employee_save
from bangkom.regional.services import RuleData, rule_save
from bangkom.regional.tests.helpers import build_medan, monthly_values, split
from bangkom.testing.world import PASSWORD, password_hash
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _cell(page: Page, unit: str, column: int) -> float:
    row = page.get_by_role("row", name=re.compile(unit))
    text = row.locator("td").nth(column).inner_text()
    return float(text.split()[0].replace(",", "."))


def test_marelan_permit_signal_raises_licensing_priority_with_its_evidence(
    live_server, page: Page, settings
) -> None:
    # the recomputation the button queues runs at once on commit, as a quick worker would
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    dictionary_load()
    medan = build_medan()
    m3, m5 = Competency.objects.get(kode="M.3"), Competency.objects.get(kode="M.5")
    serial = 100
    for position in (medan.perizinan_marelan, medan.perizinan_labuhan):
        for competency, level in ((medan.regulasi, 3), (m3, 2), (m5, 2)):
            standard_set(position=position, competency=competency, level=level, acting_user=None)
        for i in range(2):
            serial += 1
            employee = employee_save(
                instansi=medan.instansi,
                data=EmployeeData(
                    nip=make_nip(date(1994, 5, 1 + i), date(2019, 3, 1), "P", serial),
                    nama=f"Staf Perizinan {serial}",
                    position=position,
                    unit=position.unit,
                ),
                acting_user=None,
            )
            for competency in (medan.regulasi, m3, m5):
                CurrentLevel.objects.create(
                    employee=employee, competency=competency, level=1, source="atasan"
                )
    admin = user_create(username="medan.bkpsdm", password=None, acting_user=None)
    admin.password = password_hash()
    admin.save(update_fields=["password"])
    role_assign(user=admin, role=Role.BKPSDM_ADMIN, instansi=medan.instansi, acting_user=None)
    monthly_values(
        medan.indicator,
        wilayah=medan.wilayah_marelan,
        last_month=date(2025, 9, 1),
        previous=split(1480),
        current=split(1812),
    )
    rule = rule_save(
        instansi=medan.instansi,
        data=RuleData(
            nama="Lonjakan izin usaha Marelan",
            indicator=medan.indicator,
            wilayah=medan.wilayah_marelan,
            kondisi="pertumbuhan",
            ambang=Decimal(20),
            competencies=[medan.regulasi, m3, m5],
            position_keyword="perizinan",
            factor=Decimal("1.5"),
        ),
        acting_user=None,
    )

    login(page, live_server.url, "medan.bkpsdm", PASSWORD)
    page.goto(f"{live_server.url}/kebutuhan/?tahun=2026")
    page.get_by_role("button", name="Hitung ulang kebutuhan").click()
    expect(page.get_by_text("dihitung ulang")).to_be_visible()
    column = [h.inner_text() for h in page.locator("table.heatmap thead th").all()].index(
        medan.regulasi.kode
    ) - 1
    before_marelan = _cell(page, "Kecamatan Medan Marelan", column)
    assert before_marelan == _cell(page, "Kecamatan Medan Labuhan", column)

    page.goto(f"{live_server.url}/daerah/aturan/{rule.pk}/")
    page.get_by_label("Tahun rencana").fill("2026")
    page.get_by_role("button", name="Evaluasi sekarang").click()
    expect(page.get_by_text("22,4%").first).to_be_visible()

    page.goto(f"{live_server.url}/kebutuhan/?tahun=2026")
    page.get_by_role("button", name="Hitung ulang kebutuhan").click()
    expect(page.get_by_text("dihitung ulang")).to_be_visible()
    after_marelan = _cell(page, "Kecamatan Medan Marelan", column)
    assert after_marelan == pytest.approx(before_marelan * 1.5)
    assert _cell(page, "Kecamatan Medan Labuhan", column) == before_marelan

    page.get_by_role("row", name=re.compile("Kecamatan Medan Marelan")).locator("td").nth(
        column
    ).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mengapa")
    expect(page.get_by_text("Permohonan izin usaha naik 22,4% (≥ 20%)")).to_be_visible()
    expect(page.get_by_text("1812").first).to_be_visible()


def test_the_overview_follows_a_queued_recomputation_until_it_is_done(
    live_server, page: Page
) -> None:
    """With the database backend and no worker running, the press only queues; the page polls,
    and when the job runs (here called as the worker would) the page reloads with the result."""
    from bangkom.needs.models import EmployeeNeeds, Recomputation
    from bangkom.needs.services import recomputation_execute
    from bangkom.needs.tests.test_views import _prepare
    from bangkom.testing.world import build_world

    world = build_world()
    _prepare(world)
    EmployeeNeeds.objects.all().delete()
    Recomputation.objects.all().delete()

    login(page, live_server.url, "bkpsdm", PASSWORD)
    page.goto(f"{live_server.url}/kebutuhan/?tahun=2026")
    expect(page.get_by_text("Belum pernah dihitung untuk tahun ini.")).to_be_visible()
    page.get_by_role("button", name="Hitung ulang kebutuhan").click()
    expect(page.get_by_text("berjalan di latar belakang")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Menunggu giliran")).to_be_visible()

    page.get_by_role("button", name="Hitung ulang kebutuhan").click()  # a second admin's press
    expect(page.get_by_text("sudah dalam antrean atau sedang berjalan")).to_be_visible()
    assert Recomputation.objects.count() == 1

    recomputation_execute(Recomputation.objects.get().pk)

    # the 2-second poll sees it done and reloads the page: the heatmap replaces the panel
    expect(page.locator("table.heatmap")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Dihitung .*: 4 pegawai, 3 kebutuhan"))).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Menunggu giliran")).to_have_count(0)
