"""Who may act on enrolments, attendance, completion and action plans.

- An ASN sees and acts on their own enrolments ("Pelatihan saya"), enrols themselves in the open
  batches of their instansi, checks in to their sessions and writes their action plans.
- The supervisor (atasan langsung) decides the nominations of their direct subordinates and
  acknowledges their action plans; others who see the enrolment (the batch's readers) get 403.
- A session's check-in page and roster: the admins of the instansi, the partner staff of the
  batch's partner, and the batch's trainers who are employees with an account. Leadership and
  OPD admins who see the batch: 403. Outside: 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from bangkom.accounts.scope import scope_for
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.delivery.access import batch_q, can_admin
from bangkom.delivery.models import (
    ActionPlan,
    Batch,
    BatchStatus,
    Enrolment,
    PartnerStaff,
    Session,
)


def require_employee(user: Any) -> int:
    """The user's employee id; 403 for accounts without an employee record."""
    employee_id = scope_for(user).employee_id
    if not employee_id:
        raise deny(_("Halaman ini untuk ASN yang akunnya terhubung dengan data pegawai."))
    return employee_id


def require_supervisor(user: Any) -> int:
    scope = scope_for(user)
    if not (scope.employee_id and scope.is_supervisor):
        raise deny(_("Halaman ini untuk atasan langsung yang memiliki bawahan."))
    return scope.employee_id


def _enrolments() -> QuerySet[Enrolment]:
    return Enrolment.objects.select_related(
        "employee__unit",
        "employee__supervisor",
        "batch__instansi",
        "batch__plan_program__template",
        "batch__partner",
    )


def my_enrolments(user: Any) -> QuerySet[Enrolment]:
    return _enrolments().filter(employee_id=require_employee(user))


def team_enrolments(user: Any) -> QuerySet[Enrolment]:
    return _enrolments().filter(employee__supervisor_id=require_supervisor(user))


def enrolment_q(user: Any) -> Q:
    scope = scope_for(user)
    q = Q(batch__in=Batch.objects.filter(batch_q(user)).values("pk"))
    if scope.employee_id:
        q |= Q(employee_id=scope.employee_id) | Q(employee__supervisor_id=scope.employee_id)
    return q


def get_my_enrolment(user: Any, pk: object) -> Enrolment:
    """The ASN's own enrolment (writes by the ASN); someone else's: 403 if seen, else 404."""
    enrolment = get_visible_or_404(_enrolments().filter(enrolment_q(user)), pk)
    if enrolment.employee_id != scope_for(user).employee_id:
        raise deny(_("Hanya peserta yang bersangkutan yang dapat melakukan ini."))
    return enrolment


def get_enrolment_for_decision(user: Any, pk: object) -> Enrolment:
    """A nomination to decide: only the nominated ASN's direct supervisor may."""
    enrolment = get_visible_or_404(_enrolments().filter(enrolment_q(user)), pk)
    employee_id = scope_for(user).employee_id
    if not employee_id or enrolment.employee.supervisor_id != employee_id:
        raise deny(_("Hanya atasan langsung peserta yang dapat memutuskan pencalonan."))
    return enrolment


def open_batches_for_user(user: Any) -> QuerySet[Batch]:
    scope = scope_for(user)
    if not scope.employee_instansi_id:
        return Batch.objects.none()
    return (
        Batch.objects.filter(open_enrolment=True, instansi_id=scope.employee_instansi_id)
        .exclude(status__in=(BatchStatus.COMPLETED, BatchStatus.CANCELLED))
        .select_related("plan_program__template", "instansi")
    )


def get_open_batch_for_user(user: Any, pk: object) -> Batch:
    require_employee(user)
    return get_visible_or_404(open_batches_for_user(user), pk)


# --- attendance -------------------------------------------------------------------------


def _trainer_q(user: Any) -> Q:
    employee_id = scope_for(user).employee_id
    return Q(batch__trainers__employee_id=employee_id) if employee_id else NOTHING


def can_take_attendance(user: Any, batch: Batch) -> bool:
    """Admins of the instansi, the partner's staff, and the batch's own trainers."""
    scope = scope_for(user)
    if can_admin(user, batch.instansi_id):
        return True
    if (
        batch.partner_id
        and batch.instansi_id in scope.partner_instansi_ids
        and scope.user_id
        and PartnerStaff.objects.filter(user_id=scope.user_id, partner_id=batch.partner_id).exists()
    ):
        return True
    return bool(scope.employee_id and batch.trainers.filter(employee_id=scope.employee_id).exists())


def get_session_for_attendance(user: Any, pk: object) -> Session:
    qs = (
        Session.objects.filter(
            Q(batch__in=Batch.objects.filter(batch_q(user)).values("pk")) | _trainer_q(user)
        )
        .distinct()
        .select_related("batch__instansi", "batch__plan_program__template", "batch__partner")
        .select_related("venue")
    )
    session = get_visible_or_404(qs, pk)
    if not can_take_attendance(user, session.batch):
        raise deny()
    return session


def get_session_for_checkin(user: Any, pk: object) -> Session:
    """A session an ASN checks in to: any session of their instansi (the service says whether
    they are enrolled); other instansi: 404."""
    require_employee(user)
    instansi_id = scope_for(user).employee_instansi_id or 0
    qs = Session.objects.filter(batch__instansi_id=instansi_id).select_related(
        "batch__instansi", "batch__plan_program__template", "venue"
    )
    return get_visible_or_404(qs, pk)


# --- action plans -----------------------------------------------------------------------


def action_plans_for_user(user: Any) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(
        enrolment__in=Enrolment.objects.filter(enrolment_q(user)).values("pk")
    ).select_related(
        "enrolment__employee", "enrolment__batch__plan_program__template", "acknowledged_by"
    )


def get_action_plan_for_ack(user: Any, pk: object) -> ActionPlan:
    plan = get_visible_or_404(action_plans_for_user(user), pk)
    employee_id = scope_for(user).employee_id
    if not employee_id or plan.enrolment.employee.supervisor_id != employee_id:
        raise deny(_("Hanya atasan langsung yang dapat mengetahui rencana aksi ini."))
    return plan
