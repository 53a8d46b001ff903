"""``load-demo`` around the demo itself: production guard, clashes, existing competencies.

Kept apart from loaded/, whose package-wide demo would otherwise be in the database.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bangkom.accounts.models import User
from bangkom.competencies.models import Competency
from bangkom.competencies.services import technical_competency_save
from bangkom.demo.builder import load_demo
from bangkom.organisation.models import Employee, Instansi, Unit

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_refuses_to_run_in_production_unless_asked(settings: Any) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError, match="izinkan-produksi"):
        call_command("load_demo", wilayah_minimal=True, stdout=StringIO())
    assert not Instansi.objects.exists() and not User.objects.exists()


@pytest.mark.django_db
def test_a_taken_demo_username_stops_the_region_and_leaves_nothing_of_it(settings: Any) -> None:
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = FAST_HASHERS
    User.objects.create(username="kupang.opd", nama="Akun nyata")

    with pytest.raises(CommandError, match=r"kupang\.opd sudah dipakai"):
        call_command("load_demo", wilayah_minimal=True, stdout=StringIO())

    assert not Instansi.objects.filter(wilayah_id="53.71").exists()
    assert not Employee.objects.exists() and not Unit.objects.exists()


@pytest.mark.django_db
def test_an_existing_technical_code_is_reused_and_reported() -> None:
    technical_competency_save(
        instansi=None,
        kode="T.3",
        nama="Perizinan (versi lama)",
        sektor="",
        uraian="",
        levels=["1", "2", "3", "4", "5"],
        acting_user=None,
    )
    messages: list[str] = []

    report = load_demo(full_wilayah=False, regions=(), log=messages.append)

    assert report.competencies_created == 19
    assert Competency.objects.get(instansi=None, kode="T.3").nama == "Perizinan (versi lama)"
    assert any("T.3 sudah ada sebagai “Perizinan (versi lama)”" in line for line in messages)
