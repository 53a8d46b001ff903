"""Issue 9 item 6: the flagship programs of the source stories run in the approved demo plans
because the planner set a minimum of batches for them, and no ASN is given more than the plan's
per-ASN caps on JP and on programs."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bangkom.demo.builder import DemoReport
from bangkom.demo.plans import PLANS
from bangkom.demo.tests.loaded.test_plans import approved_plan
from bangkom.planning.models import RunAssignment
from bangkom.planning.runs import explain_for

FLAGSHIPS = {
    "kupang": ("KPG-SEM-01", "KPG-KMT-01"),
    "pontianak": ("PTK-PRY-01",),
    "medan": ("MDN-MAG-01",),
}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(FLAGSHIPS))
def test_flagship_programs_run_at_least_their_minimum(demo: DemoReport, slug: str) -> None:
    plan = approved_plan(slug)
    run = plan.adopted_run
    assert run is not None
    for kode in FLAGSHIPS[slug]:
        program = plan.programs.get(template__kode=kode)
        assert program.min_angkatan >= 1
        assert run.batches.get(str(program.pk), 0) >= program.min_angkatan, kode
        attending = RunAssignment.objects.filter(run=run, program=program)
        assert attending.count() >= program.template.min_peserta, kode
        why = explain_for(run, attending.first().employee)
        line = next(p for p in why.programs if p.program == program)
        assert line.minimum_batches == program.min_angkatan and line.batches >= 1


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(PLANS))
def test_no_asn_gets_more_than_the_plan_caps(demo: DemoReport, slug: str) -> None:
    plan = approved_plan(slug)
    spec = PLANS[slug]
    assert (plan.max_jp_per_asn, plan.max_program_per_asn) == (
        spec.max_jp_per_asn,
        spec.max_program_per_asn,
    )
    assert plan.max_jp_per_asn is not None and plan.max_program_per_asn is not None
    jp: dict[int, float] = defaultdict(float)
    taken: dict[int, int] = defaultdict(int)
    for employee_id, program_jp in RunAssignment.objects.filter(run=plan.adopted_run).values_list(
        "employee_id", "program__template__jp"
    ):
        jp[employee_id] += float(program_jp)
        taken[employee_id] += 1
    assert jp and max(jp.values()) <= plan.max_jp_per_asn
    assert max(taken.values()) <= plan.max_program_per_asn
