"""Template helpers of the Level 4 results page."""

from __future__ import annotations

from django import template

from bangkom.evaluation.results import Measure, UnitRow

register = template.Library()


@register.filter
def measure(row: UnitRow, key: str) -> Measure:
    return row.measure(key)
