"""Who may see and change the regional needs of an instansi.

Built on :func:`bangkom.accounts.scope.scope_for`:

- BKPSDM admins (and superadmins covering the instansi) read and change everything;
- leadership (*pimpinan*) reads everything and changes nothing;
- OPD admins read the instansi's indicators, rules, priorities and the moderation queue (they
  are moderators, so they see contact details), change what lies inside their unit subtree
  (values of their units, rules and priorities aimed only at their units, SKM of their units)
  and moderate inputs into their subtree;
- everyone else sees nothing (403 on the pages, 404 on objects). Objects of an instansi outside
  the user's scope answer 404, like objects that do not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from bangkom.accounts.scope import Scope, scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.organisation.access import get_unit_for_user, subtree_q, units_for_user
from bangkom.organisation.models import Instansi, Unit
from bangkom.regional.models import (
    Indicator,
    IndicatorValue,
    PlanPriority,
    PublicInput,
    SignalRule,
)

# ----------------------------------------------------------------------------- instansi


def _regional_instansi_ids(scope: Scope) -> set[int]:
    return set(scope.read_instansi_ids) | {inst for inst, _path in scope.opd_units}


def regional_instansi_for_user(user: Any) -> QuerySet[Instansi]:
    """The instansi whose regional needs the user may read."""
    ids = _regional_instansi_ids(scope_for(user))
    return Instansi.objects.filter(pk__in=ids).select_related("wilayah").order_by("nama")


def current_instansi(request: HttpRequest) -> Instansi:
    """The instansi a page works on: ``?instansi=<pk>`` (404 outside the user's scope), else the
    first the user may read (403 for a user who may read none)."""
    if not _regional_instansi_ids(scope_for(request.user)):
        raise deny()
    instansi_qs = regional_instansi_for_user(request.user)
    wanted = request.POST.get("instansi") or request.GET.get("instansi")
    if wanted:
        return get_visible_or_404(instansi_qs, wanted)
    first = instansi_qs.first()
    if first is None:
        raise deny()
    return first


def can_admin(user: Any, instansi: Instansi | int) -> bool:
    instansi_id = instansi if isinstance(instansi, int) else instansi.pk
    return scope_for(user).can_admin(instansi_id)


def require_admin(user: Any, instansi: Instansi) -> None:
    if not can_admin(user, instansi):
        raise deny(_only_admin_message())


def _only_admin_message() -> str:
    from django.utils.translation import gettext as _

    return _("Hanya admin BKPSDM instansi ini yang dapat melakukan tindakan ini.")


def is_manager(user: Any, instansi: Instansi) -> bool:
    """An admin of the instansi or an OPD admin in it: may write within their reach."""
    scope = scope_for(user)
    return scope.can_admin(instansi.pk) or bool(scope.opd_paths(instansi.pk))


def managed_units(user: Any, instansi: Instansi) -> QuerySet[Unit]:
    """Units of ``instansi`` the user may aim factors at: all for admins, the subtree for OPD
    admins, none otherwise."""
    scope = scope_for(user)
    if scope.can_admin(instansi.pk):
        q = Q(instansi=instansi)
    else:
        q = Q(instansi=instansi) & subtree_q(scope.opd_paths(instansi.pk))
    return Unit.objects.filter(q).order_by("path")


def units_within_reach(user: Any, instansi: Instansi, units: Iterable[Unit | None]) -> bool:
    """True when the user may aim factors at all of ``units`` (``None`` = whole instansi)."""
    scope = scope_for(user)
    if scope.can_admin(instansi.pk):
        return True
    chosen = list(units)
    if not chosen:
        return False
    return all(
        unit is not None
        and unit.instansi_id == instansi.pk
        and scope.manages_unit_path(instansi.pk, unit.path)
        for unit in chosen
    )


# ----------------------------------------------------------------------------- indicators


def indicators_for_user(user: Any) -> QuerySet[Indicator]:
    ids = _regional_instansi_ids(scope_for(user))
    return Indicator.objects.filter(instansi_id__in=ids).select_related("instansi")


def get_indicator_for_user(user: Any, pk: object, *, for_write: bool = False) -> Indicator:
    indicator = get_visible_or_404(indicators_for_user(user), pk)
    if for_write and not can_admin(user, indicator.instansi_id):
        raise deny(_only_admin_message())
    return indicator


def values_for_user(user: Any, instansi: Instansi) -> QuerySet[IndicatorValue]:
    """Values of the instansi's indicators: all for its readers; for OPD admins those of their
    units and those of wilayah (regional statistics)."""
    scope = scope_for(user)
    qs = IndicatorValue.objects.filter(indicator__instansi=instansi)
    if scope.can_read_all(instansi.pk):
        return qs
    paths = scope.opd_paths(instansi.pk)
    if not paths:
        return qs.none()
    return qs.filter(Q(unit__isnull=True) | subtree_q(paths, unit="unit"))


def can_write_value(user: Any, instansi: Instansi, unit: Unit | None) -> bool:
    """Admins write every value; OPD admins only the values of their units."""
    scope = scope_for(user)
    if scope.can_admin(instansi.pk):
        return True
    return unit is not None and scope.manages_unit_path(instansi.pk, unit.path)


# ----------------------------------------------------------------------------- rules, priorities


def rules_for_user(user: Any) -> QuerySet[SignalRule]:
    ids = _regional_instansi_ids(scope_for(user))
    return SignalRule.objects.filter(instansi_id__in=ids).select_related(
        "instansi", "indicator", "unit", "wilayah", "target_unit", "last_evaluation"
    )


def rule_units(rule: SignalRule) -> list[Unit | None]:
    """The units a rule aims at as configured (``None`` = not limited to a unit)."""
    if rule.target_unit_id is not None:
        return [rule.target_unit]
    if rule.unit_id is not None:
        return [rule.unit]
    return [None]


def can_write_rule(user: Any, rule: SignalRule) -> bool:
    return units_within_reach(user, rule.instansi, rule_units(rule))


def get_rule_for_user(user: Any, pk: object, *, for_write: bool = False) -> SignalRule:
    rule = get_visible_or_404(rules_for_user(user), pk)
    if for_write and not can_write_rule(user, rule):
        raise deny()
    return rule


def priorities_for_user(user: Any) -> QuerySet[PlanPriority]:
    ids = _regional_instansi_ids(scope_for(user))
    return PlanPriority.objects.filter(instansi_id__in=ids).select_related("instansi")


def can_write_priority(user: Any, priority: PlanPriority) -> bool:
    units: list[Unit | None] = list(priority.units.all()) or [None]
    return units_within_reach(user, priority.instansi, units)


def get_priority_for_user(user: Any, pk: object, *, for_write: bool = False) -> PlanPriority:
    priority = get_visible_or_404(priorities_for_user(user), pk)
    if for_write and not can_write_priority(user, priority):
        raise deny()
    return priority


# ----------------------------------------------------------------------------- public input


def inputs_for_user(user: Any) -> QuerySet[PublicInput]:
    ids = _regional_instansi_ids(scope_for(user))
    return PublicInput.objects.filter(instansi_id__in=ids).select_related(
        "instansi", "wilayah", "moderated_by"
    )


def can_moderate(user: Any, instansi: Instansi | int) -> bool:
    """BKPSDM admins and OPD admins of the instansi moderate; they see contact details."""
    instansi_id = instansi if isinstance(instansi, int) else instansi.pk
    scope = scope_for(user)
    return scope.can_admin(instansi_id) or bool(scope.opd_paths(instansi_id))


def can_moderate_input(user: Any, item: PublicInput) -> bool:
    """A moderator may act on a pending or rejected input, and on an approved one whose units
    are all within their reach."""
    if not can_moderate(user, item.instansi_id):
        return False
    if item.status != "disetujui":
        return True
    units: list[Unit | None] = list(item.units.all()) or [None]
    return units_within_reach(user, item.instansi, units)


def get_input_for_user(user: Any, pk: object, *, for_write: bool = False) -> PublicInput:
    item = get_visible_or_404(inputs_for_user(user), pk)
    if for_write and not can_moderate_input(user, item):
        raise deny()
    return item


# ----------------------------------------------------------------------------- SKM


def skm_units_for_user(user: Any, instansi: Instansi) -> QuerySet[Unit]:
    """Units whose SKM the user may read: the instansi's units for readers, the subtree for OPD
    admins (never through an employee or supervisor link)."""
    scope = scope_for(user)
    if scope.can_read_all(instansi.pk):
        return Unit.objects.filter(instansi=instansi)
    return Unit.objects.filter(Q(instansi=instansi) & subtree_q(scope.opd_paths(instansi.pk)))


def get_skm_unit_for_user(user: Any, pk: object, *, for_write: bool = False) -> Unit:
    """A unit whose SKM the user may read (404 otherwise); ``for_write`` needs an admin of the
    instansi or an OPD admin of the unit's subtree (403 otherwise)."""
    unit = get_visible_or_404(units_for_user(user), pk)
    if for_write:
        return get_unit_for_user(user, unit.pk, for_write=True)
    return unit
