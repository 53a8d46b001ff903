"""Fixtures of the ledger tests: the JP table of the persona world and uploads in a temp dir."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bangkom.delivery.ledger.services import jp_credit
from bangkom.delivery.models import JpCredit, JpSource
from bangkom.organisation.models import Employee
from bangkom.planning.models import DevelopmentForm
from bangkom.planning.services import form_table_ensure
from bangkom.testing.world import World

YEAR = 2026
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def forms(world: World) -> dict[str, DevelopmentForm]:
    form_table_ensure(instansi=world.instansi, acting_user=None)
    form_table_ensure(instansi=world.other_instansi, acting_user=None)
    return {f.kode: f for f in DevelopmentForm.objects.filter(instansi=world.instansi)}


def certificate(name: str = "sertifikat.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def credit(forms: dict[str, DevelopmentForm]) -> Callable[..., JpCredit]:
    def make(
        employee: Employee,
        jp: float | int,
        *,
        on: date = date(YEAR, 3, 10),
        key: str | None = None,
        activity: str = "Pelatihan teknis",
    ) -> JpCredit:
        return jp_credit(
            employee=employee,
            year=on.year,
            date=on,
            activity=activity,
            form=DevelopmentForm.objects.get(
                instansi_id=employee.instansi_id, kode="pelatihan-teknis"
            ),
            units=Decimal(str(jp)),
            learning_days=1,
            months=1,
            source=JpSource.BATCH,
            source_key=key or f"uji:{employee.pk}:{on}:{jp}:{activity}",
            acting_user=None,
        )

    return make
