"""Every assessment page × every persona, the writes they allow (and that refused ones change
nothing), and constant query counts; bad input through the pages is in ``test_page_input.py``."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from bangkom.assessments.models import (
    Assessment,
    AssessmentRound,
    CalibrationFlag,
    CombinationRule,
    CurrentLevel,
    PerformanceRating,
    RoundStatus,
    ShortfallFactor,
    ShortfallLink,
    SkpPredikat,
)
from bangkom.assessments.tests.conftest import RateFn, competency
from bangkom.core.models import AuditEvent
from bangkom.factors.models import WeightFactor
from bangkom.lib.nip import make_nip
from bangkom.organisation.services import EmployeeData, employee_save
from bangkom.testing.world import PERSONAS, World

pytestmark = pytest.mark.django_db

ALL = set(PERSONAS)
ADMINS = {"superadmin", "bkpsdm"}
READERS = ADMINS | {"pimpinan"}
ASN = {"supervisor", "employee", "outsider_employee"}


def expect(
    ok: set[str],
    *,
    forbidden: frozenset[str] | set[str] = frozenset(),
    default: int = 404,
) -> dict[str, int]:
    return {p: 200 if p in ok else 403 if p in forbidden else default for p in PERSONAS}


@pytest.fixture
def scene(
    world: World, open_round: AssessmentRound, rate_self: RateFn, rate_supervisor: RateFn
) -> dict[str, Any]:
    """An open round with one disagreement to calibrate and one SKP shortfall to link."""
    rate_self(world.employee, {"M.1": 5, "M.2": 3})
    rate_supervisor(world.employee, {"M.1": 2})
    rating = PerformanceRating.objects.create(
        instansi=world.instansi, employee=world.employee, tahun=2025, predikat=SkpPredikat.KURANG
    )
    return {"round": open_round, "flag": CalibrationFlag.objects.get(), "rating": rating}


Url = Callable[[World, dict[str, Any]], str]

PAGES: list[tuple[str, Url, dict[str, int]]] = [
    (
        "round list",
        lambda w, s: reverse("assessments:round_list"),
        expect(READERS | {"opd_admin", "outsider"}, default=403),
    ),
    (
        "round create",
        lambda w, s: reverse("assessments:round_create"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "self assessment",
        lambda w, s: reverse("assessments:self_assessment"),
        expect(ASN, default=403),
    ),
    (
        "my assessments",
        lambda w, s: reverse("assessments:my_assessments"),
        expect(ASN, default=403),
    ),
    (
        "supervisor grid",
        lambda w, s: reverse("assessments:supervisor_grid"),
        expect({"supervisor"}, default=403),
    ),
    (
        "employee assessments",
        lambda w, s: reverse("assessments:employee_assessments", args=[w.employee.pk]),
        expect(READERS | {"opd_admin", "supervisor", "employee"}),
    ),
    (
        "employee assessments kecamatan",
        lambda w, s: reverse("assessments:employee_assessments", args=[w.kecamatan_staff.pk]),
        expect(READERS),
    ),
    (
        "employee assessments other instansi",
        lambda w, s: reverse("assessments:employee_assessments", args=[w.other_employee.pk]),
        expect({"superadmin", "outsider", "outsider_employee"}),
    ),
    (
        "calibration",
        lambda w, s: reverse("assessments:calibration"),
        expect(READERS | {"opd_admin", "outsider"}, default=403),
    ),
    (
        "calibration set",
        lambda w, s: reverse("assessments:calibration_set", args=[s["flag"].pk]),
        expect(ADMINS | {"opd_admin"}, forbidden={"pimpinan"}),
    ),
    (
        "performance",
        lambda w, s: reverse("assessments:performance_list"),
        expect(ALL - {"partner"}, default=403),
    ),
    (
        "shortfall link",
        lambda w, s: reverse("assessments:shortfall_link", args=[s["rating"].pk]),
        expect({"supervisor"}, forbidden=READERS | {"opd_admin", "employee"}),
    ),
    (
        "rules",
        lambda w, s: reverse("assessments:rules"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "import ac",
        lambda w, s: reverse("assessments:import_ac"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "import ac template",
        lambda w, s: reverse("assessments:import_ac_template"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "import skp",
        lambda w, s: reverse("assessments:import_skp"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "import skp template",
        lambda w, s: reverse("assessments:import_skp_template"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
]


def state() -> dict[str, Any]:
    return {
        "assessments": list(Assessment.objects.order_by("pk").values()),
        "current": list(CurrentLevel.objects.order_by("pk").values()),
        "flags": list(CalibrationFlag.objects.order_by("pk").values()),
        "rounds": list(AssessmentRound.objects.order_by("pk").values()),
        "rules": list(CombinationRule.objects.order_by("pk").values()),
        "factors": list(ShortfallFactor.objects.order_by("pk").values()),
        "ratings": list(PerformanceRating.objects.order_by("pk").values()),
        "links": list(ShortfallLink.objects.order_by("pk").values()),
        "weights": list(WeightFactor.objects.order_by("pk").values()),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.parametrize("name,url,expected", PAGES, ids=[p[0] for p in PAGES])
def test_page_access_per_persona(
    client, world: World, scene: dict[str, Any], name: str, url: Url, expected: dict[str, int]
) -> None:
    target = url(world, scene)
    before = state()
    for persona in PERSONAS:
        client.force_login(world.user(persona))
        response = client.get(target)
        assert response.status_code == expected[persona], (
            f"{persona} on {name}: {response.status_code}"
        )
    client.logout()
    anonymous = client.get(target)
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]
    assert state() == before  # reading changes nothing


# ----------------------------------------------------------------------------- writes


def _xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


Build = Callable[[World, dict[str, Any]], tuple[str, dict[str, Any]]]


def _round_create(w: World, s: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    AssessmentRound.objects.filter(pk=s["round"].pk).update(status=RoundStatus.CLOSED)
    today = timezone.localdate()
    return reverse("assessments:round_create"), {
        "instansi": w.instansi.pk,
        "nama": "Penilaian Kompetensi Susulan",
        "tahun": today.year,
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=14)).isoformat(),
    }


def _round_close(w: World, s: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return reverse("assessments:round_close", args=[s["round"].pk]), {}


def _self(w: World, s: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return reverse("assessments:self_assessment"), {
        f"level_{competency('M.1').pk}": "3",
        f"catatan_{competency('M.1').pk}": "Contoh perilaku",
    }


def _grid(w: World, s: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return reverse("assessments:supervisor_grid"), {
        "round": s["round"].pk,
        f"r_{w.employee.pk}_{competency('M.2').pk}": "4",
        f"r_{w.colleague.pk}_{competency('M.1').pk}": "2",
    }


def _grid_row(w: World, s: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return reverse("assessments:supervisor_grid_row", args=[w.employee.pk]), {
        "round": s["round"].pk,
        f"r_{w.employee.pk}_{competency('M.2').pk}": "4",
    }


def _calibrate(w: World, s: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return reverse("assessments:calibration_set", args=[s["flag"].pk]), {
        "level": "3",
        "reason": "Disepakati dalam rapat kalibrasi",
    }


def _link(w: World, s: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return reverse("assessments:shortfall_link", args=[s["rating"].pk]), {
        "competencies": [competency("M.3").pk],
        "note": "Komunikasi dengan pasien belum baik",
    }


def _rules(w: World, s: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return reverse("assessments:rules"), {
        "instansi": w.instansi.pk,
        "prioritas_1": "kalibrasi",
        "prioritas_2": "atasan",
        "prioritas_3": "mandiri",
        "prioritas_4": "",
        "ac_max_age_months": "24",
        "threshold": "1",
        "faktor_butuh_perbaikan": "1.2",
        "faktor_kurang": "1.5",
        "faktor_sangat_kurang": "1.75",
    }


def _import_ac(w: World, s: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    content = _xlsx(
        [
            ["nip", "kode_kompetensi", "level", "tanggal", "lembaga"],
            [w.employee.nip, "M.4", 3, date(2025, 5, 2), "UPT Penilaian Kompetensi"],
        ]
    )
    return reverse("assessments:import_ac"), {
        "instansi": w.instansi.pk,
        "berkas": SimpleUploadedFile("ac.xlsx", content),
    }


def _import_skp(w: World, s: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    content = f"nip,tahun,predikat\n{w.colleague.nip},2025,Baik\n".encode()
    return reverse("assessments:import_skp"), {
        "instansi": w.instansi.pk,
        "berkas": SimpleUploadedFile("skp.csv", content),
    }


WRITES: list[tuple[str, Build, set[str], int]] = [
    ("round create", _round_create, ADMINS, 302),
    ("round close", _round_close, ADMINS, 302),
    ("self assessment", _self, {"supervisor", "employee"}, 302),
    ("supervisor grid", _grid, {"supervisor"}, 302),
    ("supervisor grid row", _grid_row, {"supervisor"}, 200),
    ("calibration", _calibrate, ADMINS | {"opd_admin"}, 302),
    ("shortfall link", _link, {"supervisor"}, 302),
    ("rules", _rules, ADMINS, 302),
    ("import ac", _import_ac, ADMINS, 200),
    ("import skp", _import_skp, ADMINS, 200),
]


@pytest.mark.parametrize("name,build,allowed,ok_status", WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_write_per_persona(
    client,
    world: World,
    scene: dict[str, Any],
    name: str,
    build: Build,
    allowed: set[str],
    ok_status: int,
    persona: str,
) -> None:
    url, data = build(world, scene)
    before = state()
    client.force_login(world.user(persona))
    response = client.post(url, data)
    if persona in allowed:
        assert response.status_code == ok_status, response.content.decode()[:3000]
        assert AuditEvent.objects.count() > before["audit"], f"{persona} on {name}: no audit row"
        assert state() != before
    else:
        # refused as 403/404, or as a message on the page (outsider ASN: no open round)
        assert response.status_code in (200, 403, 404)
        assert state() == before, f"{persona} changed data through {name}"


# ----------------------------------------------------------------------------- query counts


def _add_subordinates(world: World, count: int, start: int) -> None:
    for i in range(count):
        employee_save(
            instansi=world.instansi,
            data=EmployeeData(
                nip=make_nip(date(1990, 1, 1 + i % 28), date(2015, 3, 1), "P", start + i),
                nama=f"Pegawai {start + i}",
                unit=world.puskesmas,
                position=world.perawat,
                supervisor=world.supervisor,
            ),
            acting_user=None,
        )


def test_grid_queries_do_not_grow_with_subordinates(
    client, world: World, open_round: AssessmentRound, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_self(world.employee, {"M.1": 3})
    rate_supervisor(world.employee, {"M.1": 2})
    client.force_login(world.user("supervisor"))
    url = reverse("assessments:supervisor_grid")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _add_subordinates(world, 15, 200)
    from bangkom.organisation.models import Employee

    for employee in Employee.objects.filter(nama__startswith="Pegawai 2")[:5]:
        rate_self(employee, {"M.1": 4, "M.2": 2})
        rate_supervisor(employee, {"M.1": 2})
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count('class="grid-row"') == 17
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


@pytest.mark.parametrize(
    "url_name,persona",
    [
        ("assessments:calibration", "bkpsdm"),
        ("assessments:round_list", "bkpsdm"),
        ("assessments:performance_list", "supervisor"),
    ],
)
def test_list_queries_do_not_grow(
    client,
    world: World,
    open_round: AssessmentRound,
    rate_self: RateFn,
    rate_supervisor: RateFn,
    url_name: str,
    persona: str,
) -> None:
    rate_self(world.employee, {"M.1": 5})
    rate_supervisor(world.employee, {"M.1": 1})
    PerformanceRating.objects.create(
        instansi=world.instansi, employee=world.employee, tahun=2025, predikat="kurang"
    )
    client.force_login(world.user(persona))
    url = reverse(url_name)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _add_subordinates(world, 8, 300)
    from bangkom.organisation.models import Employee

    for employee in Employee.objects.filter(nama__startswith="Pegawai 3"):
        rate_self(employee, {"M.1": 5, "M.2": 5})
        rate_supervisor(employee, {"M.1": 1, "M.2": 2})
        PerformanceRating.objects.create(
            instansi=world.instansi, employee=employee, tahun=2025, predikat="kurang"
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_my_assessments_queries_do_not_grow(client, world: World, rate_self: RateFn) -> None:
    client.force_login(world.user("employee"))
    url = reverse("assessments:my_assessments")
    rate_self(world.employee, {"M.1": 2})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    rate_self(world.employee, {"M.1": 3, "M.2": 2, "M.3": 4, "M.4": 1})
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_shortfall_link_page_marks_the_standard_and_names_the_plan_year(
    client, world: World, scene: dict[str, Any]
) -> None:
    client.force_login(world.user("supervisor"))
    body = client.get(
        reverse("assessments:shortfall_link", args=[scene["rating"].pk])
    ).content.decode()
    assert body.count("★") == world.perawat.standards.count() + 1  # the marks and the legend
    assert "×1,5" in body and "rencana tahun 2026" in body  # Indonesian decimal comma
