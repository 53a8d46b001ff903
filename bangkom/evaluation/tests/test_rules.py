"""The decision rules, table-driven: each row is the evidence of one program run and the rule
that must fire (a pure core: no database)."""

from __future__ import annotations

import pytest

from bangkom.evaluation import rules
from bangkom.evaluation.rules import Evidence, Thresholds, suggest

GOOD = {"material": 4.4, "trainers": 4.2, "organisation": 4.0, "facilities": 3.8, "relevance": 4.6}


def evidence(**changes: object) -> Evidence:
    values: dict[str, object] = {
        "pairs": 20,
        "gain": 0.45,
        "gain_category": "medium",
        "significant": True,
        "significant_decrease": False,
        "reaction_answers": 18,
        "reaction_index": sum(GOOD.values()) / 5,
        "item_means": GOOD,
    }
    values.update(changes)
    return Evidence(**values)  # type: ignore[arg-type]


POOR_MATERIAL = {**GOOD, "material": 3.1}
POOR_RELEVANCE = {**GOOD, "relevance": 3.9}
POOR_TRAINER = {**GOOD, "trainers": 2.9}

CASES = [
    ("effective, medium g", evidence(), rules.CONTINUE, rules.EFFECTIVE),
    ("effective, high g", evidence(gain=0.8, gain_category="high"), "continue", "effective"),
    ("too few pairs", evidence(pairs=5), None, rules.INSUFFICIENT_LEARNING),
    ("no scores", evidence(pairs=0, gain=None, gain_category=None), None, "insufficient_learning"),
    ("too few answers", evidence(reaction_answers=4), None, rules.INSUFFICIENT_REACTION),
    (
        "significant decrease",
        evidence(gain=-0.2, gain_category="low", significant=False, significant_decrease=True),
        rules.STOP,
        rules.SIGNIFICANT_DECREASE,
    ),
    (
        "trainer below 3",
        evidence(item_means=POOR_TRAINER),
        "change_trainer",
        "trainer_below_threshold",
    ),
    (
        "low gain, material poorly received",
        evidence(gain=0.1, gain_category="low", significant=False, item_means=POOR_MATERIAL),
        rules.ADJUST_MATERIAL,
        rules.LOW_GAIN_MATERIAL,
    ),
    (
        "low gain, relevance below 4",
        evidence(gain=0.2, gain_category="low", item_means=POOR_RELEVANCE),
        "adjust_material",
        "low_gain_material",
    ),
    (
        "low gain, material well received",
        evidence(gain=0.1, gain_category="low", significant=True),
        rules.ADJUST_METHOD,
        rules.LOW_GAIN_METHOD,
    ),
    (
        "medium g, not significant",
        evidence(significant=False),
        rules.ADJUST_METHOD,
        rules.GAIN_NOT_CONFIRMED,
    ),
    (
        "medium g, reaction below 4",
        evidence(reaction_index=3.9),
        "adjust_method",
        "gain_not_confirmed",
    ),
    ("reaction exactly 4 continues", evidence(reaction_index=4.0), "continue", "effective"),
    (
        "trainer exactly 3 is not below",
        evidence(item_means={**GOOD, "trainers": 3.0}),
        "continue",
        "effective",
    ),
]


@pytest.mark.parametrize(
    ("evidence_", "decision", "rule"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_that_fires(evidence_: Evidence, decision: str | None, rule: str) -> None:
    result = suggest(evidence_)
    assert (result.decision, result.rule) == (decision, rule)


def test_thresholds_are_configurable() -> None:
    strict = Thresholds.from_mapping({"trainer_threshold": 4.5, "unknown": 1})
    assert strict.trainer_threshold == 4.5
    assert suggest(evidence(), strict).rule == rules.TRAINER_BELOW_THRESHOLD
    lenient = Thresholds.from_mapping({"min_pairs": 3, "good_reaction": 3.5})
    assert suggest(evidence(pairs=4, reaction_index=3.6), lenient).decision == rules.CONTINUE


def test_every_rule_is_reachable() -> None:
    fired = {suggest(c[1]).rule for c in CASES}
    assert fired == set(rules.RULES)


def test_rules_module_is_pure() -> None:
    import ast
    from pathlib import Path

    tree = ast.parse(Path(rules.__file__).read_text())
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(name.startswith(("django", "bangkom")) for name in imported)
