"""Fixtures of the assessment tests: an open round in the persona world, and helpers to rate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from bangkom.assessments.models import Assessment, AssessmentRound
from bangkom.assessments.services import (
    RatingInput,
    round_create,
    self_assessment_submit,
    supervisor_assessments_submit,
)
from bangkom.competencies.models import Competency
from bangkom.organisation.models import Employee
from bangkom.testing.world import World


@pytest.fixture
def open_round(world: World) -> AssessmentRound:
    today = timezone.localdate()
    return round_create(
        instansi=world.instansi,
        tahun=today.year,
        nama=f"Penilaian Kompetensi {today.year}",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
        acting_user=world.user("bkpsdm"),
    )


def competency(kode: str) -> Competency:
    return Competency.objects.get(kode=kode, instansi__isnull=True)


RateFn = Callable[..., list[Assessment]]


@pytest.fixture
def rate_self(world: World, open_round: AssessmentRound) -> RateFn:
    def rate(employee: Employee, levels: dict[str, Any], **kwargs: Any) -> list[Assessment]:
        return self_assessment_submit(
            assessment_round=kwargs.get("assessment_round", open_round),
            employee=employee,
            ratings=[RatingInput(employee, competency(k), v) for k, v in levels.items()],
            acting_user=kwargs.get("user", getattr(employee, "user", None)),
        )

    return rate


@pytest.fixture
def rate_supervisor(world: World, open_round: AssessmentRound) -> RateFn:
    def rate(employee: Employee, levels: dict[str, Any], **kwargs: Any) -> list[Assessment]:
        return supervisor_assessments_submit(
            assessment_round=kwargs.get("assessment_round", open_round),
            supervisor=kwargs.get("supervisor", world.supervisor),
            ratings=[RatingInput(employee, competency(k), v) for k, v in levels.items()],
            acting_user=kwargs.get("user", world.user("supervisor")),
        )

    return rate
