"""Survey evidence → weight factors: low confidence per unit weighs the task's competencies,
popular topics weigh theirs, and recomputing replaces the survey's factors."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from bangkom.competencies.models import Competency
from bangkom.core.models import AuditEvent
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.factors.services import FactorSpec, factors_replace
from bangkom.surveys.factors import survey_factors_recompute
from bangkom.surveys.models import GroupLevel, Survey
from bangkom.surveys.tests.conftest import EGOV, TOPIC, submit
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def _factors(survey: Survey) -> dict[tuple[str, str], WeightFactor]:
    rows = WeightFactor.objects.filter(source_key=f"survey:{survey.pk}").select_related(
        "unit", "competency"
    )
    return {(f.unit.nama if f.unit else "*", f.competency.kode): f for f in rows}


def _recompute(world: World, survey: Survey) -> list[WeightFactor]:
    survey.refresh_from_db()
    return survey_factors_recompute(survey=survey, acting_user=world.user("bkpsdm"))


def test_low_confidence_and_popular_topics_become_factors_with_evidence(
    world: World, answered: Survey
) -> None:
    _recompute(world, answered)
    factors = _factors(answered)
    # Dinas Kesehatan's e-government mean is 2.50, not below 2.5: no confidence factor there;
    # its nurses and head want time management (3 of 4 respondents ≥ 50%).
    assert set(factors) == {
        ("Kecamatan Alak", "T.1"),
        ("Kecamatan Alak", "M.4"),
        ("Dinas Kesehatan", "M.4"),
    }
    egov = factors[("Kecamatan Alak", "T.1")]
    assert egov.factor == Decimal("1.4")  # mean 1.67 is below the very-low threshold 2.0
    assert egov.source == FactorSource.SURVEY and egov.tahun == answered.tahun
    assert egov.instansi == world.instansi and egov.unit == world.kecamatan
    assert egov.title == (
        f"Kepercayaan diri \u201c{EGOV}\u201d rendah (rerata 1,67 dari 4; 3 responden) "
        "di Kecamatan Alak (dan 1 alasan lain)"
    )
    confidence, topic = egov.evidence["reasons"]
    assert confidence == {
        "kind": "kepercayaan",
        "task": EGOV,
        "mean": "1.67",
        "answers": 3,
        "distribution": {"1": 1, "2": 2, "3": 0, "4": 0},
        "factor": "1.40",
    }
    assert topic == {
        "kind": "topik",
        "topic": TOPIC,
        "chosen_by": 3,
        "respondents": 3,
        "factor": "1.10",
    }
    assert egov.evidence["survey"] == answered.pk and egov.evidence["respondents"] == 3
    assert factors[("Dinas Kesehatan", "M.4")].factor == Decimal("1.1")
    assert factors[("Dinas Kesehatan", "M.4")].title == (
        "Topik \u201cManajemen waktu\u201d diminta 3 dari 4 responden di Dinas Kesehatan"
    )
    assert AuditEvent.objects.filter(action="weight_factor.replace").exists()


def test_recompute_replaces_the_survey_factors(
    world: World, answered: Survey, add_employees: Callable[..., Any]
) -> None:
    first = _recompute(world, answered)
    (late,) = add_employees(world.staf_kecamatan, 1)
    submit(answered, late, confidence={EGOV: 4}, topics=["Manajemen waktu"])
    second = _recompute(world, answered)
    assert not {f.pk for f in first} & set(WeightFactor.objects.values_list("pk", flat=True)), (
        "the old rows are gone"
    )
    assert len(second) == len(_factors(answered)) == 3
    egov = _factors(answered)[("Kecamatan Alak", "T.1")]
    # (1 + 2 + 2 + 4) / 4 = 2.25: low but no longer very low
    assert egov.factor == Decimal("1.2")
    assert egov.evidence["reasons"][0]["mean"] == "2.25"
    assert egov.evidence["reasons"][0]["answers"] == 4
    # the e-government topic: 3 of 4 respondents now, still at least 50%
    assert egov.evidence["reasons"][1]["chosen_by"] == 3


def test_recompute_leaves_other_sources_alone(world: World, answered: Survey) -> None:
    factors_replace(
        instansi=world.instansi,
        tahun=answered.tahun,
        source="survei",
        source_key="fgd:999",
        specs=[
            FactorSpec(
                competency=Competency.objects.get(kode="M.5"),
                factor=Decimal("1.3"),
                title="Diskusi",
            )
        ],
        acting_user=None,
    )
    _recompute(world, answered)
    _recompute(world, answered)
    assert WeightFactor.objects.filter(source_key="fgd:999").count() == 1


def test_threshold_and_minimum_answers_are_configurable(world: World, answered: Survey) -> None:
    Survey.objects.filter(pk=answered.pk).update(
        confidence_threshold=Decimal("2.6"), topic_share_percent=None
    )
    _recompute(world, answered)
    factors = _factors(answered)
    assert set(factors) == {("Kecamatan Alak", "T.1"), ("Dinas Kesehatan", "T.1")}
    assert factors[("Dinas Kesehatan", "T.1")].factor == Decimal("1.2")  # 2.50 < 2.6

    Survey.objects.filter(pk=answered.pk).update(min_answers=4)
    _recompute(world, answered)
    assert set(_factors(answered)) == {("Dinas Kesehatan", "T.1")}  # the kecamatan has 3


def test_direct_unit_level_puts_factors_on_the_puskesmas(world: World, answered: Survey) -> None:
    Survey.objects.filter(pk=answered.pk).update(
        factor_level=GroupLevel.UNIT, confidence_threshold=Decimal("2.6")
    )
    _recompute(world, answered)
    units = {unit for unit, _code in _factors(answered)}
    assert units == {"Puskesmas Alak", "Kecamatan Alak"}


def test_nothing_below_threshold_clears_old_factors(world: World, answered: Survey) -> None:
    _recompute(world, answered)
    Survey.objects.filter(pk=answered.pk).update(
        confidence_threshold=Decimal("1.5"),
        very_low_threshold=Decimal("1.0"),
        topic_share_percent=None,
    )
    assert _recompute(world, answered) == []
    assert _factors(answered) == {}


def test_recompute_page_for_bkpsdm(client, world: World, answered: Survey) -> None:
    client.force_login(world.user("bkpsdm"))
    response = client.post(reverse("surveys:recompute_factors", args=[answered.pk]), follow=True)
    page = response.content.decode()
    assert "3 faktor" in page
    assert "Kepercayaan diri \u201cMenggunakan aplikasi e-government" in page
