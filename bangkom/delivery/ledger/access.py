"""Who may see a JP ledger and decide a claim.

- A ledger (an ASN's lines and progress) is visible to whoever may read the employee
  (``organisation.access.employee_q``): the ASN, their supervisor, the OPD admin of the unit's
  subtree, the instansi's admins and leadership.
- A claim is visible with its ASN's ledger; it is decided by the OPD admin whose subtree holds
  the ASN's unit, or by an admin of the instansi. Seen but not decidable: 403.
- The on-track table of an instansi: its admins and leadership; an OPD admin sees the table of
  their own subtree.
Outside the scope: 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bangkom.accounts.scope import scope_for
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.delivery.models import ExternalLearningClaim
from bangkom.organisation.access import employee_q
from bangkom.organisation.models import Employee, Instansi


def ledger_employees_for_user(user: Any) -> QuerySet[Employee]:
    return Employee.objects.filter(employee_q(scope_for(user))).select_related("unit", "instansi")


def get_ledger_employee_for_user(user: Any, pk: object) -> Employee:
    return get_visible_or_404(ledger_employees_for_user(user), pk)


def claims_for_user(user: Any) -> QuerySet[ExternalLearningClaim]:
    scope = scope_for(user)
    q = Q(employee__instansi_id__in=scope.read_instansi_ids) if scope.read_instansi_ids else NOTHING
    for _instansi, path in scope.opd_units:
        q |= Q(employee__unit__path__startswith=path)
    if scope.employee_id:
        q |= Q(employee_id=scope.employee_id) | Q(employee__supervisor_id=scope.employee_id)
    return ExternalLearningClaim.objects.filter(q).select_related(
        "employee__unit", "employee__instansi", "form", "decided_by", "credit"
    )


def decidable_claims_for_user(user: Any) -> QuerySet[ExternalLearningClaim]:
    """The claims queue: those the user may decide (their OPD subtree, or their instansi)."""
    scope = scope_for(user)
    q = (
        Q(employee__instansi_id__in=scope.admin_instansi_ids)
        if scope.admin_instansi_ids
        else NOTHING
    )
    for _instansi, path in scope.opd_units:
        q |= Q(employee__unit__path__startswith=path)
    return ExternalLearningClaim.objects.filter(q).select_related(
        "employee__unit", "employee__instansi", "form", "decided_by", "credit"
    )


def can_decide_claim(user: Any, claim: ExternalLearningClaim) -> bool:
    """The OPD admin whose subtree holds the ASN's unit, or an admin of the instansi."""
    employee = claim.employee
    scope = scope_for(user)
    if scope.can_admin(employee.instansi_id):
        return True
    return employee.unit is not None and scope.manages_unit_path(
        employee.instansi_id, employee.unit.path
    )


def get_claim_for_user(user: Any, pk: object, *, for_write: bool = False) -> ExternalLearningClaim:
    claim = get_visible_or_404(claims_for_user(user), pk)
    if for_write and not can_decide_claim(user, claim):
        raise deny()
    return claim


def can_see_queue(user: Any) -> bool:
    scope = scope_for(user)
    return bool(scope.admin_instansi_ids or scope.opd_units)


def report_instansi_for_user(user: Any) -> QuerySet[Instansi]:
    """Instansi whose on-track table the user may open (whole or their OPD subtree)."""
    scope = scope_for(user)
    ids = set(scope.read_instansi_ids) | {inst for inst, _path in scope.opd_units}
    return Instansi.objects.filter(pk__in=ids).select_related("wilayah").order_by("nama")


def report_paths_for_user(user: Any, instansi: Instansi) -> list[str] | None:
    """None for the whole instansi; else the OPD admin's subtree paths."""
    scope = scope_for(user)
    if scope.can_read_all(instansi.pk):
        return None
    return scope.opd_paths(instansi.pk)
