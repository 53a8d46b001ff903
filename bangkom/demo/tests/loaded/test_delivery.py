"""The demo's delivery, certificates and evaluation stages: each city's approved 2026 plan is
carried out by the partners its story names, every completion is credited and certified, and
the evaluation tells each story's end."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum
from django.test import Client

from bangkom.accounts.models import User
from bangkom.delivery.access import batches_for_user
from bangkom.delivery.ledger.selectors import employee_year
from bangkom.delivery.models import (
    AttendanceMethod,
    Batch,
    BatchStatus,
    ClaimStatus,
    CourseEnrolment,
    Enrolment,
    EnrolmentStatus,
    ExternalLearningClaim,
    Internship,
    InternshipStatus,
    JpCredit,
    JpSource,
    LogbookStatus,
    Session,
)
from bangkom.demo.builder import DemoReport
from bangkom.demo.delivery.spec import DEMO_TODAY
from bangkom.demo.delivery.stories import DELIVERIES
from bangkom.demo.needs.stories import PLAN_YEAR
from bangkom.demo.regions import REGIONS
from bangkom.demo.tests.loaded.support import instansi
from bangkom.evaluation import selectors as evaluation
from bangkom.evaluation.models import (
    BatchDecision,
    BehaviourFollowUp,
    BehaviourStatus,
    ReactionResponse,
)
from bangkom.organisation.models import Unit
from bangkom.recognition.models import Certificate, CertificateStatus
from bangkom.recognition.services import CERTIFIABLE_SOURCES

SLUGS = [region.slug for region in REGIONS]


def batches(slug: str) -> list[Batch]:
    return list(
        Batch.objects.filter(instansi=instansi(slug), year=PLAN_YEAR)
        .select_related("partner", "plan_program__template")
        .prefetch_related("trainers", "sessions")
    )


def batch_of(slug: str, code: str) -> Batch:
    return Batch.objects.select_related("partner").get(
        instansi=instansi(slug), plan_program__template__kode=code
    )


def login(slug: str, role: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=f"{slug}.{role}"))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_the_plan_is_carried_out_up_to_the_demo_day(demo: DemoReport, slug: str) -> None:
    assert slug in " ".join(r.slug for r in REGIONS if r.nama in demo.delivery_created)
    rows = batches(slug)
    assert rows and all(batch.sessions.exists() for batch in rows)  # the scheduler placed all
    upcoming = [b for b in rows if b.status == BatchStatus.SCHEDULED]
    completed = [b for b in rows if b.status == BatchStatus.COMPLETED]
    assert len(completed) + len(upcoming) == len(rows)
    assert 1 <= len(upcoming) <= 2
    for batch in upcoming:  # still ahead, in December
        dates = [s.date for s in batch.sessions.all()]
        assert min(dates) > DEMO_TODAY and max(dates).month == 12
        assert not Enrolment.objects.filter(batch=batch, attendances__isnull=False).exists()
        assert not Enrolment.objects.filter(batch=batch, status=EnrolmentStatus.NOMINATED).exists()
    for batch in completed:
        assert max(s.date for s in batch.sessions.all()) < DEMO_TODAY
        done = Enrolment.objects.filter(batch=batch, status=EnrolmentStatus.COMPLETED)
        credits = JpCredit.objects.filter(source=JpSource.BATCH, source_key=f"batch:{batch.pk}")
        assert done.count() >= 1 and credits.count() == done.count()
        assert set(credits.values_list("employee_id", flat=True)) == set(
            done.values_list("employee_id", flat=True)
        )
        # Nobody was completed without attending enough: the rule decided, not the demo.
        for enrolment in Enrolment.objects.filter(batch=batch).exclude(
            status=EnrolmentStatus.COMPLETED
        ):
            assert enrolment.completion.completed is False
            assert "kehadiran" in enrolment.completion.reason.lower()


@pytest.mark.django_db
def test_partners_its_sources_name_deliver_the_batches(demo: DemoReport) -> None:
    kupang = {b.partner.type for b in batches("kupang") if b.partner is not None}
    assert {"ngo", "university"} <= kupang  # Alak: an NGO and a university
    assert batch_of("kupang", "KPG-SPBE-01").partner.name == "Universitas Nusa Cendana"  # type: ignore[union-attr]
    health = batch_of("pontianak", "PTK-EL-02")
    assert health.online and health.partner.name.startswith("Bapelkes")  # type: ignore[union-attr]
    dinkes = Unit.objects.get(instansi=instansi("pontianak"), nama="Dinas Kesehatan")
    participants = health.enrolments.select_related("employee__unit")
    assert participants.exists()
    assert sum(e.employee.unit.path.startswith(dinkes.path) for e in participants) >= 1
    venues = set(
        Session.objects.filter(batch__instansi=instansi("mataram")).values_list(
            "venue__kind", flat=True
        )
    )
    assert venues == {"government_building", "partner_campus"}  # kantor camat and campus
    practitioners = [
        b for b in batches("medan") if b.partner is not None and "Praktisi" in b.partner.name
    ]
    assert practitioners  # licensing taught by practitioner speakers
    for batch in practitioners:
        assert {t.kind for t in batch.trainers.all()} == {"external_practitioner"}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_the_asn_login_attended_by_qr_and_sees_sessions_and_jp(demo: DemoReport, slug: str) -> None:
    user = User.objects.select_related("employee").get(username=f"{slug}.asn")
    mine = Enrolment.objects.filter(employee=user.employee, batch__year=PLAN_YEAR)
    completed = mine.filter(status=EnrolmentStatus.COMPLETED)
    assert completed.exists()
    for enrolment in completed:
        methods = set(enrolment.attendances.values_list("method", flat=True))
        assert methods == {AttendanceMethod.QR}
        assert enrolment.attendances.count() == enrolment.batch.sessions.count()
    client = login(slug, "asn")
    ics = client.get("/pelaksanaan/kalender/saya.ics", {"tahun": PLAN_YEAR}).content.decode()
    sessions = Session.objects.filter(batch__enrolments__in=mine)
    assert ics.count("BEGIN:VEVENT") == sessions.count() > 0
    page = client.get("/pelaksanaan/pelatihan-saya/").content.decode()
    for enrolment in mine.select_related("batch__plan_program__template"):
        assert enrolment.batch.plan_program.template.judul in page
    year = employee_year(user.employee, PLAN_YEAR, as_of=DEMO_TODAY)  # type: ignore[arg-type]
    total = JpCredit.objects.filter(employee=user.employee, year=PLAN_YEAR).aggregate(s=Sum("jp"))
    assert year.jp_earned == total["s"] > 0
    jp_page = client.get("/pelaksanaan/jp/saya/").content.decode()
    assert completed.first().batch.plan_program.template.judul in jp_page  # type: ignore[union-attr]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_the_partner_login_sees_only_its_partners_batches(demo: DemoReport, slug: str) -> None:
    user = User.objects.get(username=f"{slug}.mitra")
    partner = user.partner_links.get().partner
    assert partner.name == next(
        p.name for p in DELIVERIES[slug].partners if p.key == DELIVERIES[slug].mitra_partner
    )
    visible = set(batches_for_user(user).values_list("partner_id", flat=True))
    assert visible == {partner.pk}
    page = login(slug, "mitra").get("/pelaksanaan/", {"tahun": PLAN_YEAR}).content.decode()
    for batch in batches(slug):
        shown = f"/pelaksanaan/angkatan/{batch.pk}/" in page
        assert shown == (batch.partner_id == partner.pk)


@pytest.mark.django_db
def test_marelan_young_asn_interned_at_the_university(demo: DemoReport) -> None:
    internship = Internship.objects.select_related("partner", "mentor", "credit").get(
        employee__instansi=instansi("medan")
    )
    intern = User.objects.get(employee=internship.employee)
    assert intern.username in ("medan.asn", "medan.magang")
    assert internship.employee.unit == User.objects.get(username="medan.asn").employee.unit  # type: ignore[union-attr]
    # Nobody is credited twice for an internship: not by a magang batch as well.
    assert not Enrolment.objects.filter(
        employee=internship.employee, batch__plan_program__template__bentuk__kode="magang"
    ).exists()
    assert internship.partner.type == "university"
    assert internship.status == InternshipStatus.COMPLETED and internship.credit is not None
    assert internship.mentor.partner_links.filter(partner=internship.partner).exists()
    statuses = Counter(internship.logbook.values_list("status", flat=True))
    assert statuses == {LogbookStatus.APPROVED: 8}
    assert (
        JpCredit.objects.filter(source=JpSource.INTERNSHIP, employee=internship.employee).count()
        == 1
    )


@pytest.mark.django_db
def test_pontianak_health_staff_completed_the_e_learning_course(demo: DemoReport) -> None:
    done = CourseEnrolment.objects.filter(
        course__instansi=instansi("pontianak"), completed_at__isnull=False
    ).select_related("employee__unit", "credit", "course__final_quiz")
    dinkes = Unit.objects.get(instansi=instansi("pontianak"), nama="Dinas Kesehatan")
    assert done.count() == 3
    for enrolment in done:
        assert enrolment.credit is not None and enrolment.credit.source == JpSource.ELEARNING
        assert enrolment.course.final_quiz is not None
        assert enrolment.employee.quiz_attempts.filter(passed=True).exists()
        assert enrolment.employee.unit.path.startswith(dinkes.path)
        assert not Enrolment.objects.filter(
            employee=enrolment.employee, batch__plan_program__template__kode="PTK-EL-02"
        ).exists()  # the course's learners are not also credited by the program's batch


@pytest.mark.django_db
def test_an_external_claim_is_approved_with_its_jp(demo: DemoReport) -> None:
    claim = ExternalLearningClaim.objects.get(employee__user__username="kupang.asn")
    assert claim.status == ClaimStatus.APPROVED and claim.credit is not None
    assert claim.credit.jp == Decimal(4)  # one seminar day


@pytest.mark.django_db
def test_the_asn_action_plan_is_acknowledged(demo: DemoReport) -> None:
    for slug in SLUGS:
        enrolment = Enrolment.objects.get(
            employee__user__username=f"{slug}.asn", action_plan__isnull=False
        )
        plan = enrolment.action_plan
        assert plan.acknowledged_by_id == enrolment.employee.supervisor_id
        assert plan.acknowledged_at is not None


# ------------------------------------------------------------------------------ certificates


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_every_completed_activity_has_its_certificate(demo: DemoReport, slug: str) -> None:
    credits = JpCredit.objects.filter(
        employee__instansi=instansi(slug), year=PLAN_YEAR, source__in=CERTIFIABLE_SOURCES
    )
    certificates = Certificate.objects.filter(instansi=instansi(slug), year=PLAN_YEAR)
    assert credits.count() == certificates.count() > 0
    assert set(certificates.values_list("source_id", flat=True)) == set(
        credits.values_list("pk", flat=True)
    )
    revoked = certificates.filter(status=CertificateStatus.REVOKED)
    assert revoked.count() == (1 if DELIVERIES[slug].revoke else 0)
    if revoked:
        assert revoked.get().revoked_reason == DELIVERIES[slug].revoke


@pytest.mark.django_db
def test_a_certificate_verifies_and_the_revoked_one_does_not(
    demo: DemoReport, tmp_path: Path
) -> None:
    valid = Certificate.objects.filter(status=CertificateStatus.VALID).order_by("pk").first()
    revoked = Certificate.objects.get(status=CertificateStatus.REVOKED)
    assert valid is not None
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(valid.credential_json, encoding="utf-8")
    bad.write_text(revoked.credential_json, encoding="utf-8")
    call_command("verify_credential", str(good))
    with pytest.raises(CommandError):
        call_command("verify_credential", str(bad))
    owner = valid.instansi.wilayah.kode
    slug = next(region.slug for region in REGIONS if region.wilayah == owner)
    pdf = login(slug, "bkpsdm").get(f"/sertifikat/{valid.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


# ------------------------------------------------------------------------------ evaluation


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_completed_batches_have_reaction_answers(demo: DemoReport, slug: str) -> None:
    for batch in batches(slug):
        if batch.status != BatchStatus.COMPLETED:
            continue
        answers = ReactionResponse.objects.filter(batch=batch).count()
        completers = batch.enrolments.filter(status=EnrolmentStatus.COMPLETED).count()
        assert answers >= min(5, completers)


@pytest.mark.django_db
def test_pontianak_project_training_shows_a_significant_gain_and_is_continued(
    demo: DemoReport,
) -> None:
    decision = BatchDecision.objects.select_related("batch").get(
        batch__instansi=instansi("pontianak")
    )
    result = evaluation.learning_result(decision.batch)
    assert result is not None
    report = result.report
    assert report.pairs >= 6
    assert report.wilcoxon is not None and report.wilcoxon.p_value < 0.05
    assert decision.evidence["gain_category"] in ("medium", "high")
    assert decision.decision == decision.suggested == "continue"
    assert decision.decided_by is not None and decision.decided_by.username == "pontianak.bkpsdm"


@pytest.mark.django_db
def test_alak_e_government_training_shows_low_gain_and_is_adjusted(demo: DemoReport) -> None:
    decision = BatchDecision.objects.get(batch=batch_of("kupang", "KPG-SPBE-01"))
    assert decision.evidence["gain_category"] == "low"
    assert decision.decision == decision.suggested == "adjust_method"
    comments = ReactionResponse.objects.filter(batch=decision.batch).values_list(
        "comment", flat=True
    )
    assert any("praktik" in comment for comment in comments)
    action = decision.actions.get()
    assert action.owner is not None and action.due_date > DEMO_TODAY
    assert "praktik" in action.title


@pytest.mark.django_db
def test_a_level_3_follow_up_is_done(demo: DemoReport) -> None:
    done = BehaviourFollowUp.objects.filter(status=BehaviourStatus.DONE)
    assert done.exists()
    for follow_up in done:
        assert follow_up.due_date < DEMO_TODAY and follow_up.ratings.exists()
