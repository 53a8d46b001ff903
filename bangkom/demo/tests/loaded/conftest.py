"""One demo load for every test module in this package (the load takes seconds)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from bangkom.demo.builder import DemoReport, load_demo
from bangkom.demo.tests.loaded.support import FAST_HASHERS


@pytest.fixture(scope="package")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoReport]:
    """The demo, loaded once for this package and rolled back after it."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield load_demo(full_wilayah=False)
        transaction.set_rollback(True)
