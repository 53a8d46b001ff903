"""Who sees which needs: the instansi's admins and leadership all of it, OPD admins their unit
subtree, supervisors their subordinates' inventories, an ASN their own."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bangkom.accounts.scope import scope_for
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.needs.models import Recomputation
from bangkom.organisation.access import get_employee_for_user, get_unit_for_user, subtree_q
from bangkom.organisation.models import Employee, Instansi, Unit


def needs_instansi_for_user(user: Any) -> list[Instansi]:
    """The instansi whose priority pages the user may open (whole or a subtree)."""
    scope = scope_for(user)
    ids = set(scope.read_instansi_ids) | {inst for inst, _path in scope.opd_units}
    if not ids:
        raise deny()
    return list(Instansi.objects.filter(pk__in=ids).order_by("nama"))


def unit_filter_for(user: Any, instansi: Instansi) -> Q:
    """Units of ``instansi`` whose priorities the user may see (``unit__path`` lookups)."""
    scope = scope_for(user)
    if scope.can_read_all(instansi.pk):
        return Q(unit__instansi=instansi)
    paths = scope.opd_paths(instansi.pk)
    if not paths:
        return NOTHING
    return subtree_q(paths, unit="unit")


def get_unit_for_needs(user: Any, pk: object) -> Unit:
    return get_unit_for_user(user, pk)


def get_employee_for_needs(user: Any, pk: object) -> Employee:
    return get_employee_for_user(user, pk)


def get_recomputation_for_user(user: Any, pk: object) -> Recomputation:
    """A recomputation of an instansi whose needs overview the user may open; otherwise 404."""
    scope = scope_for(user)
    ids = set(scope.read_instansi_ids) | {inst for inst, _path in scope.opd_units}
    return get_visible_or_404(
        Recomputation.objects.filter(instansi_id__in=ids).select_related("instansi"), pk
    )


def can_recompute(user: Any, instansi: Instansi) -> bool:
    """Recomputing replaces the whole instansi's analysis: its admins only."""
    return scope_for(user).can_admin(instansi.pk)
