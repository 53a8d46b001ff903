"""Who may see and change a batch's evaluation.

- The reaction questionnaire: only the ASN enrolled in the batch (an active or completed
  enrolment); anyone else gets 404 (not theirs), an enrolment that was declined, cancelled or
  waitlisted 403.
- A batch's evaluation page: whoever sees the batch in delivery (admins and leadership of the
  instansi, OPD admins for the plans they see, partner staff for their partner's batches) and the
  batch's trainers (a ``Trainer`` linked to the user's employee). Partner staff and trainers see
  aggregates only: no per-participant scores and no free-text answers.
- Importing scores, deciding and creating follow-up actions: the admins of the instansi. Closing
  a follow-up action: its owner or an admin.
- The reaction indices: admins and leadership of the instansi (readers).
- A behaviour follow-up (Level 3): filled by the ASN's supervisor only; seen by the readers of
  the instansi; scheduled by its admins.
Outside the scope: 404; visible but not writable: 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.params import parse_id
from bangkom.delivery.access import batch_q, can_admin
from bangkom.delivery.models import Batch, Enrolment
from bangkom.evaluation.models import BehaviourFollowUp, FollowUpAction
from bangkom.evaluation.selectors import REACTION_ELIGIBLE_STATUSES


def get_enrolment_for_reaction(user: Any, batch_pk: object) -> Enrolment:
    """The user's own enrolment in a batch, for answering its questionnaire."""
    scope = scope_for(user)
    if scope.employee_id is None:
        raise _not_found()
    qs = Enrolment.objects.filter(employee_id=scope.employee_id).select_related(
        "batch__plan_program__template", "batch__instansi"
    )
    enrolments = list(qs.filter(batch_id=_key(batch_pk)))
    if not enrolments:
        raise _not_found()
    enrolment = enrolments[0]
    if enrolment.status not in REACTION_ELIGIBLE_STATUSES:
        raise deny()
    return enrolment


def _key(pk: object) -> int:
    key = parse_id(pk)
    if key is None:
        raise _not_found()
    return key


def _not_found() -> Http404:
    return Http404(_("Data tidak ditemukan."))


def _trainer_q(user: Any) -> Q:
    employee_id = scope_for(user).employee_id
    if employee_id is None:
        return Q(pk__in=[])
    return Q(trainers__employee_id=employee_id)


def evaluation_batches_for_user(user: Any) -> QuerySet[Batch]:
    return (
        Batch.objects.filter(batch_q(user) | _trainer_q(user))
        .distinct()
        .select_related("instansi", "partner", "plan_program__template", "plan_program__plan")
    )


def can_see_details(user: Any, batch: Batch) -> bool:
    """Per-participant scores and free-text answers: the instansi's admins and leadership."""
    return batch.instansi_id in scope_for(user).read_instansi_ids


def can_evaluate(user: Any, batch: Batch) -> bool:
    return can_admin(user, batch.instansi_id)


def get_evaluation_batch_for_user(user: Any, pk: object, *, for_write: bool = False) -> Batch:
    batch = get_visible_or_404(evaluation_batches_for_user(user), pk)
    if for_write and not can_evaluate(user, batch):
        raise deny()
    return batch


def index_instansi_ids(user: Any) -> list[int]:
    """The instansi whose reaction indices the user may read; refused when none."""
    ids = sorted(scope_for(user).read_instansi_ids)
    if not ids:
        raise deny()
    return ids


def actions_for_user(user: Any) -> QuerySet[FollowUpAction]:
    scope = scope_for(user)
    q = Q(owner_id=scope.user_id) if scope.user_id else Q(pk__in=[])
    if scope.read_instansi_ids:
        q |= Q(decision__batch__instansi_id__in=scope.read_instansi_ids)
    return FollowUpAction.objects.filter(q)


def get_action_for_user(user: Any, pk: object, *, for_write: bool = False) -> FollowUpAction:
    action = get_visible_or_404(
        actions_for_user(user).select_related("decision__batch__instansi", "owner"), pk
    )
    if for_write and not (
        action.owner_id == user.pk or can_admin(user, action.decision.batch.instansi_id)
    ):
        raise deny()
    return action


# --- Level 3: behaviour follow-up ----------------------------------------------------------


def follow_ups_for_user(user: Any) -> QuerySet[BehaviourFollowUp]:
    """Follow-ups the user sees: as the ASN's supervisor, or as a reader of the instansi."""
    scope = scope_for(user)
    q = Q(supervisor_id=scope.employee_id) if scope.employee_id else Q(pk__in=[])
    if scope.read_instansi_ids:
        q |= Q(enrolment__batch__instansi_id__in=scope.read_instansi_ids)
    return BehaviourFollowUp.objects.filter(q).select_related(
        "enrolment__employee", "enrolment__batch__plan_program__template", "supervisor"
    )


def get_follow_up_for_user(user: Any, pk: object, *, for_write: bool = False) -> BehaviourFollowUp:
    """Only the supervisor fills the form; readers of the instansi see it (403 on write)."""
    follow_up = get_visible_or_404(follow_ups_for_user(user), pk)
    if for_write and follow_up.supervisor_id != scope_for(user).employee_id:
        raise deny()
    return follow_up
