"""The planning stage of the demo: each region's program catalogue and its approved plan for
the plan year, solved by the optimiser over the needs of the needs stage."""

from __future__ import annotations

from bangkom.demo.plans import kupang, mataram, medan, pontianak
from bangkom.demo.plans.spec import PlanSpec

PLANS: dict[str, PlanSpec] = {
    module.PLAN.slug: module.PLAN for module in (kupang, pontianak, mataram, medan)
}
