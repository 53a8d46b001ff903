"""How an API request says who it is: a bearer token, or the browser's session.

A token request never needs CSRF (a cross-site page cannot set the ``Authorization`` header); a
session request does for unsafe methods, because the browser sends the cookie on its own.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from bangkom.accounts.models import ApiToken

# ``last_used_at`` is for the owner to spot forgotten tokens; minute precision is plenty, and it
# spares a write on every request of a busy integration.
LAST_USED_RESOLUTION = timedelta(minutes=1)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class InvalidToken(AuthenticationError):
    """A bearer token was sent but is unknown, revoked or belongs to an inactive user."""


class CsrfFailed(HttpError):
    def __init__(self) -> None:
        super().__init__(403, "CSRF")


class TokenAuth(HttpBearer):
    """``Authorization: Bearer bk_…`` with a key made on the *Token API* page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = ApiToken.lookup(token.strip()) if token.strip() else None
        if api_token is None:
            # A client that sends a token wants to be that token's user: do not fall back to a
            # session cookie that may belong to someone else.
            raise InvalidToken()
        touch_token(api_token)
        request.user = api_token.user
        return api_token.user


def touch_token(api_token: ApiToken) -> None:
    now = timezone.now()
    stale_before = now - LAST_USED_RESOLUTION
    if api_token.last_used_at is not None and api_token.last_used_at > stale_before:
        return
    # Conditional, so that concurrent requests of one token still write at most once a minute.
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale_before), pk=api_token.pk
    ).update(last_used_at=now)
    api_token.last_used_at = now


class SessionAuth(APIKeyCookie):
    """The logged-in browser (the UI's own session), with Django's CSRF check on writes.

    Unlike ninja's ``SessionAuth`` it checks CSRF only once the session is known to be logged
    in, so that a request with no credentials at all answers 401 rather than 403.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # ninja's cookie auth checks CSRF here, before knowing whether anyone is logged in.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise CsrfFailed()
        return user


def api_auth() -> list[Any]:
    """Token first: a request with a bearer header is judged by its token alone."""
    return [TokenAuth(), SessionAuth()]
