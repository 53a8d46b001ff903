"""Needs pages: who sees what, what they show, exports, and constant query counts."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from bangkom.assessments.models import CurrentLevel
from bangkom.competencies.models import Competency
from bangkom.core.models import AuditEvent
from bangkom.factors.services import FactorSpec, factors_replace
from bangkom.lib.nip import make_nip
from bangkom.needs.models import EmployeeNeeds
from bangkom.needs.services import needs_recompute
from bangkom.organisation.services import EmployeeData, employee_save
from bangkom.testing.world import PERSONAS, World

pytestmark = pytest.mark.django_db
YEAR = "2026"


def _prepare(world: World) -> Competency:
    m5 = Competency.objects.get(kode="M.5")
    world.perawat.standards.filter(competency=m5).update(required_level=3)
    world.staf_kecamatan.standards.filter(competency=m5).update(required_level=3)
    for employee in (world.employee, world.colleague, world.kecamatan_staff, world.other_employee):
        CurrentLevel.objects.create(employee=employee, competency=m5, level=1, source="atasan")
    factors_replace(
        instansi=world.instansi,
        tahun=2026,
        source="sinyal",
        source_key="signal-rule:7",
        specs=[
            FactorSpec(
                competency=m5,
                factor=Decimal("1.5"),
                unit=world.kecamatan,
                position_keyword="perizinan",
                title="Permohonan izin usaha naik 22,4% (≥ 20%)",
                evidence={"periode_lalu": 1480, "periode_kini": 1812, "pertumbuhan_persen": 22.4},
            )
        ],
        acting_user=None,
    )
    needs_recompute(instansi=world.instansi, tahun=2026, acting_user=None)
    return m5


OVERVIEW_OK = {"superadmin", "bkpsdm", "pimpinan", "opd_admin", "outsider"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_overview_access(client, world: World, persona: str) -> None:
    _prepare(world)
    client.force_login(world.user(persona))
    response = client.get(reverse("needs:overview"), {"tahun": YEAR})
    assert response.status_code == (200 if persona in OVERVIEW_OK else 403)
    if persona == "outsider":
        assert "Kecamatan Alak" not in response.content.decode()


def test_heatmap_shows_the_weighted_priority_and_its_evidence(client, world: World) -> None:
    m5 = _prepare(world)
    client.force_login(world.user("bkpsdm"))
    page = client.get(reverse("needs:overview"), {"tahun": YEAR}).content.decode()
    assert "Kecamatan Alak" in page and "M.5" in page
    why = client.get(reverse("needs:priority", args=[world.kecamatan.pk, m5.pk]), {"tahun": YEAR})
    text = why.content.decode()
    assert "Permohonan izin usaha naik 22,4% (≥ 20%)" in text
    assert "1812" in text
    assert world.kecamatan_staff.nama in text


@pytest.mark.parametrize("persona", PERSONAS)
def test_priority_page_access(client, world: World, persona: str) -> None:
    m5 = _prepare(world)
    client.force_login(world.user(persona))
    response = client.get(
        reverse("needs:priority", args=[world.kecamatan.pk, m5.pk]), {"tahun": YEAR}
    )
    expected = 200 if persona in {"superadmin", "bkpsdm", "pimpinan"} else 404
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_inventory_access(client, world: World, persona: str) -> None:
    _prepare(world)
    client.force_login(world.user(persona))
    response = client.get(reverse("needs:employee", args=[world.employee.pk]), {"tahun": YEAR})
    allowed = {"superadmin", "bkpsdm", "pimpinan", "opd_admin", "supervisor", "employee"}
    assert response.status_code == (200 if persona in allowed else 404)
    if response.status_code == 200:
        assert "M.5" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_recompute_only_by_admins_and_nothing_changes_otherwise(
    client, world: World, persona: str, django_capture_on_commit_callbacks
) -> None:
    _prepare(world)
    before = (AuditEvent.objects.count(), list(EmployeeNeeds.objects.values_list("pk", flat=True)))
    client.force_login(world.user(persona))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("needs:recompute"), {"instansi": world.instansi.pk, "tahun": YEAR}
        )
    if persona in {"superadmin", "bkpsdm"}:
        assert response.status_code == 302
        assert AuditEvent.objects.filter(action="needs.recompute").count() == 2
        assert AuditEvent.objects.filter(action="needs.recompute.queue").count() == 1
    else:
        assert response.status_code in (403, 404)
        after = (
            AuditEvent.objects.count(),
            list(EmployeeNeeds.objects.values_list("pk", flat=True)),
        )
        assert after == before


def test_exports(client, world: World) -> None:
    _prepare(world)
    client.force_login(world.user("bkpsdm"))
    xlsx = client.get(reverse("needs:export_xlsx"), {"tahun": YEAR})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert {row[1] for row in rows} == {
        world.employee.nip,
        world.colleague.nip,
        world.kecamatan_staff.nip,
    }
    licensing = next(row for row in rows if row[1] == world.kecamatan_staff.nip)
    assert (
        licensing[4] == "M.5"
        and licensing[9] == 2
        and licensing[11] == 1.5
        and licensing[12] == 3.0
    )
    pdf = client.get(reverse("needs:export_pdf"), {"tahun": YEAR, "unit": world.dinkes.pk})
    assert pdf.content.startswith(b"%PDF")
    client.force_login(world.user("opd_admin"))  # Dinas Kesehatan subtree only
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("needs:export_xlsx"), {"tahun": YEAR}).content)
    ).active
    nips = {row[1] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert nips == {world.employee.nip, world.colleague.nip}


def test_overview_and_priority_queries_constant(client, world: World) -> None:
    m5 = _prepare(world)
    client.force_login(world.user("bkpsdm"))
    urls = [
        (reverse("needs:overview"), {"tahun": YEAR}),
        (reverse("needs:priority", args=[world.dinkes.pk, m5.pk]), {"tahun": YEAR}),
    ]
    counts = []
    for url, params in urls:
        with CaptureQueriesContext(connection) as few:
            client.get(url, params)
        counts.append(len(few))
    from datetime import date

    for i in range(12):
        employee = employee_save(
            instansi=world.instansi,
            data=EmployeeData(
                nip=make_nip(date(1991, 2, 1 + i), date(2016, 3, 1), "L", 500 + i),
                nama=f"Perawat {i}",
                unit=world.puskesmas,
                position=world.perawat,
            ),
            acting_user=None,
        )
        CurrentLevel.objects.create(employee=employee, competency=m5, level=1, source="atasan")
    needs_recompute(instansi=world.instansi, tahun=2026, acting_user=None)
    for (url, params), count in zip(urls, counts, strict=True):
        with CaptureQueriesContext(connection) as many:
            client.get(url, params)
        assert len(many) == count


API_OK = {"superadmin", "bkpsdm", "pimpinan"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_priorities_and_factors(client, world: World, persona: str) -> None:
    m5 = _prepare(world)
    client.force_login(world.user(persona))
    params = {"instansi": world.instansi.pk, "tahun": 2026}
    response = client.get("/api/v1/needs/priorities", params)
    if persona in API_OK:
        items = response.json()["items"]
        kecamatan = next(
            i for i in items if i["unit_id"] == world.kecamatan.pk and i["competency_id"] == m5.pk
        )
        assert kecamatan["total_score"] == "3.0000" and kecamatan["asn_with_gap"] == 1
        factors = client.get("/api/v1/needs/factors", params).json()["items"]
        assert factors[0]["evidence"]["periode_kini"] == 1812
    elif persona == "opd_admin":
        units = {i["unit_id"] for i in response.json()["items"]}
        assert units and units <= {world.dinkes.pk, world.puskesmas.pk}
    else:
        assert response.status_code in (403, 404)


def test_api_employee_needs(client, world: World) -> None:
    _prepare(world)
    client.force_login(world.user("employee"))
    own = client.get(f"/api/v1/needs/employees/{world.employee.pk}", {"tahun": 2026}).json()
    assert own[0]["kode"] == "M.5" and own[0]["gap"] == 2
    other = client.get(f"/api/v1/needs/employees/{world.kecamatan_staff.pk}", {"tahun": 2026})
    assert other.status_code == 404


def test_inventory_export_writes_a_formula_like_name_as_text(client, world: World) -> None:
    """Formula injection: a name typed as ``=HYPERLINK(...)`` must not become a live formula."""
    _prepare(world)
    payload = '=HYPERLINK("http://contoh.invalid","klik")'
    world.employee.nama = payload
    world.employee.save(update_fields=["nama"])
    client.force_login(world.user("bkpsdm"))
    xlsx = client.get(reverse("needs:export_xlsx"), {"tahun": YEAR})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert payload in {cell.value for cell in cells}
