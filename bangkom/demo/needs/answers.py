"""Believable answers to the built-in training-needs survey, drawn from a seeded
``random.Random``: no database here.

Seed 000: when many ASN of a region lack confidence with e-government applications, a training
programme on them should follow. Front-line staff (kecamatan, kelurahan, puskesmas) are less
sure of themselves with the applications than back-office staff, young ASN a little surer; a
region's story lowers tasks in its units (the e-government task to the front-line level) and
makes its own topics popular there.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

E_GOVERNMENT = "T.1"
# Confidence 1–4 and how often each is answered.
FRONT_LINE = (1, 2, 2, 2, 3, 3)
BACK_OFFICE = (2, 3, 3, 3, 4, 4)
ORDINARY = (2, 3, 3, 3, 4)
LOW = (1, 2, 2, 3, 3)
YOUNG_BOOST = 0.25  # chance that an ASN under 35 answers one step surer with the applications
TEXT_SHARE = 25  # percent of respondents who write a suggestion


@dataclass(frozen=True)
class Respondent:
    """What the answers depend on: where the ASN works and how young they are."""

    unit_names: tuple[str, ...]  # the unit and its ancestors, innermost first
    front_line: bool
    young: bool


@dataclass(frozen=True)
class Item:
    pk: int
    codes: frozenset[str]  # codes of the competencies it is linked to


@dataclass(frozen=True)
class Questionnaire:
    """The survey's items by question kind, in the template's order."""

    confidence: tuple[int, tuple[Item, ...]]  # (question pk, tasks)
    topics: tuple[int, int, tuple[Item, ...]]  # (question pk, max choices, topics)
    forms: tuple[int, tuple[Item, ...]]
    times: tuple[int, tuple[Item, ...]]
    text: int | None


def _topic_weight(item: Item) -> float:
    """How popular a topic is before the story: e-government everywhere, a sector's own
    subject (health protocols, permits, projects) rarely outside the sector."""
    if E_GOVERNMENT in item.codes:
        return 3.0
    if not any(code.startswith(("M.", "SK.")) for code in item.codes):
        return 0.4
    return 1.0


def _in(respondent: Respondent, unit: str) -> bool:
    return not unit or unit in respondent.unit_names


def _pick(rng: random.Random, items: Sequence[Item], weights: Sequence[float], k: int) -> list[int]:
    """``k`` distinct items, each draw weighted."""
    pool = list(zip(items, weights, strict=True))
    chosen: list[int] = []
    for _draw in range(min(k, len(pool))):
        item, weight = rng.choices(pool, weights=[w for _i, w in pool])[0]
        chosen.append(item.pk)
        pool.remove((item, weight))
    return chosen


def answers_for(
    rng: random.Random,
    respondent: Respondent,
    questionnaire: Questionnaire,
    *,
    low_tasks: Sequence[tuple[str, str]],
    topics: Sequence[tuple[str, str, int]],
    forms: Sequence[int],
    suggestions: Sequence[str],
) -> dict[int, object]:
    """One ASN's answers in the shape ``surveys.services.response_submit`` takes."""
    answers: dict[int, object] = {}
    question, tasks = questionnaire.confidence
    values: dict[str, int] = {}
    for task in tasks:
        low = any(code in task.codes and _in(respondent, unit) for code, unit in low_tasks)
        if E_GOVERNMENT in task.codes:
            scale = FRONT_LINE if respondent.front_line or low else BACK_OFFICE
            value = rng.choice(scale) + (
                1 if respondent.young and rng.random() < YOUNG_BOOST else 0
            )
        elif low:
            value = rng.choice(LOW)
        else:
            value = rng.choice(ORDINARY)
        values[str(task.pk)] = min(value, 4)
    answers[question] = values

    question, max_choices, topic_items = questionnaire.topics
    weights = []
    for item in topic_items:
        weight = _topic_weight(item)
        weight += sum(w for code, unit, w in topics if code in item.codes and _in(respondent, unit))
        weights.append(weight)
    answers[question] = _pick(rng, topic_items, weights, rng.randint(1, max_choices))

    question, form_items = questionnaire.forms
    form_weights = [forms[i] if i < len(forms) else 1 for i in range(len(form_items))]
    answers[question] = _pick(rng, form_items, form_weights, rng.randint(1, 3))

    question, time_items = questionnaire.times
    answers[question] = _pick(rng, time_items, [1.0] * len(time_items), rng.randint(1, 2))

    if questionnaire.text is not None and suggestions and rng.randrange(100) < TEXT_SHARE:
        answers[questionnaire.text] = rng.choice(suggestions)
    return answers
