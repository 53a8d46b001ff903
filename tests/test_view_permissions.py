"""Every page × every persona: who may see it, who may change through it, and that a refused
request changes nothing."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from bangkom.competencies.models import ClassDefaultLevel, Competency, PositionStandard
from bangkom.core.models import AuditEvent
from bangkom.needs.models import Recomputation
from bangkom.organisation.models import Duty, Employee, ImportJob, ImportKind, Position, Unit
from bangkom.testing.world import PERSONAS, World

ALL = set(PERSONAS)
ADMINS = {"superadmin", "bkpsdm"}
READERS = ADMINS | {"pimpinan"}
MANAGERS_OF_DINKES = ADMINS | {"opd_admin"}


def expect(
    ok: set[str],
    *,
    forbidden: frozenset[str] | set[str] = frozenset(),
    default: int = 404,
    ok_status: int = 200,
) -> dict[str, int]:
    return {p: ok_status if p in ok else 403 if p in forbidden else default for p in PERSONAS}


# (name, url builder, expected status per persona)
PAGES: list[tuple[str, Callable[[World], str], dict[str, int]]] = [
    ("home", lambda w: reverse("dashboard:home"), expect(ALL)),
    ("audit", lambda w: reverse("dashboard:audit_log"), expect(ADMINS | {"outsider"}, default=403)),
    (
        "units",
        lambda w: reverse("organisation:unit_list"),
        expect(READERS | {"opd_admin", "outsider"}, default=403),
    ),
    (
        "unit dinkes",
        lambda w: reverse("organisation:unit_detail", args=[w.dinkes.pk]),
        expect(READERS | {"opd_admin"}),
    ),
    (
        "unit kecamatan",
        lambda w: reverse("organisation:unit_detail", args=[w.kecamatan.pk]),
        expect(READERS),
    ),
    (
        "unit edit",
        lambda w: reverse("organisation:unit_edit", args=[w.puskesmas.pk]),
        expect(MANAGERS_OF_DINKES, forbidden={"pimpinan"}),
    ),
    (
        "unit create",
        lambda w: reverse("organisation:unit_create"),
        expect(MANAGERS_OF_DINKES | {"outsider"}, default=403),
    ),
    (
        "positions",
        lambda w: reverse("organisation:position_list"),
        expect(READERS | {"opd_admin", "outsider"}, default=403),
    ),
    (
        "position",
        lambda w: reverse("organisation:position_detail", args=[w.perawat.pk]),
        expect(READERS | {"opd_admin", "supervisor", "employee"}),
    ),
    (
        "position other",
        lambda w: reverse("organisation:position_detail", args=[w.other_position.pk]),
        expect({"superadmin", "outsider", "outsider_employee"}),
    ),
    (
        "position edit",
        lambda w: reverse("organisation:position_edit", args=[w.perawat.pk]),
        expect(MANAGERS_OF_DINKES, forbidden={"pimpinan", "supervisor", "employee"}),
    ),
    (
        "duty create",
        lambda w: reverse("organisation:duty_create", args=[w.perawat.pk]),
        expect(MANAGERS_OF_DINKES, forbidden={"pimpinan", "supervisor", "employee"}),
    ),
    (
        "standard edit",
        lambda w: reverse("organisation:standard_edit", args=[w.perawat.pk]),
        expect(MANAGERS_OF_DINKES, forbidden={"pimpinan", "supervisor", "employee"}),
    ),
    (
        "employees",
        lambda w: reverse("organisation:employee_list"),
        expect(READERS | {"opd_admin", "supervisor", "outsider"}, default=403),
    ),
    (
        "employee",
        lambda w: reverse("organisation:employee_detail", args=[w.employee.pk]),
        expect(READERS | {"opd_admin", "supervisor", "employee"}),
    ),
    (
        "employee kecamatan",
        lambda w: reverse("organisation:employee_detail", args=[w.kecamatan_staff.pk]),
        expect(READERS),
    ),
    (
        "employee other",
        lambda w: reverse("organisation:employee_detail", args=[w.other_employee.pk]),
        expect({"superadmin", "outsider", "outsider_employee"}),
    ),
    (
        "employee edit",
        lambda w: reverse("organisation:employee_edit", args=[w.employee.pk]),
        expect(MANAGERS_OF_DINKES, forbidden={"pimpinan", "supervisor", "employee"}),
    ),
    (
        "employee create",
        lambda w: reverse("organisation:employee_create"),
        expect(MANAGERS_OF_DINKES | {"outsider"}, default=403),
    ),
    ("competencies", lambda w: reverse("competencies:list"), expect(ALL)),
    (
        "competency",
        lambda w: reverse("competencies:detail", args=[Competency.objects.get(kode="M.3").pk]),
        expect(ALL),
    ),
    (
        "technical create",
        lambda w: reverse("competencies:technical_create"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "class defaults",
        lambda w: reverse("competencies:class_defaults"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    ("tokens", lambda w: reverse("accounts:tokens"), expect(ALL)),
    (
        "needs recompute status",
        lambda w: reverse("needs:recompute_status", args=[_recomputation(w).pk]),
        expect(READERS | {"opd_admin"}),
    ),
    ("wilayah", lambda w: reverse("organisation:wilayah_search") + "?q=53", expect(ALL)),
    (
        "import employees",
        lambda w: reverse("organisation:import_employees"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "import positions",
        lambda w: reverse("organisation:import_positions"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "import job",
        lambda w: reverse("organisation:import_job", args=[_import_job(w).pk]),
        expect(ADMINS, forbidden=ALL - ADMINS - {"outsider", "outsider_employee"}),
    ),
    (
        "import job status",
        lambda w: reverse("organisation:import_job_status", args=[_import_job(w).pk]),
        expect(ADMINS, forbidden=ALL - ADMINS - {"outsider", "outsider_employee"}),
    ),
    (
        "import job other",
        lambda w: reverse("organisation:import_job", args=[_import_job(w, other=True).pk]),
        expect({"superadmin", "outsider"}, forbidden={"outsider_employee"}),
    ),
]


def _import_job(w: World, *, other: bool = False) -> ImportJob:
    """A queued job with no file: the pages show its status without a worker."""
    return ImportJob.objects.create(
        instansi=w.other_instansi if other else w.instansi,
        kind=ImportKind.EMPLOYEES,
        filename="siasn.csv",
        created_by=w.user("outsider" if other else "bkpsdm"),
    )


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> None:
    """Uploaded import files go to a throwaway MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _recomputation(w: World) -> Recomputation:
    return Recomputation.objects.create(instansi=w.instansi, tahun=2026)


def _state() -> dict[str, Any]:
    return {
        "employees": list(Employee.objects.order_by("pk").values()),
        "units": list(Unit.objects.order_by("pk").values()),
        "positions": list(Position.objects.order_by("pk").values()),
        "duties": Duty.objects.count(),
        "standards": list(PositionStandard.objects.order_by("pk").values()),
        "class_defaults": list(ClassDefaultLevel.objects.order_by("pk").values()),
        "competencies": Competency.objects.count(),
        "audit": AuditEvent.objects.count(),
        "import_jobs": list(ImportJob.objects.order_by("pk").values()),
        "recomputations": list(Recomputation.objects.order_by("pk").values()),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name,url,expected", PAGES, ids=[p[0] for p in PAGES])
def test_page_access_per_persona(
    client, world: World, name: str, url: Callable[[World], str], expected: dict[str, int]
) -> None:
    target = url(world)
    for persona in PERSONAS:
        client.force_login(world.user(persona))
        response = client.get(target)
        assert response.status_code == expected[persona], (
            f"{persona} on {name}: {response.status_code}"
        )
    client.logout()
    anonymous = client.get(target)
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]


def _employee_post(w: World) -> tuple[str, dict[str, Any]]:
    return reverse("organisation:employee_edit", args=[w.employee.pk]), {
        "instansi": w.instansi.pk,
        "nip": w.employee.nip,
        "jenis": "PNS",
        "nama": "Yohanes Benu Diubah",
        "golongan": "III/b",
        "unit": w.puskesmas.pk,
        "position": w.perawat.pk,
        "supervisor_nip": w.supervisor.nip,
        "is_active": "on",
    }


def _unit_post(w: World) -> tuple[str, dict[str, Any]]:
    return reverse("organisation:unit_create"), {
        "instansi": w.instansi.pk,
        "nama": "Puskesmas Pembantu Namosain",
        "jenis": "puskesmas",
        "parent": w.dinkes.pk,
    }


def _position_post(w: World) -> tuple[str, dict[str, Any]]:
    return reverse("organisation:position_edit", args=[w.perawat.pk]), {
        "instansi": w.instansi.pk,
        "unit": w.puskesmas.pk,
        "nama": "Perawat Ahli Pertama",
        "kelas": "ahli_muda",
        "ikhtisar": "Asuhan keperawatan",
    }


def _duty_post(w: World) -> tuple[str, dict[str, Any]]:
    return reverse("organisation:duty_create", args=[w.perawat.pk]), {
        "uraian": "Menerapkan protokol kesehatan dalam pelayanan",
        "kompetensi": "M.5:3",
    }


def _standard_post(w: World) -> tuple[str, dict[str, Any]]:
    m3 = Competency.objects.get(kode="M.3")
    data = {f"c{c.pk}": "auto" for c in Competency.objects.all()}
    data[f"c{m3.pk}"] = "4"
    return reverse("organisation:standard_edit", args=[w.perawat.pk]), data


def _recompute_post(w: World) -> tuple[str, dict[str, Any]]:
    return reverse("needs:recompute"), {"instansi": w.instansi.pk, "tahun": 2026}


def _import_post(w: World) -> tuple[str, dict[str, Any]]:
    upload = io.BytesIO(b"NIP BARU,NAMA\n199001152023212001,Yuliana Tefa\n")
    upload.name = "siasn.csv"
    return reverse("organisation:import_employees"), {"instansi": w.instansi.pk, "berkas": upload}


WRITES: list[tuple[str, Callable[[World], tuple[str, dict[str, Any]]], set[str]]] = [
    ("employee edit", _employee_post, MANAGERS_OF_DINKES),
    ("unit create", _unit_post, MANAGERS_OF_DINKES),
    ("position edit", _position_post, MANAGERS_OF_DINKES),
    ("duty create", _duty_post, MANAGERS_OF_DINKES),
    ("standard edit", _standard_post, MANAGERS_OF_DINKES),
    ("import upload", _import_post, ADMINS),
    ("needs recompute", _recompute_post, ADMINS),
]


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("name,build,allowed", WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_write_per_persona(
    client,
    world: World,
    name: str,
    build: Callable[[World], tuple[str, dict[str, Any]]],
    allowed: set[str],
    persona: str,
) -> None:
    url, data = build(world)
    before = _state()
    client.force_login(world.user(persona))
    response = client.post(url, data)
    if persona in allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert AuditEvent.objects.count() > before["audit"]
        assert _state() != before
    else:
        # the unit form posts to another instansi's unit: refused as a form error or 403
        assert response.status_code in (200, 403, 404)
        assert _state() == before, f"{persona} changed data through {name}"


@pytest.mark.django_db
def test_class_defaults_post_changes_only_own_instansi(client, world: World) -> None:
    url = reverse("competencies:class_defaults")
    data = {
        "instansi": world.other_instansi.pk,
        **{k: "5" for k, _l in ClassDefaultLevel._meta.get_field("kelas").choices},
    }
    before = _state()
    client.force_login(world.user("bkpsdm"))
    client.post(url, data)  # another instansi's id falls back to the admin's own instansi
    other_levels = set(
        ClassDefaultLevel.objects.filter(instansi=world.other_instansi).values_list(
            "level", flat=True
        )
    )
    assert other_levels != {5}
    own_levels = set(
        ClassDefaultLevel.objects.filter(instansi=world.instansi).values_list("level", flat=True)
    )
    assert own_levels == {5}
    assert _state()["audit"] > before["audit"]
