"""Main journeys of the foundation, in Debian's Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from bangkom.testing.world import PASSWORD, build_world
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_employee_logs_in_with_nip_on_a_phone_and_sees_own_profile(
    live_server, phone_page: Page
) -> None:
    world = build_world()
    login(phone_page, live_server.url, "19920314 201903 1 004", PASSWORD)
    expect(phone_page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
    phone_page.get_by_text("Menu", exact=True).click()
    phone_page.get_by_role("link", name="Profil saya").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(world.employee.display_name)
    expect(phone_page.get_by_text("Standar kompetensi jabatan")).to_be_visible()
    # nothing wider than the screen: the page does not scroll sideways on a phone
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    # another ASN's profile is not found
    response = phone_page.goto(f"{live_server.url}/organisasi/pegawai/{world.kecamatan_staff.pk}/")
    assert response is not None and response.status == 404
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
    assert world.kecamatan_staff.nama not in phone_page.content()


def test_bkpsdm_admin_edits_a_standard_and_sees_it_in_the_audit_log(
    live_server, page: Page
) -> None:
    world = build_world()
    login(page, live_server.url, "bkpsdm", PASSWORD)
    page.goto(f"{live_server.url}/organisasi/jabatan/?q=perawat")
    page.get_by_role("link", name="Perawat Ahli Pertama").click()
    page.get_by_role("button", name="Tambah uraian tugas").click()
    page.get_by_label("Uraian tugas").fill("Menerapkan protokol kesehatan terbaru di Puskesmas")
    page.get_by_label("Kompetensi yang dibutuhkan").fill("M.5:3; X.9:2")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Kode kompetensi X.9 tidak dikenal.")).to_be_visible()
    expect(page.get_by_label("Uraian tugas")).to_have_value(re.compile("protokol kesehatan"))
    page.get_by_label("Kompetensi yang dibutuhkan").fill("M.5:3")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("standar kompetensi diperbarui")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("M.5 Pelayanan Publik"))
    expect(row).to_contain_text("3")
    expect(row).to_contain_text("Diturunkan dari uraian tugas")
    page.goto(f"{live_server.url}/audit/?aksi=duty.create")
    expect(page.get_by_role("cell", name="duty.create")).to_be_visible()
    assert world.perawat.duties.count() == 1


SIASN_HEADER = (
    "NIP BARU,NAMA,GELAR DEPAN,GELAR BELAKANG,JENIS KELAMIN NAMA,GOL AKHIR NAMA,JABATAN NAMA,"
    "UNOR NAMA,UNOR INDUK NAMA,EMAIL\n"
)
ROW = (
    "{nip},Maria Goreti Lay,,S.Kep.,Perempuan,III/a,Perawat Ahli Pertama,Puskesmas Alak,"
    "Dinas Kesehatan,maria@example.test\n"
)


def test_bkpsdm_admin_imports_a_file_with_an_error_fixes_it_and_finds_the_employee(
    live_server, page: Page, tmp_path, settings
) -> None:
    from bangkom.organisation.imports.jobs import import_job_execute
    from bangkom.organisation.models import ImportJob

    settings.MEDIA_ROOT = tmp_path / "media"
    build_world()
    bad = tmp_path / "siasn_salah.csv"
    bad.write_text(SIASN_HEADER + ROW.format(nip="199502302020122001"), encoding="utf-8")
    good = tmp_path / "siasn_benar.csv"
    good.write_text(SIASN_HEADER + ROW.format(nip="199502202020122001"), encoding="utf-8")
    login(page, live_server.url, "bkpsdm", PASSWORD)
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Impor data").click()
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Unggah dan periksa").click()
    # the job waits for the worker; the page polls and shows the result once it has run
    expect(page.get_by_role("status")).to_contain_text("Menunggu giliran")
    import_job_execute(ImportJob.objects.get().pk)
    expect(page.get_by_role("heading", name="Berkas ditolak")).to_be_visible()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("NIP BARU")
    expect(errors).to_contain_text("2")  # the row number as the spreadsheet shows it
    from bangkom.organisation.models import Employee

    assert not Employee.objects.filter(nama="Maria Goreti Lay").exists()
    page.get_by_role("link", name="Unggah berkas lain").click()
    expect(page.get_by_role("link", name="siasn_salah.csv")).to_be_visible()  # recent imports
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_role("status")).to_contain_text("Menunggu giliran")
    import_job_execute(ImportJob.objects.latest("pk").pk)
    expect(page.get_by_role("heading", name="Impor selesai")).to_be_visible()
    page.get_by_role("link", name="Cari pegawai yang diimpor").click()
    page.get_by_label("Nama atau NIP").fill("Goreti")
    page.get_by_label("Nama atau NIP").press("Enter")
    page.get_by_role("link", name=re.compile("Maria Goreti Lay")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maria Goreti Lay, S.Kep.")
    expect(page.get_by_text("199502202020122001")).to_be_visible()
