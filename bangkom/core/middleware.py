"""Middleware for what every response needs: the language, the session's limits, security headers.

- Language: Indonesian unless the user chose English with the language switch (a cookie that
  ``django.views.i18n.set_language`` writes). The browser's ``Accept-Language`` is ignored on
  purpose: office PCs are often set to English, and the product is Indonesian first.
- Session limits: a session ends after ``SESSION_IDLE_SECONDS`` without a request and, whatever the
  activity, ``SESSION_MAX_AGE_SECONDS`` after it was first seen signed in (an absolute expiry
  stored in the session, which later saves do not extend).
- Query strings: a NUL byte in a parameter is answered 400 before any view runs (no page takes
  one, and PostgreSQL refuses it in a query); the other values are parsed by ``core.params``.
- Headers: a Content-Security-Policy (every script and style is served by the app itself), and
  ``Cache-Control: private, no-store`` on every response to a signed-in user, so that neither a
  shared proxy nor the browser's back button keeps a page or an export with personal data.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers

Handler = Callable[[HttpRequest], HttpResponse]

SEEN_KEY = "bangkom_seen_at"
# A session records activity at most once a minute, so that an idle timeout costs no database
# write per request.
SEEN_RESOLUTION_SECONDS = 60


def chosen_language(request: HttpRequest) -> str:
    """The language the user chose with the switch, else the product's default (Indonesian)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    available = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in available else settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Activates the chosen language; in place of Django's LocaleMiddleware."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class SessionLimitMiddleware:
    """Ends a signed-in session after its idle timeout, and fixes its absolute expiry."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            seen = request.session.get(SEEN_KEY)
            if isinstance(seen, int | float) and now - seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if not isinstance(seen, int | float):
                request.session.set_expiry(
                    timezone.now() + timedelta(seconds=settings.SESSION_MAX_AGE_SECONDS)
                )
            if not isinstance(seen, int | float) or now - seen >= SEEN_RESOLUTION_SECONDS:
                request.session[SEEN_KEY] = int(now)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class QueryGuardMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(render_to_string("400.html", request=request))
        return self.get_response(request)
