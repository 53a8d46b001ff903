"""Helpers for the API tests: JSON calls, a few more objects on top of the persona world, and a
snapshot of the tables the API can write, to prove that a refused request changed nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client

from bangkom.competencies.models import (
    Competency,
    CompetencyLevel,
    PositionStandard,
)
from bangkom.competencies.services import duty_save, technical_competency_save
from bangkom.core.models import AuditEvent
from bangkom.organisation.models import Duty, DutyCompetency, Employee, Instansi, Position, Unit
from bangkom.testing.world import World

API = "/api/v1"

LEVELS = [
    "Mengenal konsep dasar.",
    "Menerapkan dengan bimbingan.",
    "Menerapkan secara mandiri.",
    "Membimbing orang lain.",
    "Menjadi rujukan.",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The world creates nine users with passwords; Argon2 would make each test seconds slower.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def call(client: Client, method: str, path: str, body: Any = None, **headers: Any) -> Any:
    """A JSON request to ``/api/v1{path}``; ``body`` may be a string to send as is."""
    data = body if isinstance(body, str | bytes) or body is None else json.dumps(body)
    kwargs: dict[str, Any] = {"headers": headers} if headers else {}
    if data is not None:
        kwargs.update(data=data, content_type="application/json")
    return getattr(client, method.lower())(API + path, **kwargs)


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@dataclass
class Extras:
    """What the world lacks for the API: technical competencies of both instansi and a duty."""

    own_technical: Competency
    other_technical: Competency
    official: Competency
    duty: Duty


@pytest.fixture
def extras(world: World) -> Extras:
    own = technical_competency_save(
        instansi=world.instansi,
        kode="T.1",
        nama="Asuhan Keperawatan",
        sektor="Kesehatan",
        uraian="",
        levels=LEVELS,
        acting_user=None,
    )
    other = technical_competency_save(
        instansi=world.other_instansi,
        kode="T.1",
        nama="Perizinan Berusaha",
        sektor="Perizinan",
        uraian="",
        levels=LEVELS,
        acting_user=None,
    )
    duty = duty_save(
        position=world.perawat,
        uraian="Melaksanakan asuhan keperawatan dasar.",
        competencies=[(own, 2)],
        acting_user=None,
    )
    return Extras(
        own_technical=own,
        other_technical=other,
        official=Competency.objects.get(kode="M.1", instansi__isnull=True),
        duty=duty,
    )


WRITABLE_MODELS: tuple[type[models.Model], ...] = (
    Instansi,
    Unit,
    Position,
    Duty,
    DutyCompetency,
    PositionStandard,
    Employee,
    Competency,
    CompetencyLevel,
    AuditEvent,
)


def database_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table the API writes to, ordered; equal snapshots mean no change."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in WRITABLE_MODELS
    }
