"""The plan document: XLSX rows per program, per OPD and per ASN; a PDF with the plan's title
and no remote resources."""

from __future__ import annotations

import io
import re
import zlib

from django.urls import reverse
from openpyxl import load_workbook

from bangkom.planning.exports import plan_pdf, plan_xlsx
from bangkom.planning.services import plan_run_start
from bangkom.planning.tests.conftest import give_needs, make_template


def finished_plan(world, make_plan, callbacks):  # type: ignore[no-untyped-def]
    give_needs(world.employee, {"M.3": (1, "1")})
    give_needs(world.colleague, {"M.3": (1, "1")})
    give_needs(world.kecamatan_staff, {"M.1": (1, "1")})
    plan = make_plan(
        [
            make_template(
                world,
                "A",
                {"M.3": 1},
                penyelenggara="Poltekkes Kupang",
                kelas_jabatan=["ahli_pertama"],
            ),
            make_template(
                world,
                "B",
                {"M.1": 1},
                biaya_tetap=500_000,
                biaya_per_peserta=0,
                kelas_jabatan=["pelaksana"],
            ),
        ]
    )
    with callbacks(execute=True):
        run = plan_run_start(plan=plan, expected_version=plan.version, acting_user=None)
    run.refresh_from_db()
    return plan, run


def test_xlsx_has_the_contents_of_art_207(
    world, make_plan, django_capture_on_commit_callbacks
) -> None:
    plan, run = finished_plan(world, make_plan, django_capture_on_commit_callbacks)
    book = load_workbook(io.BytesIO(plan_xlsx(plan, run)))
    assert book.sheetnames == ["Ringkasan", "Program", "Per OPD", "Peserta"]
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(min_row=2, values_only=True)}
    assert summary["Pagu anggaran (Rp)"] == 50_000_000
    assert summary["Total biaya (Rp)"] == 1_000_000 + 2 * 100_000 + 500_000
    assert summary["ASN sasaran"] == 3
    programs = list(book["Program"].iter_rows(min_row=2, values_only=True))
    a = next(r for r in programs if r[0] == "A")
    assert a[2] == "M.3 Komunikasi (+1)"
    assert a[3] == "Pelatihan klasikal: Workshop/lokakarya"
    assert a[5] == "Poltekkes Kupang"
    assert (a[7], a[8]) == (1, 2)  # batches, participants
    assert a[9] == "Angkatan 1: Maret"
    assert a[10] == "Sesuai kurikulum Kemenkes"
    assert a[11] == 1_200_000
    assert programs[-1][0] == "Total" and programs[-1][11] == 1_700_000
    opd = {r[0]: r for r in book["Per OPD"].iter_rows(min_row=2, values_only=True)}
    assert opd["Dinas Kesehatan"][1:3] == (2, 2)
    assert opd["Dinas Kesehatan"][4] == 1_200_000
    assert opd["Kecamatan Alak"][4] == 500_000
    assert opd["Total"][4] == 1_700_000
    people = list(book["Peserta"].iter_rows(min_row=2, values_only=True))
    assert {r[2] for r in people} == {
        world.employee.nip,
        world.colleague.nip,
        world.kecamatan_staff.nip,
    }
    nurse = next(r for r in people if r[2] == world.employee.nip)
    assert nurse[0] == "Dinas Kesehatan" and nurse[1] == "Puskesmas Alak"
    assert nurse[6] == "M.3 Komunikasi" and nurse[8] == "Maret"


def _pdf_text_fragments(data: bytes) -> bytes:
    """The PDF with its Flate streams inflated, enough to find metadata strings."""
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


def test_pdf_is_a_pdf_with_the_title(world, make_plan, django_capture_on_commit_callbacks) -> None:
    plan, run = finished_plan(world, make_plan, django_capture_on_commit_callbacks)
    data = plan_pdf(plan, run)
    assert data.startswith(b"%PDF")
    text = _pdf_text_fragments(data)
    title = plan.judul.encode("utf-16-be")
    assert (
        plan.judul.encode() in text or title in text or title.hex().upper().encode() in text.upper()
    )
    assert b"DejaVu" in text  # the system font, embedded


def test_export_views(client, world, make_plan, django_capture_on_commit_callbacks) -> None:
    plan, run = finished_plan(world, make_plan, django_capture_on_commit_callbacks)
    client.force_login(world.user("pimpinan"))
    response = client.get(reverse("planning:export_xlsx", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    response = client.get(reverse("planning:export_pdf", args=[plan.pk]) + f"?run={run.pk}")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
