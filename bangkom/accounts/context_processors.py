"""Template context shared by every page: the user's scope for the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from bangkom.accounts.models import ApiToken
from bangkom.accounts.scope import scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_for(user)

    def show_api() -> bool:
        """The API entries of the menu are for admins and for those who made a token (the
        tokens page stays open to everyone at its address); ASN and partner staff who never
        asked for API access do not see them."""
        if scope.is_admin or scope.is_opd_admin or scope.superadmin_national:
            return True
        if user is None or not user.is_authenticated:
            return False
        return ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()

    return {"scope": scope, "show_api": show_api}
