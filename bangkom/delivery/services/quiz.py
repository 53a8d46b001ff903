"""Writes of the quiz engine: banks, questions, quizzes, and an ASN's attempts.

``attempt_start`` numbers attempts under a lock on the employee row, so two parallel starts
cannot both pass ``max_attempts``; ``attempt_submit`` locks the attempt, so an attempt is scored
once. ``quiz_score`` is what evaluation reads for its pre- and post-tests.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangkom.accounts.scope import scope_for
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery import quizscoring
from bangkom.delivery.models import (
    Attempt,
    Question,
    QuestionBank,
    QuestionKind,
    QuestionOption,
    Quiz,
)
from bangkom.organisation.models import Employee

ATTEMPT_FIELDS = ("quiz", "employee", "number", "submitted_at", "score", "passed")
QUIZ_FIELDS = ("instansi", "bank", "title", "draw_count", "pass_mark", "max_attempts")


def _require_admin(acting_user: Any, instansi_id: int) -> None:
    if acting_user is not None and not scope_for(acting_user).can_admin(instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang mengubah bank soal instansi ini."))


def question_bank_save(
    *,
    instansi: Any,
    name: str,
    program: Any = None,
    bank: QuestionBank | None = None,
    acting_user: Any,
) -> QuestionBank:
    _require_admin(acting_user, instansi.pk)
    name = (name or "").strip()
    if not name:
        raise ServiceError({"name": _("Nama bank soal wajib diisi.")})
    same_name = QuestionBank.objects.filter(instansi=instansi, name=name)
    if bank is not None:
        same_name = same_name.exclude(pk=bank.pk)
    if same_name.exists():
        raise ServiceError({"name": _("Bank soal dengan nama ini sudah ada.")})
    with transaction.atomic():
        bank = bank or QuestionBank(instansi=instansi)
        bank.name = name
        bank.program = program
        bank.save()
        audit_event(
            actor=acting_user,
            action="delivery.question_bank.save",
            target=bank,
            instansi=instansi,
            after=snapshot(bank),
        )
    return bank


@dataclass(frozen=True)
class OptionData:
    text: str
    is_correct: bool


def question_add(
    *,
    bank: QuestionBank,
    kind: str,
    text: str,
    options: Sequence[OptionData] = (),
    accepted_answers: Sequence[str] = (),
    points: int = 1,
    acting_user: Any,
) -> Question:
    """A new question; every problem is reported at once and nothing is saved."""
    _require_admin(acting_user, bank.instansi_id)
    errors: dict[str, list[str]] = {}
    text = (text or "").strip()
    options = [OptionData(o.text.strip(), o.is_correct) for o in options if o.text.strip()]
    accepted = [a.strip() for a in accepted_answers if quizscoring.normalise(a)]
    if not text:
        errors.setdefault("text", []).append(_("Pertanyaan wajib diisi."))
    if kind not in QuestionKind.values:
        errors.setdefault("kind", []).append(_("Jenis soal tidak dikenal."))
    elif kind == QuestionKind.CHOICE:
        if len(options) < 2:
            errors.setdefault("options", []).append(_("Isi paling sedikit dua pilihan."))
        if not any(o.is_correct for o in options):
            errors.setdefault("options", []).append(_("Tandai paling sedikit satu jawaban benar."))
    elif not accepted:
        errors.setdefault("accepted_answers", []).append(
            _("Isi paling sedikit satu jawaban yang diterima.")
        )
    if not 1 <= points <= 100:
        errors.setdefault("points", []).append(_("Bobot soal 1–100."))
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        question = Question.objects.create(
            bank=bank,
            kind=kind,
            text=text,
            accepted_answers=accepted if kind == QuestionKind.SHORT else [],
            points=points,
            order=bank.questions.count() + 1,
        )
        if kind == QuestionKind.CHOICE:
            QuestionOption.objects.bulk_create(
                QuestionOption(question=question, text=o.text, is_correct=o.is_correct, order=i)
                for i, o in enumerate(options, start=1)
            )
        audit_event(
            actor=acting_user,
            action="delivery.question.add",
            target=question,
            instansi=bank.instansi,
            after=snapshot(question),
        )
    return question


def quiz_save(
    *,
    bank: QuestionBank,
    title: str,
    pass_mark: int,
    max_attempts: int | None,
    draw_count: int | None = None,
    questions: Sequence[Question] = (),
    quiz: Quiz | None = None,
    acting_user: Any,
) -> Quiz:
    _require_admin(acting_user, bank.instansi_id)
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Judul kuis wajib diisi.")]
    if not 0 <= pass_mark <= 100:
        errors["pass_mark"] = [_("Nilai lulus 0–100.")]
    if max_attempts is not None and not 1 <= max_attempts <= 100:
        errors["max_attempts"] = [_("Batas percobaan 1–100, atau kosongkan.")]
    available = bank.questions.count()
    if draw_count is not None and not 1 <= draw_count <= available:
        errors["draw_count"] = [
            _("Jumlah soal diacak 1–%(n)s (banyak soal di bank).") % {"n": available}
        ]
    if any(q.bank_id != bank.pk for q in questions):
        errors["questions"] = [_("Soal tetap harus dari bank soal kuis ini.")]
    if not available:
        errors["bank"] = [_("Bank soal ini belum berisi soal.")]
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        quiz = quiz or Quiz(instansi_id=bank.instansi_id)
        before = snapshot(quiz, QUIZ_FIELDS) if quiz.pk else None
        quiz.bank = bank
        quiz.title = title
        quiz.pass_mark = pass_mark
        quiz.max_attempts = max_attempts
        quiz.draw_count = draw_count
        quiz.save()
        quiz.questions.set(questions)
        audit_event(
            actor=acting_user,
            action="delivery.quiz.save",
            target=quiz,
            instansi=bank.instansi,
            before=before,
            after=snapshot(quiz, QUIZ_FIELDS),
        )
    return quiz


def _draw(quiz: Quiz, rng: random.Random) -> list[int]:
    fixed = list(quiz.questions.order_by("order", "pk").values_list("pk", flat=True))
    if fixed:
        return fixed
    pool = list(quiz.bank.questions.order_by("order", "pk").values_list("pk", flat=True))
    if quiz.draw_count and quiz.draw_count < len(pool):
        return sorted(rng.sample(pool, quiz.draw_count), key=pool.index)
    return pool


def open_attempt(quiz: Quiz, employee: Employee) -> Attempt | None:
    return Attempt.objects.filter(quiz=quiz, employee=employee, submitted_at__isnull=True).first()


def attempts_left(quiz: Quiz, employee: Employee) -> int | None:
    if quiz.max_attempts is None:
        return None
    used = Attempt.objects.filter(quiz=quiz, employee=employee).count()
    return max(0, quiz.max_attempts - used)


def attempt_start(
    *, quiz: Quiz, employee: Employee, acting_user: Any, rng: random.Random | None = None
) -> Attempt:
    """Start an attempt (or return the one still open). Refused past ``max_attempts``."""
    if acting_user is not None and scope_for(acting_user).employee_id != employee.pk:
        raise PermissionDenied(_("Kuis hanya dapat dikerjakan oleh ASN yang bersangkutan."))
    if quiz.instansi_id != employee.instansi_id:
        raise PermissionDenied(_("Kuis ini bukan untuk instansi Anda."))
    with transaction.atomic():
        # The employee row serialises this ASN's starts, so counting and numbering agree.
        Employee.objects.select_for_update().filter(pk=employee.pk).first()
        existing = open_attempt(quiz, employee)
        if existing is not None:
            return existing
        used = Attempt.objects.filter(quiz=quiz, employee=employee).count()
        if quiz.max_attempts is not None and used >= quiz.max_attempts:
            raise ServiceError(
                _("Batas %(n)s kali percobaan untuk kuis ini sudah habis.")
                % {"n": quiz.max_attempts}
            )
        question_ids = _draw(quiz, rng or random.Random())
        if not question_ids:
            raise ServiceError(_("Kuis ini belum berisi soal."))
        try:
            with transaction.atomic():
                attempt = Attempt.objects.create(
                    quiz=quiz,
                    employee=employee,
                    number=used + 1,
                    question_ids=question_ids,
                    started_at=timezone.now(),
                )
        except IntegrityError:
            raise ServiceError(_("Percobaan lain sedang dimulai; muat ulang halaman.")) from None
        audit_event(
            actor=acting_user,
            action="delivery.quiz.attempt_start",
            target=attempt,
            instansi=employee.instansi,
            after=snapshot(attempt, ATTEMPT_FIELDS),
        )
    return attempt


def question_specs(question_ids: Sequence[int]) -> list[quizscoring.QuestionSpec]:
    questions = Question.objects.filter(pk__in=question_ids).prefetch_related("options")
    by_id = {q.pk: q for q in questions}
    specs: list[quizscoring.QuestionSpec] = []
    for pk in question_ids:
        question = by_id.get(pk)
        if question is None:
            continue  # deleted since the attempt began: it no longer counts
        if question.kind == QuestionKind.CHOICE:
            options = list(question.options.all())
            specs.append(
                quizscoring.ChoiceQuestion(
                    id=pk,
                    options=frozenset(o.pk for o in options),
                    correct=frozenset(o.pk for o in options if o.is_correct),
                    points=question.points,
                )
            )
        else:
            specs.append(
                quizscoring.ShortQuestion(
                    id=pk, accepted=tuple(question.accepted_answers), points=question.points
                )
            )
    return specs


PROBLEM_TEXT = {
    "unknown_question": gettext_lazy("Jawaban untuk soal yang tidak ada dalam percobaan ini."),
    "not_choices": gettext_lazy("Jawaban pilihan ganda tidak sah."),
    "unknown_option": gettext_lazy("Pilihan jawaban tidak ada pada soal ini."),
    "too_many": gettext_lazy("Soal ini hanya menerima satu pilihan."),
    "not_text": gettext_lazy("Jawaban isian harus berupa teks."),
    "too_long": gettext_lazy("Jawaban isian terlalu panjang."),
}


def attempt_submit(*, attempt: Attempt, answers: Mapping[str, Any], acting_user: Any) -> Attempt:
    """Score and close an attempt. A submitted attempt cannot be submitted again; answers to
    questions outside the attempt or options outside a question are refused, nothing saved."""
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "employee__instansi")
            .get(pk=attempt.pk)
        )
        if acting_user is not None and scope_for(acting_user).employee_id != attempt.employee_id:
            raise PermissionDenied(_("Kuis hanya dapat dikerjakan oleh ASN yang bersangkutan."))
        if attempt.submitted_at is not None:
            raise ServiceError(_("Percobaan ini sudah dikirim dan dinilai."))
        specs = question_specs(attempt.question_ids)
        problems = quizscoring.answer_problems(specs, answers)
        if problems:
            raise ServiceError({"answers": sorted({str(PROBLEM_TEXT[p.code]) for p in problems})})
        result = quizscoring.score(specs, answers)
        attempt.answers = dict(answers)
        attempt.score = result.score
        attempt.passed = result.score >= attempt.quiz.pass_mark
        attempt.submitted_at = timezone.now()
        attempt.save()
        audit_event(
            actor=acting_user,
            action="delivery.quiz.attempt_submit",
            target=attempt,
            instansi=attempt.employee.instansi,
            after=snapshot(attempt, ATTEMPT_FIELDS),
        )
    return attempt


def quiz_score(
    *, quiz: Quiz, employee: Employee, which: Literal["best", "first", "last"] = "best"
) -> Decimal | None:
    """The score (0–100) of an ASN's submitted attempts at a quiz: the best, the first or the
    last; None when none was submitted. Evaluation reads pre-tests as ``first`` and
    post-tests as ``best`` or ``last``."""
    submitted = Attempt.objects.filter(quiz=quiz, employee=employee, submitted_at__isnull=False)
    if which == "best":
        row = submitted.order_by("-score", "number").first()
    elif which == "first":
        row = submitted.order_by("number").first()
    elif which == "last":
        row = submitted.order_by("-number").first()
    else:
        raise ValueError(which)
    return row.score if row is not None else None


def has_passed(quiz: Quiz, employee: Employee) -> bool:
    return Attempt.objects.filter(quiz=quiz, employee=employee, passed=True).exists()
