"""``bangkom certificates`` and ``bangkom certificate-credential``."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bangkom.recognition.services import certificate_issue, certificate_revoke

from .conftest import SIGNATORY, YEAR

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_certificates_json_lists_exactly_the_documented_keys(world, credit):
    first = certificate_issue(credit=credit(world.employee), signatory=SIGNATORY, acting_user=None)
    second = certificate_issue(
        credit=credit(world.colleague), signatory=SIGNATORY, acting_user=None
    )
    certificate_issue(
        credit=credit(world.employee, on=date(YEAR + 1, 2, 1)),
        signatory=SIGNATORY,
        acting_user=None,
    )
    certificate_issue(credit=credit(world.other_employee), signatory=SIGNATORY, acting_user=None)
    certificate_revoke(certificate=second, reason="Keliru", acting_user=world.user("bkpsdm"))
    rows = json.loads(_run("certificates", "--instansi", "53.71", "--year", "2026", "--json"))
    assert rows == [
        {
            "number": "BKM/53.71/2026/000001",
            "sequence": 1,
            "year": 2026,
            "status": "valid",
            "verify_url": f"https://bangkom.example.go.id/verifikasi/{first.code}/",
        },
        {
            "number": "BKM/53.71/2026/000002",
            "sequence": 2,
            "year": 2026,
            "status": "revoked",
            "verify_url": f"https://bangkom.example.go.id/verifikasi/{second.code}/",
        },
    ]
    every_year = json.loads(_run("certificates", "--instansi", "53.71", "--json"))
    assert [r["number"] for r in every_year][-1] == "BKM/53.71/2027/000001"


def test_unknown_instansi_is_an_error(world):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        _run("certificates", "--instansi", "99.99", "--json")


def test_certificate_credential_prints_the_signed_credential(world, credit, tmp_path):
    certificate = certificate_issue(
        credit=credit(world.employee), signatory=SIGNATORY, acting_user=None
    )
    printed = _run("certificate_credential", certificate.number)
    assert json.loads(printed) == json.loads(certificate.credential_json)
    path = tmp_path / "k.json"
    path.write_text(printed, encoding="utf-8")
    assert _run("verify_credential", str(path)).startswith("valid:")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        _run("certificate_credential", "BKM/53.71/2026/999999")


def test_issuer_key_rotate_keeps_the_old_key_published(world, credit, tmp_path):
    old = certificate_issue(credit=credit(world.employee), signatory=SIGNATORY, acting_user=None)
    printed = _run("issuer_key_rotate", "--instansi", "53.71").strip()
    assert printed.startswith("z6Mk") and printed != old.issuer_key.public_multikey
    new = certificate_issue(credit=credit(world.colleague), signatory=SIGNATORY, acting_user=None)
    assert new.issuer_key.public_multikey == printed
    path = tmp_path / "lama.json"
    path.write_text(old.credential_json, encoding="utf-8")
    assert _run("verify_credential", str(path)).startswith("valid:")
