"""Home-page items of the assessments: the ASN's self-assessment, the supervisor's ratings of
their team, the admins' calibrations (see :mod:`bangkom.core.todos`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bangkom.accounts.scope import Scope
from bangkom.assessments.access import flags_for_user
from bangkom.assessments.models import Assessment, AssessmentRound, AssessmentSource, RoundStatus
from bangkom.competencies.models import PositionStandard
from bangkom.core.todos import Todo
from bangkom.organisation.models import Employee


def todos(user: Any, scope: Scope, today: datetime.date) -> list[Todo]:
    items: list[Todo] = []
    if scope.employee_id and scope.employee_instansi_id:
        items += _self_and_team(scope, scope.employee_id, scope.employee_instansi_id, today)
    if scope.is_admin or scope.is_opd_admin:
        open_flags = flags_for_user(user).filter(calibration__isnull=True).count()
        if open_flags:
            items.append(
                Todo(
                    text=ngettext(
                        "%(n)d selisih penilaian diri dan atasan menunggu kalibrasi",
                        "%(n)d selisih penilaian diri dan atasan menunggu kalibrasi",
                        open_flags,
                    )
                    % {"n": open_flags},
                    url=reverse("assessments:calibration"),
                    count=open_flags,
                )
            )
    return items


def _self_and_team(
    scope: Scope, employee_id: int, instansi_id: int, today: datetime.date
) -> list[Todo]:
    assessment_round = AssessmentRound.objects.filter(
        instansi_id=instansi_id, status=RoundStatus.OPEN, opens_on__lte=today
    ).first()
    if assessment_round is None:
        return []
    overdue = today > assessment_round.closes_on
    items = []
    me = Employee.objects.filter(pk=employee_id).values_list("position_id", flat=True)
    position_id = me.first()
    if position_id is not None:
        required = PositionStandard.objects.filter(position_id=position_id).count()
        rated = (
            Assessment.objects.filter(
                round=assessment_round, employee_id=employee_id, source=AssessmentSource.SELF
            )
            .values("competency_id")
            .distinct()
            .count()
        )
        if required and rated < required:
            items.append(
                Todo(
                    text=_("Penilaian diri: %(rated)d dari %(required)d kompetensi")
                    % {"rated": rated, "required": required},
                    url=reverse("assessments:self_assessment"),
                    overdue=overdue,
                    due=assessment_round.closes_on,
                )
            )
    if scope.is_supervisor:
        team = (
            Employee.objects.filter(supervisor_id=employee_id, is_active=True)
            .annotate(
                rated=Count(
                    "assessments__competency",
                    filter=Q(
                        assessments__round=assessment_round,
                        assessments__source=AssessmentSource.SUPERVISOR,
                    ),
                    distinct=True,
                )
            )
            .filter(rated=0)
            .count()
        )
        if team:
            items.append(
                Todo(
                    text=ngettext(
                        "%(n)d bawahan belum Anda nilai pada %(round)s",
                        "%(n)d bawahan belum Anda nilai pada %(round)s",
                        team,
                    )
                    % {"n": team, "round": assessment_round.nama},
                    url=reverse("assessments:supervisor_grid"),
                    count=team,
                    overdue=overdue,
                    due=assessment_round.closes_on,
                )
            )
    return items
