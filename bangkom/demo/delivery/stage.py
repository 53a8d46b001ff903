"""The delivery stage of the demo: one region's approved 2026 plan carried out, as its BKPSDM,
supervisors, partners and ASN would, through the delivery services.

In order: the holiday calendar, the partners with their agreements (the ``<kota>.mitra`` login
linked to the one it works for), venues and trainers; the plan's batches (``batches_from_plan``)
given their partner, trainers and venues; the supervisors' approval of every nomination; the
year's calendar from the product's scheduler; then, for every batch whose last session lies
before the demo's today (:data:`~bangkom.demo.delivery.spec.DEMO_TODAY`), the attendance (the
ASN login checks in by QR, the others are on the partner's roster), the completion by the
program's rule with its JP credit, and the action plan of the ASN login acknowledged by their
supervisor. The batches of the first ``upcoming`` program the plan has are moved into December,
still ahead.

Beside the batches: Medan's young ASN interns at a university with a weekly logbook, Pontianak's
Dinas Kesehatan staff follow an e-learning course with a final quiz, and Kupang's ASN has an
external-learning claim approved by the OPD admin.

Attendance is drawn from the region's seed (mostly present, some late, a few absent or excused),
so the completion rule decides honestly; the logins always attend. Mails are not sent during the
load (the demo's addresses are fictitious); the in-app notifications are written.

The stage runs only when the instansi has no batch of the year yet (:func:`delivery_present`);
call it inside a transaction.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.test.utils import override_settings
from django.utils import timezone

from bangkom.accounts.models import Role, User
from bangkom.accounts.services import role_assign, user_create
from bangkom.delivery.ledger.access import can_decide_claim
from bangkom.delivery.ledger.services import ClaimData, claim_decide, claim_submit
from bangkom.delivery.models import (
    ACTIVE_ENROLMENT_STATUSES,
    AttendanceStatus,
    Batch,
    BatchStatus,
    Enrolment,
    EnrolmentStatus,
    Partner,
    QuestionKind,
    Session,
    Trainer,
    Venue,
)
from bangkom.delivery.services import (
    agreement_save,
    batch_update,
    batches_from_plan,
    holiday_save,
    partner_save,
    partner_staff_link,
    schedule_batches,
    trainer_save,
    unit_max_away_set,
    venue_save,
)
from bangkom.delivery.services.attendance import attendance_mark, batch_complete, checkin_by_token
from bangkom.delivery.services.attendance import checkin_token as session_checkin_token
from bangkom.delivery.services.elearning import (
    CourseData,
    course_enrol,
    course_quiz_submit,
    course_save,
    module_add,
    module_mark_done,
)
from bangkom.delivery.services.enrolment import (
    action_plan_acknowledge,
    action_plan_save,
    enrolment_confirm,
    enrolment_decide,
)
from bangkom.delivery.services.internship import (
    InternshipData,
    internship_complete,
    internship_create,
    internship_report_upload,
    logbook_decide,
    logbook_submit,
)
from bangkom.delivery.services.quiz import (
    OptionData,
    attempt_start,
    question_add,
    question_bank_save,
    quiz_save,
)
from bangkom.delivery.services.schedule import default_max_away
from bangkom.demo.delivery.spec import DEMO_TODAY, UPCOMING_WINDOW, DeliverySpec
from bangkom.demo.needs.stories import PLAN_YEAR
from bangkom.demo.spec import RegionSpec
from bangkom.organisation.models import Employee, Instansi, Unit
from bangkom.planning.models import DevelopmentForm, Plan, PlanStatus

# National holidays of 2026 that fall on working days (SKB 3 Menteri): the scheduler keeps
# batches off them.
HOLIDAYS_2026 = (
    (dt.date(2026, 1, 1), "Tahun Baru 2026 Masehi"),
    (dt.date(2026, 4, 3), "Wafat Yesus Kristus"),
    (dt.date(2026, 5, 1), "Hari Buruh Internasional"),
    (dt.date(2026, 5, 14), "Kenaikan Yesus Kristus"),
    (dt.date(2026, 6, 1), "Hari Lahir Pancasila"),
    (dt.date(2026, 8, 17), "Hari Proklamasi Kemerdekaan Republik Indonesia"),
    (dt.date(2026, 12, 25), "Kelahiran Yesus Kristus"),
)
SCHEDULE_SECONDS = 10.0
# A minimal, valid PDF: the certificate of the external claim and the intern's final report.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

GivePassword = Callable[[list[User]], None]


def delivery_present(instansi: Instansi, year: int = PLAN_YEAR) -> bool:
    """True when the instansi has any batch or partner for ``year``: the stage leaves it."""
    return (
        Batch.objects.filter(instansi=instansi, year=year).exists()
        or Partner.objects.filter(instansi=instansi).exists()
    )


@contextmanager
def mail_kept_back() -> Iterator[None]:
    """Notifications of the load are written in the app but not mailed: the demo's e-mail
    addresses are fictitious, and the console backend would print hundreds of them."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        yield


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@dataclass
class DeliverySummary:
    """What the stage did, for the console and the tests."""

    partners: int = 0
    venues: int = 0
    trainers: int = 0
    batches: int = 0
    scheduled: int = 0
    unscheduled: list[str] = field(default_factory=list)
    approved: int = 0
    completed_batches: int = 0
    upcoming_batches: int = 0
    completions: int = 0
    not_completed: int = 0
    credited: int = 0
    attendance_rows: int = 0
    qr_checkins: int = 0
    internships: int = 0
    course_completions: int = 0
    claims: int = 0
    warnings: list[str] = field(default_factory=list)


class DeliveryStage:
    """Carries out one region's approved plan of the plan year."""

    def __init__(
        self,
        region: RegionSpec,
        spec: DeliverySpec,
        instansi: Instansi,
        give_password: GivePassword,
    ) -> None:
        self.region = region
        self.spec = spec
        self.instansi = instansi
        self.give_password = give_password
        self.rng = random.Random(region.seed * 7 + 11)
        slug = region.slug
        self.admin = User.objects.get(username=f"{slug}.bkpsdm")
        self.opd = User.objects.get(username=f"{slug}.opd")
        self.mitra = User.objects.get(username=f"{slug}.mitra")
        self.asn = User.objects.select_related("employee").get(username=f"{slug}.asn")
        assert self.asn.employee is not None
        self.asn_employee: Employee = self.asn.employee
        self.summary = DeliverySummary()
        self.partners: dict[str, Partner] = {}
        self.venues: dict[str, Venue] = {}
        self.trainers: dict[str, Trainer] = {}

    @property
    def users_by_employee(self) -> dict[int, User]:
        return {
            user.employee_id: user
            for user in User.objects.filter(employee__instansi=self.instansi, is_active=True)
            if user.employee_id
        }

    def run(self) -> DeliverySummary:
        self._holidays()
        self._resources()
        batches = self._batches()
        self._approve(batches)
        self._away_limits(batches)
        self._schedule()
        self._carry_out(batches)
        if self.spec.internship is not None:
            self._internship()
        if self.spec.course is not None:
            self._course()
        if self.spec.claim is not None:
            self._claim()
        return self.summary

    # -------------------------------------------------------------------------- resources

    def _holidays(self) -> None:
        for day, name in HOLIDAYS_2026:
            holiday_save(
                instansi=self.instansi,
                data={"date": day, "name": name, "kind": "national"},
                acting_user=self.admin,
            )

    def _resources(self) -> None:
        for item in self.spec.partners:
            partner = partner_save(
                instansi=self.instansi,
                data={"name": item.name, "type": item.type, "contact": item.contact},
                acting_user=self.admin,
            )
            agreement_save(
                partner=partner,
                data={
                    "kind": item.agreement_kind,
                    "number": item.agreement_number,
                    "scope": item.agreement_scope,
                    "valid_from": item.valid_from,
                    "valid_until": item.valid_until,
                },
                acting_user=self.admin,
            )
            self.partners[item.key] = partner
        partner_staff_link(
            partner=self.partners[self.spec.mitra_partner], user=self.mitra, acting_user=self.admin
        )
        for venue in self.spec.venues:
            self.venues[venue.key] = venue_save(
                instansi=self.instansi,
                data={
                    "name": venue.name,
                    "kind": venue.kind,
                    "partner": self.partners[venue.partner] if venue.partner else None,
                    "address": venue.address,
                    "capacity": venue.capacity,
                    "facilities": venue.facilities,
                },
                acting_user=self.admin,
            )
        for trainer in self.spec.trainers:
            self.trainers[trainer.key] = trainer_save(
                instansi=self.instansi,
                data={
                    "name": trainer.name,
                    "kind": trainer.kind,
                    "partner": self.partners[trainer.partner] if trainer.partner else None,
                },
                acting_user=self.admin,
            )
        self.summary.partners = len(self.partners)
        self.summary.venues = len(self.venues)
        self.summary.trainers = len(self.trainers)

    # -------------------------------------------------------------------------- batches

    def _batches(self) -> list[Batch]:
        plan = Plan.objects.get(instansi=self.instansi, tahun=PLAN_YEAR, status=PlanStatus.APPROVED)
        result = batches_from_plan(plan=plan, acting_user=self.admin)
        self.summary.warnings += result.warnings
        batches = list(
            Batch.objects.filter(plan_program__plan=plan)
            .select_related("plan_program__template")
            .order_by("pk")
        )
        planned = {batch.plan_program.template.kode for batch in batches}
        ahead = next((code for code in self.spec.upcoming if code in planned), None)
        for batch in batches:
            code = batch.plan_program.template.kode
            delivery = self.spec.programs.get(code)
            earliest, latest = batch.earliest, batch.latest
            if code == ahead:
                earliest, latest = UPCOMING_WINDOW
            if delivery is None and (earliest, latest) == (batch.earliest, batch.latest):
                continue
            self.summary.warnings += batch_update(
                batch=batch,
                partner=self.partners.get(delivery.partner) if delivery else batch.partner,
                trainers=[self.trainers[key] for key in delivery.trainers] if delivery else [],
                venues=[self.venues[key] for key in delivery.venues] if delivery else [],
                online=batch.online,
                days=batch.days,
                earliest=earliest,
                latest=latest,
                acting_user=self.admin,
            )
        self.summary.batches = len(batches)
        return batches

    def _approve(self, batches: list[Batch]) -> None:
        """Each supervisor approves their staff's nominations two weeks before the window; the
        ASN login confirms theirs."""
        users = self.users_by_employee
        for batch in batches:
            batch.refresh_from_db()
            assert batch.earliest is not None
            decided = _at(batch.earliest - dt.timedelta(days=14), 9)
            nominations = (
                Enrolment.objects.filter(batch=batch, status=EnrolmentStatus.NOMINATED)
                .select_related("employee")
                .order_by("employee__nip")
            )
            for enrolment in nominations:
                supervisor = enrolment.employee.supervisor_id
                enrolment_decide(
                    enrolment=enrolment,
                    approve=True,
                    acting_user=users.get(supervisor) if supervisor else None,
                    now=decided,
                )
                self.summary.approved += 1
            mine = Enrolment.objects.filter(batch=batch, employee_id=self.asn_employee.pk).first()
            if mine is not None:
                enrolment_confirm(
                    enrolment=mine, acting_user=self.asn, now=decided + dt.timedelta(hours=3)
                )

    def _away_limits(self, batches: list[Batch]) -> None:
        """The demo's units hold a handful of the staff a real office has, so a batch takes a
        larger share of a unit than the default limit (10% away on one day) allows. The BKPSDM
        raises the limit of such a unit to what its largest batch needs (in steps of 5%)."""
        staff = Counter(
            Employee.objects.filter(instansi=self.instansi, is_active=True).values_list(
                "unit_id", flat=True
            )
        )
        needed: dict[int, float] = {}
        for batch in batches:
            per_unit = Counter(
                Enrolment.objects.filter(batch=batch, status__in=ACTIVE_ENROLMENT_STATUSES)
                .exclude(employee__unit__isnull=True)
                .values_list("employee__unit_id", flat=True)
            )
            for unit_id, count in per_unit.items():
                needed[unit_id] = max(needed.get(unit_id, 0.0), count / max(staff[unit_id], 1))
        units = Unit.objects.in_bulk(list(needed))
        for unit_id, share in sorted(needed.items()):
            if share > default_max_away():
                limit = min(1.0, math.ceil(share * 20 - 1e-9) / 20)
                unit_max_away_set(
                    unit=units[unit_id], max_away=f"{limit:.2f}", acting_user=self.admin
                )

    def _schedule(self) -> None:
        outcome = schedule_batches(
            instansi=self.instansi,
            year=PLAN_YEAR,
            acting_user=self.admin,
            time_limit_seconds=SCHEDULE_SECONDS,
        )
        self.summary.scheduled = outcome.placed
        self.summary.unscheduled = outcome.unscheduled_messages()

    # -------------------------------------------------------------------------- attendance

    def _carry_out(self, batches: list[Batch]) -> None:
        for batch in batches:
            sessions = list(Session.objects.filter(batch=batch).order_by("date"))
            if not sessions:
                continue
            if sessions[-1].date >= DEMO_TODAY:
                self.summary.upcoming_batches += 1
                continue
            for session in sessions:
                self._attend(batch, session)
            outcome = batch_complete(
                batch=batch, acting_user=self.admin, now=_at(sessions[-1].date, 16, 30)
            )
            self.summary.completed_batches += 1
            self.summary.completions += outcome.completed
            self.summary.not_completed += outcome.not_completed
            self.summary.credited += outcome.credited
        self._action_plan()

    def _attend(self, batch: Batch, session: Session) -> None:
        """The ASN login checks in by QR; the partner staff (or BKPSDM) mark the rest."""
        enrolments = list(
            Enrolment.objects.filter(
                batch=batch, status__in=(EnrolmentStatus.APPROVED, EnrolmentStatus.CONFIRMED)
            ).order_by("employee__nip")
        )
        logins = set(self.users_by_employee)
        marks: dict[int, str] = {}
        for enrolment in enrolments:
            if enrolment.employee_id == self.asn_employee.pk:
                checkin_by_token(
                    session=session,
                    token=session_checkin_token(session),
                    employee=self.asn_employee,
                    acting_user=self.asn,
                    now=_at(session.date, 7, 52),
                )
                self.summary.qr_checkins += 1
                continue
            draw = self.rng.random()
            if enrolment.employee_id in logins or draw < 0.88:
                status = AttendanceStatus.PRESENT
            elif draw < 0.97:
                status = AttendanceStatus.LATE
            elif draw < 0.985:
                status = AttendanceStatus.EXCUSED
            else:
                status = AttendanceStatus.ABSENT
            marks[enrolment.pk] = status
        marker = self.mitra if batch.partner_id == self._mitra_partner_id else self.admin
        self.summary.attendance_rows += attendance_mark(
            session=session, marks=marks, acting_user=marker, now=_at(session.date, 16)
        )

    @property
    def _mitra_partner_id(self) -> int:
        return self.partners[self.spec.mitra_partner].pk

    def _action_plan(self) -> None:
        """The ASN login writes the action plan of their first completed training; their
        supervisor acknowledges it."""
        enrolment = (
            Enrolment.objects.filter(
                employee_id=self.asn_employee.pk,
                batch__year=PLAN_YEAR,
                status=EnrolmentStatus.COMPLETED,
            )
            .select_related("employee__supervisor", "batch__instansi")
            .order_by("completed_at")
            .first()
        )
        if enrolment is None or enrolment.completed_at is None:
            return
        done = timezone.localdate(enrolment.completed_at)
        action_plan = action_plan_save(
            enrolment=enrolment,
            plan=self.spec.action_plan,
            due_date=done + dt.timedelta(days=90),
            acting_user=self.asn,
        )
        supervisor = enrolment.employee.supervisor
        if supervisor is not None:
            action_plan_acknowledge(
                action_plan=action_plan,
                supervisor=supervisor,
                acting_user=self.users_by_employee.get(supervisor.pk),
                now=_at(done + dt.timedelta(days=3), 10),
            )

    # -------------------------------------------------------------------------- beside batches

    def _intern(self) -> tuple[User, Employee]:
        """The ASN login, unless a batch of a magang program already credits them for an
        internship: then the youngest colleague of their unit outside such batches, with an
        account of their own (``<kota>.magang``), so that nobody is credited twice."""
        in_magang = set(
            Enrolment.objects.filter(
                batch__instansi=self.instansi,
                batch__year=PLAN_YEAR,
                batch__plan_program__template__bentuk__kode="magang",
            ).values_list("employee_id", flat=True)
        )
        if self.asn_employee.pk not in in_magang:
            return self.asn, self.asn_employee
        with_login = User.objects.filter(employee__isnull=False).values_list(
            "employee_id", flat=True
        )
        colleague = (
            Employee.objects.filter(unit=self.asn_employee.unit, is_active=True)
            .exclude(pk__in=in_magang)
            .exclude(pk__in=with_login)
            .order_by("-nip")
            .first()
        )
        if colleague is None:
            raise ValueError(f"{self.region.nama}: nobody left to intern outside the magang batch")
        user = user_create(
            username=f"{self.region.slug}.magang",
            password=None,
            email=colleague.email,
            employee=colleague,
            acting_user=self.admin,
        )
        self.give_password([user])
        return user, colleague

    def _internship(self) -> None:
        story = self.spec.internship
        assert story is not None
        partner = self.partners[story.partner]
        mentor = user_create(
            username=f"{self.region.slug}.mentor",
            password=None,
            nama=story.mentor_name,
            acting_user=self.admin,
        )
        role_assign(user=mentor, role=Role.MITRA, instansi=self.instansi, acting_user=self.admin)
        self.give_password([mentor])
        partner_staff_link(partner=partner, user=mentor, acting_user=self.admin)
        intern, employee = self._intern()
        internship = internship_create(
            instansi=self.instansi,
            data=InternshipData(
                employee=employee,
                partner=partner,
                mentor=mentor,
                start_date=story.start,
                end_date=story.end,
                goals=story.goals,
            ),
            acting_user=self.admin,
        )
        week = story.start - dt.timedelta(days=story.start.weekday())
        for number, text in enumerate(story.weeks):
            entry = logbook_submit(
                internship=internship, week_start=week, activities=text, acting_user=intern
            )
            if number == 2:  # the mentor asks for more detail once
                logbook_decide(
                    entry=entry,
                    approve=False,
                    comment="Tambahkan jumlah responden dan pertanyaan kunci kuesionernya.",
                    acting_user=mentor,
                )
                entry = logbook_submit(
                    internship=internship,
                    week_start=week,
                    activities=f"{text} Uji coba pada 12 responden; 10 pertanyaan kunci.",
                    acting_user=intern,
                )
            logbook_decide(entry=entry, approve=True, comment="", acting_user=mentor)
            week += dt.timedelta(days=7)
        internship_report_upload(
            internship=internship,
            report=SimpleUploadedFile("laporan-akhir-magang.pdf", MINIMAL_PDF, "application/pdf"),
            acting_user=intern,
        )
        internship_complete(internship=internship, acting_user=mentor)
        self.summary.internships += 1

    def _course(self) -> None:
        story = self.spec.course
        assert story is not None
        template = self.instansi.program_templates.filter(kode=story.program).first()
        bank = question_bank_save(
            instansi=self.instansi,
            name=f"Bank soal {story.title}",
            program=template,
            acting_user=self.admin,
        )
        for text, options, correct in story.questions:
            question_add(
                bank=bank,
                kind=QuestionKind.CHOICE,
                text=text,
                options=[
                    OptionData(option, index == correct) for index, option in enumerate(options)
                ],
                acting_user=self.admin,
            )
        quiz = quiz_save(
            bank=bank,
            title=f"Kuis akhir: {story.title}",
            pass_mark=75,
            max_attempts=3,
            acting_user=self.admin,
        )
        course = course_save(
            instansi=self.instansi,
            data=CourseData(
                title=story.title,
                description=story.description,
                program=template,
                form=DevelopmentForm.objects.filter(
                    instansi=self.instansi, kode="e-learning"
                ).first(),
                jp_units=Decimal(3),
                self_enrol=True,
                is_published=True,
                final_quiz=quiz,
            ),
            acting_user=self.admin,
        )
        modules = [
            module_add(course=course, kind="text", title=title, body=body, acting_user=self.admin)
            for title, body in story.modules
        ]
        for learner, employee in self._learners(story.unit, story.program, story.learners):
            course_enrol(course=course, employee=employee, acting_user=learner)
            for module in modules:
                module_mark_done(module=module, employee=employee, acting_user=learner)
            # A first attempt misses one question out of four (75 is the pass mark: passed).
            attempt = attempt_start(
                quiz=quiz,
                employee=employee,
                acting_user=learner,
                rng=random.Random(employee.pk),
            )
            answers = {}
            for position, question_id in enumerate(attempt.question_ids):
                choices = list(bank.questions.get(pk=question_id).options.order_by("order", "pk"))
                right = [o.pk for o in choices if o.is_correct]
                wrong = [o.pk for o in choices if not o.is_correct]
                slip = position == employee.pk % len(attempt.question_ids)
                answers[str(question_id)] = wrong[:1] if slip else right
            _attempt, enrolment = course_quiz_submit(
                course=course, attempt=attempt, answers=answers, acting_user=learner
            )
            if enrolment.completed_at is not None:
                self.summary.course_completions += 1

    def _learners(self, unit_name: str, program: str, count: int) -> list[tuple[User, Employee]]:
        """The youngest staff of ``unit_name`` (and its sub-units) outside the program's batch
        (NIPs begin with the birth date), with an ASN account each (``<kota>.<singkatan><n>``),
        so they follow the course themselves."""
        unit = Unit.objects.get(instansi=self.instansi, nama=unit_name)
        in_batch = Enrolment.objects.filter(
            batch__instansi=self.instansi, batch__plan_program__template__kode=program
        ).values_list("employee_id", flat=True)
        taken = User.objects.filter(employee__isnull=False).values_list("employee_id", flat=True)
        staff = (
            Employee.objects.filter(instansi=self.instansi, is_active=True)
            .filter(Q(unit=unit) | Q(unit__path__startswith=unit.path))
            .exclude(pk__in=in_batch)
            .exclude(pk__in=taken)
            .order_by("-nip")[:count]
        )
        learners: list[tuple[User, Employee]] = []
        prefix = (unit.singkatan or "asn").lower().replace(" ", "")
        for number, employee in enumerate(staff, start=1):
            user = user_create(
                username=f"{self.region.slug}.{prefix}{number}",
                password=None,
                email=employee.email,
                employee=employee,
                acting_user=self.admin,
            )
            learners.append((user, employee))
        self.give_password([user for user, _employee in learners])
        return learners

    def _claim(self) -> None:
        story = self.spec.claim
        assert story is not None
        form = DevelopmentForm.objects.get(instansi=self.instansi, kode=story.form)
        claim = claim_submit(
            employee=self.asn_employee,
            data=ClaimData(
                title=story.title,
                organiser=story.organiser,
                start_date=story.start,
                end_date=story.end,
                form=form,
                units=Decimal(story.units),
            ),
            certificate=SimpleUploadedFile(
                "sertifikat-webinar.pdf", MINIMAL_PDF, "application/pdf"
            ),
            acting_user=self.asn,
            today=story.end + dt.timedelta(days=3),
        )
        decider = self.opd if can_decide_claim(self.opd, claim) else self.admin
        claim_decide(claim=claim, approve=True, reason="", acting_user=decider)
        self.summary.claims += 1


def batches_completed(instansi: Instansi) -> list[Batch]:
    return list(
        Batch.objects.filter(instansi=instansi, year=PLAN_YEAR, status=BatchStatus.COMPLETED)
        .select_related("plan_program__template")
        .order_by("pk")
    )


__all__ = ["DeliveryStage", "DeliverySummary", "batches_completed", "delivery_present"]
