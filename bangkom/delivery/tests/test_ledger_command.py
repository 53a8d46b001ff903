"""``bangkom jp-ledger``: exact JSON, the same figures as the selector, Indonesian errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from bangkom.delivery.ledger import selectors
from bangkom.delivery.models import JpCredit
from bangkom.delivery.tests.conftest import YEAR
from bangkom.manage import main
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db
AS_OF = date(YEAR, 7, 1)


def _run(*args: str) -> str:
    out = StringIO()
    call_command("jp_ledger", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_exact_keys_and_the_selector_figures(
    world: World, credit: Callable[..., JpCredit]
) -> None:
    credit(world.employee, 12.5, on=date(YEAR, 2, 3), activity="Pelatihan pelayanan prima")
    credit(world.employee, 3, on=date(YEAR, 4, 9), activity="Seminar gizi")
    credit(world.other_employee, 30)  # another instansi: not listed
    data = json.loads(
        _run("--instansi", "53.71", "--year", str(YEAR), "--json", "--as-of", AS_OF.isoformat())
    )
    assert set(data) == {"instansi", "year", "employees"}
    assert data["instansi"] == "53.71" and data["year"] == YEAR
    people = selectors.instansi_year(world.instansi, YEAR, as_of=AS_OF)
    assert [e["nip"] for e in data["employees"]] == [p.nip for p in people]
    for row, person in zip(data["employees"], people, strict=True):
        assert set(row) == {"nip", "jp_earned", "jp_target", "on_track", "lines"}
        assert row["jp_earned"] == float(person.jp_earned)
        assert row["jp_target"] == person.jp_target
        assert row["on_track"] is person.on_track
        for line in row["lines"]:
            assert set(line) == {"activity", "date", "jp", "source"}
    mine = next(e for e in data["employees"] if e["nip"] == world.employee.nip)
    assert mine["jp_earned"] == 15.5 and mine["jp_target"] == 20 and mine["on_track"] is True
    assert mine["lines"] == [
        {
            "activity": "Pelatihan pelayanan prima",
            "date": f"{YEAR}-02-03",
            "jp": 12.5,
            "source": "angkatan",
        },
        {"activity": "Seminar gizi", "date": f"{YEAR}-04-09", "jp": 3.0, "source": "angkatan"},
    ]
    assert isinstance(mine["jp_target"], int)


def test_table_is_readable_indonesian(world: World, credit: Callable[..., JpCredit]) -> None:
    credit(world.employee, 20)
    text = _run("--instansi", "53.71", "--year", str(YEAR), "--as-of", f"{YEAR}-12-31")
    assert "Rekam JP Pemerintah Kota Uji" in text
    assert "sesuai jalur" in text and "tertinggal" in text
    assert "1 dari 4 ASN sesuai jalur." in text


def test_unknown_instansi_exits_2(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["bangkom", "jp-ledger", "--instansi", "99.99", "--year", str(YEAR), "--json"])
    assert exc.value.code == 2
    assert "Instansi dengan kode wilayah 99.99 tidak ditemukan." in capsys.readouterr().err
