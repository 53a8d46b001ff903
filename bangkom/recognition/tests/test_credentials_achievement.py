"""The OB 3.0 AchievementCredential builder, its schema check, and the hashed NIP."""

from __future__ import annotations

from datetime import datetime

import pytest

from bangkom.recognition.credentials import achievement as ach

from . import credential_fixtures as fx


def test_credential_shape_follows_ob_3():
    credential = fx.unsigned_credential()
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["validFrom"] == "2026-03-14T16:00:00+07:00"
    assert "proof" not in credential
    assert credential["issuer"] == {
        "id": fx.ISSUER_ID,
        "type": ["Profile"],
        "name": "BKPSDM Kota Jakarta Pusat",
        "url": "https://bangkom.example.go.id/",
    }
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["creditsAvailable"] == 32
    assert achievement["criteria"] == {
        "narrative": "Hadir sekurang-kurangnya 90% dan lulus evaluasi akhir."
    }
    assert achievement["alignment"][0]["targetType"] == "ceasn:Competency"
    assert credential["credentialStatus"] == {
        "id": f"{fx.STATUS_LIST_URL}#41",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "41",
        "statusListCredential": fx.STATUS_LIST_URL,
    }
    schema = credential["credentialSchema"][0]
    assert schema["type"] == "1EdTechJsonSchemaValidator2019"
    assert schema["id"].endswith("ob_v3p0_achievementcredential_schema.json")


def test_our_credential_validates_against_the_ob_schema():
    assert ach.validate_schema(fx.unsigned_credential()) == []
    assert ach.validate_schema(fx.signed_credential()) == []
    minimal = fx.unsigned_credential(
        subject=ach.Subject(name="Budi"),
        achievement=fx.achievement(jp=None, alignments=(), in_language=None),
        status=None,
    )
    assert ach.validate_schema(minimal) == []


def test_broken_credentials_fail_the_schema_with_codes():
    credential = fx.signed_credential()
    del credential["validFrom"]
    credential["type"] = ["VerifiableCredential"]
    credential["proof"] = credential["proof"][0]  # OB 3.0 wants an array
    credential["credentialSubject"]["achievement"]["creditsAvailable"] = "32 JP"
    assert ach.validate_schema(credential) == [
        "contains:/type",
        "required:/validFrom",
        "type:/credentialSubject/achievement/creditsAvailable",
        "type:/proof",
    ]
    assert ach.validate_schema({"@context": "https://www.w3.org/ns/credentials/v2"}) != []


def test_nip_is_published_only_as_a_salted_hash():
    credential = fx.unsigned_credential()
    assert fx.NIP not in str(credential)
    identity = credential["credentialSubject"]["identifier"][0]
    assert identity["type"] == "IdentityObject"
    assert identity["hashed"] is True
    assert identity["identityType"] == "ext:NIP"
    assert identity["identityHash"].startswith("sha256$")
    assert ach.identity_matches(identity, fx.NIP)
    assert not ach.identity_matches(identity, "198503302010011008")


def test_identity_hash_is_sha256_of_value_then_salt():
    # sha256("a" + "b") = sha256("ab")
    expected = "sha256$fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603"
    assert ach.identity_hash("a", "b") == expected
    assert len(ach.new_salt()) == 32


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"valid_from": datetime(2026, 3, 14, 16, 0)}, "naive_datetime"),
        ({"credential_id": "6f1c8a52"}, "credential_id_not_uri"),
        ({"valid_until": datetime(2026, 1, 1, tzinfo=fx.WIB)}, "valid_until_before_valid_from"),
    ],
)
def test_bad_input_is_refused_with_a_code(changes, code):
    with pytest.raises(ach.CredentialInputError) as raised:
        fx.unsigned_credential(**changes)
    assert raised.value.code == code


def test_utc_is_written_with_z():
    assert ach.format_datetime(fx.SIGNED_AT) == "2026-03-14T09:05:00Z"
