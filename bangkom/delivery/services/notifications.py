"""Notifications of the enrolment flows, in the app and by e-mail (console backend in
development): a nomination, a supervisor's decision, a reminder before a session, a schedule
change. Both leave after the commit (``transaction.on_commit``), so a rolled-back change
notifies nobody; the in-app rows are written by the same deferred callback.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import get_connection, send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.accounts.models import User
from bangkom.core.audit import audit_event
from bangkom.delivery.models import (
    ACTIVE_ENROLMENT_STATUSES,
    Enrolment,
    EnrolmentStatus,
    Notification,
    Session,
    SessionReminder,
)
from bangkom.organisation.models import Employee

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    user_id: int | None
    email: str
    subject: str
    text: str
    link: str


def message_for(employee: Employee | None, subject: str, text: str, link: str = "") -> Message:
    """A message to an employee: to their account (in-app) and their e-mail, where they exist."""
    if employee is None:
        return Message(None, "", subject, text, link)
    user = User.objects.filter(employee=employee, is_active=True).first()
    email = employee.email or (user.email if user else "")
    return Message(user.pk if user else None, email, subject, text, link)


def _deliver(messages: list[Message]) -> None:
    Notification.objects.bulk_create(
        [
            Notification(user_id=m.user_id, text=m.text[:500], link=m.link[:300])
            for m in messages
            if m.user_id
        ]
    )
    mails = [
        (m.subject, f"{m.text}\n\n{m.link}".strip(), settings.DEFAULT_FROM_EMAIL, [m.email])
        for m in messages
        if m.email
    ]
    if mails:
        try:
            send_mass_mail(mails, fail_silently=False, connection=get_connection())
        except OSError:  # the mail server being down must not break the page that notified
            logger.exception("notification e-mail failed")


def notify(messages: Iterable[Message]) -> None:
    """Queue the messages to leave after the current transaction commits."""
    pending = [m for m in messages if m.user_id or m.email]
    if pending:
        transaction.on_commit(lambda: _deliver(pending))


def _my_trainings_link() -> str:
    return reverse("delivery:my_trainings")


def _nominations_link() -> str:
    return reverse("delivery:team_nominations")


def notify_nomination(enrolment: Enrolment) -> None:
    """A nomination: the ASN learns of it, the supervisor is asked to decide."""
    batch, employee = enrolment.batch, enrolment.employee
    out = [
        message_for(
            employee,
            _("Pencalonan pelatihan"),
            _("Anda dicalonkan mengikuti %(batch)s; menunggu persetujuan atasan.")
            % {"batch": batch},
            _my_trainings_link(),
        )
    ]
    if employee.supervisor_id:
        out.append(
            message_for(
                employee.supervisor,
                _("Pencalonan menunggu keputusan Anda"),
                _("%(name)s dicalonkan mengikuti %(batch)s. Setujui atau tolak pencalonannya.")
                % {"name": employee.display_name, "batch": batch},
                _nominations_link(),
            )
        )
    notify(out)


def notify_decision(enrolment: Enrolment) -> None:
    batch = enrolment.batch
    if enrolment.status == EnrolmentStatus.DECLINED:
        text = _("Atasan menolak pencalonan Anda di %(batch)s. Alasan: %(reason)s") % {
            "batch": batch,
            "reason": enrolment.reason,
        }
    else:
        text = _("Atasan menyetujui pencalonan Anda di %(batch)s. Mohon konfirmasi kehadiran.") % {
            "batch": batch
        }
    notify([message_for(enrolment.employee, _("Keputusan pencalonan"), text, _my_trainings_link())])


def notify_promoted(enrolment: Enrolment) -> None:
    notify(
        [
            message_for(
                enrolment.employee,
                _("Anda mendapat kursi pelatihan"),
                _("Ada kursi kosong di %(batch)s; Anda naik dari daftar tunggu.")
                % {"batch": enrolment.batch},
                _my_trainings_link(),
            )
        ]
    )


def notify_schedule_change(session: Session, old_date: dt.date) -> None:
    """The session of a batch moved: tell everyone enrolled in it."""
    enrolments = Enrolment.objects.filter(
        batch_id=session.batch_id, status__in=ACTIVE_ENROLMENT_STATUSES
    ).select_related("employee")
    venue = session.venue.name if session.venue_id and session.venue else _("daring")
    text = _("Jadwal %(batch)s berubah: sesi %(old)s pindah ke %(new)s (%(venue)s).") % {
        "batch": session.batch,
        "old": old_date.strftime("%d-%m-%Y"),
        "new": session.date.strftime("%d-%m-%Y"),
        "venue": venue,
    }
    notify(
        message_for(e.employee, _("Perubahan jadwal pelatihan"), text, _my_trainings_link())
        for e in enrolments
    )


# Enrolments reminded of their sessions: those expected to come.
REMINDED_STATUSES = (EnrolmentStatus.APPROVED, EnrolmentStatus.CONFIRMED)


def session_reminders_send(*, on: dt.date, acting_user: Any = None) -> int:
    """Remind every approved or confirmed ASN of their sessions on ``on``. Idempotent per
    enrolment and session (``SessionReminder``); returns how many reminders were new."""
    sent = 0
    sessions = Session.objects.filter(date=on).select_related(
        "batch__plan_program__template", "batch__instansi", "venue"
    )
    for session in sessions:
        with transaction.atomic():
            # One run per session at a time, so two runs cannot both remind the same ASN.
            Session.objects.select_for_update(of=("self",)).filter(pk=session.pk).order_by(
                "pk"
            ).first()
            done = set(
                SessionReminder.objects.filter(session=session).values_list(
                    "enrolment_id", flat=True
                )
            )
            enrolments = [
                e
                for e in Enrolment.objects.filter(
                    batch_id=session.batch_id, status__in=REMINDED_STATUSES
                ).select_related("employee")
                if e.pk not in done
            ]
            if not enrolments:
                continue
            SessionReminder.objects.bulk_create(
                [SessionReminder(enrolment=e, session=session) for e in enrolments]
            )
            venue = session.venue.name if session.venue else _("daring")
            text = _("Pengingat: %(batch)s pada %(date)s pukul %(time)s di %(venue)s.") % {
                "batch": session.batch,
                "date": session.date.strftime("%d-%m-%Y"),
                "time": session.start_time.strftime("%H:%M"),
                "venue": venue,
            }
            notify(
                message_for(e.employee, _("Pengingat sesi pelatihan"), text, _my_trainings_link())
                for e in enrolments
            )
            audit_event(
                actor=acting_user,
                action="delivery.session.remind",
                target=session,
                instansi=session.batch.instansi,
                note=str(len(enrolments)),
            )
            sent += len(enrolments)
    return sent


def notification_mark_read(*, user: Any, pk: int | None = None) -> int:
    """Mark one (or all) of the user's notifications read; returns how many changed."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())
