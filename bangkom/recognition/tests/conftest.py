"""Fixtures of the certificate tests: JP ledger lines of the persona world to certify."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bangkom.delivery.ledger.services import jp_credit
from bangkom.delivery.models import JpCredit, JpSource
from bangkom.organisation.models import Employee
from bangkom.recognition.services import Signatory

YEAR = 2026
SIGNATORY = Signatory(name="Drs. Yakobus Dami, M.Si.", title="Kepala BKPSDM Kota Uji")


@pytest.fixture(autouse=True)
def _public_address(settings: Any) -> None:
    settings.PUBLIC_BASE_URL = "https://bangkom.example.go.id"


@pytest.fixture
def credit(db: None) -> Callable[..., JpCredit]:
    def make(
        employee: Employee,
        jp: float | int = 32,
        *,
        on: date = date(YEAR, 3, 14),
        activity: str = "Pelatihan Pelayanan Prima",
        source: str = JpSource.BATCH,
        key: str | None = None,
    ) -> JpCredit:
        return jp_credit(
            employee=employee,
            year=on.year,
            date=on,
            activity=activity,
            form=None,
            units=Decimal(str(jp)),
            source=source,
            source_key=key or f"uji:{employee.pk}:{on}:{activity}",
            acting_user=None,
        )

    return make
