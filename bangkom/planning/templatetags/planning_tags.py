"""Display helpers of the plan pages."""

from __future__ import annotations

from typing import Any

from django import template

from bangkom.planning.optimiser.model import format_rupiah

register = template.Library()

MONTHS = (
    "", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember",
)  # fmt: skip


@register.filter
def rupiah(value: Any) -> str:
    """``250000000`` → ``Rp250.000.000``."""
    if value in (None, ""):
        return "—"
    return format_rupiah(float(value))


@register.filter
def month_name(value: Any) -> str:
    try:
        return MONTHS[int(value)]
    except (TypeError, ValueError, IndexError):
        return "—"


@register.filter
def number(value: Any, digits: int = 1) -> str:
    """A float with Indonesian decimal comma, trailing zeros dropped."""
    if value in (None, ""):
        return "—"
    text = f"{float(value):,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text
