"""Small helpers to read typed settings from the environment."""

from __future__ import annotations

import os

_TRUE = {"1", "true", "yes", "on", "ya"}
_FALSE = {"0", "false", "no", "off", "tidak"}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name} harus true/false, bukan {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int, *, low: int, high: int) -> int:
    """An integer setting within [low, high]; anything else stops the start with a clear message."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ValueError(f"{name} harus bilangan bulat, bukan {raw!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{name} harus antara {low} dan {high}, bukan {value}")
    return value


def is_strong_secret(secret: str, *, weak: str) -> bool:
    """The rule of Django's deploy check (security.W009): long, varied and not a known default."""
    return (
        len(secret) >= 50
        and len(set(secret)) >= 5
        and secret != weak
        and not secret.startswith("django-insecure-")
    )
