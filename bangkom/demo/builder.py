"""Builds the demo through the services, so its audit trail and derived standards are real.

:func:`load_demo` loads the region list, the official competency dictionary and the national
technical competencies, then one instansi per :class:`~bangkom.demo.spec.RegionSpec` with its
units, positions, duties, employees and logins. A region whose instansi already exists is left
alone, so running it again changes nothing.

Then each instansi without needs data gets its needs story for plan year 2026
(:mod:`bangkom.demo.needs`): ratings, the training-needs survey, regional evidence and the needs
recomputation. An instansi that has any of these already is left alone as well.

Last, each instansi without a plan for 2026 gets its program catalogue and an approved plan
(:mod:`bangkom.demo.plans`): the optimiser's allocation of the catalogue to the ASN with needs,
within the plan's budget ceiling, submitted and approved by the head of region.

Then each instansi without delivery data has its approved plan carried out
(:mod:`bangkom.demo.delivery`): partners, venues and trainers, the batches scheduled by the
product's scheduler, approvals, attendance, completions with their JP credits, an internship,
an e-learning course and an external claim; then the certificates of every completed activity,
and the evaluation (reaction answers, pre/post scores, the planner's decisions and follow-up).
Each of these three stages leaves an instansi that already has its data alone.
"""

from __future__ import annotations

import functools
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.accounts.models import Role, User
from bangkom.accounts.services import role_assign, user_create
from bangkom.competencies.models import Competency
from bangkom.competencies.services import (
    DICTIONARY_PATH,
    dictionary_load,
    duty_save,
    technical_competency_save,
)
from bangkom.demo.competencies import TECHNICAL_COMPETENCIES
from bangkom.demo.delivery.certificates import certificates_present, issue_certificates
from bangkom.demo.delivery.evaluation import EvaluationStage, evaluation_present
from bangkom.demo.delivery.stage import DeliveryStage, delivery_present, mail_kept_back
from bangkom.demo.delivery.stories import DELIVERIES
from bangkom.demo.logins import DEMO_PASSWORD, LOGIN_ROLES, SUPERADMIN_USERNAME
from bangkom.demo.needs.stage import NeedsStage, needs_present
from bangkom.demo.needs.stories import PLAN_YEAR, STORIES
from bangkom.demo.people import PeopleFactory, Person
from bangkom.demo.plans import PLANS
from bangkom.demo.plans.stage import PlanningStage, plans_present
from bangkom.demo.regions import REGIONS
from bangkom.demo.spec import PositionSpec, RegionSpec, UnitSpec
from bangkom.organisation.models import (
    Employee,
    Instansi,
    Position,
    Unit,
    UnitKind,
    Wilayah,
)
from bangkom.organisation.services import (
    EmployeeData,
    employee_save,
    instansi_create,
    position_save,
    unit_create,
)
from bangkom.organisation.wilayah import (
    WilayahLoadResult,
    describe_wilayah_load,
    wilayah_load,
)
from bangkom.planning.optimiser.model import format_rupiah

ACTING_USER = None  # the audit trail shows the demo as written by "sistem"
# Logins that belong to an employee; the partner (mitra) login does not.
EMPLOYEE_LOGINS = tuple(login for login in LOGIN_ROLES if login != "mitra")
# Supervisor (atasan) and employee (asn) are not assigned: they follow from the employee record.
ROLE_OF_LOGIN = {"bkpsdm": Role.BKPSDM_ADMIN, "opd": Role.OPD_ADMIN, "pimpinan": Role.PIMPINAN}

Log = Callable[[str], None]


@dataclass
class DemoReport:
    wilayah: WilayahLoadResult
    dictionary_loaded: bool = False
    competencies_created: int = 0
    superadmin_created: bool = False
    created: list[str] = field(default_factory=list)  # instansi built by this run
    skipped: list[str] = field(default_factory=list)  # instansi that already existed
    needs_created: list[str] = field(default_factory=list)  # instansi given their needs story
    needs_skipped: list[str] = field(default_factory=list)  # instansi that had needs data
    plans_created: list[str] = field(default_factory=list)  # instansi given an approved plan
    plans_skipped: list[str] = field(default_factory=list)  # instansi that had a plan
    delivery_created: list[str] = field(default_factory=list)  # instansi whose plan was run
    delivery_skipped: list[str] = field(default_factory=list)  # instansi that had batches
    certificates_created: list[str] = field(default_factory=list)
    certificates_skipped: list[str] = field(default_factory=list)
    evaluation_created: list[str] = field(default_factory=list)
    evaluation_skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(
            self.wilayah.changed
            or self.dictionary_loaded
            or self.competencies_created
            or self.superadmin_created
            or self.created
            or self.needs_created
            or self.plans_created
            or self.delivery_created
            or self.certificates_created
            or self.evaluation_created
        )


def load_demo(
    *,
    full_wilayah: bool = True,
    regions: Sequence[RegionSpec] = REGIONS,
    log: Log | None = None,
) -> DemoReport:
    """Load whatever part of the demo is missing. ``full_wilayah=False`` loads only the demo
    cities from the region list (fast, for tests) instead of all 91,599 regions."""
    say: Log = log or (lambda _message: None)
    started = time.perf_counter()
    only = None if full_wilayah else [region.wilayah for region in regions]
    report = DemoReport(wilayah=wilayah_load(only=only, acting_user=ACTING_USER))
    say(describe_wilayah_load(report.wilayah))
    report.dictionary_loaded = _ensure_dictionary()
    competencies, report.competencies_created = _ensure_technical_competencies(say)
    say(
        _("Kamus kompetensi: %(state)s; kompetensi teknis nasional: %(count)d ditambahkan.")
        % {
            "state": _("dimuat") if report.dictionary_loaded else _("sudah ada"),
            "count": report.competencies_created,
        }
    )
    report.superadmin_created = _ensure_superadmin()
    for region in regions:
        if Instansi.objects.filter(wilayah_id=region.wilayah).exists():
            report.skipped.append(region.nama)
            say(_("%s: sudah ada, dilewati.") % region.nama)
        else:
            _build_region(region, competencies, report, say)
        _play_needs_story(region, report, say)
        _make_plan(region, report, say)
        _deliver(region, report, say)
        _certify(region, report, say)
        _evaluate(region, report, say)
    report.seconds = time.perf_counter() - started
    return report


def _build_region(
    region: RegionSpec, competencies: dict[str, Competency], report: DemoReport, say: Log
) -> None:
    region_started = time.perf_counter()
    with transaction.atomic():
        counts = RegionBuilder(region, competencies).build()
    report.created.append(region.nama)
    say(
        _(
            "%(nama)s: %(units)d unit, %(positions)d jabatan, %(employees)d pegawai, "
            "%(users)d akun (%(seconds).1f s)."
        )
        % {
            "nama": region.nama,
            "seconds": time.perf_counter() - region_started,
            **counts,
        }
    )


def _play_needs_story(region: RegionSpec, report: DemoReport, say: Log) -> None:
    """Give the region's instansi its needs story unless it has needs data already."""
    story = STORIES.get(region.slug)
    instansi = Instansi.objects.filter(wilayah_id=region.wilayah).first()
    if story is None or instansi is None:
        return
    if needs_present(instansi):
        report.needs_skipped.append(region.nama)
        say(
            _("%(nama)s: data kebutuhan %(tahun)d sudah ada, dilewati.")
            % {"nama": region.nama, "tahun": PLAN_YEAR}
        )
        return
    stage_started = time.perf_counter()
    with transaction.atomic():
        counts = NeedsStage(region, story, instansi).run()
    report.needs_created.append(region.nama)
    say(
        _(
            "%(nama)s: kebutuhan %(tahun)d dari %(supervisor)d penilaian atasan, %(self)d "
            "penilaian mandiri (%(flags)d perlu kalibrasi), %(responses)d jawaban survei dan "
            "%(factors)d faktor bobot; %(need_rows)d baris kebutuhan (%(seconds).1f s)."
        )
        % {
            "nama": region.nama,
            "tahun": PLAN_YEAR,
            "seconds": time.perf_counter() - stage_started,
            **counts,
        }
    )


def _make_plan(region: RegionSpec, report: DemoReport, say: Log) -> None:
    """Give the region's instansi its catalogue and approved plan unless it has a plan for the
    year already."""
    spec = PLANS.get(region.slug)
    instansi = Instansi.objects.filter(wilayah_id=region.wilayah).first()
    if spec is None or instansi is None:
        return
    if plans_present(instansi):
        report.plans_skipped.append(region.nama)
        say(
            _("%(nama)s: rencana %(tahun)d sudah ada, dilewati.")
            % {"nama": region.nama, "tahun": PLAN_YEAR}
        )
        return
    stage_started = time.perf_counter()
    with transaction.atomic():
        summary = PlanningStage(region, spec, instansi).run()
    report.plans_created.append(region.nama)
    run = summary.run
    say(
        _(
            "%(nama)s: rencana %(tahun)d disetujui %(ppk)s: %(run)d dari %(programs)d program "
            "dengan %(batches)d angkatan, %(employees)d dari %(with_gaps)d ASN berkesenjangan, "
            "%(cost)s dari pagu %(pagu)s, nilai %(objective).1f dari batas %(bound).1f, "
            "%(compliant)d ASN mencapai %(target)d JP; %(pins)d pasangan tanpa kesenjangan "
            "dikecualikan (%(seconds).1f s)."
        )
        % {
            "nama": region.nama,
            "tahun": PLAN_YEAR,
            "ppk": summary.plan.disetujui_oleh_jabatan,
            "run": summary.programs_run,
            "programs": summary.programs,
            "batches": summary.batches,
            "employees": summary.employees,
            "with_gaps": summary.employees_with_gaps,
            "cost": format_rupiah(run.cost or 0),
            "pagu": format_rupiah(summary.plan.pagu),
            "objective": run.objective or 0.0,
            "bound": run.upper_bound or 0.0,
            "compliant": run.jp_compliant or 0,
            "target": summary.plan.jp_target,
            "pins": summary.pins,
            "seconds": time.perf_counter() - stage_started,
        }
    )


def _deliver(region: RegionSpec, report: DemoReport, say: Log) -> None:
    """Carry out the region's approved plan unless its instansi has delivery data already."""
    spec = DELIVERIES.get(region.slug)
    instansi = Instansi.objects.filter(wilayah_id=region.wilayah).first()
    if spec is None or instansi is None or not plans_present(instansi):
        return
    if delivery_present(instansi):
        report.delivery_skipped.append(region.nama)
        say(
            _("%(nama)s: pelaksanaan %(tahun)d sudah ada, dilewati.")
            % {"nama": region.nama, "tahun": PLAN_YEAR}
        )
        return
    stage_started = time.perf_counter()
    with mail_kept_back(), transaction.atomic():
        summary = DeliveryStage(region, spec, instansi, _give_demo_password).run()
    report.delivery_created.append(region.nama)
    say(
        _(
            "%(nama)s: pelaksanaan %(tahun)d oleh %(partners)d mitra di %(venues)d tempat "
            "dengan %(trainers)d pengajar: %(scheduled)d dari %(batches)d angkatan terjadwal, "
            "%(completed)d selesai (%(completions)d ASN lulus, %(not_completed)d belum; "
            "%(credited)d rekam JP), %(upcoming)d masih akan datang; %(approved)d pencalonan "
            "disetujui atasan, %(attendance)d presensi daftar hadir dan %(qr)d presensi QR; "
            "%(internships)d magang, %(courses)d penyelesaian e-learning, %(claims)d klaim "
            "(%(seconds).1f s)."
        )
        % {
            "nama": region.nama,
            "tahun": PLAN_YEAR,
            "partners": summary.partners,
            "venues": summary.venues,
            "trainers": summary.trainers,
            "scheduled": summary.scheduled,
            "batches": summary.batches,
            "completed": summary.completed_batches,
            "completions": summary.completions,
            "not_completed": summary.not_completed,
            "credited": summary.credited,
            "upcoming": summary.upcoming_batches,
            "approved": summary.approved,
            "attendance": summary.attendance_rows,
            "qr": summary.qr_checkins,
            "internships": summary.internships,
            "courses": summary.course_completions,
            "claims": summary.claims,
            "seconds": time.perf_counter() - stage_started,
        }
    )
    for message in summary.unscheduled + summary.warnings:
        say(_("  Perhatian: %s") % message)


def _certify(region: RegionSpec, report: DemoReport, say: Log) -> None:
    """Issue the certificates of the region's completed activities unless it has any."""
    spec = DELIVERIES.get(region.slug)
    instansi = Instansi.objects.filter(wilayah_id=region.wilayah).first()
    if spec is None or instansi is None or not delivery_present(instansi):
        return
    if certificates_present(instansi):
        report.certificates_skipped.append(region.nama)
        say(_("%s: sertifikat sudah ada, dilewati.") % region.nama)
        return
    stage_started = time.perf_counter()
    with transaction.atomic():
        summary = issue_certificates(spec=spec, instansi=instansi)
    report.certificates_created.append(region.nama)
    say(
        _("%(nama)s: %(issued)d sertifikat terbit, %(revoked)d dicabut (%(seconds).1f s).")
        % {
            "nama": region.nama,
            "issued": summary.issued,
            "revoked": summary.revoked,
            "seconds": time.perf_counter() - stage_started,
        }
    )


def _evaluate(region: RegionSpec, report: DemoReport, say: Log) -> None:
    """Play the region's evaluation unless its batches have reaction answers already."""
    spec = DELIVERIES.get(region.slug)
    instansi = Instansi.objects.filter(wilayah_id=region.wilayah).first()
    if spec is None or instansi is None or not delivery_present(instansi):
        return
    if evaluation_present(instansi):
        report.evaluation_skipped.append(region.nama)
        say(_("%s: evaluasi sudah ada, dilewati.") % region.nama)
        return
    stage_started = time.perf_counter()
    with mail_kept_back(), transaction.atomic():
        summary = EvaluationStage(region, spec, instansi).run()
    report.evaluation_created.append(region.nama)
    say(
        _(
            "%(nama)s: evaluasi dari %(reactions)d jawaban reaksi di %(batches)d angkatan, "
            "%(scores)d pasangan nilai pre/post; keputusan: %(decisions)s; %(actions)d tindak "
            "lanjut, %(follow_ups)d evaluasi pasca pelatihan selesai (%(seconds).1f s)."
        )
        % {
            "nama": region.nama,
            "reactions": summary.reactions,
            "batches": summary.batches_with_reactions,
            "scores": summary.score_rows,
            "decisions": ", ".join(summary.decisions or []) or "-",
            "actions": summary.actions,
            "follow_ups": summary.follow_ups_done,
            "seconds": time.perf_counter() - stage_started,
        }
    )


def _ensure_dictionary() -> bool:
    """Load the official dictionary (M.1–M.8, SK.1) unless every code of it is present."""
    data = json.loads(DICTIONARY_PATH.read_text(encoding="utf-8"))
    codes = {item["kode"] for item in data["kompetensi"]}
    present = set(
        Competency.objects.filter(
            instansi__isnull=True, is_official=True, kode__in=codes
        ).values_list("kode", flat=True)
    )
    if present == codes:
        return False
    dictionary_load(acting_user=ACTING_USER)
    return True


def _ensure_technical_competencies(say: Log) -> tuple[dict[str, Competency], int]:
    """Create the national T.x competencies that are missing; return every national one.

    A code that already exists is used as it is; if its name differs from the demo's, the
    console says so, because the demo's duties will then point at that competency."""
    existing = {c.kode: c for c in Competency.objects.filter(instansi__isnull=True)}
    created = 0
    for spec in TECHNICAL_COMPETENCIES:
        current = existing.get(spec.kode)
        if current is not None:
            if current.nama != spec.nama:
                say(
                    _("Perhatian: %(kode)s sudah ada sebagai “%(nama)s”; dipakai apa adanya.")
                    % {"kode": spec.kode, "nama": current.nama}
                )
            continue
        existing[spec.kode] = technical_competency_save(
            instansi=None,
            kode=spec.kode,
            nama=spec.nama,
            sektor=spec.sektor,
            uraian=spec.uraian,
            levels=spec.levels,
            acting_user=ACTING_USER,
        )
        created += 1
    return existing, created


def _ensure_superadmin() -> bool:
    if User.objects.filter(username__iexact=SUPERADMIN_USERNAME).exists():
        return False
    with transaction.atomic():
        user = user_create(
            username=SUPERADMIN_USERNAME,
            password=None,
            nama="Superadmin Nasional (demo)",
            acting_user=ACTING_USER,
        )
        role_assign(user=user, role=Role.SUPERADMIN, acting_user=ACTING_USER)
        _give_demo_password([user])
    return True


@dataclass
class _Node:
    """A unit being built, with who heads it and who holds each of its positions."""

    spec: UnitSpec
    unit: Unit
    parent: _Node | None
    positions: list[tuple[PositionSpec, Position]] = field(default_factory=list)
    head: Employee | None = None
    holders: dict[str, list[Employee]] = field(default_factory=dict)

    @property
    def opd(self) -> _Node:
        node = self
        while node.parent is not None:
            node = node.parent
        return node


class RegionBuilder:
    """Builds one region's instansi. Call inside a transaction: a failure leaves nothing."""

    def __init__(self, region: RegionSpec, competencies: dict[str, Competency]) -> None:
        self.region = region
        self.competencies = competencies
        self.nodes: list[_Node] = []
        self.leader: _Node | None = None  # the Setda, whose head supervises the OPD heads
        self.logins: dict[str, tuple[Employee, _Node]] = {}

    def build(self) -> dict[str, int]:
        region = self.region
        wilayah = Wilayah.objects.filter(kode=region.wilayah).first()
        if wilayah is None:
            raise ValueError(f"{region.wilayah} ({region.nama}) is not in the region list")
        self.wilayah = self._unit_regions()
        self.instansi = instansi_create(wilayah=wilayah, nama=region.nama, acting_user=ACTING_USER)
        tops = sorted(region.units, key=lambda spec: spec.jenis != UnitKind.SETDA)
        for spec in tops:
            self._build_unit(spec, None)
        people = self._people()
        for index, node in enumerate(self.nodes):
            self._staff(index, node, people)
        users = self._users()
        return {
            "units": len(self.nodes),
            "positions": sum(len(node.positions) for node in self.nodes),
            "employees": sum(len(people_of) for people_of in people.values()),
            "users": users,
        }

    # -------------------------------------------------------------------------- structure

    def _unit_regions(self) -> dict[str, Wilayah]:
        """The Wilayah rows units point at, checked against the names the data expect."""
        wanted: dict[str, str] = {}

        def collect(spec: UnitSpec) -> None:
            if spec.wilayah:
                wanted[spec.wilayah] = spec.wilayah_nama
            for child in spec.children:
                collect(child)

        for spec in self.region.units:
            collect(spec)
        found = Wilayah.objects.in_bulk(list(wanted))
        for kode, nama in wanted.items():
            if kode not in found or (nama and found[kode].nama != nama):
                actual = found[kode].nama if kode in found else "absent"
                raise ValueError(f"{kode} should be {nama!r} in the region list, is {actual!r}")
        return found

    def _build_unit(self, spec: UnitSpec, parent: _Node | None) -> None:
        unit = unit_create(
            instansi=self.instansi,
            nama=spec.nama,
            jenis=spec.jenis,
            parent=parent.unit if parent else None,
            singkatan=spec.singkatan,
            wilayah=self.wilayah.get(spec.wilayah) if spec.wilayah else None,
            acting_user=ACTING_USER,
        )
        node = _Node(spec=spec, unit=unit, parent=parent)
        self.nodes.append(node)
        if spec.jenis == UnitKind.SETDA and self.leader is None:
            self.leader = node
        for position_spec in self._staffing_order(spec):
            node.positions.append((position_spec, self._build_position(unit, position_spec)))
        for child in spec.children:
            self._build_unit(child, node)

    @staticmethod
    def _staffing_order(spec: UnitSpec) -> list[PositionSpec]:
        """Heads first, then the positions others report to, so every supervisor exists
        before the staff who report to them."""
        supervisors = {p.reports_to for p in spec.positions if p.reports_to}
        heads = [p for p in spec.positions if p.head]
        if len(heads) > 1:
            raise ValueError(f"{spec.nama} has more than one head position")
        return sorted(
            spec.positions, key=lambda p: 0 if p.head else 1 if p.nama in supervisors else 2
        )

    def _build_position(self, unit: Unit, spec: PositionSpec) -> Position:
        position = position_save(
            instansi=self.instansi,
            unit=unit,
            nama=spec.nama,
            kelas=spec.kelas,
            ikhtisar=spec.ikhtisar,
            acting_user=ACTING_USER,
        )
        for order, duty in enumerate(spec.duties, start=1):
            try:
                needs = [(self.competencies[code], level) for code, level in duty.needs]
            except KeyError as missing:
                raise ValueError(f"{spec.nama}: unknown competency {missing}") from None
            duty_save(
                position=position,
                uraian=duty.uraian,
                competencies=needs,
                urutan=order,
                acting_user=ACTING_USER,
            )
        return position

    # -------------------------------------------------------------------------- people

    def _people(self) -> dict[tuple[int, str], list[Person]]:
        """Everyone the region employs, per (node index, position name), drawn in data order
        from the region's seed; NIPs already in the database are drawn again."""
        taken: set[str] = set()
        for _attempt in range(3):
            factory = PeopleFactory(
                random.Random(self.region.seed),
                names=self.region.names,
                email_domain=self.region.email_domain,
                phone_prefixes=self.region.phone_prefixes,
                taken_numbers=taken,
                reserved_names={self.region.mitra_nama},
            )
            people: dict[tuple[int, str], list[Person]] = {}
            for index, node in enumerate(self.nodes):
                for spec, _position in node.positions:
                    if spec.pppk > spec.holders:
                        raise ValueError(f"{spec.nama}: more PPPK than holders")
                    people[(index, spec.nama)] = [
                        factory.make(spec, pppk=number >= spec.holders - spec.pppk)
                        for number in range(spec.holders)
                    ]
            numbers = [person.nip for group in people.values() for person in group]
            clashes = set(Employee.objects.filter(nip__in=numbers).values_list("nip", flat=True))
            if not clashes:
                return people
            taken |= clashes
        raise ValueError("could not draw NIPs that are not in the database yet")

    def _staff(self, index: int, node: _Node, people: dict[tuple[int, str], list[Person]]) -> None:
        for spec, position in node.positions:
            supervisor = self._supervisor_for(node, spec)
            holders = [
                self._hire(person, node, position, supervisor)
                for person in people[(index, spec.nama)]
            ]
            node.holders[spec.nama] = holders
            if spec.head:
                node.head = holders[0]
            if spec.login:
                if spec.login not in EMPLOYEE_LOGINS or spec.login in self.logins:
                    raise ValueError(f"{spec.nama}: login {spec.login!r} unknown or repeated")
                self.logins[spec.login] = (holders[0], node)

    def _supervisor_for(self, node: _Node, spec: PositionSpec) -> Employee | None:
        """Staff → the position they report to or the unit head; a unit head → the head of the
        nearest unit above; an OPD head → the Sekretaris Daerah."""
        if spec.reports_to:
            return node.holders[spec.reports_to][0]
        above: _Node | None = node.parent if spec.head else node
        while above is not None:
            if above.head is not None:
                return above.head
            above = above.parent
        if self.leader is not None and self.leader is not node:
            return self.leader.head
        return None

    def _hire(
        self, person: Person, node: _Node, position: Position, supervisor: Employee | None
    ) -> Employee:
        return employee_save(
            instansi=self.instansi,
            data=EmployeeData(
                nip=person.nip,
                nama=person.nama,
                jenis=person.jenis,
                gelar_depan=person.gelar_depan,
                gelar_belakang=person.gelar_belakang,
                tanggal_lahir=person.tanggal_lahir,
                jenis_kelamin=person.jenis_kelamin,
                golongan=person.golongan,
                pendidikan_tingkat=person.pendidikan_tingkat,
                pendidikan_nama=person.pendidikan_nama,
                unit=node.unit,
                position=position,
                supervisor=supervisor,
                email=person.email,
                phone=person.phone,
            ),
            acting_user=ACTING_USER,
        )

    # -------------------------------------------------------------------------- logins

    def _users(self) -> int:
        missing = [login for login in EMPLOYEE_LOGINS if login not in self.logins]
        if missing:
            raise ValueError(f"{self.region.nama}: no position carries login {missing}")
        slug = self.region.slug
        users = []
        for login, (employee, node) in self.logins.items():
            user = user_create(
                username=f"{slug}.{login}",
                password=None,
                email=employee.email,
                employee=employee,
                acting_user=ACTING_USER,
            )
            users.append(user)
            assigned = ROLE_OF_LOGIN.get(login)
            if assigned == Role.OPD_ADMIN:  # scoped to the OPD that employs the account holder
                role_assign(user=user, role=assigned, unit=node.opd.unit, acting_user=ACTING_USER)
            elif assigned is not None:
                role_assign(
                    user=user, role=assigned, instansi=self.instansi, acting_user=ACTING_USER
                )
        partner = user_create(
            username=f"{slug}.mitra",
            password=None,
            nama=f"{self.region.mitra_nama} ({self.region.mitra_keterangan})",
            acting_user=ACTING_USER,
        )
        role_assign(user=partner, role=Role.MITRA, instansi=self.instansi, acting_user=ACTING_USER)
        users.append(partner)
        _give_demo_password(users)
        return len(users)


@functools.cache
def _demo_password_hash(hashers: tuple[str, ...]) -> str:
    """Keyed by the configured hashers, so that a settings change gets a fresh hash."""
    return make_password(DEMO_PASSWORD)


def _give_demo_password(users: list[User]) -> None:
    """Give the demo accounts the published demo password, hashed once per process.

    A password hash is deliberately slow (Argon2: about half a second); hashing the same public
    password for every account would be most of the demo's load time. The accounts are created
    without a password by ``user_create`` and receive the shared hash here.
    """
    password = _demo_password_hash(tuple(settings.PASSWORD_HASHERS))
    User.objects.filter(pk__in=[user.pk for user in users]).update(password=password)
