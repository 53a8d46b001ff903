"""Home-page items of the surveys: open questionnaires the ASN has not answered yet."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bangkom.accounts.scope import Scope
from bangkom.core.todos import Todo
from bangkom.surveys.access import respondent, surveys_for_respondent

SHOWN = 5


def todos(user: Any, scope: Scope, today: datetime.date) -> list[Todo]:
    if not scope.employee_id:
        return []
    employee = respondent(user)
    if employee is None:
        return []
    waiting = (
        surveys_for_respondent(employee)
        .filter(opens_on__lte=today, closes_on__gte=today)
        .exclude(responses__employee=employee)
        .order_by("closes_on", "id")[:SHOWN]
    )
    return [
        Todo(
            text=_("Isi survei “%(judul)s” (ditutup %(tanggal)s)")
            % {"judul": survey.judul, "tanggal": date_format(survey.closes_on, "j M Y")},
            url=reverse("surveys:answer", args=[survey.pk]),
            due=survey.closes_on,
        )
        for survey in waiting
    ]
