"""The pure quiz scoring: properties over any questions and answers (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bangkom.delivery.quizscoring import (
    ChoiceQuestion,
    ShortQuestion,
    answer_problems,
    normalise,
    score,
)


@st.composite
def choice_questions(draw: st.DrawFn, qid: int) -> ChoiceQuestion:
    options = draw(st.sets(st.integers(1, 50), min_size=2, max_size=6))
    correct = draw(st.sets(st.sampled_from(sorted(options)), min_size=1, max_size=len(options)))
    return ChoiceQuestion(qid, frozenset(options), frozenset(correct), draw(st.integers(1, 5)))


words = st.text(alphabet="abcdeXYZ ", min_size=1, max_size=12).filter(lambda t: t.strip())


@st.composite
def quizzes(draw: st.DrawFn) -> list[ChoiceQuestion | ShortQuestion]:
    count = draw(st.integers(1, 8))
    questions: list[ChoiceQuestion | ShortQuestion] = []
    for qid in range(1, count + 1):
        if draw(st.booleans()):
            questions.append(draw(choice_questions(qid)))
        else:
            accepted = tuple(draw(st.lists(words, min_size=1, max_size=3)))
            questions.append(ShortQuestion(qid, accepted, draw(st.integers(1, 5))))
    return questions


def perfect(questions: list[ChoiceQuestion | ShortQuestion]) -> dict[str, object]:
    return {
        str(q.id): sorted(q.correct) if isinstance(q, ChoiceQuestion) else q.accepted[0]
        for q in questions
    }


@given(quizzes(), st.data())
def test_score_is_between_0_and_100_and_counts_points(questions, data) -> None:  # type: ignore[no-untyped-def]
    answers: dict[str, object] = {}
    for q in questions:
        if data.draw(st.booleans()):
            if isinstance(q, ChoiceQuestion):
                pick = data.draw(st.sets(st.sampled_from(sorted(q.options)), min_size=1))
                if not q.multiple:
                    pick = {next(iter(pick))}
                answers[str(q.id)] = sorted(pick)
            else:
                answers[str(q.id)] = data.draw(words)
    assert answer_problems(questions, answers) == []
    result = score(questions, answers)
    assert Decimal(0) <= result.score <= Decimal(100)
    assert result.max_points == sum(q.points for q in questions)
    assert result.points == sum(q.points for q in questions if q.id in result.correct)


@given(quizzes())
def test_all_correct_scores_100_and_nothing_scores_0(questions) -> None:  # type: ignore[no-untyped-def]
    assert score(questions, perfect(questions)).score == Decimal(100)
    assert score(questions, {}).score == Decimal(0)


@given(quizzes(), st.data())
def test_case_and_spaces_do_not_matter_in_short_answers(questions, data) -> None:  # type: ignore[no-untyped-def]
    answers = perfect(questions)
    for q in questions:
        if isinstance(q, ShortQuestion):
            text = str(answers[str(q.id)])
            answers[str(q.id)] = "  " + "   ".join(text.upper().split()) + " \t"
    assert score(questions, answers).score == Decimal(100)


@given(quizzes())
def test_a_wrong_answer_never_raises_the_score(questions) -> None:  # type: ignore[no-untyped-def]
    answers = perfect(questions)
    full = score(questions, answers).points
    first = questions[0]
    if isinstance(first, ChoiceQuestion):
        wrong = sorted(first.options - first.correct)[:1]
        if not wrong:
            return
        answers[str(first.id)] = wrong
    else:
        answers[str(first.id)] = "jawaban yang jelas salah 123"
        if normalise(answers[str(first.id)]) in {normalise(a) for a in first.accepted}:
            return
    assert score(questions, answers).points == full - first.points


def test_multiple_choice_needs_exactly_the_correct_set() -> None:
    question = ChoiceQuestion(1, frozenset({10, 11, 12}), frozenset({10, 11}))
    assert score([question], {"1": [10, 11]}).score == Decimal(100)
    assert score([question], {"1": [10]}).score == Decimal(0)
    assert score([question], {"1": [10, 11, 12]}).score == Decimal(0)


def test_weighted_score_is_rounded_to_cents() -> None:
    questions = [
        ShortQuestion(1, ("Kupang",)),
        ShortQuestion(2, ("Alak",)),
        ShortQuestion(3, ("Oebobo",)),
    ]
    assert score(questions, {"1": "kupang"}).score == Decimal("33.33")


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"9": [1]}, "unknown_question"),
        ({"x": "a"}, "unknown_question"),
        ({"1": [99]}, "unknown_option"),
        ({"1": [1, 2]}, "too_many"),
        ({"1": "1"}, "not_choices"),
        ({"1": [True]}, "not_choices"),
        ({"2": ["a"]}, "not_text"),
        ({"2": "a" * 1001}, "too_long"),
    ],
)
def test_answers_that_do_not_fit_are_reported(answers: dict[str, object], code: str) -> None:
    questions = [ChoiceQuestion(1, frozenset({1, 2}), frozenset({1})), ShortQuestion(2, ("a",))]
    assert [p.code for p in answer_problems(questions, answers)] == [code]
    with pytest.raises(ValueError, match="do not fit"):
        score(questions, answers)
