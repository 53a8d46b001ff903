"""The annual plan in Debian's Chromium: a Pontianak-like BKPSDM planner builds the year's
plan from the catalogue, runs the optimiser, reads why an ASN was chosen, pins another ASN,
runs again and downloads the PDF."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bangkom.competencies.models import Competency
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.needs.models import EmployeeNeeds
from bangkom.organisation.models import Employee
from bangkom.planning.models import DevelopmentForm, PlanRun, RunStatus
from bangkom.planning.services import TemplateData, form_table_ensure, template_save
from bangkom.testing.world import PASSWORD, World, build_world

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 2026


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna")).fill(username)
    page.get_by_label(re.compile(r"sandi", re.IGNORECASE)).fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base_url}/")


def needs(
    world: World, employee: Employee, kode: str, gap: int, weight: str, factors: list[int]
) -> None:
    competency = Competency.objects.get(kode=kode, instansi__isnull=True)
    line: dict[str, Any] = {
        "c": competency.pk,
        "r": 3,
        "l": 3 - gap,
        "s": "uji",
        "g": gap,
        "w": weight,
        "sc": weight,
    }
    if factors:
        line["f"] = factors
    EmployeeNeeds.objects.create(
        instansi=world.instansi,
        tahun=YEAR,
        employee=employee,
        unit=employee.unit,
        gap_count=1,
        total_gap=gap,
        total_score=Decimal(weight),
        lines_json=[line],
    )


def catalogue(world: World) -> None:
    form_table_ensure(instansi=world.instansi, acting_user=None)
    workshop = DevelopmentForm.objects.get(instansi=world.instansi, kode="workshop")
    elearning = DevelopmentForm.objects.get(instansi=world.instansi, kode="e-learning")
    m3 = Competency.objects.get(kode="M.3", instansi__isnull=True)
    m5 = Competency.objects.get(kode="M.5", instansi__isnull=True)
    common = {
        "mode": "tatap_muka",
        "min_peserta": 1,
        "max_peserta": 30,
        "penyelenggara": "Universitas Tanjungpura",
    }
    template_save(
        instansi=world.instansi,
        data=TemplateData(
            kode="KOM-01",
            judul="Workshop Komunikasi Pelayanan Digital",
            bentuk=workshop,
            jumlah_satuan=Decimal(2),
            hari_belajar=2,
            bulan=1,
            hari_tinggal_kerja=2,
            biaya_tetap=0,
            biaya_per_peserta=1_000_000,
            competencies=[(m3, 1)],
            **common,
        ),
        acting_user=None,
    )
    template_save(
        instansi=world.instansi,
        data=TemplateData(
            kode="PEL-02",
            judul="E-learning Pelayanan Publik",
            bentuk=elearning,
            jumlah_satuan=Decimal(9),
            hari_belajar=3,
            bulan=1,
            hari_tinggal_kerja=0,
            biaya_tetap=0,
            biaya_per_peserta=50_000,
            competencies=[(m5, 1)],
            **{**common, "mode": "daring"},
        ),
        acting_user=None,
    )


def test_planner_builds_runs_explains_pins_and_exports(live_server, page: Page, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PLANNING_TIME_LIMIT = 10.0
    world = build_world()
    factor = WeightFactor.objects.create(
        instansi=world.instansi,
        tahun=YEAR,
        competency=Competency.objects.get(kode="M.3", instansi__isnull=True),
        factor=Decimal("2"),
        source=FactorSource.SIGNAL,
        source_key="uji-digital",
        title="Layanan digital: keluhan aplikasi perizinan naik",
        evidence={"keluhan": "312 → 540"},
    )
    needs(world, world.employee, "M.3", 1, "2", [factor.pk])
    needs(world, world.colleague, "M.3", 1, "1.5", [])
    needs(world, world.kecamatan_staff, "M.3", 1, "1", [])
    catalogue(world)
    base = live_server.url
    log_in(page, base, "bkpsdm")

    page.goto(f"{base}/rencana/")
    page.get_by_role("button", name="Buat rencana").click()
    page.get_by_label("Tahun rencana").fill(str(YEAR))
    page.get_by_label("Judul").fill("Rencana Pengembangan Kompetensi ASN 2026")
    page.get_by_label("Pagu anggaran (Rp)").fill("2000000")
    page.get_by_label(re.compile("Paling lama meninggalkan pekerjaan")).fill("10")
    page.get_by_role("button", name="Buat rencana").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rencana Pengembangan Kompetensi ASN 2026"
    )

    page.get_by_text("Tambah program dari katalog").click()
    page.get_by_label("Program dari katalog").select_option(
        label="KOM-01 Workshop Komunikasi Pelayanan Digital"
    )
    page.get_by_label("Jadwal (bulan tiap angkatan)").fill("4")
    page.get_by_label("Kesesuaian dengan kurikulum instansi pembina").fill(
        "Kurikulum LAN pelayanan publik"
    )
    page.get_by_role("button", name="Tambahkan").click()
    expect(page.get_by_role("status").first).to_contain_text("KOM-01")
    expect(page.get_by_role("cell", name=re.compile("KOM-01"))).to_be_visible()
    expect(page.get_by_text("diambil dari rekam JP", exact=False)).to_be_visible()

    page.get_by_role("button", name="Jalankan optimasi").click()
    expect(page.get_by_role("status").first).to_contain_text("latar belakang")
    first = PlanRun.objects.get()
    assert first.status == RunStatus.DONE
    page.locator(f"a[href$='/optimasi/{first.pk}/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hasil optimasi")
    # budget for two seats: the two nurses with the heavier weights
    expect(page.get_by_role("cell", name=re.compile(world.employee.nip))).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile(world.kecamatan_staff.nip))).to_have_count(0)

    page.get_by_role("row", name=re.compile(world.employee.nip)).get_by_role(
        "link", name="Mengapa?"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mengapa ASN ini dipilih?")
    expect(page.get_by_text("Layanan digital: keluhan aplikasi perizinan naik")).to_be_visible()
    expect(page.get_by_role("cell", name="×2", exact=True)).to_be_visible()

    page.get_by_role("link", name="Rencana Pengembangan Kompetensi ASN 2026").click()
    page.get_by_label("NIP pegawai").fill(world.kecamatan_staff.nip)
    page.get_by_label("Keputusan").select_option(label="Wajib ikut")
    page.get_by_role("button", name="Simpan patokan").click()
    expect(page.get_by_role("status").first).to_contain_text("Patokan")
    expect(page.get_by_text(re.compile("Agus Setiawan .* wajib ikut KOM-01"))).to_be_visible()

    page.get_by_role("button", name="Jalankan optimasi").click()
    second = PlanRun.objects.order_by("-pk").first()
    assert second is not None and second.pk != first.pk and second.status == RunStatus.DONE
    page.locator(f"a[href$='/optimasi/{second.pk}/']").first.click()
    pinned_row = page.get_by_role("row", name=re.compile(world.kecamatan_staff.nip))
    expect(pinned_row).to_contain_text("dipatok")

    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh PDF hasil ini").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
