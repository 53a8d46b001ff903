"""The import pages: upload as BKPSDM admin, errors shown with the form kept, and every other
persona refused with nothing changed."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from bangkom.core.models import AuditEvent
from bangkom.organisation.imports.workbooks import employees_template
from bangkom.organisation.models import Employee, ImportJob, Position, Unit
from bangkom.testing.world import World

SIASN_CSV = Path(__file__).parent / "files" / "siasn_export.csv"
PAGE = "organisation:import_employees"


def state() -> tuple[int, ...]:
    return (
        Employee.objects.count(),
        Unit.objects.count(),
        Position.objects.count(),
        AuditEvent.objects.count(),
    )


def upload(content: bytes, name: str) -> io.BytesIO:
    data = io.BytesIO(content)
    data.name = name
    return data


def bad_csv() -> bytes:
    """An unknown unit in row 2 and an impossible birth date in the NIP of row 5."""
    return (
        SIASN_CSV.read_bytes()
        .replace(b"Puskesmas Alak,U001", b"Puskesmas Oesapa,U001", 1)
        .replace(b"198811032014031002", b"198813032014031002")
    )


def checked(html: str, name: str) -> bool:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert tag, name
    return " checked" in tag.group(0)


def post_upload(client: Client, capture: Any, data: dict[str, Any], page: str = PAGE) -> Any:
    """Post the form and run the job queued on commit, as the worker would; follow the
    redirect to the job page."""
    with capture(execute=True):
        response = client.post(reverse(page), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def test_bkpsdm_sees_errors_then_imports(
    world: World, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(world.user("bkpsdm"))
    page = client.get(reverse(PAGE))
    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("organisation:import_employees_template") in html
    assert 'type="hidden" name="instansi"' in html  # one instansi: nothing to choose
    before = state()

    response = post_upload(
        client,
        django_capture_on_commit_callbacks,
        {
            "instansi": world.instansi.pk,
            "berkas": upload(bad_csv(), "siasn.csv"),
            "buat_unit": "",
            "uji_coba": "",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert state()[:3] == before[:3]  # nothing imported; the job's own audit row only
    assert "Berkas ditolak" in html and "2 kesalahan" in html
    rows = re.findall(r"<tr><td[^>]*>(\d+)</td><td[^>]*>([^<]+)</td>", html)
    assert rows == [("2", "UNOR NAMA"), ("5", "NIP BARU")]
    assert "Puskesmas Oesapa" in html and "1988-13-03" in html
    assert "hx-trigger" not in html  # finished: the page stops polling

    before = state()
    response = post_upload(
        client,
        django_capture_on_commit_callbacks,
        {
            "instansi": world.instansi.pk,
            "berkas": upload(bad_csv(), "siasn.csv"),
            "buat_unit": "on",
            "uji_coba": "on",
        },
    )
    html = response.content.decode()
    assert state()[:3] == before[:3]
    assert re.findall(r"<tr><td[^>]*>(\d+)</td><td[^>]*>([^<]+)</td>", html) == [("5", "NIP BARU")]

    response = post_upload(
        client,
        django_capture_on_commit_callbacks,
        {
            "instansi": world.instansi.pk,
            "berkas": upload(SIASN_CSV.read_bytes(), "siasn.csv"),
        },
    )
    html = response.content.decode()
    assert "Impor selesai" in html
    assert re.search(r"Pegawai baru</th><td>3<", html)
    assert f"{reverse('organisation:employee_list')}?instansi={world.instansi.pk}" in html
    assert Employee.objects.filter(nip="199001152023212001").exists()
    event = AuditEvent.objects.filter(action="employee.create").latest("id")
    assert event.actor == world.user("bkpsdm")

    listing = client.get(reverse(PAGE)).content.decode()
    for job in ImportJob.objects.all():  # the recent uploads, each linking to its result
        assert reverse("organisation:import_job", args=[job.pk]) in listing


def test_options_are_kept_when_the_form_is_refused(world: World, client: Client) -> None:
    client.force_login(world.user("bkpsdm"))
    before = state()

    response = client.post(
        reverse(PAGE),
        {"instansi": world.instansi.pk, "buat_unit": "on", "uji_coba": "on"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert checked(html, "buat_unit") and checked(html, "uji_coba")
    assert state() == before
    assert not ImportJob.objects.exists()


def test_wrong_file_type_is_a_form_error(world: World, client: Client) -> None:
    client.force_login(world.user("bkpsdm"))
    before = state()

    response = client.post(
        reverse(PAGE),
        {
            "instansi": world.instansi.pk,
            "berkas": upload(b"%PDF-1.4", "surat.pdf"),
        },
    )

    assert response.status_code == 200
    assert "Pilih berkas .csv atau .xlsx atau .xlsm" in response.content.decode()
    assert state() == before


def test_superadmin_chooses_among_the_instansi_they_administer(
    world: World, client: Client
) -> None:
    client.force_login(world.user("superadmin"))

    html = client.get(reverse(PAGE)).content.decode()

    select = re.search(r'<select name="instansi".*?</select>', html, re.S)
    assert select is not None
    assert world.instansi.nama in select.group(0) and world.other_instansi.nama in select.group(0)


def test_template_download(world: World, client: Client) -> None:
    client.force_login(world.user("bkpsdm"))

    response = client.get(reverse("organisation:import_employees_template"))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Pegawai", "Petunjuk"]
    assert response.content[:2] == employees_template()[:2]


@pytest.mark.parametrize(
    "persona",
    ["opd_admin", "supervisor", "employee", "partner", "pimpinan", "outsider_employee"],
)
@pytest.mark.parametrize(
    "name",
    [
        "organisation:import_employees",
        "organisation:import_positions",
        "organisation:import_employees_template",
        "organisation:import_positions_template",
    ],
)
def test_non_admins_are_refused(world: World, client: Client, persona: str, name: str) -> None:
    client.force_login(world.user(persona))
    before = state()

    assert client.get(reverse(name)).status_code == 403
    if not name.endswith("_template"):
        response = client.post(
            reverse(name),
            {
                "instansi": world.instansi.pk,
                "berkas": upload(SIASN_CSV.read_bytes(), "s.csv"),
            },
        )
        assert response.status_code == 403
    assert state() == before


def test_admin_of_another_instansi_gets_404_for_this_one(world: World, client: Client) -> None:
    client.force_login(world.user("outsider"))
    assert client.get(reverse(PAGE)).status_code == 200  # their own instansi
    before = state()

    for name in ("organisation:import_employees", "organisation:import_positions"):
        response = client.post(
            reverse(name),
            {
                "instansi": world.instansi.pk,
                "berkas": upload(SIASN_CSV.read_bytes(), "s.csv"),
            },
        )
        assert response.status_code == 404
    response = client.get(
        reverse("organisation:import_positions_template"), {"instansi": world.instansi.pk}
    )
    assert response.status_code == 404
    assert state() == before


def test_pimpinan_who_sees_the_instansi_gets_403_when_posting_it(world: World) -> None:
    """Visible but not administered: the access helper answers 403 (the page itself too)."""
    client = Client()
    client.force_login(world.user("pimpinan"))
    before = state()

    response = client.post(
        reverse(PAGE),
        {
            "instansi": world.instansi.pk,
            "berkas": upload(SIASN_CSV.read_bytes(), "s.csv"),
        },
    )

    assert response.status_code == 403
    assert state() == before


def test_anonymous_is_sent_to_login(world: World, client: Client) -> None:
    response = client.get(reverse(PAGE))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
