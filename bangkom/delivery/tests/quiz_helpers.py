"""Builders shared by the quiz, e-learning and browser tests."""

from __future__ import annotations

from bangkom.delivery.models import Question, QuestionBank, Quiz
from bangkom.delivery.services.quiz import OptionData, question_add, question_bank_save, quiz_save
from bangkom.testing.world import World


def make_quiz(
    world: World,
    *,
    max_attempts: int | None = 2,
    pass_mark: int = 50,
    name: str = "Pelayanan publik",
) -> tuple[Quiz, Question, Question]:
    """A two-question quiz: "Ibu kota NTT?" (Kupang, short answer) and a single-choice
    question whose correct option is "Benar"."""
    admin = world.user("bkpsdm")
    bank: QuestionBank = question_bank_save(instansi=world.instansi, name=name, acting_user=admin)
    short = question_add(
        bank=bank,
        kind="short",
        text="Ibu kota Provinsi NTT?",
        accepted_answers=["Kupang", "Kota Kupang"],
        acting_user=admin,
    )
    choice = question_add(
        bank=bank,
        kind="choice",
        text="Standar pelayanan wajib dipublikasikan.",
        options=[OptionData("Benar", True), OptionData("Salah", False)],
        acting_user=admin,
    )
    quiz = quiz_save(
        bank=bank,
        title=f"Kuis {name}",
        pass_mark=pass_mark,
        max_attempts=max_attempts,
        acting_user=admin,
    )
    return quiz, short, choice


def right_answers(short: Question, choice: Question) -> dict[str, object]:
    correct = choice.options.get(is_correct=True)
    return {str(short.pk): "  kupang ", str(choice.pk): [correct.pk]}
