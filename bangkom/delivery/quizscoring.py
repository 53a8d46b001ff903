"""Scoring a quiz attempt: a pure function over plain dataclasses, no Django.

Answers map a question id (as text, the way JSON keys arrive) to the chosen option ids for a
multiple-choice question, or to the typed text for a short-answer question. A multiple-choice
question earns its points only when exactly the correct options are chosen; a short answer
earns them when, ignoring letter case and runs of spaces, it equals one accepted answer.
Problems are returned as codes that the app layer translates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

__all__ = [
    "AnswerProblem",
    "ChoiceQuestion",
    "ScoreResult",
    "ShortQuestion",
    "answer_problems",
    "normalise",
    "score",
]

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class ChoiceQuestion:
    id: int
    options: frozenset[int]
    correct: frozenset[int]
    points: int = 1

    @property
    def multiple(self) -> bool:
        return len(self.correct) > 1


@dataclass(frozen=True)
class ShortQuestion:
    id: int
    accepted: tuple[str, ...]
    points: int = 1


QuestionSpec = ChoiceQuestion | ShortQuestion


@dataclass(frozen=True)
class AnswerProblem:
    question: str  # the key as given
    code: str  # unknown_question, not_choices, unknown_option, too_many, not_text, too_long


@dataclass(frozen=True)
class ScoreResult:
    points: int
    max_points: int
    score: Decimal  # 0–100, two decimals
    correct: frozenset[int]


MAX_TEXT = 1000


def normalise(text: str) -> str:
    """Letter case and whitespace do not matter in a short answer."""
    return " ".join(text.casefold().split())


def _key(value: object) -> int | None:
    text = str(value)
    return int(text) if text.isdigit() else None


def answer_problems(
    questions: Sequence[QuestionSpec], answers: Mapping[str, Any]
) -> list[AnswerProblem]:
    """Every answer that does not fit the attempt's questions, in key order."""
    by_id = {q.id: q for q in questions}
    problems: list[AnswerProblem] = []
    for key in sorted(answers, key=str):
        value = answers[key]
        qid = _key(key)
        question = by_id.get(qid) if qid is not None else None
        if question is None:
            problems.append(AnswerProblem(str(key), "unknown_question"))
        elif isinstance(question, ChoiceQuestion):
            if not isinstance(value, list | tuple) or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in value
            ):
                problems.append(AnswerProblem(str(key), "not_choices"))
            elif any(v not in question.options for v in value):
                problems.append(AnswerProblem(str(key), "unknown_option"))
            elif not question.multiple and len(set(value)) > 1:
                problems.append(AnswerProblem(str(key), "too_many"))
        elif not isinstance(value, str):
            problems.append(AnswerProblem(str(key), "not_text"))
        elif len(value) > MAX_TEXT:
            problems.append(AnswerProblem(str(key), "too_long"))
    return problems


def _is_correct(question: QuestionSpec, value: Any) -> bool:
    if value is None:
        return False
    if isinstance(question, ChoiceQuestion):
        return bool(question.correct) and frozenset(value) == question.correct
    accepted = {normalise(a) for a in question.accepted if normalise(a)}
    return normalise(value) in accepted


def score(questions: Sequence[QuestionSpec], answers: Mapping[str, Any]) -> ScoreResult:
    """The attempt's score from 0 to 100. Call :func:`answer_problems` first: answers it would
    refuse raise ``ValueError`` here. Unanswered questions earn nothing; a quiz with no
    questions scores 0."""
    if answer_problems(questions, answers):
        raise ValueError("answers do not fit the questions")
    by_key = {_key(k): v for k, v in answers.items()}
    points = 0
    max_points = 0
    correct: set[int] = set()
    for question in questions:
        max_points += question.points
        if _is_correct(question, by_key.get(question.id)):
            points += question.points
            correct.add(question.id)
    value = (
        (Decimal(points) * HUNDRED / Decimal(max_points)).quantize(CENT, rounding=ROUND_HALF_UP)
        if max_points
        else Decimal(0).quantize(CENT)
    )
    return ScoreResult(points, max_points, value, frozenset(correct))
