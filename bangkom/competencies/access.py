"""Access helpers for competencies: national ones for everyone logged in, an instansi's own
technical competencies for that instansi's users."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bangkom.accounts.scope import scope_for
from bangkom.competencies.models import Competency
from bangkom.core.access import deny, get_visible_or_404


def competencies_for_user(user: Any) -> QuerySet[Competency]:
    scope = scope_for(user)
    if scope.user_id is None:
        return Competency.objects.none()
    return Competency.objects.filter(
        Q(instansi__isnull=True) | Q(instansi_id__in=scope.visible_instansi_ids)
    )


def can_write_competency(user: Any, competency: Competency) -> bool:
    scope = scope_for(user)
    if competency.is_official:
        return False
    if competency.instansi_id is None:
        return scope.superadmin_national
    return scope.can_admin(competency.instansi_id)


def get_competency_for_user(user: Any, pk: object, *, for_write: bool = False) -> Competency:
    competency = get_visible_or_404(competencies_for_user(user), pk)
    if for_write and not can_write_competency(user, competency):
        raise deny()
    return competency
