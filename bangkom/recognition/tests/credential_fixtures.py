"""A Bangkom credential built from plain data, for the credential tests (no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from bangkom.recognition.credentials import achievement as ach
from bangkom.recognition.credentials import integrity, keys

WIB = timezone(timedelta(hours=7), "WIB")
ISSUER_ID = "https://bangkom.example.go.id/issuers/3171"
STATUS_LIST_URL = "https://bangkom.example.go.id/credentials/status/3171-2026"
VALID_FROM = datetime(2026, 3, 14, 16, 0, tzinfo=WIB)
SIGNED_AT = datetime(2026, 3, 14, 9, 5, tzinfo=UTC)
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
NIP = "198503302010011007"

# A fixed key so that failures reproduce; never used outside tests.
ISSUER_KEY = keys.private_key_from_multibase("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
ISSUER_MULTIKEY = keys.public_key_multibase(ISSUER_KEY.public_key())


def issuer_profile(**overrides: Any) -> ach.IssuerProfile:
    values: dict[str, Any] = {
        "id": ISSUER_ID,
        "name": "BKPSDM Kota Jakarta Pusat",
        "url": "https://bangkom.example.go.id/",
    }
    return ach.IssuerProfile(**(values | overrides))


def subject(**overrides: Any) -> ach.Subject:
    values: dict[str, Any] = {
        "name": "Ni Luh Putu Ayu Wulandari",
        "identity": ach.HashedIdentity(value=NIP, salt="6b1f0c5e9a2d4e7f"),
    }
    return ach.Subject(**(values | overrides))


def achievement(**overrides: Any) -> ach.Achievement:
    values: dict[str, Any] = {
        "id": "https://bangkom.example.go.id/achievements/3171/pelatihan-pelayanan-prima",
        "name": "Pelatihan Pelayanan Prima",
        "description": "Pelatihan klasikal pelayanan publik bagi ASN Pemerintah Kota.",
        "criteria_narrative": "Hadir sekurang-kurangnya 90% dan lulus evaluasi akhir.",
        "jp": 32,
        "alignments": (
            ach.Alignment(
                target_name="Pelayanan Publik",
                target_url="https://bangkom.example.go.id/competencies/pelayanan-publik",
                target_code="MS-04",
                target_framework="Kamus Kompetensi Manajerial (PermenPANRB 38/2017)",
                target_type="ceasn:Competency",
            ),
        ),
        "in_language": "id",
    }
    return ach.Achievement(**(values | overrides))


def unsigned_credential(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "credential_id": "urn:uuid:6f1c8a52-2f0e-4b8e-9a57-3d1b0c9e4a11",
        "issuer": issuer_profile(),
        "subject": subject(),
        "achievement": achievement(),
        "valid_from": VALID_FROM,
        "status": ach.StatusEntry(
            id=f"{STATUS_LIST_URL}#41", index=41, list_credential=STATUS_LIST_URL
        ),
    }
    return ach.build_achievement_credential(**(values | overrides))


def signed_credential(**overrides: Any) -> dict[str, Any]:
    return integrity.sign(
        unsigned_credential(**overrides),
        ISSUER_KEY,
        verification_method=keys.did_key_verification_method(ISSUER_KEY.public_key()),
        created=SIGNED_AT,
    )


issuer_keys = integrity.published_keys_resolver({ISSUER_ID: [ISSUER_MULTIKEY]})
