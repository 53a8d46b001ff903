"""No value in the address bar makes a page fail: every page, with every query parameter the
pages read set to what a user (or a scanner) might type, answers without a server error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from bangkom.core.params import MAX_ID, clean_text, parse_id, parse_int
from tests.test_view_permissions import PAGES

if TYPE_CHECKING:
    from bangkom.testing.world import World

# Every name a page reads from request.GET (grep "request.GET" and the selectors' params).
PARAMETERS = [
    *["instansi", "unit", "parent", "page", "tahun", "q", "jenis", "kelas", "status"],
    *["predikat", "periode", "a", "b", "run", "per", "aksi", "pelaku", "objek", "kategori"],
    *["tempat", "poll", "next"],
]
HOSTILE = ("abc", "1e5", "\x00", str(MAX_ID + 1), "-1", "0", "1.5", "' OR 1=1 --", "9" * 40)
PERSONAS = ("superadmin", "bkpsdm", "opd_admin", "employee")


def _plain_routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    """Every page address without a path argument (list, new and overview pages)."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or route.startswith(("api/", "i18n/")):
            continue
        if isinstance(entry, URLResolver):
            yield from _plain_routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield "/" + route.lstrip("^").rstrip("$")


@pytest.mark.django_db
def test_no_query_value_makes_any_page_fail(client, world: World) -> None:  # type: ignore[no-untyped-def]
    addresses = sorted(set(_plain_routes())) + [build(world) for _name, build, _ in PAGES]
    client.raise_request_exception = False  # a server error is counted below, not raised
    failures = []
    for persona in PERSONAS:
        client.force_login(world.user(persona))
        for address in addresses:
            base = address.split("?")[0]
            for value in HOSTILE:
                query = {name: value for name in PARAMETERS}
                response = client.get(base, query)
                if response.status_code >= 500:
                    failures.append(f"{persona} {base} all={value!r}")
            for name in PARAMETERS:  # one bad value among good defaults
                response = client.get(base, {name: "abc"})
                if response.status_code >= 500:
                    failures.append(f"{persona} {base} {name}='abc'")
    assert failures == [], "\n".join(failures)


def test_parse_id_takes_plain_digits_in_range_only() -> None:
    assert parse_id("42") == 42
    assert parse_id(" 7 ") == 7
    assert parse_id(str(MAX_ID)) == MAX_ID
    for bad in ("abc", "1e5", "\x00", str(MAX_ID + 1), "-1", "0", "1.5", "٣", "", None, True):
        assert parse_id(bad) is None, bad


def test_parse_int_keeps_to_its_bounds() -> None:
    assert parse_int("2026", low=2000, high=2100) == 2026
    assert parse_int("-3", low=-5, high=5) == -3
    for bad in ("1999", "2101", "20 26", "2e3", "", "9" * 40):
        assert parse_int(bad, low=2000, high=2100) is None, bad


def test_clean_text_drops_control_characters_and_bounds_length() -> None:
    assert clean_text(" a\x00b\tc ") == "abc"
    assert len(clean_text("x" * 1000)) == 200
