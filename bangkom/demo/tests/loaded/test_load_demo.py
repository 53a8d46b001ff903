"""``load-demo``: four believable instansi built through the services, loaded once (see
conftest.py)."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import models
from django.test import RequestFactory
from django.utils import timezone

from bangkom.accounts.models import Role, User
from bangkom.assessments.models import (
    Assessment,
    AssessmentRound,
    AssessmentSource,
    CalibrationFlag,
    CurrentLevel,
    RoundStatus,
)
from bangkom.assessments.services import standard_competency_ids
from bangkom.competencies.models import (
    Competency,
    CompetencyKind,
    CompetencyLevel,
    PositionStandard,
    StandardSource,
)
from bangkom.demo.builder import DemoReport
from bangkom.demo.logins import DEMO_PASSWORD, LOGIN_ROLES
from bangkom.demo.needs.stories import PLAN_YEAR
from bangkom.demo.people import DEMO_TODAY
from bangkom.demo.regions import REGIONS
from bangkom.demo.tests.loaded.support import counts, instansi
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.lib.nip import parse_nip
from bangkom.needs.models import EmployeeNeeds, UnitPriority
from bangkom.needs.selectors import factors_for
from bangkom.organisation.models import (
    Employee,
    EmployeeKind,
    Position,
    PositionClass,
    Unit,
    UnitKind,
)
from bangkom.regional.models import (
    EvaluationOutcome,
    IndicatorValue,
    InputStatus,
    PublicInput,
    SignalRule,
    StakeholderKind,
)
from bangkom.surveys.models import Survey


def standard(position: Position) -> dict[str, tuple[int, str]]:
    return {
        line.competency.kode: (line.required_level, line.source)
        for line in position.standards.select_related("competency")
    }


@pytest.mark.django_db
def test_four_instansi_with_units_positions_and_employees(demo: DemoReport) -> None:
    assert sorted(demo.created) == sorted(region.nama for region in REGIONS)
    for region in REGIONS:
        inst = instansi(region.slug)
        assert inst.nama == region.nama and inst.jenis == "kota"
        assert inst.units.count() >= 15
        assert inst.positions.count() >= 40
        assert 40 <= inst.employees.count() <= 80
        assert not inst.positions.filter(duties__isnull=True).exists()
        kinds = set(inst.positions.values_list("kelas", flat=True))
        assert {PositionClass.JPT_PRATAMA, PositionClass.ADMINISTRATOR} <= kinds
        assert {PositionClass.PENGAWAS, PositionClass.PELAKSANA} <= kinds
    assert Competency.objects.filter(instansi=None, jenis=CompetencyKind.TEKNIS).count() == 20
    assert CompetencyLevel.objects.filter(competency__kode="T.3").count() == 5


@pytest.mark.django_db
def test_units_sit_on_their_places_in_the_region_list(demo: DemoReport) -> None:
    kupang = instansi("kupang")
    alak = Unit.objects.get(instansi=kupang, nama="Kelurahan Alak")
    assert alak.wilayah_id == "53.71.01.1008"
    assert alak.parent is not None and alak.parent.nama == "Kecamatan Alak"
    assert alak.parent.wilayah_id == "53.71.01"
    puskesmas = Unit.objects.get(instansi=kupang, nama="Puskesmas Alak")
    assert puskesmas.parent is not None and puskesmas.parent.nama == "Dinas Kesehatan"
    assert Unit.objects.filter(instansi=kupang, jenis=UnitKind.KELURAHAN).count() == 4
    marelan = Unit.objects.get(instansi=instansi("medan"), nama="Kecamatan Medan Marelan")
    assert marelan.wilayah_id == "12.71.12"
    kelurahan = Unit.objects.filter(parent=marelan, jenis=UnitKind.KELURAHAN)
    assert {u.wilayah.parent_id for u in kelurahan if u.wilayah} == {"12.71.12"}
    cakranegara = Unit.objects.get(instansi=instansi("mataram"), nama="Kecamatan Cakranegara")
    assert Unit.objects.filter(parent=cakranegara, wilayah__parent_id="52.71.03").count() >= 3


@pytest.mark.django_db
def test_licensing_staff_in_medan_marelan_need_regulation_and_communication(
    demo: DemoReport,
) -> None:
    licensing = Position.objects.get(
        instansi=instansi("medan"),
        unit__nama="Seksi Pelayanan dan Perizinan",
        nama="Pengadministrasi Perizinan",
    )

    lines = standard(licensing)

    assert lines["T.3"] == (2, StandardSource.TUGAS)  # Regulasi Perizinan Berusaha (OSS-RBA)
    assert lines["M.3"] == (2, StandardSource.TUGAS)  # above the pelaksana default of 1
    assert lines["M.5"] == (2, StandardSource.TUGAS)
    assert lines["M.8"] == (1, StandardSource.KELAS)
    head = Position.objects.get(unit=licensing.unit, nama="Kepala Seksi Pelayanan dan Perizinan")
    assert standard(head)["T.3"][0] == 3 and standard(head)["M.3"][0] == 3


@pytest.mark.django_db
def test_health_staff_of_puskesmas_alak_need_health_protocols(demo: DemoReport) -> None:
    positions = Position.objects.filter(instansi=instansi("kupang"), unit__nama="Puskesmas Alak")
    by_name = {position.nama: standard(position) for position in positions}

    assert by_name["Perawat Ahli Pertama"]["T.2"] == (2, StandardSource.TUGAS)
    assert by_name["Kepala Puskesmas Alak"]["T.2"][0] == 3
    assert by_name["Dokter Ahli Pertama"]["T.2"][0] == 3
    assert all("T.2" in lines for name, lines in by_name.items() if "Perawat" in name)


@pytest.mark.django_db
def test_other_stories_show_in_the_standards(demo: DemoReport) -> None:
    pontianak = instansi("pontianak")
    bina_marga = Position.objects.get(instansi=pontianak, nama="Kepala Bidang Bina Marga")
    assert standard(bina_marga)["T.4"][0] == 4  # Manajemen Proyek Pemerintah
    assert standard(bina_marga)["T.5"][0] == 3  # Pengelolaan Anggaran
    kepala_bkpsdm = Position.objects.get(
        instansi=pontianak, nama__startswith="Kepala Badan Kepegawaian"
    )
    assert standard(kepala_bkpsdm)["M.1"][0] == 5  # sikap dan etika
    front_desk = Position.objects.get(
        instansi=instansi("mataram"),
        unit__nama="Seksi Pelayanan Umum",
        nama="Pengelola Layanan Operasional",
    )
    assert standard(front_desk)["T.9"][0] == 2  # Pelayanan Publik Berbasis Digital


@pytest.mark.django_db
def test_every_position_has_the_whole_managerial_standard(demo: DemoReport) -> None:
    managerial = Competency.objects.filter(
        is_official=True, jenis__in=[CompetencyKind.MANAJERIAL, CompetencyKind.SOSIAL_KULTURAL]
    ).count()
    assert managerial == 9
    per_position = (
        PositionStandard.objects.filter(competency__is_official=True)
        .values("position")
        .annotate(n=models.Count("id"))
    )
    assert {row["n"] for row in per_position} == {9}
    assert len(per_position) == Position.objects.count()


@pytest.mark.django_db
def test_employees_have_valid_numbers_and_supervisors_in_their_instansi(
    demo: DemoReport,
) -> None:
    employees = list(Employee.objects.select_related("supervisor", "position"))
    for employee in employees:
        if employee.jenis == EmployeeKind.PNS:
            info = parse_nip(employee.nip)
            assert (info.birth_date, info.sex) == (
                employee.tanggal_lahir,
                employee.jenis_kelamin,
            )
            assert employee.tmt_cpns == info.appointment_month
        else:
            assert len(employee.nip) == 18 and employee.golongan in {"V", "VII", "IX", "X"}
        assert employee.position is not None and employee.unit_id == employee.position.unit_id
        if employee.supervisor is not None:
            assert employee.supervisor.instansi_id == employee.instansi_id
    for region in REGIONS:
        tops = Employee.objects.filter(instansi=instansi(region.slug), supervisor__isnull=True)
        assert [e.position.nama for e in tops if e.position] == ["Sekretaris Daerah"]


@pytest.mark.django_db
def test_the_supervisor_chain_runs_up_to_the_opd_head(demo: DemoReport) -> None:
    staff = User.objects.get(username="medan.asn").employee
    assert staff is not None

    chain = []
    boss = staff.supervisor
    while boss is not None:
        chain.append(boss.position.nama if boss.position else "")
        boss = boss.supervisor

    assert chain == [
        "Kepala Seksi Pelayanan dan Perizinan",
        "Camat Medan Marelan",
        "Sekretaris Daerah",
    ]
    assert staff.supervisor == User.objects.get(username="medan.atasan").employee
    assert staff.tanggal_lahir is not None and staff.tanggal_lahir.year >= 1996  # ASN muda


@pytest.mark.django_db
def test_one_login_per_role_per_instansi(demo: DemoReport) -> None:
    for region in REGIONS:
        inst = instansi(region.slug)
        users = {role: User.objects.get(username=f"{region.slug}.{role}") for role in LOGIN_ROLES}
        roles = {
            role: set(user.role_assignments.values_list("role", "instansi_id"))
            for role, user in users.items()
        }
        assert roles["bkpsdm"] == {(Role.BKPSDM_ADMIN, inst.pk)}
        assert roles["pimpinan"] == {(Role.PIMPINAN, inst.pk)}
        assert roles["mitra"] == {(Role.MITRA, inst.pk)}
        assert roles["opd"] == {(Role.OPD_ADMIN, inst.pk)}
        assert roles["atasan"] == roles["asn"] == set()
        scope = users["opd"].role_assignments.get().unit
        assert scope is not None and scope.is_opd
        atasan, asn = users["atasan"].employee, users["asn"].employee
        assert atasan is not None and asn is not None and asn.supervisor == atasan
        assert users["mitra"].employee is None
    superadmin = User.objects.get(username="superadmin")
    assert set(superadmin.role_assignments.values_list("role", flat=True)) == {Role.SUPERADMIN}


@pytest.mark.django_db
def test_the_employee_logs_in_with_username_or_nip(demo: DemoReport) -> None:
    user = User.objects.get(username="kupang.asn")
    assert user.employee is not None
    request = RequestFactory().post("/masuk/")

    assert authenticate(request, username="kupang.asn", password=DEMO_PASSWORD) == user
    assert authenticate(request, username=user.employee.nip, password=DEMO_PASSWORD) == user


@pytest.mark.django_db
def test_demo_logins_prints_the_table_from_the_database(demo: DemoReport) -> None:
    User.objects.filter(username="kupang.mitra").update(nama="Nama Baru Mitra")
    out = StringIO()

    call_command("demo_logins", stdout=out)

    text = out.getvalue()
    for region in REGIONS:
        for role in LOGIN_ROLES:
            assert f"{region.slug}.{role}" in text
    assert "superadmin" in text and DEMO_PASSWORD in text
    assert "Nama Baru Mitra" in text
    assert "cakupan: Kecamatan Medan Marelan" in text


@pytest.mark.django_db
def test_a_second_run_changes_nothing(demo: DemoReport, settings: Any) -> None:
    settings.DEBUG = True  # pytest-django runs with DEBUG off, where load-demo asks first
    before = counts()
    out = StringIO()

    call_command("load_demo", wilayah_minimal=True, stdout=out)

    assert counts() == before
    assert "tidak ada perubahan" in out.getvalue()
    assert "medan.asn" in out.getvalue()


# ------------------------------------------------------------------------------ needs stories


def top_codes(unit: Unit, count: int = 3) -> list[str]:
    """The competencies at the top of a unit's needs for the plan year (highest score first)."""
    rows = UnitPriority.objects.filter(unit=unit, tahun=PLAN_YEAR).select_related("competency")
    return [row.competency.kode for row in rows.order_by("rank")[:count]]


def unit_of(slug: str, nama: str) -> Unit:
    return Unit.objects.get(instansi=instansi(slug), nama=nama)


def evidence_of(unit: Unit, kode: str) -> list[WeightFactor]:
    """The weight factors the needs page lists as the evidence of ``kode`` in ``unit``."""
    return factors_for(unit, Competency.objects.get(instansi=None, kode=kode), PLAN_YEAR)


def below_standard(unit: Unit, kode: str) -> list[EmployeeNeeds]:
    competency = Competency.objects.get(instansi=None, kode=kode)
    rows = EmployeeNeeds.objects.filter(tahun=PLAN_YEAR, unit__path__startswith=unit.path)
    return [row for row in rows if (line := row.line_for(competency.pk)) and line.gap]


@pytest.mark.django_db
def test_each_instansi_rates_its_staff_in_an_open_2026_round(demo: DemoReport) -> None:
    assert sorted(demo.needs_created) == sorted(region.nama for region in REGIONS)
    today = timezone.localdate()
    for region in REGIONS:
        inst = instansi(region.slug)
        assessment_round = AssessmentRound.objects.get(instansi=inst, tahun=PLAN_YEAR)
        assert assessment_round.status == RoundStatus.OPEN
        assert assessment_round.opens_on <= DEMO_TODAY and today <= assessment_round.closes_on
        staff = list(inst.employees.filter(supervisor__isnull=False))
        standards = standard_competency_ids(staff)
        ratings = Assessment.objects.filter(round=assessment_round)
        by_supervisor = ratings.filter(source=AssessmentSource.SUPERVISOR)
        assert set(by_supervisor.values_list("employee_id", "competency_id")) == {
            (employee.pk, competency) for employee in staff for competency in standards[employee.pk]
        }
        required = {
            (line.position_id, line.competency_id): line.required_level
            for line in PositionStandard.objects.filter(position__instansi=inst)
        }
        shortfalls = [
            required[(rating.employee.position_id, rating.competency_id)] - rating.level
            for rating in by_supervisor.select_related("employee")
        ]
        at_or_one_below = sum(1 for gap in shortfalls if gap in (0, 1))
        assert at_or_one_below >= 0.8 * len(shortfalls)
        assert any(gap == 2 for gap in shortfalls) and any(gap < 0 for gap in shortfalls)
        self_rated = set(
            ratings.filter(source=AssessmentSource.SELF).values_list("employee_id", flat=True)
        )
        assert len(self_rated) > len(staff) / 2
        assert 1 <= CalibrationFlag.objects.filter(round=assessment_round).count() <= 12
        visitor = User.objects.get(username=f"{region.slug}.asn").employee
        assert visitor is not None and visitor.pk not in self_rated  # left for the visitor
        assert CurrentLevel.objects.filter(employee=visitor).exists()


@pytest.mark.django_db
def test_most_asn_answer_the_survey_and_front_line_e_government_doubts_weigh(
    demo: DemoReport,
) -> None:
    today = timezone.localdate()
    for region in REGIONS:
        inst = instansi(region.slug)
        survey = Survey.objects.get(instansi=inst, tahun=PLAN_YEAR)
        assert survey.is_published and survey.opens_on <= today <= survey.closes_on
        assert survey.responses.count() >= 0.7 * inst.employees.count()
        visitor = User.objects.get(username=f"{region.slug}.asn").employee
        assert not survey.responses.filter(employee=visitor).exists()
        e_government = WeightFactor.objects.filter(
            instansi=inst, tahun=PLAN_YEAR, source=FactorSource.SURVEY, competency__kode="T.1"
        )
        assert e_government.exists(), region.nama
    for slug, kecamatan in (
        ("kupang", "Kecamatan Alak"),
        ("mataram", "Kecamatan Cakranegara"),
        ("medan", "Kecamatan Medan Marelan"),
    ):
        factor = WeightFactor.objects.get(
            source=FactorSource.SURVEY, competency__kode="T.1", unit=unit_of(slug, kecamatan)
        )
        reason = next(r for r in factor.evidence["reasons"] if r["kind"] == "kepercayaan")
        assert Decimal(reason["mean"]) < Decimal(factor.evidence["rule"]["confidence_threshold"])
        assert "e-government" in reason["task"] and factor.factor >= Decimal("1.2")


@pytest.mark.django_db
def test_alak_health_staff_need_health_protocols_first(demo: DemoReport) -> None:
    puskesmas = unit_of("kupang", "Puskesmas Alak")
    dinkes = unit_of("kupang", "Dinas Kesehatan")

    assert top_codes(puskesmas, 1) == ["T.2"]
    assert "T.2" in top_codes(dinkes)
    assert len(below_standard(puskesmas, "T.2")) >= 3
    renstra = [f for f in evidence_of(puskesmas, "T.2") if f.source == FactorSource.PLAN_PRIORITY]
    assert [(f.unit, f.evidence["tema"]) for f in renstra] == [
        (dinkes, "Penguatan penerapan protokol kesehatan")
    ]
    alak = unit_of("kupang", "Kecamatan Alak")
    assert top_codes(alak, 1) == ["M.3"]  # workshops on effective communication
    time_evidence = {f.source for f in evidence_of(alak, "T.7")}
    assert time_evidence == {FactorSource.PLAN_PRIORITY, FactorSource.SURVEY}


@pytest.mark.django_db
def test_pontianak_public_works_need_project_management_first(demo: DemoReport) -> None:
    pupr = unit_of("pontianak", "Dinas Pekerjaan Umum dan Penataan Ruang")

    assert top_codes(pupr, 2) == ["T.4", "T.5"]
    evidence = {f.source: f for f in evidence_of(pupr, "T.4")}
    assert evidence[FactorSource.PLAN_PRIORITY].evidence["dokumen"] == "RPJMD"
    late = evidence[FactorSource.SIGNAL]
    assert late.source_key.startswith("signal-rule:") and late.evidence["nilai"] == 71
    integrity = WeightFactor.objects.get(
        instansi=instansi("pontianak"),
        tahun=PLAN_YEAR,
        source=FactorSource.PLAN_PRIORITY,
        competency__kode="M.1",
    )
    assert integrity.unit is None and "integritas" in integrity.title.lower()
    assert below_standard(pupr, "M.1")


@pytest.mark.django_db
def test_cakranegara_growth_and_stakeholders_put_public_service_first(demo: DemoReport) -> None:
    mataram = instansi("mataram")
    cakranegara = unit_of("mataram", "Kecamatan Cakranegara")

    assert top_codes(cakranegara, 1) == ["M.5"]
    assert "T.19" in top_codes(cakranegara)
    inputs = PublicInput.objects.filter(instansi=mataram)
    assert {i.kategori for i in inputs} == set(StakeholderKind.values)
    assert {
        (i.status, i.tahun, i.moderated_by.username if i.moderated_by else "") for i in inputs
    } == {(InputStatus.APPROVED, PLAN_YEAR, "mataram.bkpsdm")}
    evidence = evidence_of(cakranegara, "M.5")
    assert {f.source for f in evidence} >= {
        FactorSource.STAKEHOLDER,
        FactorSource.SIGNAL,
        FactorSource.SKM,
    }
    population = next(f for f in evidence if f.source == FactorSource.SIGNAL)
    assert population.evidence["indikator"] == "Jumlah penduduk"
    assert population.evidence["pertumbuhan_persen"] >= 1.5
    skm = next(f for f in evidence if f.source == FactorSource.SKM)
    assert skm.evidence["nrr"]["U6"] < 3
    assert {f.source for f in evidence_of(cakranegara, "T.19")} >= {
        FactorSource.STAKEHOLDER,
        FactorSource.SIGNAL,
    }


@pytest.mark.django_db
def test_marelan_permit_surge_weighs_its_licensing_staff(demo: DemoReport) -> None:
    medan = instansi("medan")
    marelan = unit_of("medan", "Kecamatan Medan Marelan")
    rule = SignalRule.objects.get(instansi=medan)

    factors = WeightFactor.objects.filter(instansi=medan, source_key=rule.source_key)
    assert {f.competency.kode for f in factors} == {"T.3", "M.3", "M.5"}
    for factor in factors:
        assert factor.tahun == PLAN_YEAR and factor.factor == Decimal("1.5")
        assert factor.unit == marelan and factor.position_keyword == "perizinan"
        assert factor.evidence["pertumbuhan_persen"] >= 20
    assert rule.last_evaluation is not None
    assert rule.last_evaluation.outcome == EvaluationOutcome.MET
    weighed = {
        row.employee.position.nama
        for row in EmployeeNeeds.objects.filter(instansi=medan, tahun=PLAN_YEAR).select_related(
            "employee__position"
        )
        if row.employee.position
        and any(set(line.factor_ids) & {f.pk for f in factors} for line in row.lines)
    }
    assert weighed and all("perizinan" in name.lower() for name in weighed)
    assert "T.3" in top_codes(marelan)
    assert "T.3" in top_codes(unit_of("medan", "Seksi Pelayanan dan Perizinan"))
    values = IndicatorValue.objects.filter(indicator=rule.indicator, wilayah_id="12.71.12")
    assert values.count() == 24
