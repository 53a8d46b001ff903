"""Lock-out after repeated failed logins, on top of django-axes.

Two counters. The account counter locks the account a login name reaches, whatever spelling
reached it (``Medan.asn``, ``MEDAN.asn`` and a NIP written with spaces or dots are one account).
The address counter locks a network address after many failures across any accounts; its limit is
higher because a whole kantor often sits behind one NAT address.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from bangkom.accounts.backends import find_login_user, nip_digits


def canonical_login_name(identifier: str | None) -> str | None:
    """The name axes counts failures under: the reached account's username, or, for a name that
    reaches no account, one normalised form so that its spellings still share one counter."""
    if identifier is None:
        return None
    user = find_login_user(identifier)
    if user is not None:
        return user.username
    return nip_digits(identifier) or identifier.strip().casefold()


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the canonical name for the typed login name."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        typed = credentials.get(field)
    elif request is not None:
        typed = getattr(request, "data", request.POST).get(field)
    else:
        typed = None
    return canonical_login_name(typed if isinstance(typed, str) else None)


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address within the cool-off period, over all accounts."""
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    if not address:
        return 0
    recent = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gt=get_cool_off_threshold(request)
    )
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_locked(request: HttpRequest) -> bool:
    return address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT


class AccountAndAddressHandler(AxesDatabaseHandler):
    """The axes database handler that also locks an address after too many failures."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        return super().is_locked(request, credentials) or address_locked(request)

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and address_locked(request):
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
