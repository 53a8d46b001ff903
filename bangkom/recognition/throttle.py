"""A small per-address limit on failed certificate look-ups, against guessing codes.

Counted in the cache per address (hashed, so no address is stored in clear) and fixed window:
``CERTIFICATE_LOOKUP_LIMIT`` unknown codes per ``CERTIFICATE_LOOKUP_WINDOW`` seconds; past it,
every look-up from that address answers 429 until the window ends. A real certificate's QR
code is looked up once and found, so honest use stays far below the limit. The cache must be
shared by the web workers (e.g. Django's database or Redis cache) for the limit to be exact;
with a per-process cache each worker counts on its own.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

DEFAULT_LIMIT = 20
DEFAULT_WINDOW = 15 * 60


def _limit() -> int:
    return int(getattr(settings, "CERTIFICATE_LOOKUP_LIMIT", DEFAULT_LIMIT))


def _window() -> int:
    return int(getattr(settings, "CERTIFICATE_LOOKUP_WINDOW", DEFAULT_WINDOW))


def _key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    window = int(timezone.now().timestamp()) // _window()
    return f"recognition:lookup:{digest}:{window}"


def is_limited(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= _limit()


def record_miss(request: HttpRequest) -> None:
    key = _key(request)
    if not cache.add(key, 1, timeout=_window()):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=_window())
