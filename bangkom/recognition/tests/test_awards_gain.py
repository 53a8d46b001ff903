"""The evaluation criterion from real pre/post tests: the mean normalised gain of an ASN's
tests in the year's batches, against hand-computed values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bangkom.delivery.tests.conftest import (  # noqa: F401  (fixtures)
    delivery_settings,
    setup,
)
from bangkom.evaluation.models import LearningAssessment, LearningScore, ScoreSource
from bangkom.evaluation.tests.conftest import _placed_run, ev  # noqa: F401  (fixtures)
from bangkom.recognition.awards import metrics

pytestmark = pytest.mark.django_db


def test_gain_is_the_mean_of_each_test(ev):  # noqa: F811
    world = ev.world
    year = ev.ws1.year
    first = LearningAssessment.objects.create(
        batch=ev.ws1, max_score=100, source=ScoreSource.IMPORT
    )
    second = LearningAssessment.objects.create(
        batch=ev.ws2, max_score=50, source=ScoreSource.IMPORT
    )
    rows = [
        (first, world.employee.nip, 40, 70),  # 30 / 60 = 0.5
        (second, world.employee.nip, 30, 45),  # 15 / 20 = 0.75
        (first, world.colleague.nip, 50, 60),  # 10 / 50 = 0.2
        (second, world.colleague.nip, 50, 50),  # pre = max: undefined, skipped
        (first, world.kecamatan_staff.nip, 20, None),  # no post-test: not counted
    ]
    for index, (assessment, nip, pre, post) in enumerate(rows, start=1):
        LearningScore.objects.create(assessment=assessment, row=index, nip=nip, pre=pre, post=post)
    gains = {p.nip: p.values.gain for p in metrics.people(world.instansi, year)}
    assert gains[world.employee.nip] == Decimal("0.6250")  # (0.5 + 0.75) / 2
    assert gains[world.colleague.nip] == Decimal("0.2000")
    assert gains[world.kecamatan_staff.nip] is None
    board = {row.name: row for row in metrics.leaderboard(world.instansi, year)}
    assert board["Dinas Kesehatan"].gain_average == Decimal("0.4125")
    assert board["Dinas Kesehatan"].gain_counted == 2
