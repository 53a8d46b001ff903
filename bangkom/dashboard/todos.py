"""The home page's "what is waiting for you": every app's to-do source, asked in turn.

Each source lives in its app (``bangkom/<app>/todos.py``) and scopes what it counts through that
app's access helpers; the dashboard only collects and orders (:mod:`bangkom.core.todos`).
"""

from __future__ import annotations

import datetime
from typing import Any

from bangkom.accounts.scope import scope_for
from bangkom.assessments import todos as assessments
from bangkom.core.todos import Todo, TodoSource, ordered
from bangkom.delivery import todos as delivery
from bangkom.evaluation import todos as evaluation
from bangkom.needs import todos as needs
from bangkom.planning import todos as planning
from bangkom.recognition import todos as recognition
from bangkom.regional import todos as regional
from bangkom.surveys import todos as surveys

# In the order of the yearly cycle: needs, plan, delivery, evaluation, recognition.
SOURCES: tuple[TodoSource, ...] = (
    assessments.todos,
    surveys.todos,
    regional.todos,
    needs.todos,
    planning.todos,
    delivery.todos,
    evaluation.todos,
    recognition.todos,
)


def todos_for(user: Any, today: datetime.date) -> list[Todo]:
    scope = scope_for(user)
    return ordered([item for source in SOURCES for item in source(user, scope, today)])
