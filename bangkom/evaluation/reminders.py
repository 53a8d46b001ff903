"""Level 3 reminders: a pending behaviour follow-up reminds its supervisor until it is done, and
escalates to the OPD admins of the ASN's unit once it is long overdue.

:func:`behaviour_reminders_send` (``bangkom behaviour-reminders [--date D]``, daily from cron) for
each pending follow-up due on or before ``on``:

- reminds the supervisor on the due date and every ``REMIND_EVERY_DAYS`` (7) days after, until
  the follow-up is done;
- from ``ESCALATE_AFTER_DAYS`` (14) days overdue, or at once when the follow-up has no
  supervisor, also tells the OPD admins whose subtree holds the ASN's unit, at the same pace.

Idempotent: a reminder is recorded per follow-up, level and day (:class:`BehaviourReminder`),
and sent only when none of its level went out in the last ``REMIND_EVERY_DAYS`` days. Messages
leave after the commit (``delivery.services.notifications.notify``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from bangkom.accounts.models import Role, RoleAssignment
from bangkom.core.audit import audit_event
from bangkom.delivery.services.notifications import Message, message_for, notify
from bangkom.evaluation.models import (
    BehaviourFollowUp,
    BehaviourReminder,
    BehaviourStatus,
    ReminderLevel,
)

REMIND_EVERY_DAYS = 7
ESCALATE_AFTER_DAYS = 14
MAX_PER_RUN = 5000


@dataclass
class ReminderReport:
    supervisor: int = 0
    escalated: int = 0


def _due(follow_up_id: int, level: str, on: dt.date, last: dict[tuple[int, str], dt.date]) -> bool:
    sent = last.get((follow_up_id, level))
    return sent is None or (on - sent).days >= REMIND_EVERY_DAYS


def opd_admin_messages(follow_up: BehaviourFollowUp, subject: str, text: str) -> list[Message]:
    """Messages to the active OPD admins whose unit subtree holds the ASN's unit."""
    unit = follow_up.enrolment.employee.unit
    if unit is None:
        return []
    ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    link = reverse("evaluation:follow_up_list")
    return [
        Message(a.user_id, a.user.email, subject, text, link)
        for a in RoleAssignment.objects.filter(
            role=Role.OPD_ADMIN, unit_id__in=ancestors, user__is_active=True
        ).select_related("user")
    ]


def behaviour_reminders_send(*, on: dt.date, acting_user: Any = None) -> ReminderReport:
    """Send the day's Level 3 reminders (see the module docstring); returns how many follow-ups
    were reminded at each level."""
    report = ReminderReport()
    pending = list(
        BehaviourFollowUp.objects.filter(status=BehaviourStatus.PENDING, due_date__lte=on)
        .select_related(
            "supervisor",
            "enrolment__employee__unit",
            "enrolment__batch__instansi",
            "enrolment__batch__plan_program__template",
        )
        .order_by("due_date", "pk")[:MAX_PER_RUN]
    )
    last = {
        (row["follow_up_id"], row["level"]): row["sent"]
        for row in BehaviourReminder.objects.filter(follow_up__in=pending)
        .values("follow_up_id", "level")
        .annotate(sent=Max("sent_on"))
        .order_by()
    }
    for follow_up in pending:
        overdue = (on - follow_up.due_date).days
        employee = follow_up.enrolment.employee
        batch = follow_up.enrolment.batch
        levels: list[str] = []
        if follow_up.supervisor_id and _due(follow_up.pk, ReminderLevel.SUPERVISOR, on, last):
            levels.append(ReminderLevel.SUPERVISOR)
        if (overdue >= ESCALATE_AFTER_DAYS or not follow_up.supervisor_id) and _due(
            follow_up.pk, ReminderLevel.OPD_ADMIN, on, last
        ):
            levels.append(ReminderLevel.OPD_ADMIN)
        if not levels:
            continue
        facts = {
            "name": employee.display_name,
            "batch": batch,
            "due": follow_up.due_date.strftime("%d-%m-%Y"),
            "days": overdue,
        }
        with transaction.atomic():
            for level in levels:
                _reminder, created = BehaviourReminder.objects.get_or_create(
                    follow_up=follow_up, level=level, sent_on=on
                )
                if not created:
                    continue
                if level == ReminderLevel.SUPERVISOR:
                    messages = [
                        message_for(
                            follow_up.supervisor,
                            _("Pengingat evaluasi pasca pelatihan"),
                            _(
                                "Mohon isi evaluasi pasca pelatihan %(name)s untuk %(batch)s "
                                "(jatuh tempo %(due)s, lewat %(days)d hari)."
                            )
                            % facts,
                            reverse("evaluation:follow_up_form", args=[follow_up.pk]),
                        )
                    ]
                    report.supervisor += 1
                else:
                    messages = opd_admin_messages(
                        follow_up,
                        _("Evaluasi pasca pelatihan terlambat"),
                        _(
                            "Evaluasi pasca pelatihan %(name)s untuk %(batch)s belum diisi "
                            "atasannya: jatuh tempo %(due)s, lewat %(days)d hari. Mohon "
                            "tindak lanjuti."
                        )
                        % facts,
                    )
                    report.escalated += 1
                BehaviourReminder.objects.filter(
                    follow_up=follow_up, level=level, sent_on=on
                ).update(recipients=len(messages))
                notify(messages)
                audit_event(
                    actor=acting_user,
                    action="evaluation.follow_up.remind",
                    target=follow_up,
                    instansi=batch.instansi,
                    after={"tingkat": level, "tanggal": on.isoformat(), "penerima": len(messages)},
                )
    return report
