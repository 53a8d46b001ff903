"""The public verification page, the issuer profile and the status lists: no login, no NIP,
nothing revealed about unknown codes, guessing rate limited; and verify-credential on exported
credentials, offline, through the installation's own keys and lists."""

from __future__ import annotations

import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from bangkom.recognition.credentials import integrity, keys
from bangkom.recognition.credentials.statuslist import StatusList
from bangkom.recognition.services import certificate_issue, certificate_revoke, issuer_key_rotate

from .conftest import SIGNATORY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate(world, credit):
    return certificate_issue(credit=credit(world.employee), signatory=SIGNATORY, acting_user=None)


def test_qr_target_shows_the_certificate_without_nip(client, world, certificate):
    response = client.get(reverse("recognition:verify_code", args=[certificate.code]))
    text = response.content.decode()
    assert response.status_code == 200
    for shown in (
        certificate.number,
        "Yohanes Benu",
        "Pelatihan Pelayanan Prima",
        "14 Maret 2026",
        "Pemerintah Kota Uji",
        "SAH",
    ):
        assert shown in text
    assert world.employee.nip not in text
    assert "Dinas Kesehatan" not in text and "Puskesmas" not in text


def test_typed_code_with_dash_and_lower_case_is_found(client, certificate):
    typed = certificate.display_code.lower()
    response = client.get(reverse("recognition:verify"), {"kode": typed})
    assert response.status_code == 200
    assert certificate.number in response.content.decode()


def test_revoked_certificate_says_so_with_reason_and_date(client, world, certificate):
    certificate_revoke(
        certificate=certificate, reason="Data kehadiran keliru.", acting_user=world.user("bkpsdm")
    )
    text = client.get(reverse("recognition:verify_code", args=[certificate.code])).content.decode()
    assert "DICABUT" in text and "Data kehadiran keliru." in text
    assert "SAH" not in text


def test_unknown_code_reveals_nothing(client, certificate):
    unknown = "0000000000" if certificate.code != "0000000000" else "1111111111"
    for response in (
        client.get(reverse("recognition:verify_code", args=[unknown])),
        client.get(reverse("recognition:verify"), {"kode": "zz"}),
        client.get(reverse("recognition:verify"), {"kode": certificate.number}),
    ):
        text = response.content.decode()
        assert response.status_code == 404
        assert "Sertifikat tidak ditemukan." in text
        # Only the typed text is echoed back in the form, nothing of the certificate.
        assert "Yohanes" not in text and "Pelatihan Pelayanan Prima" not in text
        assert "SAH" not in text and "DICABUT" not in text


def test_guessing_codes_is_rate_limited_per_address(client, settings, certificate):
    settings.CERTIFICATE_LOOKUP_LIMIT = 5
    url = reverse("recognition:verify")
    statuses = [client.get(url, {"kode": f"ABCDE{n:05d}"}).status_code for n in range(5)]
    assert statuses == [404] * 5
    limited = client.get(reverse("recognition:verify_code", args=[certificate.code]))
    assert limited.status_code == 429
    assert "Terlalu banyak percobaan" in limited.content.decode()
    assert certificate.number not in limited.content.decode()
    # Another address is not affected; found codes do not count.
    other = client.get(
        reverse("recognition:verify_code", args=[certificate.code]), REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 200
    for _ in range(10):
        assert (
            client.get(url, {"kode": certificate.code}, REMOTE_ADDR="10.0.0.8").status_code == 200
        )


def test_issuer_profile_publishes_current_and_retired_keys(client, world, certificate):
    old = certificate.issuer_key.public_multikey
    new = issuer_key_rotate(instansi=world.instansi, acting_user=None).public_multikey
    response = client.get(reverse("recognition:issuer_profile", args=["53.71"]))
    document = response.json()
    assert response["Content-Type"] == "application/ld+json"
    assert document["id"] == "https://bangkom.example.go.id/penerbit/53.71/"
    published = [m["publicKeyMultibase"] for m in document["verificationMethod"]]
    assert published == [old, new]
    assert all(m["type"] == "Multikey" for m in document["verificationMethod"])
    assert document["assertionMethod"] == [f"{document['id']}#{old}", f"{document['id']}#{new}"]
    assert client.get(reverse("recognition:issuer_profile", args=["99.99"])).status_code == 404


def test_status_list_is_a_signed_credential(client, world, certificate):
    response = client.get(reverse("recognition:status_list", args=["53.71", 2026]))
    document = json.loads(response.content)
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    resolver = integrity.published_keys_resolver(
        {document["issuer"]: [certificate.issuer_key.public_multikey]}
    )
    assert integrity.verify_proof(document, resolver) == []
    index = certificate.status_list_index
    assert not StatusList.decode(document["credentialSubject"]["encodedList"]).get(index)
    certificate_revoke(certificate=certificate, reason="Keliru", acting_user=world.user("bkpsdm"))
    revoked = json.loads(
        client.get(reverse("recognition:status_list", args=["53.71", 2026])).content
    )
    assert StatusList.decode(revoked["credentialSubject"]["encodedList"]).get(index)
    assert integrity.verify_proof(revoked, resolver) == []
    assert client.get(reverse("recognition:status_list", args=["53.71", 2025])).status_code == 404


# --- verify-credential on exported credentials ------------------------------------------------


def _verify(tmp_path, capsys, document) -> tuple[int, str]:
    """The command's exit status and output. Through call_command, not the command line: the
    command line closes the database connections at the end (and with them the test's)."""
    path = tmp_path / "kredensial.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    try:
        call_command("verify_credential", str(path), stdout=out)
        code = 0
    except CommandError as error:
        code = error.returncode
    return code, out.getvalue()


def test_exported_credential_verifies_offline(tmp_path, capsys, certificate):
    code, out = _verify(tmp_path, capsys, json.loads(certificate.credential_json))
    assert code == 0, out
    assert out.startswith("valid:")


def test_revoked_credential_fails_as_revoked(tmp_path, capsys, world, certificate):
    certificate_revoke(certificate=certificate, reason="Keliru", acting_user=world.user("bkpsdm"))
    code, out = _verify(tmp_path, capsys, json.loads(certificate.credential_json))
    assert code == 1
    assert "[revoked]" in out and "[bad_signature]" not in out


@pytest.mark.parametrize(
    "alter",
    [
        lambda d: d["credentialSubject"].update(name="Orang Lain"),
        lambda d: d["credentialSubject"]["achievement"].update(name="Diklat PIM II"),
        lambda d: d["credentialSubject"]["achievement"].update(creditsAvailable=320),
        lambda d: d.update(validFrom="2025-01-01T00:00:00Z"),
        lambda d: d["credentialSubject"].update(activityEndDate="2026-12-31T00:00:00+07:00"),
        lambda d: d["issuer"].update(name="BKN"),
    ],
    ids=["subject", "achievement", "jp", "valid_from", "dates", "issuer_name"],
)
def test_altered_credential_fails_naming_the_signature(tmp_path, capsys, certificate, alter):
    document = json.loads(certificate.credential_json)
    alter(document)
    code, out = _verify(tmp_path, capsys, document)
    assert code == 1
    assert "[bad_signature]" in out


def test_credential_moved_to_another_issuer_fails(tmp_path, capsys, world, credit, certificate):
    other = certificate_issue(
        credit=credit(world.other_employee), signatory=SIGNATORY, acting_user=None
    )
    document = json.loads(certificate.credential_json)
    document["issuer"]["id"] = json.loads(other.credential_json)["issuer"]["id"]
    code, out = _verify(tmp_path, capsys, document)
    assert code == 1
    assert "[unknown_key]" in out and "[bad_signature]" in out


def test_foreign_signed_credential_fails_as_unknown_key(tmp_path, capsys, certificate):
    document = json.loads(certificate.credential_json)
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    foreign = keys.generate_private_key()
    multikey = keys.public_key_multibase(foreign.public_key())
    resigned = integrity.sign(
        unsigned,
        foreign,
        verification_method=f"{document['issuer']['id']}#{multikey}",
        created=certificate.issued_at,
    )
    code, out = _verify(tmp_path, capsys, resigned)
    assert code == 1
    assert "[unknown_key]" in out
