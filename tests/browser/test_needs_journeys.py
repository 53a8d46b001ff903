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
    live_server, page: Page
) -> None:
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
