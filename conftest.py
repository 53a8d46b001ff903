"""Shared fixtures: the persona world (see bangkom/testing/world.py)."""

from __future__ import annotations

import pytest

from bangkom.testing.world import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _english_off(settings):  # type: ignore[no-untyped-def]
    """Tests read Indonesian messages, the default language."""
    settings.LANGUAGE_CODE = "id"
