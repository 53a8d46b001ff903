"""Awards: criteria against hand-computed values, eligibility from the real data sources, the
unit leaderboard, nominations and decisions over the personas (a refused write changes
nothing), the award certificate and its credential (verifies; tampered, it does not)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from bangkom.assessments.models import PerformanceRating
from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.needs.models import EmployeeNeeds
from bangkom.recognition import siasn
from bangkom.recognition.awards import criteria, metrics
from bangkom.recognition.awards.services import (
    SchemeData,
    award_decide,
    award_nominate,
    award_scheme_create,
    candidates,
)
from bangkom.recognition.models import Award, AwardNomination, AwardScheme, NominationStatus
from bangkom.recognition.verification import verify_credential_document
from bangkom.testing.world import PERSONAS

from .conftest import YEAR

pytestmark = pytest.mark.django_db

D = Decimal


# --- the pure criteria ------------------------------------------------------------------------


def test_criteria_by_hand():
    values = criteria.Values(
        jp_earned=D("15"),
        jp_target=20,
        gap_earlier=D("8"),
        gap_current=D("3"),
        gain=D("0.45"),
        skp="baik",
    )
    assert criteria.jp_percent(values) == D("75.00")
    assert criteria.gap_closed_percent(values) == D("62.50")  # (8 − 3) / 8
    rule = criteria.Thresholds(
        min_jp_percent=75, min_gap_closed_percent=D("62.5"), min_gain=D("0.46"), min_skp="baik"
    )
    results = criteria.evaluate(rule, values)
    assert [(r.kind, r.met) for r in results] == [
        ("jp", True),
        ("gap", True),
        ("gain", False),
        ("skp", True),
    ]
    assert not criteria.is_eligible(results)
    assert criteria.is_eligible(criteria.evaluate(criteria.Thresholds(min_skp="baik"), values))
    strict = criteria.Thresholds(min_jp_percent=76, min_skp="sangat_baik")
    assert [r.met for r in criteria.evaluate(strict, values)] == [False, False]


def test_criteria_without_data_are_not_met():
    nothing = criteria.Values()
    rule = criteria.Thresholds(
        min_jp_percent=1, min_gap_closed_percent=D(0), min_gain=D(-1), min_skp="baik"
    )
    assert [r.met for r in criteria.evaluate(rule, nothing)] == [False] * 4
    grown = criteria.Values(gap_earlier=D(2), gap_current=D(5))  # the gap grew: −150 %
    assert criteria.gap_closed_percent(grown) == D("-150.00")
    assert criteria.is_eligible([]) is False


# --- the data ---------------------------------------------------------------------------------


def _needs(world, employee, tahun, score):
    EmployeeNeeds.objects.create(
        instansi=world.instansi,
        tahun=tahun,
        employee=employee,
        unit=employee.unit,
        gap_count=1,
        total_gap=1,
        total_score=D(score),
        lines_json=[],
    )


@pytest.fixture
def data(world, credit):
    credit(world.employee, 20)
    credit(world.colleague, 10)
    credit(world.kecamatan_staff, 24)
    _needs(world, world.employee, YEAR - 1, "10")
    _needs(world, world.employee, YEAR, "4")
    _needs(world, world.colleague, YEAR - 1, "5")
    _needs(world, world.colleague, YEAR, "5")
    PerformanceRating.objects.create(
        instansi=world.instansi, employee=world.employee, tahun=YEAR, predikat="baik"
    )
    PerformanceRating.objects.create(
        instansi=world.instansi, employee=world.colleague, tahun=YEAR, predikat="sangat_baik"
    )
    return world


SCHEME = SchemeData(
    name="ASN Pembelajar",
    year=YEAR,
    signatory_name="Drs. Yakobus Dami, M.Si.",
    signatory_title="Kepala BKPSDM Kota Uji",
    description="Memenuhi kewajiban JP dan menutup kesenjangannya.",
    min_jp_percent="100",
    min_gap_closed_percent="50",
    min_skp="baik",
)


@pytest.fixture
def scheme(data):
    return award_scheme_create(instansi=data.instansi, data=SCHEME, acting_user=data.user("bkpsdm"))


def test_candidates_by_hand(data, scheme):
    table = {c.person.nip: c for c in candidates(scheme)}
    employee = table[data.employee.nip]
    assert [(r.kind, r.value, r.met) for r in employee.results] == [
        ("jp", D("100.00"), True),  # 20 of 20 JP
        ("gap", D("60.00"), True),  # (10 − 4) / 10
        ("skp", "baik", True),
    ]
    assert employee.eligible
    colleague = table[data.colleague.nip]
    assert [(r.kind, r.value, r.met) for r in colleague.results] == [
        ("jp", D("50.00"), False),
        ("gap", D("0.00"), False),
        ("skp", "sangat_baik", True),
    ]
    staff = table[data.kecamatan_staff.nip]
    assert [r.met for r in staff.results] == [True, False, False]  # no needs, no SKP
    assert [c.person.nip for c in candidates(scheme) if c.eligible] == [data.employee.nip]


def test_leaderboard_by_hand(data):
    rows = metrics.leaderboard(data.instansi, YEAR)
    assert [
        (r.name, r.asn, r.jp_met, r.jp_met_percent, r.gap_average, r.gap_counted) for r in rows
    ] == [
        ("Kecamatan Alak", 1, 1, D("100.0"), None, 0),
        # supervisor 0 JP, employee 20, colleague 10: 1 of 3; gaps closed 60 % and 0 %
        ("Dinas Kesehatan", 3, 1, D("33.3"), D("30.00"), 2),
    ]


def test_scheme_errors_all_at_once(world):
    events = AuditEvent.objects.count()
    with pytest.raises(ServiceError) as caught:
        award_scheme_create(
            instansi=world.instansi,
            data=SchemeData(
                name="",
                year="20266",
                signatory_name="",
                signatory_title="",
                min_jp_percent="0",
                min_gain="2",
            ),
            acting_user=world.user("bkpsdm"),
        )
    assert set(caught.value.message_dict) == {
        "name",
        "year",
        "min_jp_percent",
        "min_gain",
        "signatory_name",
        "signatory_title",
    }
    with pytest.raises(ServiceError) as none_used:
        award_scheme_create(
            instansi=world.instansi,
            data=SchemeData(name="X", year=YEAR, signatory_name="A", signatory_title="B"),
            acting_user=world.user("bkpsdm"),
        )
    assert "paling sedikit satu kriteria" in str(none_used.value)
    assert not AwardScheme.objects.exists()
    assert AuditEvent.objects.count() == events


# --- nominations and decisions ----------------------------------------------------------------

NOMINATORS = {"supervisor", "opd_admin"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_nominate_by_supervisor_or_opd_admin_only(client, data, scheme, persona):
    client.force_login(data.user(persona))
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("recognition:award_nominate", args=[scheme.pk]),
        {"employee": data.employee.pk, "reason": "Menuntaskan pelatihan dan menerapkannya."},
    )
    if persona in NOMINATORS:
        assert response.status_code == 302
        nomination = AwardNomination.objects.get()
        assert nomination.criteria_values["gap"] == {"value": "60.00", "met": True}
        return
    assert response.status_code in (403, 404)
    assert not AwardNomination.objects.exists()
    assert AuditEvent.objects.count() == events


def test_nominating_an_ineligible_asn_or_twice_is_refused(data, scheme):
    supervisor = data.user("supervisor")
    with pytest.raises(ServiceError) as caught:
        award_nominate(scheme=scheme, employee=data.colleague, reason="", acting_user=supervisor)
    assert set(caught.value.message_dict) == {"reason", "employee"}
    assert "kewajiban JP" in caught.value.message_dict["employee"][0]
    award_nominate(scheme=scheme, employee=data.employee, reason="Baik.", acting_user=supervisor)
    with pytest.raises(ServiceError, match="sudah diusulkan"):
        award_nominate(
            scheme=scheme, employee=data.employee, reason="Lagi.", acting_user=supervisor
        )
    with pytest.raises(PermissionDenied):  # nobody nominates themself
        award_nominate(scheme=scheme, employee=data.supervisor, reason="x", acting_user=supervisor)
    with pytest.raises(PermissionDenied):  # not her subordinate, not in an OPD she manages
        award_nominate(
            scheme=scheme,
            employee=data.kecamatan_staff,
            reason="x",
            acting_user=data.user("opd_admin"),
        )


@pytest.fixture
def nomination(data, scheme):
    return award_nominate(
        scheme=scheme,
        employee=data.employee,
        reason="Menuntaskan 20 JP dan menutup 60 % kesenjangannya.",
        acting_user=data.user("supervisor"),
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_decide_by_bkpsdm_only(client, data, nomination, persona):
    client.force_login(data.user(persona))
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("recognition:award_decide", args=[nomination.pk]),
        {"decision": "setuju", "reason": ""},
    )
    nomination.refresh_from_db()
    if persona in {"superadmin", "bkpsdm"}:
        assert response.status_code == 302
        assert nomination.status == NominationStatus.APPROVED
        assert Award.objects.get().number == f"PGH/53.71/{YEAR}/000001"
        return
    assert response.status_code in (403, 404)
    assert nomination.status == NominationStatus.SUBMITTED
    assert not Award.objects.exists()
    assert AuditEvent.objects.count() == events


def test_decline_needs_a_reason_and_keeps_input(client, data, nomination):
    client.force_login(data.user("bkpsdm"))
    url = reverse("recognition:award_decide", args=[nomination.pk])
    response = client.post(url, {"decision": "tolak", "reason": " "})
    assert response.status_code == 400
    assert "Alasan penolakan wajib diisi." in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    response = client.post(url, {"decision": "tolak", "reason": "Kuota tahun ini penuh."})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.status, nomination.decision_reason) == ("ditolak", "Kuota tahun ini penuh.")
    assert not Award.objects.exists()
    with pytest.raises(ServiceError, match="sudah diputuskan"):
        award_decide(
            nomination=nomination, approve=True, reason="", acting_user=data.user("bkpsdm")
        )


# --- the award, its PDF and credential --------------------------------------------------------


@pytest.fixture
def award(data, nomination):
    award_decide(
        nomination=nomination, approve=True, reason="Layak.", acting_user=data.user("bkpsdm")
    )
    return Award.objects.get()


def test_credential_verifies_and_tampered_fails(award, tmp_path):
    document = json.loads(award.credential_json)
    assert document["credentialSubject"]["achievement"]["achievementType"] == "Award"
    assert award.recipient_nip not in award.credential_json
    assert verify_credential_document(document).valid
    path = tmp_path / "piagam.json"
    path.write_text(award.credential_json, encoding="utf-8")
    call_command("verify_credential", str(path))  # exit 0
    document["credentialSubject"]["name"] = "Orang Lain"
    assert not verify_credential_document(document).valid
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("verify_credential", str(path))
    assert caught.value.returncode == 1


def test_award_on_the_asn_page_pdf_and_public_check(client, data, award):
    client.force_login(data.user("employee"))
    text = client.get(reverse("recognition:my_certificates")).content.decode()
    assert award.number in text
    assert f"/verifikasi/{award.code}/" in text
    pdf = client.get(reverse("recognition:award_pdf", args=[award.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    client.logout()
    public = client.get(reverse("recognition:verify_code", args=[award.code]))
    assert public.status_code == 200
    body = public.content.decode()
    assert "ASN Pembelajar" in body
    assert award.recipient_nip not in body


@pytest.mark.parametrize("persona", PERSONAS)
def test_award_downloads_follow_who_may_read_the_asn(client, data, award, persona):
    client.force_login(data.user(persona))
    response = client.get(reverse("recognition:award_credential", args=[award.pk]))
    readers = {"superadmin", "bkpsdm", "opd_admin", "supervisor", "employee", "pimpinan"}
    assert response.status_code == (200 if persona in readers else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_scheme_page_rows_follow_scope(client, data, scheme, persona):
    client.force_login(data.user(persona))
    response = client.get(reverse("recognition:award_scheme", args=[scheme.pk]), {"semua": "1"})
    expected = {
        "superadmin": 200,
        "bkpsdm": 200,
        "pimpinan": 200,
        "opd_admin": 200,
        "supervisor": 200,
        "employee": 403,
        "partner": 403,
        "outsider": 404,
        "outsider_employee": 404,
    }[persona]
    assert response.status_code == expected
    if expected == 200:
        text = response.content.decode()
        assert data.employee.nip in text
        assert "60,00%" in text  # the employee's gap closed, (10 − 4) / 10
        assert "20,00 dari 20 JP" in text
        assert (data.kecamatan_staff.nip in text) == (
            persona in {"superadmin", "bkpsdm", "pimpinan"}
        )


@pytest.mark.parametrize("persona", PERSONAS)
def test_scheme_create_page_bkpsdm_only(client, data, persona):
    client.force_login(data.user(persona))
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("recognition:award_schemes") + f"?instansi={data.instansi.pk}",
        {
            "name": "Unit Pembelajar",
            "year": str(YEAR),
            "min_jp_percent": "100",
            "signatory_name": "A",
            "signatory_title": "B",
        },
    )
    if persona in {"superadmin", "bkpsdm"}:
        assert response.status_code == 302
        assert AwardScheme.objects.filter(name="Unit Pembelajar").exists()
        return
    assert response.status_code in (403, 404)
    assert not AwardScheme.objects.exists()
    assert AuditEvent.objects.count() == events


def test_scheme_form_shows_every_error_and_keeps_input(client, data):
    client.force_login(data.user("bkpsdm"))
    response = client.post(
        reverse("recognition:award_schemes"),
        {"name": "Teladan", "year": "1999", "min_gain": "abc", "signatory_name": ""},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Isi antara 2000 dan 2100." in text
    assert "Tulis angka" in text
    assert "Nama penanda tangan wajib diisi." in text
    assert 'value="Teladan"' in text


# --- the leaderboard pages --------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_leaderboard_for_the_instansi_staff(client, data, persona):
    client.force_login(data.user(persona))
    response = client.get(
        reverse("recognition:leaderboard"), {"instansi": data.instansi.pk, "tahun": YEAR}
    )
    expected = 403 if persona == "partner" else 404 if persona.startswith("outsider") else 200
    assert response.status_code == expected
    if expected == 200:
        text = response.content.decode()
        assert "Kecamatan Alak" in text and "33,3%" in text
        assert "<svg" in text and "<table>" in text
        assert data.employee.nip not in text  # units only


def test_public_leaderboard_only_when_turned_on(client, data):
    url = reverse("recognition:leaderboard_public", args=["53.71", YEAR])
    assert client.get(url).status_code == 404
    siasn.recognition_setting_save(
        instansi=data.instansi,
        siasn_instansi_id="",
        siasn_lokasi_id="",
        leaderboard_public=True,
        acting_user=data.user("bkpsdm"),
    )
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Dinas Kesehatan" in text
    assert data.employee.display_name not in text
    assert (
        client.get(reverse("recognition:leaderboard_public", args=["61.71", YEAR])).status_code
        == 404
    )
