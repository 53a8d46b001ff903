"""Home-page items of evaluation: the reaction questionnaires an ASN has not answered, the
supervisor's post-training follow-ups, the follow-up actions someone owns, and the finished
batches whose continue/adjust decision the planner has not made (see :mod:`bangkom.core.todos`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bangkom.accounts.scope import Scope
from bangkom.core.todos import Todo
from bangkom.delivery.models import Batch, BatchStatus, Enrolment, EnrolmentStatus
from bangkom.evaluation.models import (
    ActionStatus,
    BehaviourFollowUp,
    BehaviourStatus,
    FollowUpAction,
)

SHOWN = 5


def todos(user: Any, scope: Scope, today: datetime.date) -> list[Todo]:
    items: list[Todo] = []
    if scope.employee_id:
        unanswered = (
            Enrolment.objects.filter(
                employee_id=scope.employee_id,
                status=EnrolmentStatus.COMPLETED,
                reaction_submission__isnull=True,
            )
            .select_related("batch__plan_program__template")
            .order_by("-completed_at", "pk")[:SHOWN]
        )
        items += [
            Todo(
                text=_("Beri penilaian untuk pelatihan %(program)s (anonim)")
                % {"program": enrolment.batch.plan_program.template.judul},
                url=reverse("evaluation:reaction_form", args=[enrolment.batch_id]),
            )
            for enrolment in unanswered
        ]
        due = BehaviourFollowUp.objects.filter(
            supervisor_id=scope.employee_id, status=BehaviourStatus.PENDING, due_date__lte=today
        ).order_by("due_date")
        first = due.first()
        if first is not None:
            count = due.count()
            items.append(
                Todo(
                    text=ngettext(
                        "%(n)d evaluasi pasca-pelatihan bawahan sudah jatuh tempo",
                        "%(n)d evaluasi pasca-pelatihan bawahan sudah jatuh tempo",
                        count,
                    )
                    % {"n": count},
                    url=reverse("evaluation:follow_up_list"),
                    count=count,
                    due=first.due_date,
                    overdue=first.due_date < today,
                )
            )
    owned = FollowUpAction.objects.filter(owner_id=user.pk, status=ActionStatus.OPEN)
    first_action = owned.order_by("due_date").first()
    if first_action is not None:
        count = owned.count()
        items.append(
            Todo(
                text=ngettext(
                    "%(n)d tindak lanjut evaluasi menjadi tanggung jawab Anda",
                    "%(n)d tindak lanjut evaluasi menjadi tanggung jawab Anda",
                    count,
                )
                % {"n": count},
                url=reverse("evaluation:action_list"),
                count=count,
                due=first_action.due_date,
                overdue=first_action.due_date < today,
            )
        )
    if scope.admin_instansi_ids:
        undecided = Batch.objects.filter(
            instansi_id__in=scope.admin_instansi_ids,
            status=BatchStatus.COMPLETED,
            evaluation_decision__isnull=True,
        ).count()
        if undecided:
            items.append(
                Todo(
                    text=ngettext(
                        "%(n)d angkatan selesai menunggu keputusan evaluasi (lanjutkan atau "
                        "sesuaikan)",
                        "%(n)d angkatan selesai menunggu keputusan evaluasi (lanjutkan atau "
                        "sesuaikan)",
                        undecided,
                    )
                    % {"n": undecided},
                    url=reverse("evaluation:batch_list"),
                    count=undecided,
                )
            )
    return items
