"""Language, session limits and security headers that every response carries."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from bangkom.core.middleware import SEEN_KEY

if TYPE_CHECKING:
    from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_indonesian(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/akun/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="id">' in page
    assert "Masuk ke Bangkom" in page
    assert response["Content-Language"] == "id"


def test_the_chosen_language_is_remembered_for_a_year(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"})
    assert response.cookies["django_language"]["max-age"] == 365 * 86400
    assert '<html lang="en">' in client.get("/akun/masuk/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_indonesian(client) -> None:  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "xx"
    assert '<html lang="id">' in client.get("/akun/masuk/").content.decode()


def test_every_page_has_a_content_security_policy(client) -> None:  # type: ignore[no-untyped-def]
    policy = client.get("/akun/masuk/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    """The policy forbids them; the browser would silently ignore such code."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "bangkom"
    offending = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if re.search(
            r"<script(?![^>]*\bsrc=)(?![^>]*application/json)|\son[a-z]+=", path.read_text()
        )
    ]
    assert offending == []


def test_signed_in_pages_are_not_cached(client, world: World) -> None:  # type: ignore[no-untyped-def]
    assert "no-store" not in client.get("/halaman-yang-tidak-ada/").get("Cache-Control", "")
    client.force_login(world.user("employee"))
    cache_control = client.get("/")["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_a_session_idle_too_long_is_ended(client, world: World, settings) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("employee"))
    assert client.get("/").status_code == 200
    session = client.session
    session[SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")
    assert client.get("/").status_code == 302  # logged out, not only redirected once


def test_a_recently_active_session_continues(client, world: World, settings) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("employee"))
    session = client.session
    session[SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_SECONDS + 120
    session.save()
    assert client.get("/").status_code == 200


def test_a_session_has_an_absolute_expiry_that_activity_does_not_extend(
    client, world: World, settings
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("employee"))
    client.get("/")
    first = client.session.get_expiry_date()
    session = client.session
    session[SEEN_KEY] = int(time.time()) - 3600  # an hour ago: the visit below is recorded
    session.save()
    client.get("/")
    assert client.session.get_expiry_date() == first
    assert client.session.get_expiry_age() <= settings.SESSION_MAX_AGE_SECONDS


def test_a_nul_byte_in_the_query_is_a_plain_bad_request(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/akun/masuk/", {"next": "/", "q": "a\x00b"})
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()
    assert client.get("/akun/masuk/", {"q": "ab"}).status_code == 200
