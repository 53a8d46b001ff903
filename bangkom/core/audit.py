"""Writing audit rows. Services call these inside their own transaction."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import models

from bangkom.core.audit_actions import is_known_action
from bangkom.core.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited values of a model instance: concrete fields, foreign keys as ids."""
    wanted = set(fields) if fields is not None else None
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        if wanted is not None and field.name not in wanted:
            continue
        data[field.name] = _jsonable(getattr(instance, field.attname))
    return data


def diff(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> dict[str, Any]:
    """``{"field": [before, after]}`` for the fields that differ."""
    before = before or {}
    after = after or {}
    keys = sorted(set(before) | set(after))
    return {
        key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)
    }


def _actor_fields(actor: Any, actor_label: str = "") -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": actor_label or "sistem"}
    return {"actor": actor, "actor_label": actor.get_username()}


def audit_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None,
    instansi: Any = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    note: str = "",
    target_type: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """Record one change. ``before``/``after`` are snapshots; only differing fields are kept.
    Without a logged-in ``actor``, ``actor_label`` names who acted ("publik"; default "sistem")."""
    return AuditEvent.objects.create(
        **_event_fields(
            actor=actor,
            actor_label=actor_label,
            action=action,
            target=target,
            instansi=instansi,
            before=before,
            after=after,
            note=note,
            target_type=target_type,
        )
    )


def audit_events_bulk(events: list[dict[str, Any]]) -> None:
    """Record many changes at once (imports); each dict takes :func:`audit_event`'s arguments."""
    AuditEvent.objects.bulk_create(
        [AuditEvent(**_event_fields(**event)) for event in events], batch_size=500
    )


def _event_fields(
    *,
    actor: Any,
    action: str,
    target: models.Model | None,
    instansi: Any = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    note: str = "",
    target_type: str = "",
    actor_label: str = "",
) -> dict[str, Any]:
    if getattr(settings, "AUDIT_ACTIONS_STRICT", False) and not is_known_action(action):
        raise ValueError(f"audit action {action!r} has no name in bangkom.core.audit_actions")
    if target is not None:
        target_type = target_type or target._meta.label_lower
    return {
        **_actor_fields(actor, actor_label),
        "instansi": instansi,
        "action": action,
        "target_type": target_type,
        "target_id": str(target.pk) if target is not None else "",
        "target_repr": str(target)[:255] if target is not None else "",
        "changes": diff(before, after),
        "note": note,
    }
