"""Reading the query string: every parameter a page takes is parsed here, so that no value a user
can type ("abc", "1e5", a NUL byte, a 20-digit number) reaches the database as it is.

A malformed identifier or number is treated as absent (the page shows its unfiltered default),
which is what a user who edited the address bar expects; nothing here raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The largest value a BigAutoField (and PostgreSQL's bigint) holds.
MAX_ID = 2**63 - 1
MAX_TEXT = 200


def parse_id(raw: Any) -> int | None:
    """A primary key written in plain digits within the database's range, else None."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if 1 <= raw <= MAX_ID else None
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def parse_int(raw: Any, *, low: int, high: int) -> int | None:
    """A whole number in [low, high], else None."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    sign = -1 if text.startswith("-") else 1
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        return None
    value = sign * int(digits)
    return value if low <= value <= high else None


def clean_text(raw: Any, *, max_length: int = MAX_TEXT) -> str:
    """Free text for a search box: stripped, without control characters (NUL among them, which
    PostgreSQL refuses), and at most ``max_length`` characters."""
    if not isinstance(raw, str):
        return ""
    return "".join(ch for ch in raw if ch.isprintable()).strip()[:max_length]


def query_id(params: Mapping[str, Any], name: str) -> int | None:
    return parse_id(params.get(name))


def query_int(params: Mapping[str, Any], name: str, *, low: int, high: int) -> int | None:
    return parse_int(params.get(name), low=low, high=high)


def query_text(params: Mapping[str, Any], name: str, *, max_length: int = MAX_TEXT) -> str:
    return clean_text(params.get(name), max_length=max_length)
