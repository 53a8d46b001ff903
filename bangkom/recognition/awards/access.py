"""Who may see and change awards.

- Schemes and their eligible lists: the instansi's admins and leadership (every ASN), OPD
  admins (their subtree's ASN) and supervisors (their subordinates); rows follow
  ``organisation.access.employee_q``. Plain ASN and partners: 403; another instansi: 404.
- Creating schemes and deciding nominations: BKPSDM admins (403 for other readers).
- An award's PDF and credential: whoever may read the ASN.
- The unit leaderboard: the instansi's staff (any role in it but partner); the public variant
  only when the instansi turns it on (``RecognitionSetting.leaderboard_public``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bangkom.accounts.scope import Scope, scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.organisation.access import employee_q
from bangkom.organisation.models import Employee, Instansi
from bangkom.recognition.models import Award, AwardNomination, AwardScheme


def _award_instansi_ids(scope: Scope) -> set[int]:
    """Instansi whose schemes the user works with (reads, nominates or decides)."""
    ids = set(scope.read_instansi_ids) | {inst for inst, _ in scope.opd_units}
    if scope.is_supervisor and scope.employee_instansi_id:
        ids.add(scope.employee_instansi_id)
    return ids


def staff_instansi_ids(scope: Scope) -> set[int]:
    ids = set(scope.read_instansi_ids) | {inst for inst, _ in scope.opd_units}
    if scope.employee_instansi_id:
        ids.add(scope.employee_instansi_id)
    return ids


def scheme_instansi_for_user(user: Any) -> QuerySet[Instansi]:
    scope = scope_for(user)
    return (
        Instansi.objects.filter(pk__in=_award_instansi_ids(scope))
        .select_related("wilayah")
        .order_by("nama")
    )


def leaderboard_instansi_for_user(user: Any) -> QuerySet[Instansi]:
    scope = scope_for(user)
    return (
        Instansi.objects.filter(pk__in=staff_instansi_ids(scope))
        .select_related("wilayah")
        .order_by("nama")
    )


def schemes_for_user(user: Any) -> QuerySet[AwardScheme]:
    scope = scope_for(user)
    return AwardScheme.objects.filter(instansi_id__in=_award_instansi_ids(scope)).select_related(
        "instansi__wilayah"
    )


def get_scheme_for_user(user: Any, pk: object, *, for_write: bool = False) -> AwardScheme:
    """A scheme the user works with; 404 outside; 403 to decide unless a BKPSDM admin."""
    scope = scope_for(user)
    if not _award_instansi_ids(scope) and not scope.employee_instansi_id:
        raise deny()
    scheme = get_visible_or_404(
        AwardScheme.objects.filter(instansi_id__in=staff_instansi_ids(scope)).select_related(
            "instansi__wilayah"
        ),
        pk,
    )
    if scheme.instansi_id not in _award_instansi_ids(scope):
        raise deny()
    if for_write and not scope.can_admin(scheme.instansi_id):
        raise deny()
    return scheme


def visible_employee_ids(user: Any) -> QuerySet[Employee, Any]:
    return Employee.objects.filter(employee_q(scope_for(user))).values("pk")


def nominations_for_user(user: Any) -> QuerySet[AwardNomination]:
    return AwardNomination.objects.filter(
        scheme__in=schemes_for_user(user), employee_id__in=visible_employee_ids(user)
    ).select_related("scheme__instansi__wilayah", "employee", "nominated_by", "decided_by", "award")


def get_nomination_for_user(user: Any, pk: object, *, for_write: bool = False) -> AwardNomination:
    nomination = get_visible_or_404(nominations_for_user(user), pk)
    if for_write and not scope_for(user).can_admin(nomination.scheme.instansi_id):
        raise deny()
    return nomination


def awards_for_user(user: Any) -> QuerySet[Award]:
    return Award.objects.filter(employee_id__in=visible_employee_ids(user)).select_related(
        "instansi__wilayah", "scheme", "employee"
    )


def get_award_for_user(user: Any, pk: object) -> Award:
    return get_visible_or_404(awards_for_user(user), pk)
