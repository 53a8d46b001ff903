"""Home-page items of recognition: completed learning still without its certificate (for the
BKPSDM that issues them) and the ASN's newest certificates."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from bangkom.accounts.scope import Scope
from bangkom.core.todos import Todo
from bangkom.delivery.models import JpCredit
from bangkom.recognition.models import Certificate

RECENT = datetime.timedelta(days=30)


def todos(user: Any, scope: Scope, today: datetime.date) -> list[Todo]:
    items: list[Todo] = []
    if scope.admin_instansi_ids:
        without = JpCredit.objects.filter(
            employee__instansi_id__in=scope.admin_instansi_ids,
            year=today.year,
            certificate__isnull=True,
        ).count()
        if without:
            items.append(
                Todo(
                    text=ngettext(
                        "%(n)d kegiatan selesai %(tahun)d belum bersertifikat",
                        "%(n)d kegiatan selesai %(tahun)d belum bersertifikat",
                        without,
                    )
                    % {"n": without, "tahun": today.year},
                    url=reverse("recognition:bulk_issue"),
                    count=without,
                )
            )
    if scope.employee_id:
        new = Certificate.objects.filter(
            employee_id=scope.employee_id, issued_at__date__gte=today - RECENT
        ).count()
        if new:
            items.append(
                Todo(
                    text=ngettext(
                        "%(n)d sertifikat baru untuk Anda: unduh atau bagikan",
                        "%(n)d sertifikat baru untuk Anda: unduh atau bagikan",
                        new,
                    )
                    % {"n": new},
                    url=reverse("recognition:my_certificates"),
                    count=new,
                )
            )
    return items
