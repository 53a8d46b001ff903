"""Reads of internships: young ASN eligible for magang, and what a user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from bangkom.accounts.scope import scope_for
from bangkom.delivery.models import Internship
from bangkom.delivery.services.internship import age_from_nip, internship_max_age
from bangkom.organisation.models import Employee


@dataclass(frozen=True)
class EligibleEmployee:
    employee: Employee
    age: int


def eligible_for_internship(
    instansi_id: int, on: date, *, max_age: int | None = None
) -> list[EligibleEmployee]:
    """Active ASN of the instansi whose age from the NIP on ``on`` is at most the maximum,
    youngest first. A NIP whose birth date cannot be read is left out."""
    limit = internship_max_age() if max_age is None else max_age
    # The NIP starts with the birth date YYYYMMDD, so the oldest allowed birth date bounds a
    # prefix comparison in SQL before the exact age is computed per row.
    oldest = date(on.year - limit - 1, on.month, 1)
    rows = (
        Employee.objects.filter(
            instansi_id=instansi_id, is_active=True, nip__gte=oldest.strftime("%Y%m%d")
        )
        .select_related("unit")
        .order_by("-nip")
    )
    found: list[EligibleEmployee] = []
    for employee in rows:
        age = age_from_nip(employee.nip, on)
        if age is not None and age <= limit:
            found.append(EligibleEmployee(employee, age))
    return found


def internships_for_user(user: object) -> QuerySet[Internship]:
    """The intern's own, the mentor's, and all of an instansi for its admins and leadership."""
    scope = scope_for(user)
    q = Q(mentor_id=scope.user_id) if scope.user_id else Q(pk__in=[])
    if scope.employee_id:
        q |= Q(employee_id=scope.employee_id)
    if scope.read_instansi_ids:
        q |= Q(employee__instansi_id__in=scope.read_instansi_ids)
    return Internship.objects.filter(q).select_related(
        "employee", "employee__instansi", "partner", "mentor"
    )
