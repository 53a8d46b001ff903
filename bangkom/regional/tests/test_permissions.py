"""Every regional page × every persona (and anonymous): who may see it, who may change through
it, and that a refused request changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bangkom.core.models import AuditEvent
from bangkom.factors.models import WeightFactor
from bangkom.regional.models import (
    Indicator,
    IndicatorValue,
    PlanPriority,
    PublicInput,
    RegionalSettings,
    SignalEvaluation,
    SignalRule,
    SkmImport,
    SkmResponse,
    SkmUnitSettings,
)
from bangkom.regional.tests.scenario import Regional, build_regional
from bangkom.testing.world import PERSONAS, World

pytestmark = pytest.mark.django_db

ALL = set(PERSONAS)
ADMINS = {"superadmin", "bkpsdm"}
READERS = ADMINS | {"pimpinan"}
IN_SCOPE = READERS | {"opd_admin"}
OWN_INSTANSI_PAGES = IN_SCOPE | {"outsider"}  # lists open on the user's own instansi
MANAGERS_OF_DINKES = ADMINS | {"opd_admin"}


def expect(
    ok: set[str], *, forbidden: frozenset[str] | set[str] = frozenset(), default: int = 404
) -> dict[str, int]:
    return {p: 200 if p in ok else 403 if p in forbidden else default for p in PERSONAS}


Url = Callable[[World, Regional], str]


def _q(name: str, *args: Any) -> Url:
    return lambda w, r: reverse(name, args=args)


def _own(name: str) -> Url:
    """A page on the persona world's instansi, named explicitly."""
    return lambda w, r: f"{reverse(name)}?instansi={w.instansi.pk}"


LIST_PAGES = [
    "regional:indicator_list",
    "regional:rule_list",
    "regional:priority_list",
    "regional:moderation",
    "regional:skm_results",
    "regional:settings",
]

PAGES: list[tuple[str, Url, dict[str, int]]] = [
    *[(name, _q(name), expect(OWN_INSTANSI_PAGES, default=403)) for name in LIST_PAGES],
    *[
        (f"{name} Kota Uji", _own(name), expect(IN_SCOPE, default=403) | {"outsider": 404})
        for name in LIST_PAGES
    ],
    (
        "indicator create",
        _q("regional:indicator_create"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "indicator create Kota Uji",
        _own("regional:indicator_create"),
        expect(ADMINS, default=403) | {"outsider": 404},
    ),
    (
        "indicator import",
        _q("regional:indicator_import"),
        expect(ADMINS | {"outsider"}, default=403),
    ),
    (
        "indicator",
        lambda w, r: reverse("regional:indicator_detail", args=[r.indicator.pk]),
        expect(IN_SCOPE),
    ),
    (
        "indicator other",
        lambda w, r: reverse("regional:indicator_detail", args=[r.other_indicator.pk]),
        expect({"superadmin", "outsider"}),
    ),
    (
        "indicator edit",
        lambda w, r: reverse("regional:indicator_edit", args=[r.indicator.pk]),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "rule create",
        _q("regional:rule_create"),
        expect(MANAGERS_OF_DINKES | {"outsider"}, default=403),
    ),
    (
        "rule",
        lambda w, r: reverse("regional:rule_detail", args=[r.rule_kecamatan.pk]),
        expect(IN_SCOPE),
    ),
    (
        "rule other",
        lambda w, r: reverse("regional:rule_detail", args=[r.other_rule.pk]),
        expect({"superadmin", "outsider"}),
    ),
    (
        "rule edit kecamatan",
        lambda w, r: reverse("regional:rule_edit", args=[r.rule_kecamatan.pk]),
        expect(ADMINS, forbidden={"pimpinan", "opd_admin"}),
    ),
    (
        "rule edit puskesmas",
        lambda w, r: reverse("regional:rule_edit", args=[r.rule_puskesmas.pk]),
        expect(MANAGERS_OF_DINKES, forbidden={"pimpinan"}),
    ),
    (
        "priority create",
        _q("regional:priority_create"),
        expect(MANAGERS_OF_DINKES | {"outsider"}, default=403),
    ),
    (
        "priority",
        lambda w, r: reverse("regional:priority_edit", args=[r.priority_city.pk]),
        expect(IN_SCOPE),
    ),
    (
        "input",
        lambda w, r: reverse("regional:input_detail", args=[r.item.pk]),
        expect(IN_SCOPE),
    ),
    (
        "input other",
        lambda w, r: reverse("regional:input_detail", args=[r.other_item.pk]),
        expect({"superadmin", "outsider"}),
    ),
    (
        "skm puskesmas",
        lambda w, r: reverse("regional:skm_unit", args=[w.puskesmas.pk]) + "?periode=2025",
        expect(IN_SCOPE),
    ),
    (
        "skm kecamatan",
        lambda w, r: reverse("regional:skm_unit", args=[w.kecamatan.pk]),
        expect(READERS),
    ),
    (
        "skm settings puskesmas",
        lambda w, r: reverse("regional:skm_unit_settings", args=[w.puskesmas.pk]),
        expect(MANAGERS_OF_DINKES, forbidden={"pimpinan"}),
    ),
    (
        "skm import",
        _q("regional:skm_import"),
        expect(MANAGERS_OF_DINKES | {"outsider"}, default=403),
    ),
]

PUBLIC_PAGES: list[tuple[str, Url, int]] = [
    ("public input", lambda w, r: reverse("regional:public_input", args=["53.71"]), 200),
    ("public input closed", lambda w, r: reverse("regional:public_input", args=["61.71"]), 404),
    ("public input unknown", lambda w, r: reverse("regional:public_input", args=["99.99"]), 404),
    ("public skm", lambda w, r: reverse("regional:public_skm", args=[w.puskesmas.pk]), 200),
    ("public skm closed", lambda w, r: reverse("regional:public_skm", args=[w.dinkes.pk]), 404),
    (
        "public input done",
        lambda w, r: reverse("regional:public_input_done", args=["53.71"]),
        200,
    ),
    (
        "public skm done",
        lambda w, r: reverse("regional:public_skm_done", args=[w.puskesmas.pk]),
        200,
    ),
]


@pytest.fixture
def regional(world: World) -> Regional:
    return build_regional(world)


@pytest.mark.parametrize("name,url,expected", PAGES, ids=[p[0] for p in PAGES])
def test_page_access_per_persona(
    client, world: World, regional: Regional, name: str, url: Url, expected: dict[str, int]
) -> None:
    target = url(world, regional)
    for persona in PERSONAS:
        client.force_login(world.user(persona))
        response = client.get(target)
        assert response.status_code == expected[persona], (
            f"{persona} on {name}: {response.status_code}"
        )
    client.logout()
    anonymous = client.get(target)
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]


@pytest.mark.parametrize("name,url,status", PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
def test_public_pages_for_everyone(
    client, world: World, regional: Regional, name: str, url: Url, status: int
) -> None:
    target = url(world, regional)
    assert client.get(target).status_code == status
    for persona in PERSONAS:
        client.force_login(world.user(persona))
        assert client.get(target).status_code == status, persona


def test_contact_details_only_for_moderators(client, world: World, regional: Regional) -> None:
    url = reverse("regional:input_detail", args=[regional.item.pk])
    for persona, shown in (("bkpsdm", True), ("opd_admin", True), ("pimpinan", False)):
        client.force_login(world.user(persona))
        content = client.get(url).content.decode()
        assert ("pelapor@example.org" in content) is shown, persona
        assert ("0812 3456 7890" in content) is shown, persona


# ----------------------------------------------------------------------------- writes


def _state() -> dict[str, Any]:
    return {
        "indicators": list(Indicator.objects.order_by("pk").values()),
        "values": list(IndicatorValue.objects.order_by("pk").values()),
        "rules": list(SignalRule.objects.order_by("pk").values()),
        "evaluations": SignalEvaluation.objects.count(),
        "priorities": list(PlanPriority.objects.order_by("pk").values()),
        "inputs": list(PublicInput.objects.order_by("pk").values()),
        "settings": list(RegionalSettings.objects.order_by("pk").values()),
        "skm_settings": list(SkmUnitSettings.objects.order_by("pk").values()),
        "skm_responses": SkmResponse.objects.count(),
        "skm_imports": SkmImport.objects.count(),
        "factors": list(WeightFactor.objects.order_by("pk").values()),
        "audit": AuditEvent.objects.count(),
    }


Post = Callable[[World, Regional], tuple[str, dict[str, Any]]]


def _indicator_create(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return f"{reverse('regional:indicator_create')}?instansi={w.instansi.pk}", {
        "kode": "PENDUDUK",
        "nama": "Jumlah penduduk",
        "satuan": "jiwa",
        "jenis": "penduduk",
        "periodisitas": "tahunan",
        "is_active": "on",
    }


def _value_unit(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:indicator_detail", args=[r.indicator.pk]), {
        "unit": w.puskesmas.pk,
        "periode": "2025-08",
        "nilai": "1.480",
    }


def _value_wilayah(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:indicator_detail", args=[r.indicator.pk]), {
        "kode_wilayah": "53.71.01",
        "periode": "2025-08",
        "nilai": "22,4",
    }


def _value_delete(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:value_delete", args=[r.value.pk]), {}


def _rule_create(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    from bangkom.competencies.models import Competency

    return f"{reverse('regional:rule_create')}?instansi={w.instansi.pk}", {
        "instansi": w.instansi.pk,
        "nama": "Permintaan Puskesmas",
        "indicator": r.indicator.pk,
        "unit": w.puskesmas.pk,
        "kondisi": "minimal",
        "ambang": "5",
        "competencies": [Competency.objects.get(kode="M.5").pk],
        "factor": "1,5",
        "is_active": "on",
    }


def _rule_evaluate(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:rule_evaluate", args=[r.rule_puskesmas.pk]), {"tahun": "2026"}


def _rule_delete(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:rule_delete", args=[r.rule_kecamatan.pk]), {}


def _evaluate_all(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:evaluate_all"), {"instansi": w.instansi.pk, "tahun": "2026"}


def _priority_create(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    from bangkom.competencies.models import Competency

    return f"{reverse('regional:priority_create')}?instansi={w.instansi.pk}", {
        "instansi": w.instansi.pk,
        "tema": "Kesehatan ibu dan anak",
        "dokumen": "renstra",
        "referensi": "Renstra Dinkes 2025–2029, Tujuan 1",
        "tahun_mulai": "2025",
        "tahun_selesai": "2029",
        "competencies": [Competency.objects.get(kode="M.5").pk],
        "units": [w.puskesmas.pk],
        "factor": "1,3",
        "is_active": "on",
    }


def _priority_delete_city(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:priority_delete", args=[r.priority_city.pk]), {}


def _input_approve(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    from bangkom.competencies.models import Competency

    return reverse("regional:input_approve", args=[r.item.pk]), {
        "aksi": "setujui",
        "tahun": "2026",
        "competencies": [Competency.objects.get(kode="M.5").pk],
        "units": [w.puskesmas.pk],
        "factor": "1,2",
    }


def _input_reject(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:input_reject", args=[r.item.pk]), {
        "aksi": "tolak",
        "alasan": "Bukan tentang kompetensi ASN.",
    }


def _skm_settings(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:skm_unit_settings", args=[w.puskesmas.pk]), {
        "is_open": "on",
        "populasi_tahunan": "2500",
        "jenis_layanan": "Poli umum",
    }


def _skm_signal(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:skm_signal", args=[w.puskesmas.pk]), {
        "periode": "2025",
        "tahun": "2026",
    }


def _skm_import(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    content = b"U1,U2,U3,U4,U5,U6,U7,U8,U9\n3,3,3,3,3,3,3,3,3\n"
    return f"{reverse('regional:skm_import')}?instansi={w.instansi.pk}", {
        "instansi": w.instansi.pk,
        "unit": w.puskesmas.pk,
        "periode": "2025-Q2",
        "berkas": SimpleUploadedFile("skm.csv", content, content_type="text/csv"),
    }


def _skm_import_delete(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return reverse("regional:skm_import_delete", args=[r.batch.pk]), {}


def _settings(w: World, r: Regional) -> tuple[str, dict[str, Any]]:
    return f"{reverse('regional:settings')}?instansi={w.instansi.pk}", {
        "instansi": w.instansi.pk,
        "ikm_convention": "0.111",
        "skm_nrr_threshold": "3,2",
        "skm_factor": "1,5",
        "skm_frontline_classes": ["pelaksana"],
        "public_input_open": "on",
    }


WRITES: list[tuple[str, Post, set[str]]] = [
    ("indicator create", _indicator_create, ADMINS),
    ("value of a unit", _value_unit, MANAGERS_OF_DINKES),
    ("value of a wilayah", _value_wilayah, ADMINS),
    ("value delete", _value_delete, ADMINS),
    ("rule create", _rule_create, MANAGERS_OF_DINKES),
    ("rule evaluate", _rule_evaluate, MANAGERS_OF_DINKES),
    ("rule delete", _rule_delete, ADMINS),
    ("evaluate all", _evaluate_all, ADMINS),
    ("priority create", _priority_create, MANAGERS_OF_DINKES),
    ("priority delete", _priority_delete_city, ADMINS),
    ("input approve", _input_approve, MANAGERS_OF_DINKES),
    ("input reject", _input_reject, MANAGERS_OF_DINKES),
    ("skm settings", _skm_settings, MANAGERS_OF_DINKES),
    ("skm signal", _skm_signal, MANAGERS_OF_DINKES),
    ("skm import", _skm_import, MANAGERS_OF_DINKES),
    ("skm import delete", _skm_import_delete, MANAGERS_OF_DINKES),
    ("settings", _settings, ADMINS),
]


@pytest.mark.parametrize("name,build,allowed", WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_write_per_persona(
    client,
    world: World,
    regional: Regional,
    name: str,
    build: Post,
    allowed: set[str],
    persona: str,
) -> None:
    url, data = build(world, regional)
    before = _state()
    client.force_login(world.user(persona))
    response = client.post(url, data)
    if persona in allowed:
        assert response.status_code in (200, 302), response.content.decode()[:2000]
        if response.status_code == 200:
            content = response.content.decode()
            assert "errorlist" not in content and "msg-error" not in content, content[:3000]
        assert _state() != before, f"{persona} changed nothing through {name}"
        assert _state()["audit"] > before["audit"]
    else:
        assert response.status_code in (403, 404), f"{persona} on {name}: {response.status_code}"
        assert _state() == before, f"{persona} changed data through {name}"


@pytest.mark.parametrize("name,build,allowed", WRITES, ids=[w[0] for w in WRITES])
def test_anonymous_write_changes_nothing(
    client, world: World, regional: Regional, name: str, build: Post, allowed: set[str]
) -> None:
    url, data = build(world, regional)
    before = _state()
    response = client.post(url, data)
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    assert _state() == before
