"""Rating services: history, current levels, calibration flags, and what they refuse."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bangkom.assessments.levels import current_levels_recompute
from bangkom.assessments.models import (
    Assessment,
    AssessmentRound,
    AssessmentSource,
    CalibrationFlag,
    CurrentLevel,
    RoundStatus,
)
from bangkom.assessments.services import (
    RatingInput,
    RulesData,
    assessment_rules_set,
    calibration_set,
    round_close,
    round_create,
    supervisor_assessments_submit,
)
from bangkom.assessments.tests.conftest import RateFn, competency
from bangkom.competencies.services import standard_set
from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db

FACTORS = {
    "butuh_perbaikan": Decimal("1.25"),
    "kurang": Decimal("1.5"),
    "sangat_kurang": Decimal("1.5"),
}


def current(employee, kode: str) -> CurrentLevel | None:
    return CurrentLevel.objects.filter(employee=employee, competency=competency(kode)).first()


def _state() -> tuple[int, int, int, int]:
    return (
        Assessment.objects.count(),
        CurrentLevel.objects.count(),
        CalibrationFlag.objects.count(),
        AuditEvent.objects.filter(action__startswith="assessment.").count(),
    )


# ----------------------------------------------------------------------------- history


def test_resubmission_adds_a_row_and_keeps_the_history(world: World, rate_self: RateFn) -> None:
    rate_self(world.employee, {"M.1": 2, "M.2": 3})
    rate_self(world.employee, {"M.1": 3, "M.2": 3})  # M.2 unchanged: no new row
    rows = list(
        Assessment.objects.filter(employee=world.employee, competency=competency("M.1")).order_by(
            "id"
        )
    )
    assert [r.level for r in rows] == [2, 3]
    assert (
        Assessment.objects.filter(employee=world.employee, competency=competency("M.2")).count()
        == 1
    )
    assert current(world.employee, "M.1").level == 3  # type: ignore[union-attr]
    assert current(world.employee, "M.1").source == AssessmentSource.SELF  # type: ignore[union-attr]
    audit = AuditEvent.objects.filter(action="assessment.self").order_by("id")
    assert audit.count() == 2
    assert audit.last().changes == {"M.1": [2, 3]}  # type: ignore[union-attr]


def test_a_note_change_alone_is_a_new_row(world: World, rate_self: RateFn) -> None:
    rate_self(world.employee, {"M.1": 2})
    from bangkom.assessments.services import self_assessment_submit

    self_assessment_submit(
        assessment_round=AssessmentRound.objects.get(),
        employee=world.employee,
        ratings=[RatingInput(world.employee, competency("M.1"), 2, "Sertifikat pelatihan etika")],
        acting_user=world.user("employee"),
    )
    notes = list(Assessment.objects.order_by("id").values_list("note", flat=True))
    assert notes == ["", "Sertifikat pelatihan etika"]


def test_supervisor_rating_outranks_self_and_the_centre_outranks_both(
    world: World, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_self(world.employee, {"M.3": 4})
    assert current(world.employee, "M.3").level == 4  # type: ignore[union-attr]
    rate_supervisor(world.employee, {"M.3": 3})
    level = current(world.employee, "M.3")
    assert (level.level, level.source) == (3, AssessmentSource.SUPERVISOR)  # type: ignore[union-attr]
    Assessment.objects.create(
        instansi=world.instansi,
        employee=world.employee,
        competency=competency("M.3"),
        source=AssessmentSource.ASSESSMENT_CENTRE,
        level=2,
        assessed_on=timezone.localdate() - timedelta(days=400),
        lembaga="UPT Penilaian Kompetensi",
    )
    current_levels_recompute(instansi=world.instansi)
    level = current(world.employee, "M.3")
    assert (level.level, level.source) == (2, AssessmentSource.ASSESSMENT_CENTRE)  # type: ignore[union-attr]

    # "assessment centre only if newer than 12 months": the 400-day-old result no longer counts
    assessment_rules_set(
        instansi=world.instansi,
        data=RulesData(
            order=["kalibrasi", "assessment_center", "atasan", "mandiri"],
            ac_max_age_months=12,
            threshold=2,
            shortfall_factors=FACTORS,
        ),
        acting_user=world.user("bkpsdm"),
    )
    level = current(world.employee, "M.3")
    assert (level.level, level.source) == (3, AssessmentSource.SUPERVISOR)  # type: ignore[union-attr]
    assert AuditEvent.objects.filter(action="assessment_rule.update").count() == 1


def test_self_only_order_reads_the_self_rating(
    world: World, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_self(world.employee, {"M.3": 4})
    rate_supervisor(world.employee, {"M.3": 2})
    assessment_rules_set(
        instansi=world.instansi,
        data=RulesData(
            order=["mandiri"], ac_max_age_months=None, threshold=2, shortfall_factors=FACTORS
        ),
        acting_user=world.user("bkpsdm"),
    )
    assert current(world.employee, "M.3").source == AssessmentSource.SELF  # type: ignore[union-attr]
    with pytest.raises(ServiceError):
        assessment_rules_set(
            instansi=world.instansi,
            data=RulesData(
                order=["mandiri", "mandiri"],
                ac_max_age_months=None,
                threshold=2,
                shortfall_factors=FACTORS,
            ),
            acting_user=world.user("bkpsdm"),
        )


# ----------------------------------------------------------------------------- bad input


def test_level_outside_1_to_5_writes_nothing(world: World, rate_self: RateFn) -> None:
    before = _state()
    for bad in (6, 0, "tiga", "2.5", ""):
        with pytest.raises(ServiceError) as caught:
            rate_self(world.employee, {"M.1": 3, "M.2": bad})
        assert "harus 1 sampai 5" in " ".join(caught.value.messages)
    assert _state() == before


def test_rating_someone_who_is_not_a_direct_subordinate_writes_nothing(
    world: World, rate_supervisor: RateFn
) -> None:
    before = _state()
    for stranger in (world.kecamatan_staff, world.other_employee, world.supervisor):
        with pytest.raises(ServiceError) as caught:
            supervisor_assessments_submit(
                assessment_round=AssessmentRound.objects.get(),
                supervisor=world.supervisor,
                ratings=[
                    RatingInput(world.employee, competency("M.1"), 2),
                    RatingInput(stranger, competency("M.1"), 2),
                ],
                acting_user=world.user("supervisor"),
            )
        assert "bawahan langsung" in " ".join(caught.value.messages)
    assert _state() == before


def test_a_competency_outside_the_standard_is_refused(world: World, rate_self: RateFn) -> None:
    from bangkom.competencies.services import technical_competency_save

    technical_competency_save(
        instansi=None,
        kode="T.9",
        nama="Pengelolaan Limbah Medis",
        sektor="Kesehatan",
        uraian="",
        levels=[f"Level {n} pengelolaan limbah" for n in range(1, 6)],
        acting_user=world.user("superadmin"),
    )
    before = _state()
    with pytest.raises(ServiceError) as caught:
        rate_self(world.employee, {"M.1": 2, "T.9": 2})
    assert "tidak termasuk standar" in " ".join(caught.value.messages)
    assert _state() == before


def test_closed_round_refuses_ratings(
    world: World, open_round: AssessmentRound, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    round_close(assessment_round=open_round, acting_user=world.user("bkpsdm"))
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.CLOSED
    before = _state()
    with pytest.raises(ServiceError) as caught:
        rate_self(world.employee, {"M.1": 3}, assessment_round=open_round)
    assert "sudah ditutup" in " ".join(caught.value.messages)
    with pytest.raises(ServiceError) as caught:
        rate_supervisor(world.employee, {"M.1": 3}, assessment_round=open_round)
    assert "sudah ditutup" in " ".join(caught.value.messages)
    assert _state() == before


def test_round_past_its_closing_date_refuses_ratings(
    world: World, open_round: AssessmentRound, rate_self: RateFn
) -> None:
    AssessmentRound.objects.filter(pk=open_round.pk).update(
        opens_on=timezone.localdate() - timedelta(days=40),
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    open_round.refresh_from_db()
    before = _state()
    with pytest.raises(ServiceError) as caught:
        rate_self(world.employee, {"M.1": 3}, assessment_round=open_round)
    assert "berakhir" in " ".join(caught.value.messages)
    assert _state() == before


def test_only_one_open_round_per_instansi(world: World, open_round: AssessmentRound) -> None:
    today = timezone.localdate()
    with pytest.raises(ServiceError) as caught:
        round_create(
            instansi=world.instansi,
            tahun=today.year,
            nama="Putaran kedua",
            opens_on=today,
            closes_on=today,
            acting_user=world.user("bkpsdm"),
        )
    assert "masih dibuka" in " ".join(caught.value.messages)
    # another instansi is independent
    round_create(
        instansi=world.other_instansi,
        tahun=today.year,
        nama="Putaran kedua",
        opens_on=today,
        closes_on=today,
        acting_user=world.user("outsider"),
    )


# ----------------------------------------------------------------------------- calibration


@pytest.mark.parametrize(
    "self_level,supervisor_level,threshold,flagged",
    [
        (3, 4, 2, False),  # one level apart: below the default threshold
        (3, 5, 2, True),  # exactly the threshold
        (5, 3, 2, True),  # either direction
        (1, 5, 2, True),
        (2, 4, 3, False),  # a stricter instansi: 3 levels
        (1, 4, 3, True),
        (2, 3, 1, True),  # a sensitive instansi: 1 level
        (3, 3, 1, False),
    ],
)
def test_calibration_flags_at_the_threshold_boundary(
    world: World,
    rate_self: RateFn,
    rate_supervisor: RateFn,
    self_level: int,
    supervisor_level: int,
    threshold: int,
    flagged: bool,
) -> None:
    if threshold != 2:
        assessment_rules_set(
            instansi=world.instansi,
            data=RulesData(
                order=["kalibrasi", "assessment_center", "atasan", "mandiri"],
                ac_max_age_months=None,
                threshold=threshold,
                shortfall_factors=FACTORS,
            ),
            acting_user=world.user("bkpsdm"),
        )
    rate_self(world.employee, {"M.4": self_level})
    rate_supervisor(world.employee, {"M.4": supervisor_level})
    flags = CalibrationFlag.objects.filter(employee=world.employee, competency=competency("M.4"))
    assert flags.exists() is flagged
    if flagged:
        flag = flags.get()
        assert (flag.self_level, flag.supervisor_level) == (self_level, supervisor_level)
        assert flag.difference == abs(self_level - supervisor_level)


def test_threshold_change_reflags_existing_ratings(
    world: World, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_self(world.employee, {"M.4": 3})
    rate_supervisor(world.employee, {"M.4": 4})
    assert not CalibrationFlag.objects.exists()
    assessment_rules_set(
        instansi=world.instansi,
        data=RulesData(
            order=["atasan", "mandiri"],
            ac_max_age_months=None,
            threshold=1,
            shortfall_factors=FACTORS,
        ),
        acting_user=world.user("bkpsdm"),
    )
    assert CalibrationFlag.objects.count() == 1


def test_agreeing_again_removes_an_open_flag(
    world: World, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_self(world.employee, {"M.4": 5})
    rate_supervisor(world.employee, {"M.4": 2})
    assert CalibrationFlag.objects.count() == 1
    rate_self(world.employee, {"M.4": 3})
    assert not CalibrationFlag.objects.exists()


def test_calibration_sets_the_current_level_with_an_audited_reason(
    world: World, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_self(world.employee, {"M.4": 5})
    rate_supervisor(world.employee, {"M.4": 2})
    flag = CalibrationFlag.objects.get()
    assert current(world.employee, "M.4").level == 2  # type: ignore[union-attr]
    with pytest.raises(ServiceError):
        calibration_set(flag=flag, level=3, reason="ok", acting_user=world.user("bkpsdm"))
    with pytest.raises(ServiceError):
        calibration_set(
            flag=flag, level=6, reason="Hasil diskusi tiga pihak", acting_user=world.user("bkpsdm")
        )
    row = calibration_set(
        flag=flag, level=3, reason="Hasil diskusi tiga pihak", acting_user=world.user("bkpsdm")
    )
    assert row.source == AssessmentSource.CALIBRATION and row.round_id == flag.round_id
    level = current(world.employee, "M.4")
    assert (level.level, level.source) == (3, AssessmentSource.CALIBRATION)  # type: ignore[union-attr]
    flag.refresh_from_db()
    assert flag.calibration_id == row.pk
    event = AuditEvent.objects.get(action="assessment.calibrate")
    assert event.note == "Hasil diskusi tiga pihak"
    assert event.changes["level_saat_ini"] == [2, 3]
    # a settled flag stays when the ratings change, as the record of its calibration
    rate_self(world.employee, {"M.4": 2})
    flag.refresh_from_db()
    assert flag.calibration_id == row.pk and flag.self_level == 2


def test_calibration_is_allowed_after_the_round_closes(
    world: World, open_round: AssessmentRound, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_self(world.employee, {"M.4": 5})
    rate_supervisor(world.employee, {"M.4": 1})
    round_close(assessment_round=open_round, acting_user=world.user("bkpsdm"))
    flag = CalibrationFlag.objects.get()
    calibration_set(
        flag=flag, level=3, reason="Kalibrasi setelah periode", acting_user=world.user("opd_admin")
    )
    assert current(world.employee, "M.4").level == 3  # type: ignore[union-attr]


def test_a_newer_round_supersedes_the_old_rounds_levels(
    world: World, open_round: AssessmentRound, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_supervisor(world.employee, {"M.1": 2})
    round_close(assessment_round=open_round, acting_user=world.user("bkpsdm"))
    today = timezone.localdate()
    AssessmentRound.objects.filter(pk=open_round.pk).update(
        opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=300)
    )
    new_round = round_create(
        instansi=world.instansi,
        tahun=today.year + 1,
        nama="Periode berikutnya",
        opens_on=today,
        closes_on=today + timedelta(days=10),
        acting_user=world.user("bkpsdm"),
    )
    rate_self(world.employee, {"M.1": 4}, assessment_round=new_round)
    level = current(world.employee, "M.1")
    assert (level.level, level.source) == (4, AssessmentSource.SELF)  # type: ignore[union-attr]
    assert Assessment.objects.filter(employee=world.employee).count() == 2  # history kept


def test_standard_changes_do_not_rewrite_ratings(world: World, rate_self: RateFn) -> None:
    rate_self(world.employee, {"M.3": 1})
    standard_set(position=world.perawat, competency=competency("M.3"), level=3, acting_user=None)
    assert current(world.employee, "M.3").level == 1  # type: ignore[union-attr]
