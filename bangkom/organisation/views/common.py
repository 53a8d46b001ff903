"""Helpers shared by the organisation pages: what the user manages, form errors."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from bangkom.accounts.scope import scope_for
from bangkom.core.access import NOTHING, deny
from bangkom.core.paging import paginate
from bangkom.organisation.access import (
    instansi_for_user,
    subtree_q,
)
from bangkom.organisation.models import (
    Instansi,
    Unit,
)


def managed_instansi(user: Any) -> QuerySet[Instansi]:
    scope = scope_for(user)
    ids = set(scope.admin_instansi_ids) | {inst for inst, _path in scope.opd_units}
    return Instansi.objects.filter(pk__in=ids).order_by("nama")


def managed_units(user: Any) -> QuerySet[Unit]:
    scope = scope_for(user)
    q = Q(instansi_id__in=scope.admin_instansi_ids) if scope.admin_instansi_ids else NOTHING
    q |= subtree_q(scope.opd_paths())
    return Unit.objects.filter(q).select_related("instansi").order_by("instansi__nama", "path")


def require_manager(user: Any) -> None:
    scope = scope_for(user)
    if not scope.is_admin and not scope.is_opd_admin:
        raise deny()


def list_context(request: HttpRequest, qs: QuerySet[Any]) -> dict[str, Any]:
    return {
        **paginate(request, qs),
        "filters": request.GET,
        "instansi_choices": instansi_for_user(request.user).filter(
            pk__in=scope_for(request.user).read_instansi_ids
            | {inst for inst, _path in scope_for(request.user).opd_units}
        ),
    }
