"""Who may see and change the catalogue and the plans.

- Catalogue and JP table of an instansi: read by its admins, leadership (pimpinan) and OPD
  admins (who choose programs for their sub-plans); written by its admins (BKPSDM admin or a
  superadmin covering it).
- Plans: an admin of the instansi reads and writes every plan of it; leadership reads them;
  an OPD admin reads and writes the sub-plans of units inside their subtree, and does not see
  the instansi-wide plan (it lists every ASN of the instansi). Approval and sending back to
  draft belong to the admin of the instansi.
- An ASN sees only their own assignments in approved plans ("Rencana pengembangan saya").
Outside the scope: 404; visible but not writable: 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bangkom.accounts.scope import scope_for
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.organisation.access import subtree_q
from bangkom.organisation.models import Instansi, Unit
from bangkom.planning.models import Plan, PlanRun, ProgramTemplate


def catalogue_instansi_ids(user: Any) -> set[int]:
    scope = scope_for(user)
    return set(scope.read_instansi_ids) | {inst for inst, _path in scope.opd_units}


def catalogue_instansi_for_user(user: Any) -> QuerySet[Instansi]:
    ids = catalogue_instansi_ids(user)
    if not ids:
        raise deny()
    return Instansi.objects.filter(pk__in=ids).order_by("nama")


def get_catalogue_instansi(user: Any, pk: object | None, *, for_write: bool = False) -> Instansi:
    """The instansi whose catalogue a page shows: the one asked for, or the user's only one."""
    instansi_qs = catalogue_instansi_for_user(user)
    if pk in (None, ""):
        first = instansi_qs.first()
        if first is None:
            raise deny()
        instansi = first
    else:
        instansi = get_visible_or_404(instansi_qs, pk)
    if for_write and not scope_for(user).can_admin(instansi.pk):
        raise deny()
    return instansi


def get_template_for_user(user: Any, pk: object, *, for_write: bool = False) -> ProgramTemplate:
    ids = catalogue_instansi_ids(user)
    qs = ProgramTemplate.objects.filter(instansi_id__in=ids).select_related("bentuk", "instansi")
    template = get_visible_or_404(qs, pk)
    if for_write and not scope_for(user).can_admin(template.instansi_id):
        raise deny()
    return template


def plan_q(user: Any) -> Q:
    scope = scope_for(user)
    q = Q(instansi_id__in=scope.read_instansi_ids) if scope.read_instansi_ids else NOTHING
    return q | subtree_q(scope.opd_paths(), unit="unit")


def plans_for_user(user: Any) -> QuerySet[Plan]:
    return Plan.objects.filter(plan_q(user)).select_related("instansi", "unit")


def can_write_plan(user: Any, plan: Plan) -> bool:
    scope = scope_for(user)
    if scope.can_admin(plan.instansi_id):
        return True
    return plan.unit is not None and any(
        plan.unit.path.startswith(path) for path in scope.opd_paths(plan.instansi_id)
    )


def can_approve_plan(user: Any, plan: Plan) -> bool:
    return scope_for(user).can_admin(plan.instansi_id)


def get_plan_for_user(user: Any, pk: object, *, for_write: bool = False) -> Plan:
    plan = get_visible_or_404(plans_for_user(user), pk)
    if for_write and not can_write_plan(user, plan):
        raise deny()
    return plan


def get_run_for_user(user: Any, plan_pk: object, run_pk: object) -> tuple[Plan, PlanRun]:
    plan = get_plan_for_user(user, plan_pk)
    run = get_visible_or_404(PlanRun.objects.filter(plan=plan), run_pk)
    return plan, run


def plan_units_for_user(user: Any, instansi: Instansi) -> QuerySet[Unit]:
    """Units a user may make a sub-plan for: every unit for an admin, their subtree for an
    OPD admin."""
    scope = scope_for(user)
    qs = Unit.objects.filter(instansi=instansi)
    if scope.can_admin(instansi.pk):
        return qs
    return qs.filter(subtree_q(scope.opd_paths(instansi.pk)))


def plan_instansi_for_user(user: Any) -> QuerySet[Instansi]:
    """Instansi where the user may create plans."""
    scope = scope_for(user)
    ids = set(scope.admin_instansi_ids) | {inst for inst, _path in scope.opd_units}
    return Instansi.objects.filter(pk__in=ids).order_by("nama")
