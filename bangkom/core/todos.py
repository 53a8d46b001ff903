"""What is waiting for a user: the items of their home page.

Each app that gives its users work writes a ``todos.py`` with a function
``todos(user, scope, today) -> list[Todo]`` that finds, through the app's own access helpers,
what that user should do next (answer a survey, approve nominations, issue certificates…); the
home page (``bangkom.dashboard``) asks every app and lists the answers, the overdue ones first.
A source must cost a few queries whatever the data's size: the home page is opened all day.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Todo:
    """One thing to do, said in the user's words, with where to do it.

    ``count`` is how many of it wait (shown as a badge; None when it is one thing);
    ``overdue`` marks what is past its date; ``due`` is shown when known.
    """

    text: str
    url: str
    count: int | None = None
    overdue: bool = False
    due: datetime.date | None = None


TodoSource = Callable[[Any, Any, datetime.date], list[Todo]]


def ordered(items: list[Todo]) -> list[Todo]:
    """Overdue first, then by due date (undated last), keeping each app's own order otherwise."""
    return sorted(items, key=lambda t: (not t.overdue, t.due or datetime.date.max))
