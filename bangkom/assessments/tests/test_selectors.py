"""Selectors for the employee profile: current levels with gaps, and the rating history."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from bangkom.assessments.levels import current_levels_refresh, flags_refresh
from bangkom.assessments.models import Assessment, AssessmentSource, CalibrationFlag
from bangkom.assessments.selectors import assessment_history_for, current_levels_for
from bangkom.assessments.tests.conftest import RateFn, competency
from bangkom.competencies.services import standard_set
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def test_current_levels_cover_the_standard_and_any_other_assessed_competency(
    world: World, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    standard_set(position=world.perawat, competency=competency("M.3"), level=3, acting_user=None)
    rate_self(world.employee, {"M.3": 2, "M.1": 1})
    rate_supervisor(world.employee, {"M.3": 1})
    from bangkom.competencies.services import technical_competency_save

    technical = technical_competency_save(
        instansi=world.instansi,
        kode="T.1",
        nama="Asuhan Keperawatan Lansia",
        sektor="Kesehatan",
        uraian="",
        levels=[f"Level {n}" for n in range(1, 6)],
        acting_user=world.user("bkpsdm"),
    )
    Assessment.objects.create(
        instansi=world.instansi,
        employee=world.employee,
        competency=technical,
        source=AssessmentSource.ASSESSMENT_CENTRE,
        level=4,
        assessed_on=date(2025, 1, 1),
        lembaga="UPT",
    )
    current_levels_refresh(pairs={(world.employee.pk, technical.pk)})
    rows = {row.competency.kode: row for row in current_levels_for(world.employee)}
    standard = set(world.perawat.standards.values_list("competency__kode", flat=True))
    assert standard <= set(rows)
    assert rows["M.3"].required_level == 3
    assert (rows["M.3"].current_level, rows["M.3"].source) == (1, AssessmentSource.SUPERVISOR)
    assert rows["M.3"].gap == 2
    assert rows["M.1"].gap == 0  # required 1, current 1
    assert rows["M.2"].current_level is None and rows["M.2"].gap is None  # not assessed yet
    # a competency outside the standard appears after it, with no gap
    assert list(rows)[-1] == "T.1"
    assert rows["T.1"].required_level is None and rows["T.1"].current_level == 4
    assert rows["T.1"].gap is None


def test_history_lists_every_rating_newest_first(
    world: World, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_self(world.employee, {"M.1": 2})
    rate_self(world.employee, {"M.1": 3})
    rate_supervisor(world.employee, {"M.1": 2})
    history = list(assessment_history_for(world.employee))
    assert [(a.source, a.level) for a in history] == [
        (AssessmentSource.SUPERVISOR, 2),
        (AssessmentSource.SELF, 3),
        (AssessmentSource.SELF, 2),
    ]
    assert all(a.round is not None for a in history)
    assert assessment_history_for(world.colleague).count() == 0


def test_opd_admin_sees_and_calibrates_only_their_subtree(
    client, world: World, open_round, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_self(world.employee, {"M.1": 5})
    rate_supervisor(world.employee, {"M.1": 1})
    # a disagreement in the kecamatan, outside the Dinas Kesehatan subtree
    for source, level in ((AssessmentSource.SELF, 5), (AssessmentSource.SUPERVISOR, 2)):
        Assessment.objects.create(
            instansi=world.instansi,
            round=open_round,
            employee=world.kecamatan_staff,
            competency=competency("M.1"),
            source=source,
            level=level,
        )
    flags_refresh(assessment_round=open_round)
    assert CalibrationFlag.objects.count() == 2
    kecamatan_flag = CalibrationFlag.objects.get(employee=world.kecamatan_staff)

    client.force_login(world.user("opd_admin"))
    body = client.get(reverse("assessments:calibration")).content.decode()
    assert world.employee.display_name in body and world.kecamatan_staff.display_name not in body
    response = client.post(
        reverse("assessments:calibration_set", args=[kecamatan_flag.pk]),
        {"level": "3", "reason": "Tidak berwenang atas kecamatan"},
    )
    assert response.status_code == 404
    kecamatan_flag.refresh_from_db()
    assert kecamatan_flag.calibration_id is None

    client.force_login(world.user("bkpsdm"))
    body = client.get(reverse("assessments:calibration")).content.decode()
    assert world.employee.display_name in body and world.kecamatan_staff.display_name in body


def test_round_list_counts_ratings_and_open_flags(
    client, world: World, open_round, rate_self: RateFn, rate_supervisor: RateFn
) -> None:
    rate_self(world.employee, {"M.1": 5, "M.2": 5, "M.3": 1})
    rate_supervisor(world.employee, {"M.1": 1, "M.2": 2})
    rate_self(world.colleague, {"M.1": 2})
    from bangkom.assessments.selectors import rounds_with_counts

    row = rounds_with_counts(type(open_round).objects.all()).get()
    names = ("self_count", "supervisor_count", "employees_rated", "open_flags")
    counted = {name: getattr(row, name) for name in names}
    assert CalibrationFlag.objects.count() == 2
    assert counted == {
        "self_count": 4,
        "supervisor_count": 2,
        "employees_rated": 2,
        "open_flags": 2,
    }
