"""Reads of e-learning: the courses an ASN may follow and their progress."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from bangkom.delivery.models import Course, CourseEnrolment, ModuleProgress
from bangkom.delivery.services.quiz import has_passed
from bangkom.organisation.models import Employee


@dataclass(frozen=True)
class CourseProgress:
    enrolment: CourseEnrolment | None
    done_ids: frozenset[int]
    total: int
    quiz_passed: bool | None  # None: the course has no final quiz

    @property
    def done(self) -> int:
        return len(self.done_ids)

    @property
    def steps(self) -> int:
        return self.total + (0 if self.quiz_passed is None else 1)

    @property
    def percent(self) -> int:
        if not self.steps:
            return 0
        finished = self.done + (1 if self.quiz_passed else 0)
        return round(100 * finished / self.steps)

    @property
    def completed(self) -> bool:
        return self.enrolment is not None and self.enrolment.completed_at is not None

    @property
    def modules_done(self) -> bool:
        return self.total > 0 and self.done >= self.total


def courses_for_employee(employee: Employee) -> QuerySet[Course]:
    return (
        Course.objects.filter(instansi_id=employee.instansi_id, is_published=True)
        .select_related("final_quiz")
        .order_by("title")
    )


def course_progress(course: Course, employee: Employee) -> CourseProgress:
    enrolment = (
        CourseEnrolment.objects.filter(course=course, employee=employee)
        .select_related("credit")
        .first()
    )
    done = frozenset(
        ModuleProgress.objects.filter(employee=employee, module__course=course).values_list(
            "module_id", flat=True
        )
    )
    quiz = course.final_quiz
    quiz_passed = None if quiz is None else has_passed(quiz, employee)
    return CourseProgress(enrolment, done, course.modules.count(), quiz_passed)
