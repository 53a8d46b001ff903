"""Home-page items of the needs analysis: an instansi whose needs for its planning year have not
been computed (or whose last computation failed) tells its BKPSDM admins."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from bangkom.accounts.scope import Scope
from bangkom.core.todos import Todo
from bangkom.needs.models import Recomputation, RecomputationStatus
from bangkom.organisation.models import Instansi
from bangkom.organisation.plan_year import current_plan_year

SHOWN_INSTANSI = 5


def todos(user: Any, scope: Scope, today: datetime.date) -> list[Todo]:
    if not scope.admin_instansi_ids:
        return []
    instansi_list = list(
        Instansi.objects.filter(pk__in=scope.admin_instansi_ids).order_by("nama")[:SHOWN_INSTANSI]
    )
    years = {inst.pk: current_plan_year(inst) for inst in instansi_list}
    latest: dict[tuple[int, int], str] = {}
    for instansi_id, tahun, run_status in (
        Recomputation.objects.filter(instansi_id__in=years, tahun__in=set(years.values()))
        .order_by("requested_at", "id")
        .values_list("instansi_id", "tahun", "status")
    ):
        # A failed run after a done one leaves the done analysis in force.
        if run_status != RecomputationStatus.FAILED or (instansi_id, tahun) not in latest:
            latest[(instansi_id, tahun)] = run_status
    items = []
    for inst in instansi_list:
        tahun = years[inst.pk]
        status = latest.get((inst.pk, tahun))
        url = reverse("needs:overview") + f"?instansi={inst.pk}&tahun={tahun}"
        if status is None:
            text = _("Kebutuhan %(tahun)d %(instansi)s belum dihitung")
        elif status == RecomputationStatus.FAILED:
            text = _("Penghitungan kebutuhan %(tahun)d %(instansi)s gagal: hitung ulang")
        else:
            continue
        items.append(Todo(text=text % {"tahun": tahun, "instansi": inst.nama}, url=url))
    return items
