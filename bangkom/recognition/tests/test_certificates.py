"""Issuing and revoking certificates: numbering, the signed credential, keys, permissions."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import JpSource
from bangkom.recognition import keystore
from bangkom.recognition.credentials import achievement as ach
from bangkom.recognition.models import Certificate, CertificateSequence, IssuerKey
from bangkom.recognition.services import (
    CODE_ALPHABET,
    certificate_issue,
    certificate_revoke,
    issuer_key_rotate,
    normalise_code,
)
from bangkom.recognition.verification import verify_credential_document

from .conftest import SIGNATORY, YEAR

pytestmark = pytest.mark.django_db


def test_issue_numbers_per_instansi_and_year(world, credit):
    first = certificate_issue(
        credit=credit(world.employee), signatory=SIGNATORY, acting_user=world.user("bkpsdm")
    )
    second = certificate_issue(
        credit=credit(world.colleague), signatory=SIGNATORY, acting_user=None
    )
    other = certificate_issue(
        credit=credit(world.other_employee), signatory=SIGNATORY, acting_user=None
    )
    next_year = certificate_issue(
        credit=credit(world.employee, on=date(YEAR + 1, 1, 5)),
        signatory=SIGNATORY,
        acting_user=None,
    )
    assert first.number == "BKM/53.71/2026/000001"
    assert second.number == "BKM/53.71/2026/000002"
    assert other.number == "BKM/61.71/2026/000001"
    assert next_year.number == "BKM/53.71/2027/000001"
    assert len(first.code) == 10 and set(first.code) <= set(CODE_ALPHABET)
    assert AuditEvent.objects.filter(action="recognition.certificate.issue").count() == 4


def test_issue_is_idempotent_per_ledger_line(world, credit):
    line = credit(world.employee)
    first = certificate_issue(credit=line, signatory=SIGNATORY, acting_user=None)
    again = certificate_issue(credit=line, signatory=SIGNATORY, acting_user=None)
    assert again.pk == first.pk
    assert Certificate.objects.count() == 1
    assert CertificateSequence.objects.get().last_value == 1


def test_issued_credential_verifies_and_passes_the_schema(world, credit):
    certificate = certificate_issue(
        credit=credit(world.employee), signatory=SIGNATORY, acting_user=None
    )
    document = json.loads(certificate.credential_json)
    assert ach.validate_schema(document) == []
    assert document["issuer"]["id"] == "https://bangkom.example.go.id/penerbit/53.71/"
    assert document["proof"][0]["verificationMethod"].startswith(document["issuer"]["id"] + "#z6Mk")
    assert document["credentialStatus"]["statusListCredential"] == (
        "https://bangkom.example.go.id/status/53.71/2026/"
    )
    assert world.employee.nip not in certificate.credential_json
    result = verify_credential_document(document)
    assert result.valid, result.reasons


def test_private_keys_are_encrypted_at_rest(world, credit, settings):
    certificate_issue(credit=credit(world.employee), signatory=SIGNATORY, acting_user=None)
    key = IssuerKey.objects.get()
    assert key.private_key_encrypted.startswith("v1:")
    decrypted = keystore.decrypt_private_key(key.private_key_encrypted, key.public_multikey)
    from bangkom.recognition.credentials import keys

    assert keys.public_key_multibase(decrypted.public_key()) == key.public_multikey
    settings.CREDENTIAL_KEY_SECRET = "another-secret-" * 5
    from cryptography.exceptions import InvalidTag

    with pytest.raises(InvalidTag):
        keystore.decrypt_private_key(key.private_key_encrypted, key.public_multikey)


def test_rotation_keeps_old_credentials_valid(world, credit):
    old = certificate_issue(credit=credit(world.employee), signatory=SIGNATORY, acting_user=None)
    new_key = issuer_key_rotate(instansi=world.instansi, acting_user=world.user("bkpsdm"))
    new = certificate_issue(credit=credit(world.colleague), signatory=SIGNATORY, acting_user=None)
    assert old.issuer_key_id != new.issuer_key_id == new_key.pk
    assert verify_credential_document(json.loads(old.credential_json)).valid
    assert verify_credential_document(json.loads(new.credential_json)).valid
    assert IssuerKey.objects.filter(instansi=world.instansi).count() == 2


def test_revocation_flips_the_status_bit(world, credit):
    certificate = certificate_issue(
        credit=credit(world.employee), signatory=SIGNATORY, acting_user=None
    )
    certificate_revoke(
        certificate=certificate,
        reason="Peserta tidak hadir penuh.",
        acting_user=world.user("bkpsdm"),
    )
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_reason == "Peserta tidak hadir penuh."
    result = verify_credential_document(json.loads(certificate.credential_json))
    assert [r.value for r in result.reasons] == ["revoked"]


def test_revocation_without_reason_is_refused(world, credit):
    certificate = certificate_issue(
        credit=credit(world.employee), signatory=SIGNATORY, acting_user=None
    )
    with pytest.raises(ServiceError) as raised:
        certificate_revoke(certificate=certificate, reason="   ", acting_user=world.user("bkpsdm"))
    assert raised.value.message_dict == {"reason": ["Alasan pencabutan wajib diisi."]}
    certificate.refresh_from_db()
    assert not certificate.is_revoked


@pytest.mark.parametrize(
    "persona", ["opd_admin", "supervisor", "employee", "partner", "pimpinan", "outsider"]
)
def test_only_the_instansi_admins_revoke_or_issue(world, credit, persona):
    certificate = certificate_issue(
        credit=credit(world.employee), signatory=SIGNATORY, acting_user=None
    )
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        certificate_revoke(certificate=certificate, reason="Salah", acting_user=world.user(persona))
    with pytest.raises(PermissionDenied):
        certificate_issue(
            credit=credit(world.colleague), signatory=SIGNATORY, acting_user=world.user(persona)
        )
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    assert Certificate.objects.count() == 1
    assert AuditEvent.objects.count() == events + 1  # the colleague's JP line only


def test_external_claims_and_manual_lines_get_no_certificate(world, credit):
    for source in (JpSource.EXTERNAL_CLAIM, JpSource.MANUAL):
        with pytest.raises(ServiceError):
            certificate_issue(
                credit=credit(world.employee, source=source, key=source),
                signatory=SIGNATORY,
                acting_user=None,
            )
    assert not Certificate.objects.exists()
    assert not CertificateSequence.objects.filter(last_value__gt=0).exists()


def test_typed_codes_are_normalised():
    assert normalise_code(" abcde-fghjk ") == "ABCDEFGHJK"
    assert normalise_code("o1l0i") == "01101"
