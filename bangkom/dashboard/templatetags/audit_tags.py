"""The audit trail's template filters."""

from __future__ import annotations

from django import template

from bangkom.core.audit_actions import action_label as _action_label

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    """``{{ event.action|action_label }}``: "Rencana disetujui" for ``planning.plan.approve``."""
    return _action_label(code)
