"""The secret token of a user's personal calendar feed."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction

from bangkom.core.audit import audit_event
from bangkom.delivery.models import CalendarFeed


def calendar_token_renew(*, user: Any, acting_user: Any) -> str:
    """Make a new secret token for ``user``'s feed and return it (only its hash is stored, so
    this is the one time it can be shown). The previous URL stops working."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        feed, created = CalendarFeed.objects.update_or_create(
            user=user, defaults={"token_hash": CalendarFeed.hash_token(token)}
        )
        audit_event(
            actor=acting_user,
            action="delivery.calendar_token.create" if created else "delivery.calendar_token.renew",
            target=feed,
        )
    return token
