"""Who may see and change e-learning, quizzes and internships.

- Courses: an ASN sees the published courses of their own instansi and follows them; admins and
  leadership of the instansi see every course; only its admins build courses, banks and quizzes.
- Internships: the intern, the mentor, and the instansi's admins and leadership see one; the
  intern writes the logbook and the report, the mentor decides the logbook.
Outside the scope: 404; visible but not writable: 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bangkom.accounts.scope import scope_for
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.delivery.models import Course, Internship, QuestionBank
from bangkom.delivery.selectors_internship import internships_for_user


def courses_for_user(user: Any) -> QuerySet[Course]:
    scope = scope_for(user)
    q = Q(instansi_id__in=scope.read_instansi_ids) if scope.read_instansi_ids else NOTHING
    if scope.employee_instansi_id:
        q |= Q(instansi_id=scope.employee_instansi_id, is_published=True)
    return Course.objects.filter(q).select_related("instansi", "final_quiz", "form")


def get_course_for_user(user: Any, pk: object, *, for_write: bool = False) -> Course:
    course = get_visible_or_404(courses_for_user(user), pk)
    if for_write and not scope_for(user).can_admin(course.instansi_id):
        raise deny()
    return course


def banks_for_user(user: Any) -> QuerySet[QuestionBank]:
    scope = scope_for(user)
    return QuestionBank.objects.filter(instansi_id__in=scope.read_instansi_ids).select_related(
        "instansi"
    )


def get_bank_for_user(user: Any, pk: object, *, for_write: bool = False) -> QuestionBank:
    bank = get_visible_or_404(banks_for_user(user), pk)
    if for_write and not scope_for(user).can_admin(bank.instansi_id):
        raise deny()
    return bank


def get_internship_for_user(user: Any, pk: object) -> Internship:
    return get_visible_or_404(internships_for_user(user), pk)
