"""The needs stage of the demo: one region's story for the plan year, through the services.

For one instansi, in the order a BKPSDM would work: an assessment round with supervisor and
self-ratings; the training-needs survey from the built-in template, published, answered and
turned into weight factors; RPJMD/Renstra priorities, indicators with their figures and signal
rules, stakeholder input sent through the public form and approved, a year of SKM answer
sheets; then "evaluate everything" for the plan year and the needs recomputation. Every write
goes through a service, so the audit trail, current levels and factors are the real ones and
the priorities come out of the computation.

The stage runs only when the instansi has none of this yet (:func:`needs_present`); call it
inside a transaction, so that a failure leaves nothing of it.
"""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from bangkom.accounts.models import User
from bangkom.assessments.models import AssessmentRound, CalibrationFlag
from bangkom.assessments.services import (
    RatingInput,
    round_create,
    self_assessment_submit,
    supervisor_assessments_submit,
)
from bangkom.competencies.models import Competency, PositionStandard
from bangkom.core.errors import ServiceError
from bangkom.demo.logins import LOGIN_ROLES
from bangkom.demo.needs import answers
from bangkom.demo.needs.ratings import self_levels, supervisor_level
from bangkom.demo.needs.spec import IndicatorSpec, InputSpec, NeedsStory, SkmSpec
from bangkom.demo.needs.stories import PLAN_YEAR
from bangkom.demo.spec import RegionSpec
from bangkom.factors.models import WeightFactor
from bangkom.lib.ikm import krejcie_morgan
from bangkom.needs.models import Recomputation
from bangkom.needs.services import needs_recompute
from bangkom.organisation.models import Employee, Instansi, Unit, UnitKind, Wilayah
from bangkom.organisation.plan_year import plan_year_set
from bangkom.regional.models import Indicator
from bangkom.regional.periods import Period
from bangkom.regional.services import (
    IndicatorData,
    PriorityData,
    PublicInputData,
    PublicRefused,
    RuleData,
    challenge_issue,
    indicator_save,
    input_approve,
    priority_save,
    public_input_submit,
    regional_settings_save,
    rule_save,
    signals_evaluate_all,
    skm_import,
    skm_settings_save,
    value_save,
)
from bangkom.regional.services.common import regional_settings
from bangkom.regional.services.inputs import form_key
from bangkom.surveys.factors import survey_factors_recompute
from bangkom.surveys.models import QuestionKind, Survey
from bangkom.surveys.services import (
    SurveyData,
    response_submit,
    survey_create,
    survey_publish,
)

# When the collection happens in the demo's time (people.DEMO_TODAY is 1 July 2025): the round
# and the survey open in June 2025. Both stay open until well after the day the demo is loaded,
# because the services accept ratings and answers only while a window is open, and the demo
# users must still be able to rate themselves and answer.
OPENS_ON = date(2025, 6, 2)
PLANNED_CLOSE = date(2025, 8, 29)
STILL_OPEN_FOR = timedelta(days=120)
SELF_RATING_SHARE = 75  # percent of the rated ASN who also rate themselves
SURVEY_SKIP_SHARE = 12  # percent of the ASN who do not answer the survey
FRONT_LINE_KINDS = {UnitKind.KECAMATAN, UnitKind.KELURAHAN, UnitKind.PUSKESMAS}
# Public input arrives from documentation addresses (RFC 5737), one per sender.
INPUT_ADDRESS = "192.0.2.{}"


def needs_present(instansi: Instansi, tahun: int = PLAN_YEAR) -> bool:
    """True when the instansi already has assessment rounds or needs data for ``tahun``: the
    stage then leaves it alone (a second run changes nothing, real data stay untouched)."""
    return (
        AssessmentRound.objects.filter(instansi=instansi).exists()
        or Survey.objects.filter(instansi=instansi, tahun=tahun).exists()
        or WeightFactor.objects.filter(instansi=instansi, tahun=tahun).exists()
        or Recomputation.objects.filter(instansi=instansi, tahun=tahun).exists()
    )


def window(today: date) -> tuple[date, date]:
    """Opening and closing day of the round and the survey: the demo's June 2025, kept open
    until ``today`` plus four months."""
    return min(OPENS_ON, today), max(PLANNED_CLOSE, today + STILL_OPEN_FOR)


@dataclass(frozen=True)
class _Staff:
    employee: Employee
    units: tuple[Unit, ...]  # the employee's unit and its ancestors, innermost first
    standard: dict[int, int]  # competency pk → required level

    @property
    def unit_names(self) -> tuple[str, ...]:
        return tuple(unit.nama for unit in self.units)


class NeedsStage:
    """Plays one region's needs story into its instansi."""

    def __init__(self, region: RegionSpec, story: NeedsStory, instansi: Instansi) -> None:
        self.region = region
        self.story = story
        self.instansi = instansi
        self.today = timezone.localdate()
        self.opens_on, self.closes_on = window(self.today)
        self.admin = User.objects.get(username=f"{region.slug}.bkpsdm")
        self.units = list(Unit.objects.filter(instansi=instansi).order_by("path"))
        usable = Competency.objects.filter(Q(instansi__isnull=True) | Q(instansi=instansi))
        self.by_pk = {c.pk: c for c in usable}
        # The stories name the national competencies (official M.x/SK.1 and the demo's T.x).
        self.competencies = {c.kode: c for c in self.by_pk.values() if c.instansi_id is None}
        self.staff = self._staff()
        self.spots = [
            (spot, self.unit(spot.unit) if spot.unit else None) for spot in story.weak_spots
        ]
        users = User.objects.filter(employee__instansi=instansi)
        self.user_of = {user.employee_id: user for user in users}
        logins = {f"{region.slug}.{login}" for login in LOGIN_ROLES}
        # Left for the visitor: the demo logins answer the survey and rate themselves.
        self.demo_login_employees = {
            user.employee_id for user in users if user.username in logins and user.employee_id
        }

    def run(self) -> dict[str, int]:
        # Every page of the demo defaults to the year its stories and plans are about.
        plan_year_set(instansi=self.instansi, tahun=PLAN_YEAR, acting_user=self.admin)
        supervisor, own = self._assessments()
        responses = self._survey()
        self._regional()
        signals_evaluate_all(instansi=self.instansi, tahun=PLAN_YEAR, acting_user=self.admin)
        recomputation = needs_recompute(
            instansi=self.instansi, tahun=PLAN_YEAR, acting_user=self.admin
        )
        return {
            "supervisor": supervisor,
            "self": own,
            "flags": CalibrationFlag.objects.filter(instansi=self.instansi).count(),
            "responses": responses,
            "factors": WeightFactor.objects.filter(instansi=self.instansi, tahun=PLAN_YEAR).count(),
            "need_rows": recomputation.need_rows,
        }

    # -------------------------------------------------------------------------- lookups

    def unit(self, name: str) -> Unit:
        """A unit by name, or ``Parent/Child`` when the name alone is not unique."""
        *parents, last = name.split("/")
        by_pk = {unit.pk: unit for unit in self.units}
        found = []
        for unit in self.units:
            if unit.nama != last:
                continue
            parent = by_pk.get(unit.parent_id) if unit.parent_id else None
            if parents and (parent is None or parent.nama != parents[-1]):
                continue
            found.append(unit)
        if len(found) != 1:
            raise ValueError(f"{self.region.nama}: {len(found)} units named {name!r}")
        return found[0]

    def competency(self, code: str) -> Competency:
        try:
            return self.competencies[code]
        except KeyError:
            raise ValueError(f"{self.region.nama}: unknown competency {code}") from None

    def _competencies(self, codes: Iterable[str]) -> list[Competency]:
        return [self.competency(code) for code in codes]

    def _staff(self) -> list[_Staff]:
        by_pk = {unit.pk: unit for unit in self.units}
        standards: dict[int, dict[int, int]] = defaultdict(dict)
        for position_id, competency_id, level in PositionStandard.objects.filter(
            position__instansi=self.instansi
        ).values_list("position_id", "competency_id", "required_level"):
            standards[position_id][competency_id] = level
        result = []
        for employee in (
            Employee.objects.filter(instansi=self.instansi, is_active=True)
            .select_related("position", "unit")
            .order_by("nip")
        ):
            chain: list[Unit] = []
            unit = by_pk.get(employee.unit_id) if employee.unit_id else None
            while unit is not None:
                chain.append(unit)
                unit = by_pk.get(unit.parent_id) if unit.parent_id else None
            result.append(
                _Staff(
                    employee=employee,
                    units=tuple(chain),
                    standard=dict(
                        sorted(
                            standards.get(employee.position_id or 0, {}).items(),
                            key=lambda line: self.by_pk[line[0]].kode,
                        )
                    ),
                )
            )
        return result

    def _rng(self, purpose: str) -> random.Random:
        return random.Random(f"{self.region.seed}:{purpose}")

    # -------------------------------------------------------------------------- assessments

    def _weakness(self, staff: _Staff, competency: Competency) -> tuple[bool, bool]:
        """(strong, weak): whether the story puts this competency of this ASN in a weak spot."""
        position = staff.employee.position.nama.casefold() if staff.employee.position else ""
        strong = weak = False
        for spot, unit in self.spots:
            if competency.instansi_id is not None or competency.kode not in spot.codes:
                continue
            if unit is not None and unit not in staff.units:
                continue
            if spot.keyword and spot.keyword.casefold() not in position:
                continue
            weak = True
            strong = strong or spot.strong
        return strong, weak

    def _assessments(self) -> tuple[int, int]:
        assessment_round = round_create(
            instansi=self.instansi,
            tahun=PLAN_YEAR,
            nama=f"Penilaian Kompetensi {PLAN_YEAR}",
            opens_on=self.opens_on,
            closes_on=self.closes_on,
            acting_user=self.admin,
        )
        rated = self._supervisor_levels()
        return (
            self._supervisor_ratings(assessment_round, rated),
            self._self_ratings(assessment_round, rated),
        )

    def _supervisor_levels(self) -> dict[int, dict[int, int]]:
        """Per employee with a supervisor: the supervisor's level for every competency of the
        position's standard."""
        rng = self._rng("penilaian")
        rated: dict[int, dict[int, int]] = {}
        for staff in self.staff:
            if staff.employee.supervisor_id is None or not staff.standard:
                continue
            levels = {}
            for competency_id, required in staff.standard.items():
                strong, weak = self._weakness(staff, self.by_pk[competency_id])
                levels[competency_id] = supervisor_level(rng, required, strong=strong, weak=weak)
            rated[staff.employee.pk] = levels
        return rated

    def _supervisor_ratings(
        self, assessment_round: AssessmentRound, rated: dict[int, dict[int, int]]
    ) -> int:
        """Each supervisor submits the ratings of their direct subordinates at once."""
        by_supervisor: dict[int, list[RatingInput]] = defaultdict(list)
        for staff in self.staff:
            employee = staff.employee
            if employee.pk in rated and employee.supervisor_id is not None:
                by_supervisor[employee.supervisor_id].extend(
                    RatingInput(employee=employee, competency=self.by_pk[pk], level=level)
                    for pk, level in rated[employee.pk].items()
                )
        supervisors = Employee.objects.in_bulk(list(by_supervisor))
        count = 0
        for supervisor in sorted(supervisors.values(), key=lambda e: e.nip):
            count += len(
                supervisor_assessments_submit(
                    assessment_round=assessment_round,
                    supervisor=supervisor,
                    ratings=by_supervisor[supervisor.pk],
                    acting_user=self.user_of.get(supervisor.pk),
                )
            )
        return count

    def _self_ratings(
        self, assessment_round: AssessmentRound, rated: dict[int, dict[int, int]]
    ) -> int:
        """Most rated ASN rate themselves too; the demo logins are left for the visitor."""
        rng = self._rng("penilaian-mandiri")
        count = 0
        for staff in self.staff:
            employee = staff.employee
            given = rated.get(employee.pk)
            if given is None or employee.pk in self.demo_login_employees:
                continue
            if rng.randrange(100) >= SELF_RATING_SHARE:
                continue
            count += len(
                self_assessment_submit(
                    assessment_round=assessment_round,
                    employee=employee,
                    ratings=[
                        RatingInput(employee=employee, competency=self.by_pk[pk], level=level)
                        for pk, level in self_levels(rng, given).items()
                    ],
                    acting_user=self.user_of.get(employee.pk),
                )
            )
        return count

    # -------------------------------------------------------------------------- survey

    def _survey(self) -> int:
        survey = survey_create(
            instansi=self.instansi,
            data=SurveyData(
                judul=f"Survei Kebutuhan Pelatihan ASN Tahun {PLAN_YEAR}",
                tahun=PLAN_YEAR,
                opens_on=self.opens_on,
                closes_on=self.closes_on,
                pengantar=(
                    "Bantu kami menyusun rencana pengembangan kompetensi tahun depan: seberapa "
                    "percaya diri Anda dengan tugas sehari-hari, dan pelatihan apa yang Anda "
                    "butuhkan. Jawaban perorangan hanya dibaca BKPSDM."
                ),
            ),
            use_template=True,
            acting_user=self.admin,
        )
        survey = survey_publish(survey=survey, acting_user=self.admin)
        questionnaire = self._questionnaire(survey)
        story = self.story.survey
        rng = self._rng("survei")
        count = 0
        for staff in self.staff:
            employee = staff.employee
            skip = rng.randrange(100) < SURVEY_SKIP_SHARE
            if skip or employee.pk in self.demo_login_employees:
                continue
            respondent = answers.Respondent(
                unit_names=staff.unit_names,
                front_line=any(unit.jenis in FRONT_LINE_KINDS for unit in staff.units),
                young=bool(employee.tanggal_lahir and employee.tanggal_lahir.year >= 1990),
            )
            response_submit(
                survey=survey,
                employee=employee,
                answers=answers.answers_for(
                    rng,
                    respondent,
                    questionnaire,
                    low_tasks=story.low_tasks,
                    topics=story.topics,
                    forms=story.forms,
                    suggestions=story.suggestions,
                ),
                acting_user=self.user_of.get(employee.pk),
            )
            count += 1
        survey_factors_recompute(survey=survey, acting_user=self.admin)
        return count

    @staticmethod
    def _questionnaire(survey: Survey) -> answers.Questionnaire:
        by_kind: dict[str, tuple[int, int, tuple[answers.Item, ...]]] = {}
        for question in survey.questions.prefetch_related("items__competencies").order_by("urutan"):
            items = tuple(
                answers.Item(pk=item.pk, codes=frozenset(c.kode for c in item.competencies.all()))
                for item in question.items.order_by("urutan")
            )
            by_kind.setdefault(question.kind, (question.pk, question.max_choices or 0, items))
        confidence = by_kind[QuestionKind.CONFIDENCE]
        topics = by_kind[QuestionKind.TOPICS]
        forms = by_kind[QuestionKind.FORMS]
        times = by_kind[QuestionKind.TIMES]
        text = by_kind.get(QuestionKind.TEXT)
        return answers.Questionnaire(
            confidence=(confidence[0], confidence[2]),
            topics=(topics[0], topics[1] or len(topics[2]), topics[2]),
            forms=(forms[0], forms[2]),
            times=(times[0], times[2]),
            text=text[0] if text else None,
        )

    # -------------------------------------------------------------------------- regional

    def _regional(self) -> None:
        story = self.story
        if story.public_input_open:
            current = regional_settings(self.instansi)
            regional_settings_save(
                instansi=self.instansi,
                ikm_convention=current.ikm_convention,
                skm_nrr_threshold=current.skm_nrr_threshold,
                skm_factor=current.skm_factor,
                skm_frontline_classes=current.skm_frontline_classes,
                public_input_open=True,
                acting_user=self.admin,
            )
        for priority in story.priorities:
            priority_save(
                instansi=self.instansi,
                data=PriorityData(
                    tema=priority.tema,
                    referensi=priority.referensi,
                    tahun_mulai=priority.years[0],
                    tahun_selesai=priority.years[1],
                    competencies=self._competencies(priority.codes),
                    factor=priority.factor,
                    dokumen=priority.dokumen,
                    uraian=priority.uraian,
                    units=[self.unit(name) for name in priority.units],
                    position_classes=priority.position_classes,
                    position_keyword=priority.position_keyword,
                ),
                acting_user=self.admin,
            )
        indicators = {spec.kode: self._indicator(spec) for spec in story.indicators}
        for rule in story.rules:
            indicator, unit, wilayah = indicators[rule.indicator]
            rule_save(
                instansi=self.instansi,
                data=RuleData(
                    nama=rule.nama,
                    indicator=indicator,
                    kondisi=rule.kondisi,
                    competencies=self._competencies(rule.codes),
                    factor=rule.factor,
                    unit=unit,
                    wilayah=wilayah,
                    ambang=rule.ambang,
                    target_unit=self.unit(rule.target_unit) if rule.target_unit else None,
                    position_classes=rule.position_classes,
                    position_keyword=rule.position_keyword,
                ),
                acting_user=self.admin,
            )
        for number, spec in enumerate(story.inputs, start=10):
            self._public_input(spec, INPUT_ADDRESS.format(number))
        for skm in story.skm:
            self._skm(skm)

    def _indicator(self, spec: IndicatorSpec) -> tuple[Indicator, Unit | None, Wilayah | None]:
        indicator = indicator_save(
            instansi=self.instansi,
            data=IndicatorData(
                kode=spec.kode,
                nama=spec.nama,
                satuan=spec.satuan,
                jenis=spec.jenis,
                periodisitas=spec.periodisitas,
                uraian=spec.uraian,
            ),
            acting_user=self.admin,
        )
        unit = self.unit(spec.unit) if spec.unit else None
        wilayah = Wilayah.objects.get(kode=spec.wilayah) if spec.wilayah else None
        for periode, nilai in spec.values:
            value_save(
                indicator=indicator,
                periode=periode,
                nilai=Decimal(nilai),
                unit=unit,
                wilayah=wilayah,
                sumber=spec.sumber,
                acting_user=self.admin,
            )
        return indicator, unit, wilayah

    def _public_input(self, spec: InputSpec, address: str) -> None:
        """Send the input through the public form's service as its sender would (the form's
        challenge answered, a few minutes after the form was opened), then approve it."""
        opened = timezone.make_aware(datetime.combine(spec.received, time(9, 30)))
        challenge = challenge_issue(form_key(self.instansi), now=opened)
        try:
            item = public_input_submit(
                instansi=self.instansi,
                data=PublicInputData(
                    kategori=spec.kategori,
                    topik=spec.topik,
                    isi=spec.isi,
                    wilayah=Wilayah.objects.get(kode=spec.wilayah) if spec.wilayah else None,
                    nama=spec.nama,
                    organisasi=spec.organisasi,
                ),
                address=address,
                token=challenge.token,
                answer=str(challenge.answer),
                honeypot="",
                now=opened + timedelta(minutes=4),
            )
        except PublicRefused as refused:
            raise ServiceError(f"{spec.topik}: {refused.message}") from refused
        input_approve(
            item=item,
            tahun=PLAN_YEAR,
            competencies=self._competencies(spec.codes),
            factor=spec.factor,
            units=[self.unit(name) for name in spec.units],
            position_classes=spec.position_classes,
            acting_user=self.admin,
        )

    def _skm(self, spec: SkmSpec) -> None:
        unit = self.unit(spec.unit)
        skm_settings_save(
            unit=unit,
            is_open=True,
            populasi_tahunan=spec.populasi_tahunan,
            jenis_layanan=spec.jenis_layanan,
            acting_user=self.admin,
        )
        respondents = krejcie_morgan(spec.populasi_tahunan) + 7
        data = skm_csv(self._rng("skm"), spec.profiles, respondents)
        slug = unit.nama.lower().replace(" ", "-")
        skm_import(
            unit=unit,
            period=Period.year(spec.tahun),
            data=data,
            filename=f"skm-{slug}-{spec.tahun}.csv",
            acting_user=self.admin,
        )


def skm_csv(rng: random.Random, profiles: Sequence[Sequence[int]], respondents: int) -> bytes:
    """An SKM file (``No``, ``U1``…``U9``) whose answers follow the profiles' shares exactly
    (largest remainder), spread over the answer sheets in a seeded order."""
    columns = []
    for shares in profiles:
        exact = [share * respondents / sum(shares) for share in shares]
        counts = [int(value) for value in exact]
        by_remainder = sorted(range(4), key=lambda i: exact[i] - counts[i], reverse=True)
        for index in by_remainder[: respondents - sum(counts)]:
            counts[index] += 1
        column = [score for score, n in zip((1, 2, 3, 4), counts, strict=True) for _ in range(n)]
        rng.shuffle(column)
        columns.append(column)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["No", *(f"U{i}" for i in range(1, len(profiles) + 1))])
    for number, row in enumerate(zip(*columns, strict=True), start=1):
        writer.writerow([number, *row])
    return out.getvalue().encode("utf-8")
