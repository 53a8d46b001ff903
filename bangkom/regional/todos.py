"""Home-page items of the regional evidence: public input waiting for moderation."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import ngettext

from bangkom.accounts.scope import Scope
from bangkom.core.todos import Todo
from bangkom.regional.access import inputs_for_user
from bangkom.regional.models import InputStatus


def todos(user: Any, scope: Scope, today: datetime.date) -> list[Todo]:
    moderated = set(scope.admin_instansi_ids) | {inst for inst, _path in scope.opd_units}
    if not moderated:
        return []
    pending = (
        inputs_for_user(user)
        .filter(instansi_id__in=moderated, status=InputStatus.PENDING)
        .values("instansi_id", "instansi__nama")
        .annotate(n=Count("pk"))
        .order_by("instansi__nama")
    )
    return [
        Todo(
            text=ngettext(
                "%(n)d masukan publik untuk %(instansi)s menunggu moderasi",
                "%(n)d masukan publik untuk %(instansi)s menunggu moderasi",
                row["n"],
            )
            % {"n": row["n"], "instansi": row["instansi__nama"]},
            url=reverse("regional:moderation") + f"?instansi={row['instansi_id']}",
            count=row["n"],
        )
        for row in pending
    ]
