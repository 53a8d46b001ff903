"""SIASN riwayat kursus: the rows against hand-written values, the files (exact columns, no
formula runs), the command's exit codes, the mapping, and the page over the personas."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from bangkom.core.models import AuditEvent
from bangkom.delivery.ledger.services import jp_credit
from bangkom.delivery.models import JpSource
from bangkom.planning.models import DevelopmentForm
from bangkom.planning.services.jp_table import form_table_ensure
from bangkom.recognition import siasn
from bangkom.recognition.models import SiasnCourseMapping
from bangkom.recognition.services import certificate_issue, certificate_revoke
from bangkom.testing.world import PERSONAS

from .conftest import SIGNATORY, YEAR

pytestmark = pytest.mark.django_db

ADMINS = {"superadmin", "bkpsdm"}


@pytest.fixture
def forms(world):
    form_table_ensure(instansi=world.instansi, acting_user=None)
    return {f.kode: f for f in DevelopmentForm.objects.filter(instansi=world.instansi)}


def _line(world, forms, employee, kode, units, on, activity, key, source=JpSource.BATCH):
    return jp_credit(
        employee=employee,
        year=on.year,
        date=on,
        activity=activity,
        form=forms[kode] if kode else None,
        units=Decimal(units),
        source=source,
        source_key=key,
        acting_user=None,
    )


@pytest.fixture
def lines(world, forms):
    teknis = _line(
        world,
        forms,
        world.employee,
        "pelatihan-teknis",
        "12.5",
        date(YEAR, 3, 14),
        "Pelatihan Pelayanan Prima",
        "uji:1",
    )
    certificate = certificate_issue(
        credit=teknis,
        signatory=SIGNATORY,
        acting_user=None,
        start_date=date(YEAR, 3, 12),
        end_date=date(YEAR, 3, 14),
    )
    seminar = _line(
        world,
        forms,
        world.colleague,
        "seminar",
        "1",
        date(YEAR, 5, 2),
        '=HYPERLINK("http://x")',
        "uji:2",
        source=JpSource.SEMINAR,
    )
    _line(
        world,
        forms,
        world.colleague,
        None,
        "4",
        date(YEAR, 6, 1),
        "Koreksi",
        "uji:3",
        source=JpSource.MANUAL,
    )
    _line(
        world,
        forms,
        world.colleague,
        "seminar",
        "1",
        date(YEAR - 1, 6, 1),
        "Lama",
        "uji:4",
        source=JpSource.SEMINAR,
    )
    _line(world, forms, world.other_employee, None, "8", date(YEAR, 6, 1), "Luar", "uji:5")
    return teknis, certificate, seminar


def test_rows_by_hand(world, lines):
    _teknis, certificate, _seminar = lines
    rows = siasn.training_rows(world.instansi, YEAR)
    assert rows == [
        {
            "pnsOrangId": "",
            "nipBaru": "199203142019031004",
            "instansiId": "",
            "jenisDiklatId": "3",
            "jenisKursus": "Diklat Teknis",
            "jenisKursusSertipikat": "S",
            "namaKursus": "Pelatihan Pelayanan Prima",
            "institusiPenyelenggara": "Pemerintah Kota Uji",
            "jumlahJam": 13,  # 12.5 JP rounded half up
            "lokasiId": "",
            "tahunKursus": YEAR,
            "tanggalKursus": "12-03-2026",
            "tanggalSelesaiKursus": "14-03-2026",
            "nomorSertipikat": certificate.number,
        },
        {
            "pnsOrangId": "",
            "nipBaru": "199411022020122003",
            "instansiId": "",
            "jenisDiklatId": "9",
            "jenisKursus": "Seminar",
            "jenisKursusSertipikat": "S",
            "namaKursus": '=HYPERLINK("http://x")',
            "institusiPenyelenggara": "Pemerintah Kota Uji",
            "jumlahJam": 4,  # a seminar day is 4 JP
            "lokasiId": "",
            "tahunKursus": YEAR,
            "tanggalKursus": "02-05-2026",
            "tanggalSelesaiKursus": "02-05-2026",
            "nomorSertipikat": "",
        },
    ]


def test_mapping_setting_and_revocation_change_the_rows(world, lines):
    _teknis, certificate, _seminar = lines
    bkpsdm = world.user("bkpsdm")
    siasn.siasn_mapping_save(
        instansi=world.instansi,
        codes={"seminar": siasn.Codes("99", "Seminar Nasional", "T")},
        acting_user=bkpsdm,
    )
    siasn.recognition_setting_save(
        instansi=world.instansi,
        siasn_instansi_id="A5EB03E23BFBF6A0E040640A040252AD",
        siasn_lokasi_id="L-5371",
        leaderboard_public=False,
        acting_user=bkpsdm,
    )
    certificate_revoke(certificate=certificate, reason="Salah peserta.", acting_user=bkpsdm)
    rows = siasn.training_rows(world.instansi, YEAR)
    assert [r["nipBaru"] for r in rows] == ["199411022020122003"]
    assert (rows[0]["jenisDiklatId"], rows[0]["jenisKursus"], rows[0]["jenisKursusSertipikat"]) == (
        "99",
        "Seminar Nasional",
        "T",
    )
    assert rows[0]["instansiId"] == "A5EB03E23BFBF6A0E040640A040252AD"
    assert rows[0]["lokasiId"] == "L-5371"
    # Back to the default: the row goes away.
    siasn.siasn_mapping_save(
        instansi=world.instansi,
        codes={"seminar": siasn.DEFAULT_MAPPING["seminar"]},
        acting_user=bkpsdm,
    )
    assert not SiasnCourseMapping.objects.filter(instansi=world.instansi).exists()


def test_mapping_errors_all_at_once_and_nothing_saved(world, forms):
    events = AuditEvent.objects.count()
    with pytest.raises(Exception) as caught:
        siasn.siasn_mapping_save(
            instansi=world.instansi,
            codes={
                "seminar": siasn.Codes("", "x", "S"),
                "workshop": siasn.Codes("4", "y" * 65, "S"),
                "kursus": siasn.Codes("77", "Kursus", "S"),
            },
            acting_user=world.user("bkpsdm"),
        )
    assert set(caught.value.message_dict) == {"seminar-jenis_diklat_id", "workshop-jenis_kursus"}
    assert not SiasnCourseMapping.objects.exists()
    assert AuditEvent.objects.count() == events


def test_csv_and_xlsx_columns_and_no_formula(world, lines):
    rows = siasn.training_rows(world.instansi, YEAR)
    text = siasn.training_csv(rows).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == list(siasn.COLUMNS)
    assert table[2][siasn.COLUMNS.index("namaKursus")] == '\'=HYPERLINK("http://x")'
    sheet = load_workbook(io.BytesIO(siasn.training_xlsx(rows))).active
    assert [c.value for c in sheet[1]] == list(siasn.COLUMNS)
    name = sheet.cell(row=3, column=siasn.COLUMNS.index("namaKursus") + 1)
    assert name.data_type == "s"
    assert sheet.max_row == 3


def test_command_writes_by_extension(world, lines, tmp_path):
    target = tmp_path / "riwayat.xlsx"
    call_command("siasn_training_export", "--instansi", "53.71", "--year", str(YEAR), str(target))
    sheet = load_workbook(target).active
    assert sheet.max_row == 3
    target_csv = tmp_path / "riwayat.csv"
    call_command(
        "siasn_training_export", "--instansi", "53.71", "--year", str(YEAR), str(target_csv)
    )
    assert target_csv.read_bytes().decode("utf-8-sig").splitlines()[0] == ",".join(siasn.COLUMNS)


@pytest.mark.parametrize(
    ("kode", "year", "name", "message"),
    [
        ("99.99", "2026", "a.csv", "tidak ditemukan"),
        ("53.71", "26", "a.csv", "Tahun 26 tidak sah"),
        ("53.71", "abc", "a.csv", "tidak sah"),
        ("53.71", "2026", "a.pdf", ".csv atau .xlsx"),
    ],
)
def test_command_errors_exit_2(world, tmp_path, kode, year, name, message):
    with pytest.raises(CommandError) as caught:
        call_command(
            "siasn_training_export", "--instansi", kode, "--year", year, str(tmp_path / name)
        )
    assert caught.value.returncode == 2
    assert message in str(caught.value)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_page_and_download_for_bkpsdm_only(client, world, lines, persona):
    client.force_login(world.user(persona))
    query = {"instansi": world.instansi.pk, "tahun": YEAR}
    page = client.get(reverse("recognition:siasn"), query)
    download = client.get(reverse("recognition:siasn_download", args=["csv"]), query)
    expected = 200 if persona in ADMINS else 404 if persona == "outsider" else 403
    assert page.status_code == expected
    assert download.status_code == expected
    if expected == 200:
        assert "199203142019031004" in download.content.decode("utf-8-sig")


@pytest.mark.parametrize("persona", PERSONAS)
def test_mapping_post_denied_changes_nothing(client, world, forms, persona):
    client.force_login(world.user(persona))
    events = AuditEvent.objects.count()
    data = {"bagian": "pemetaan"}
    for row in siasn.mapping_rows(world.instansi):
        for column in ("jenis_diklat_id", "jenis_kursus", "jenis_kursus_sertipikat"):
            data[f"{row.form_kode}-{column}"] = getattr(row.codes, column)
    data["seminar-jenis_diklat_id"] = "42"
    response = client.post(reverse("recognition:siasn") + f"?instansi={world.instansi.pk}", data)
    if persona in ADMINS:
        assert response.status_code == 302
        assert SiasnCourseMapping.objects.get(form_kode="seminar").jenis_diklat_id == "42"
        return
    assert response.status_code in (403, 404)
    assert not SiasnCourseMapping.objects.exists()
    assert AuditEvent.objects.count() == events


def test_mapping_form_keeps_input_and_shows_errors(client, world, forms):
    client.force_login(world.user("bkpsdm"))
    data = {"bagian": "pemetaan", "seminar-jenis_diklat_id": "", "seminar-jenis_kursus": "Ketik"}
    for row in siasn.mapping_rows(world.instansi):
        if row.form_kode != "seminar":
            data[f"{row.form_kode}-jenis_diklat_id"] = row.codes.jenis_diklat_id
    data["workshop-jenis_kursus_sertipikat"] = "Z" * 17
    response = client.post(reverse("recognition:siasn"), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Jenis diklat SIASN wajib diisi." in text
    assert "Paling banyak 16 karakter." in text
    assert 'value="Ketik"' in text
    assert not SiasnCourseMapping.objects.exists()
