"""Every endpoint × every persona: what each one lists, opens and may change.

Expectations are written out by hand from the roles (not recomputed with the access helpers), so
a change in scoping shows up here as a failing row. A refused write must leave every table, the
audit trail included, exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from bangkom.api.tests.conftest import LEVELS, Extras, call, database_state, ids
from bangkom.core.models import AuditEvent
from bangkom.testing.world import PERSONAS, World

# ----------------------------------------------------------------------------- reads

KOTA_UJI_UNITS = ("dinkes", "puskesmas", "kecamatan")
KOTA_UJI_POSITIONS = ("kepala_puskesmas", "perawat", "staf_kecamatan")
KOTA_UJI_EMPLOYEES = ("supervisor", "employee", "colleague", "kecamatan_staff")

# resource → (the world's objects of that kind, persona → the ones they see)
VISIBLE: dict[str, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {
    "instansi": (
        ("instansi", "other_instansi"),
        {
            "superadmin": ("instansi", "other_instansi"),
            "bkpsdm": ("instansi",),
            "opd_admin": ("instansi",),
            "supervisor": ("instansi",),
            "employee": ("instansi",),
            "partner": ("instansi",),
            "pimpinan": ("instansi",),
            "outsider": ("other_instansi",),
            "outsider_employee": ("other_instansi",),
        },
    ),
    "units": (
        (*KOTA_UJI_UNITS, "other_unit"),
        {
            "superadmin": (*KOTA_UJI_UNITS, "other_unit"),
            "bkpsdm": KOTA_UJI_UNITS,
            "opd_admin": ("dinkes", "puskesmas"),
            "supervisor": (),
            "employee": (),
            "partner": (),
            "pimpinan": KOTA_UJI_UNITS,
            "outsider": ("other_unit",),
            "outsider_employee": (),
        },
    ),
    "positions": (
        (*KOTA_UJI_POSITIONS, "other_position"),
        {
            "superadmin": (*KOTA_UJI_POSITIONS, "other_position"),
            "bkpsdm": KOTA_UJI_POSITIONS,
            "opd_admin": ("kepala_puskesmas", "perawat"),
            # their own position and their subordinates'
            "supervisor": ("kepala_puskesmas", "perawat"),
            "employee": ("perawat",),
            "partner": (),
            "pimpinan": KOTA_UJI_POSITIONS,
            "outsider": ("other_position",),
            "outsider_employee": ("other_position",),
        },
    ),
    "employees": (
        (*KOTA_UJI_EMPLOYEES, "other_employee"),
        {
            "superadmin": (*KOTA_UJI_EMPLOYEES, "other_employee"),
            "bkpsdm": KOTA_UJI_EMPLOYEES,
            "opd_admin": ("supervisor", "employee", "colleague"),
            "supervisor": ("supervisor", "employee", "colleague"),
            "employee": ("employee",),
            "partner": (),
            "pimpinan": KOTA_UJI_EMPLOYEES,
            "outsider": ("other_employee",),
            "outsider_employee": ("other_employee",),
        },
    ),
    # National competencies are visible to everyone; these are the instansi's own.
    "competencies": (
        ("own_technical", "other_technical"),
        {
            "superadmin": ("own_technical", "other_technical"),
            "bkpsdm": ("own_technical",),
            "opd_admin": ("own_technical",),
            "supervisor": ("own_technical",),
            "employee": ("own_technical",),
            "partner": ("own_technical",),
            "pimpinan": ("own_technical",),
            "outsider": ("other_technical",),
            "outsider_employee": ("other_technical",),
        },
    ),
}


def _object(world: World, extras: Extras, name: str) -> Any:
    return getattr(world, name, None) or getattr(extras, name)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("resource", list(VISIBLE))
def test_lists_and_details_show_exactly_the_personas_scope(
    world: World, extras: Extras, client: Any, resource: str, persona: str
) -> None:
    names, seen_by = VISIBLE[resource]
    objects = {name: _object(world, extras, name) for name in names}
    client.force_login(world.user(persona))

    listed = ids(call(client, "get", f"/{resource}?limit=500"))
    expected = {objects[name].pk for name in seen_by[persona]}
    scoped = {obj.pk for obj in objects.values()}
    assert listed & scoped == expected
    if resource == "competencies":
        national = call(client, "get", f"/competencies/{extras.official.pk}")
        assert national.status_code == 200
    else:
        assert listed == expected, "the list shows nothing beyond the world's own objects"

    details = {
        name: call(client, "get", f"/{resource}/{obj.pk}").status_code
        for name, obj in objects.items()
    }
    assert details == {name: 200 if name in seen_by[persona] else 404 for name in names}


# ----------------------------------------------------------------------------- writes


def outcome(default: int, **overrides: int) -> dict[str, int]:
    return {persona: overrides.get(persona, default) for persona in PERSONAS}


@dataclass(frozen=True)
class WriteCase:
    name: str
    method: str
    path: Callable[[World, Extras], str]
    body: Callable[[World, Extras], Any]
    expected: dict[str, int]
    audit_action: str
    route: str = field(default="")  # the OpenAPI path, to prove every write endpoint is here


def _new_employee(world: World, extras: Extras) -> dict[str, Any]:
    return {
        "instansi": world.instansi.pk,
        "nip": "199507182020122001",
        "nama": "Sri Wahyuni",
        "unit": world.puskesmas.pk,
        "position": world.perawat.pk,
        "golongan": "III/a",
    }


def _duty_body(world: World, extras: Extras) -> dict[str, Any]:
    return {
        "uraian": "Melakukan pengkajian keperawatan.",
        "competencies": [{"competency": extras.own_technical.pk, "level": 3}],
    }


CREATE_IN_KOTA_UJI = outcome(403, superadmin=201, bkpsdm=201, opd_admin=201, outsider=422)
CHANGE_IN_PUSKESMAS = outcome(
    404, superadmin=200, bkpsdm=200, opd_admin=200, supervisor=403, employee=403, pimpinan=403
)

WRITE_CASES = [
    WriteCase(
        "unit_create_opd",
        "post",
        lambda w, e: "/units",
        lambda w, e: {"instansi": w.instansi.pk, "nama": "Badan Pendapatan", "jenis": "badan"},
        # A new OPD is for the instansi admin, not for the admin of one OPD.
        outcome(403, superadmin=201, bkpsdm=201, outsider=422),
        "unit.create",
        "/units",
    ),
    WriteCase(
        "unit_create_sub",
        "post",
        lambda w, e: "/units",
        lambda w, e: {
            "instansi": w.instansi.pk,
            "parent": w.dinkes.pk,
            "nama": "Bidang P2P",
            "jenis": "bidang",
        },
        CREATE_IN_KOTA_UJI,
        "unit.create",
    ),
    WriteCase(
        "unit_update",
        "patch",
        lambda w, e: f"/units/{w.puskesmas.pk}",
        lambda w, e: {"singkatan": "PKM Alak"},
        outcome(404, superadmin=200, bkpsdm=200, opd_admin=200, pimpinan=403),
        "unit.update",
        "/units/{unit_id}",
    ),
    WriteCase(
        "unit_update_outside_opd",
        "patch",
        lambda w, e: f"/units/{w.kecamatan.pk}",
        lambda w, e: {"singkatan": "Kec. Alak"},
        outcome(404, superadmin=200, bkpsdm=200, pimpinan=403),
        "unit.update",
    ),
    WriteCase(
        "position_create",
        "post",
        lambda w, e: "/positions",
        lambda w, e: {"unit": w.puskesmas.pk, "nama": "Bidan Terampil", "kelas": "terampil"},
        CREATE_IN_KOTA_UJI,
        "position.create",
        "/positions",
    ),
    WriteCase(
        "position_update",
        "patch",
        lambda w, e: f"/positions/{w.perawat.pk}",
        lambda w, e: {"ikhtisar": "Memberikan asuhan keperawatan."},
        CHANGE_IN_PUSKESMAS,
        "position.update",
        "/positions/{position_id}",
    ),
    WriteCase(
        "standard_set",
        "put",
        lambda w, e: f"/positions/{w.perawat.pk}/standards/{e.official.pk}",
        lambda w, e: {"level": 3},
        CHANGE_IN_PUSKESMAS,
        "standard.set",
        "/positions/{position_id}/standards/{competency_id}",
    ),
    WriteCase(
        "duty_create",
        "post",
        lambda w, e: f"/positions/{w.perawat.pk}/duties",
        _duty_body,
        {**CHANGE_IN_PUSKESMAS, "superadmin": 201, "bkpsdm": 201, "opd_admin": 201},
        "duty.create",
        "/positions/{position_id}/duties",
    ),
    WriteCase(
        "duty_update",
        "put",
        lambda w, e: f"/positions/{w.perawat.pk}/duties/{e.duty.pk}",
        _duty_body,
        CHANGE_IN_PUSKESMAS,
        "duty.update",
        "/positions/{position_id}/duties/{duty_id}",
    ),
    WriteCase(
        "duty_delete",
        "delete",
        lambda w, e: f"/positions/{w.perawat.pk}/duties/{e.duty.pk}",
        lambda w, e: None,
        {**CHANGE_IN_PUSKESMAS, "superadmin": 204, "bkpsdm": 204, "opd_admin": 204},
        "duty.delete",
        "/positions/{position_id}/duties/{duty_id}",
    ),
    WriteCase(
        "employee_create",
        "post",
        lambda w, e: "/employees",
        _new_employee,
        CREATE_IN_KOTA_UJI,
        "employee.create",
        "/employees",
    ),
    WriteCase(
        "employee_update",
        "patch",
        lambda w, e: f"/employees/{w.employee.pk}",
        lambda w, e: {"gelar_depan": "Ns."},
        CHANGE_IN_PUSKESMAS,
        "employee.update",
        "/employees/{employee_id}",
    ),
    WriteCase(
        "employee_update_outside_opd",
        "patch",
        lambda w, e: f"/employees/{w.kecamatan_staff.pk}",
        lambda w, e: {"gelar_belakang": "S.AP."},
        outcome(404, superadmin=200, bkpsdm=200, pimpinan=403),
        "employee.update",
    ),
    WriteCase(
        "competency_create",
        "post",
        lambda w, e: "/competencies",
        lambda w, e: {
            "instansi": w.instansi.pk,
            "kode": "T.9",
            "nama": "Surveilans Epidemiologi",
            "levels": LEVELS,
        },
        outcome(403, superadmin=201, bkpsdm=201, outsider=422),
        "competency.create",
        "/competencies",
    ),
    WriteCase(
        "competency_create_national",
        "post",
        lambda w, e: "/competencies",
        lambda w, e: {"instansi": None, "kode": "T.90", "nama": "Statistik", "levels": LEVELS},
        outcome(403, superadmin=201),
        "competency.create",
    ),
    WriteCase(
        "competency_update",
        "patch",
        lambda w, e: f"/competencies/{e.own_technical.pk}",
        lambda w, e: {"sektor": "Kesehatan Masyarakat"},
        outcome(403, superadmin=200, bkpsdm=200, outsider=404, outsider_employee=404),
        "competency.update",
        "/competencies/{competency_id}",
    ),
    WriteCase(
        "competency_update_official",
        "patch",
        lambda w, e: f"/competencies/{e.official.pk}",
        lambda w, e: {"nama": "Integritas Diri"},
        outcome(403),  # the PermenPANRB dictionary is read-only, even for the superadmin
        "competency.update",
    ),
]


def test_every_write_endpoint_has_a_case(client: Any) -> None:
    schema = call(client, "get", "/openapi.json").json()
    writes = {
        (method, path.removeprefix("/api/v1"))
        for path, operations in schema["paths"].items()
        for method in operations
        if method != "get"
    }
    covered = {(case.method, case.route) for case in WRITE_CASES if case.route}
    assert writes == covered


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", WRITE_CASES, ids=lambda case: case.name)
def test_write_permission(
    world: World, extras: Extras, client: Any, case: WriteCase, persona: str
) -> None:
    user = world.user(persona)
    client.force_login(user)
    before = database_state()

    response = call(client, case.method, case.path(world, extras), case.body(world, extras))

    assert response.status_code == case.expected[persona], response.content
    if response.status_code < 300:
        audit = AuditEvent.objects.filter(action=case.audit_action, actor=user)
        assert audit.count() == 1, "a write leaves exactly one audit row of its action"
    else:
        assert "detail" in response.json()
        assert database_state() == before, "a refused write changes nothing, audit included"
