"""What the regional pages share."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from bangkom.competencies.models import Competency
from bangkom.organisation.models import Instansi
from bangkom.regional.access import can_admin, is_manager, regional_instansi_for_user


def instansi_competencies(instansi: Instansi) -> Any:
    """National competencies and the instansi's own technical ones, in dictionary order."""
    from django.db.models import Q

    return Competency.objects.filter(Q(instansi__isnull=True) | Q(instansi=instansi)).order_by(
        "jenis", "kode"
    )


def page_context(request: HttpRequest, instansi: Instansi, active: str) -> dict[str, Any]:
    """The instansi switcher and the tabs of every internal regional page."""
    choices = list(regional_instansi_for_user(request.user)[:50])
    return {
        "instansi": instansi,
        "instansi_choices": choices if len(choices) > 1 else [],
        "active_tab": active,
        "is_admin": can_admin(request.user, instansi),
        "is_manager": is_manager(request.user, instansi),
    }


def with_instansi(url_name: str, instansi: Instansi, *args: Any) -> str:
    return f"{reverse(url_name, args=args)}?instansi={instansi.pk}"


def client_address(request: HttpRequest) -> str:
    """The address the rate limits count (see ``services.guard`` on reverse proxies)."""
    return str(request.META.get("REMOTE_ADDR") or "")
