"""Quiz services: attempts, scoring through the service, double submission, max attempts,
refused answers, and the scores evaluation reads."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import Attempt
from bangkom.delivery.services.quiz import (
    OptionData,
    attempt_start,
    attempt_submit,
    question_add,
    quiz_save,
    quiz_score,
)
from bangkom.delivery.tests.quiz_helpers import make_quiz, right_answers
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def test_a_right_attempt_scores_100_and_passes(world: World) -> None:
    quiz, short, choice = make_quiz(world)
    user = world.user("employee")
    attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    assert attempt.number == 1
    assert attempt.question_ids == [short.pk, choice.pk]
    attempt = attempt_submit(
        attempt=attempt, answers=right_answers(short, choice), acting_user=user
    )
    assert attempt.score == Decimal(100)
    assert attempt.passed is True
    assert AuditEvent.objects.filter(action="delivery.quiz.attempt_submit").count() == 1


def test_half_right_scores_50(world: World) -> None:
    quiz, short, choice = make_quiz(world, pass_mark=60)
    user = world.user("employee")
    attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    attempt = attempt_submit(attempt=attempt, answers={str(short.pk): "Atambua"}, acting_user=user)
    assert attempt.score == Decimal(0)
    second = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    wrong = choice.options.get(is_correct=False)
    answers = {str(short.pk): "KOTA   kupang", str(choice.pk): [wrong.pk]}
    second = attempt_submit(attempt=second, answers=answers, acting_user=user)
    assert (second.number, second.score, second.passed) == (2, Decimal(50), False)


def test_a_submitted_attempt_cannot_be_submitted_twice(world: World) -> None:
    quiz, short, choice = make_quiz(world)
    user = world.user("employee")
    attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    attempt_submit(attempt=attempt, answers={str(short.pk): "salah"}, acting_user=user)
    with pytest.raises(ServiceError, match="sudah dikirim"):
        attempt_submit(attempt=attempt, answers=right_answers(short, choice), acting_user=user)
    attempt.refresh_from_db()
    assert attempt.score == Decimal(0)


def test_max_attempts_is_enforced(world: World) -> None:
    quiz, _short, _choice = make_quiz(world, max_attempts=2)
    user = world.user("employee")
    for _ in range(2):
        attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
        attempt_submit(attempt=attempt, answers={}, acting_user=user)
    with pytest.raises(ServiceError, match="Batas 2 kali"):
        attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    assert Attempt.objects.filter(quiz=quiz).count() == 2


def test_an_open_attempt_is_resumed_not_duplicated(world: World) -> None:
    quiz, *_ = make_quiz(world, max_attempts=1)
    user = world.user("employee")
    first = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    again = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    assert first.pk == again.pk
    assert Attempt.objects.count() == 1


@pytest.mark.parametrize(
    "make_answers",
    [
        lambda short, choice: {"999999": "Kupang"},
        lambda short, choice: {str(choice.pk): [999999]},
        lambda short, choice: {str(choice.pk): [o.pk for o in choice.options.all()]},
        lambda short, choice: {str(short.pk): ["Kupang"]},
    ],
    ids=["question-not-in-attempt", "option-out-of-range", "two-for-single", "list-for-text"],
)
def test_answers_outside_the_attempt_are_refused_and_nothing_saved(
    world: World, make_answers: object
) -> None:
    quiz, short, choice = make_quiz(world)
    user = world.user("employee")
    attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    with pytest.raises(ServiceError) as excinfo:
        attempt_submit(attempt=attempt, answers=make_answers(short, choice), acting_user=user)  # type: ignore[operator]
    assert "answers" in excinfo.value.message_dict
    attempt.refresh_from_db()
    assert (attempt.submitted_at, attempt.score, attempt.answers) == (None, None, {})


def test_an_option_of_another_question_is_out_of_range(world: World) -> None:
    quiz, _short, choice = make_quiz(world)
    _other_quiz, _s, other_choice = make_quiz(world, name="Lain")
    user = world.user("employee")
    attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    foreign = other_choice.options.get(is_correct=True)
    with pytest.raises(ServiceError, match="Pilihan jawaban tidak ada"):
        attempt_submit(attempt=attempt, answers={str(choice.pk): [foreign.pk]}, acting_user=user)


def test_only_the_employee_takes_their_quiz(world: World) -> None:
    quiz, short, choice = make_quiz(world)
    with pytest.raises(PermissionDenied):
        attempt_start(quiz=quiz, employee=world.employee, acting_user=world.user("supervisor"))
    attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=world.user("employee"))
    with pytest.raises(PermissionDenied):
        attempt_submit(
            attempt=attempt, answers=right_answers(short, choice), acting_user=world.user("bkpsdm")
        )
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    with pytest.raises(PermissionDenied):
        attempt_start(
            quiz=quiz, employee=world.other_employee, acting_user=world.user("outsider_employee")
        )


def test_quiz_score_best_first_last(world: World) -> None:
    quiz, short, choice = make_quiz(world, max_attempts=None)
    user = world.user("employee")
    assert quiz_score(quiz=quiz, employee=world.employee) is None
    for answers in ({str(short.pk): "Kupang"}, right_answers(short, choice), {}):
        attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
        attempt_submit(attempt=attempt, answers=answers, acting_user=user)
    attempt_start(quiz=quiz, employee=world.employee, acting_user=user)  # open: not counted
    assert quiz_score(quiz=quiz, employee=world.employee, which="first") == Decimal(50)
    assert quiz_score(quiz=quiz, employee=world.employee, which="best") == Decimal(100)
    assert quiz_score(quiz=quiz, employee=world.employee, which="last") == Decimal(0)
    assert quiz_score(quiz=quiz, employee=world.colleague) is None


def test_drawn_questions_come_from_the_bank(world: World) -> None:
    import random

    quiz, short, choice = make_quiz(world, max_attempts=None)
    admin = world.user("bkpsdm")
    extra = question_add(
        bank=quiz.bank,
        kind="short",
        text="Kecamatan?",
        accepted_answers=["Alak"],
        acting_user=admin,
    )
    quiz = quiz_save(
        bank=quiz.bank,
        title=quiz.title,
        pass_mark=50,
        max_attempts=None,
        draw_count=2,
        quiz=quiz,
        acting_user=admin,
    )
    attempt = attempt_start(
        quiz=quiz, employee=world.employee, acting_user=world.user("employee"), rng=random.Random(3)
    )
    assert len(attempt.question_ids) == 2
    assert set(attempt.question_ids) <= {short.pk, choice.pk, extra.pk}


def test_question_and_quiz_input_is_checked_all_at_once(world: World) -> None:
    quiz, *_ = make_quiz(world)
    admin = world.user("bkpsdm")
    with pytest.raises(ServiceError) as excinfo:
        question_add(
            bank=quiz.bank,
            kind="choice",
            text="",
            options=[OptionData("A", False)],
            acting_user=admin,
        )
    assert set(excinfo.value.message_dict) == {"text", "options"}
    with pytest.raises(PermissionDenied):
        question_add(
            bank=quiz.bank,
            kind="short",
            text="x",
            accepted_answers=["y"],
            acting_user=world.user("opd_admin"),
        )
    assert quiz.bank.questions.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_parallel_starts_do_not_pass_max_attempts(world: World) -> None:
    quiz, *_ = make_quiz(world, max_attempts=1)
    user = world.user("employee")
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def start() -> None:
        from django.db import connections

        barrier.wait()
        try:
            attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
            attempt_submit(attempt=attempt, answers={}, acting_user=user)
            outcomes.append("ok")
        except ServiceError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Attempt.objects.filter(quiz=quiz).count() == 1
