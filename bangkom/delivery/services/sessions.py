"""Edits of the schedule: move a session, pin or unpin a batch, change a batch's trainers.

A change that would double-book a venue, a trainer or an ASN, use something on a day it is
unavailable, fall on a day off, or send more of a unit's staff away than it may, is refused with
the list of conflicts (each naming who or what is double-booked); nothing is saved. The page
checks the same rules while the planner edits, so the conflict shows before saving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery.models import Batch, Session, Trainer, Venue
from bangkom.delivery.selectors import Conflict, conflicts_for


def _refuse(conflicts: list[Conflict]) -> ServiceError:
    return ServiceError(
        [_("Perubahan tidak disimpan karena bentrok:")] + [c.message for c in conflicts],
        code="conflict",
    )


def session_move(
    *, session: Session, date: dt.date, venue: Venue | None, acting_user: Any
) -> Session:
    """Move one session to ``date`` (and ``venue``). A moved session is pinned, so the next
    scheduling run keeps the planner's decision; its UID stays, so calendars follow it."""
    batch = session.batch
    if batch.online and venue is not None:
        raise ServiceError({"venue": [_("Angkatan daring tidak memakai tempat.")]})
    if not batch.online and venue is None:
        raise ServiceError({"venue": [_("Pilih tempat untuk angkatan tatap muka.")]})
    if venue is not None and venue.instansi_id != batch.instansi_id:
        raise ServiceError({"venue": [_("Tempat bukan milik instansi ini.")]})
    if date.year != batch.year:
        raise ServiceError({"date": [_("Tanggal harus dalam tahun %d.") % batch.year]})
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        conflicts = conflicts_for(batch=batch, date=date, venue=venue, session=locked)
        if conflicts:
            raise _refuse(conflicts)
        before = snapshot(locked, ("date", "venue", "pinned"))
        locked.date, locked.venue, locked.pinned = date, venue, True
        locked.save(update_fields=["date", "venue", "pinned", "updated_at"])
        audit_event(
            actor=acting_user,
            action="delivery.session.move",
            target=locked,
            instansi=batch.instansi,
            before=before,
            after=snapshot(locked, ("date", "venue", "pinned")),
        )
    session.date, session.venue, session.pinned = locked.date, locked.venue, True
    return session


def batch_pin(*, batch: Batch, pinned: bool, acting_user: Any) -> int:
    """Pin (or unpin) every session of a batch: the scheduler keeps a pinned batch where it is.
    Returns how many sessions changed."""
    with transaction.atomic():
        changed = Session.objects.filter(batch=batch).exclude(pinned=pinned).update(pinned=pinned)
        if not Session.objects.filter(batch=batch).exists():
            raise ServiceError(_("Angkatan ini belum punya jadwal untuk dipatok."))
        if changed:
            audit_event(
                actor=acting_user,
                action="delivery.batch.pin" if pinned else "delivery.batch.unpin",
                target=batch,
                instansi=batch.instansi,
                after={"pinned": pinned},
            )
    return changed


def batch_trainers_set(*, batch: Batch, trainers: Iterable[Trainer], acting_user: Any) -> Batch:
    """Change who teaches a batch; refused if a new trainer is busy or unavailable on one of
    the batch's session days."""
    trainers = list(trainers)
    if any(t.instansi_id != batch.instansi_id for t in trainers):
        raise ServiceError({"trainers": [_("Ada pengajar yang bukan milik instansi ini.")]})
    with transaction.atomic():
        locked = Batch.objects.select_for_update().get(pk=batch.pk)
        current = set(locked.trainers.values_list("pk", flat=True))
        added = [t for t in trainers if t.pk not in current]
        conflicts: list[Conflict] = []
        if added:
            for session in locked.sessions.order_by("date"):
                conflicts += [
                    c
                    for c in conflicts_for(
                        batch=locked, date=session.date, venue=None, trainers=added, session=session
                    )
                    if c.code.startswith("trainer_")
                ]
        if conflicts:
            raise _refuse(conflicts)
        locked.trainers.set(trainers)
        audit_event(
            actor=acting_user,
            action="delivery.batch.trainers",
            target=locked,
            instansi=locked.instansi,
            before={"trainers": sorted(current)},
            after={"trainers": sorted(t.pk for t in trainers)},
        )
    return locked
