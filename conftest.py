"""Shared fixtures: the persona world (see bangkom/testing/world.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from bangkom.testing.world import World, build_world

# No test may depend on how fast the machine is: hypothesis's per-example deadline and its
# "too slow" health check are both wall-clock measurements, so neither applies here.
settings.register_profile("bangkom", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("bangkom")


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _english_off(settings):  # type: ignore[no-untyped-def]
    """Tests read Indonesian messages, the default language."""
    settings.LANGUAGE_CODE = "id"
