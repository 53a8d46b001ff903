"""Who may see and change what delivery holds.

- Partners, agreements, trainers, venues, holidays and unit away limits of an instansi: read by
  its admins, leadership (pimpinan) and OPD admins; written by its admins (BKPSDM admin or a
  superadmin covering it).
- Batches and their sessions: read by the admins and leadership of the instansi, by OPD admins
  for the batches of plans they see, and by partner staff (role ``mitra`` plus a
  ``PartnerStaff`` link) for their own partner's batches only. Creating batches from a plan,
  scheduling and editing the schedule belong to the admins of the instansi.
Outside the scope: 404; visible but not writable: 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bangkom.accounts.scope import scope_for
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.delivery.models import (
    Agreement,
    Batch,
    Holiday,
    Partner,
    Session,
    Trainer,
    Venue,
)
from bangkom.organisation.models import Instansi
from bangkom.planning.access import plans_for_user


def resource_instansi_ids(user: Any) -> set[int]:
    scope = scope_for(user)
    return set(scope.read_instansi_ids) | {inst for inst, _path in scope.opd_units}


def resource_instansi_for_user(user: Any) -> QuerySet[Instansi]:
    ids = resource_instansi_ids(user)
    if not ids:
        raise deny()
    return Instansi.objects.filter(pk__in=ids).order_by("nama")


def can_admin(user: Any, instansi_id: int) -> bool:
    return scope_for(user).can_admin(instansi_id)


def get_resource_instansi(user: Any, pk: object | None, *, for_write: bool = False) -> Instansi:
    """The instansi whose partners/venues/... a page shows: the one asked for, or the first."""
    instansi_qs = resource_instansi_for_user(user)
    if pk in (None, ""):
        instansi = instansi_qs.first()
        if instansi is None:
            raise deny()
    else:
        instansi = get_visible_or_404(instansi_qs, pk)
    if for_write and not can_admin(user, instansi.pk):
        raise deny()
    return instansi


def _get_owned(user: Any, qs: QuerySet[Any], pk: object, *, for_write: bool, via: str) -> Any:
    obj = get_visible_or_404(qs.filter(**{f"{via}__in": resource_instansi_ids(user)}), pk)
    instansi_id = obj.partner.instansi_id if via == "partner__instansi_id" else obj.instansi_id
    if for_write and not can_admin(user, instansi_id):
        raise deny()
    return obj


def get_partner_for_user(user: Any, pk: object, *, for_write: bool = False) -> Partner:
    qs = Partner.objects.select_related("instansi")
    return _get_owned(user, qs, pk, for_write=for_write, via="instansi_id")


def get_agreement_for_user(user: Any, pk: object, *, for_write: bool = False) -> Agreement:
    qs = Agreement.objects.select_related("partner", "partner__instansi")
    return _get_owned(user, qs, pk, for_write=for_write, via="partner__instansi_id")


def get_trainer_for_user(user: Any, pk: object, *, for_write: bool = False) -> Trainer:
    qs = Trainer.objects.select_related("instansi", "partner")
    return _get_owned(user, qs, pk, for_write=for_write, via="instansi_id")


def get_venue_for_user(user: Any, pk: object, *, for_write: bool = False) -> Venue:
    qs = Venue.objects.select_related("instansi", "partner")
    return _get_owned(user, qs, pk, for_write=for_write, via="instansi_id")


def get_holiday_for_user(user: Any, pk: object, *, for_write: bool = False) -> Holiday:
    qs = Holiday.objects.select_related("instansi")
    return _get_owned(user, qs, pk, for_write=for_write, via="instansi_id")


# --- batches and sessions ----------------------------------------------------------------


def batch_q(user: Any) -> Q:
    scope = scope_for(user)
    q = Q(instansi_id__in=scope.read_instansi_ids) if scope.read_instansi_ids else NOTHING
    if scope.opd_units:
        q |= Q(plan_program__plan__in=plans_for_user(user).values("pk"))
    if scope.partner_instansi_ids:
        q |= Q(
            partner__staff__user_id=scope.user_id,
            instansi_id__in=scope.partner_instansi_ids,
        )
    return q


def batches_for_user(user: Any) -> QuerySet[Batch]:
    return (
        Batch.objects.filter(batch_q(user))
        .distinct()
        .select_related("instansi", "partner", "plan_program__template", "plan_program__plan")
    )


def can_see_batches(user: Any) -> bool:
    scope = scope_for(user)
    return bool(scope.read_instansi_ids or scope.opd_units or scope.partner_instansi_ids)


def can_write_batch(user: Any, batch: Batch) -> bool:
    return can_admin(user, batch.instansi_id)


def get_batch_for_user(user: Any, pk: object, *, for_write: bool = False) -> Batch:
    batch = get_visible_or_404(batches_for_user(user), pk)
    if for_write and not can_write_batch(user, batch):
        raise deny()
    return batch


def sessions_for_user(user: Any) -> QuerySet[Session]:
    return Session.objects.filter(batch__in=batches_for_user(user).values("pk")).select_related(
        "batch", "batch__plan_program__template", "batch__instansi", "venue"
    )


def get_session_for_user(user: Any, pk: object, *, for_write: bool = False) -> Session:
    session = get_visible_or_404(sessions_for_user(user), pk)
    if for_write and not can_write_batch(user, session.batch):
        raise deny()
    return session
