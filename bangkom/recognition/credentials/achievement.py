"""Open Badges 3.0 AchievementCredentials (a W3C Verifiable Credential 2.0) built from plain data.

The builder returns the *unsecured* credential (no `proof`); `integrity.sign` adds the proof.
The subject's NIP (*Nomor Induk Pegawai*, the civil servant's number) is never written in clear:
OB 3.0's `identifier` holds an IdentityObject with a salted SHA-256 `identityHash`, so whoever
already knows the NIP can confirm it, and nobody can read it off the credential."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from jsonschema.validators import validator_for

from .loader import OB_V3, VC_V2, load_schema

CONTEXT = [VC_V2, OB_V3]
# OB 3.0 wants VerifiableCredential plus AchievementCredential or OpenBadgeCredential; the OB
# context makes AchievementCredential an alias of OpenBadgeCredential, the name 1EdTech uses.
CREDENTIAL_TYPE = ["VerifiableCredential", "OpenBadgeCredential"]
# The schema as 1EdTech publishes it, with the validator type OB 3.0 requires for it.
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019"
# Neither shipped context defines that type (1EdTech's separate extensions context does), and an
# undefined term is dropped by RDF canonicalisation, or resolved differently by each JSON-LD
# library. Defining it inline on the entry keeps `@context` to the two required URLs and makes
# every processor canonicalise the entry the same way.
SCHEMA_TYPE_CONTEXT = {
    SCHEMA_TYPE: "https://purl.imsglobal.org/spec/vccs/v1p0/context.json#" + SCHEMA_TYPE
}
NIP_IDENTITY_TYPE = "ext:NIP"


class CredentialInputError(ValueError):
    """The data cannot make a credential; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class IssuerProfile:
    """The instansi issuing the credential: its public issuer profile (URL or did:key)."""

    id: str
    name: str
    url: str | None = None


@dataclass(frozen=True)
class HashedIdentity:
    """An identifier of the subject (e.g. the NIP) to be published only as a salted hash."""

    value: str
    salt: str
    identity_type: str = NIP_IDENTITY_TYPE


@dataclass(frozen=True)
class Subject:
    """The ASN who earned the achievement. `name` is schema.org's (the OB context maps it), as
    printed on the certificate; `id` only if the person has a DID or similar identifier."""

    name: str
    id: str | None = None
    identity: HashedIdentity | None = None


@dataclass(frozen=True)
class Alignment:
    """A competency the achievement aligns with (e.g. an entry of the competency dictionary)."""

    target_name: str
    target_url: str
    target_code: str | None = None
    target_description: str | None = None
    target_framework: str | None = None
    target_type: str | None = None  # e.g. "ceasn:Competency"


@dataclass(frozen=True)
class Achievement:
    id: str
    name: str
    description: str
    criteria_narrative: str
    achievement_type: str = "CertificateOfCompletion"
    jp: float | None = None  # JP (*jam pelajaran*, 45-minute learning hours) -> creditsAvailable
    alignments: Sequence[Alignment] = field(default_factory=tuple)
    in_language: str | None = None  # e.g. "id"


@dataclass(frozen=True)
class StatusEntry:
    """A BitstringStatusListEntry: bit `index` of the list at `list_credential` says revoked."""

    id: str
    index: int
    list_credential: str
    purpose: str = "revocation"


def new_salt() -> str:
    return secrets.token_hex(16)


def identity_hash(value: str, salt: str) -> str:
    """OB 3.0 IdentityHash: `sha256$` + hex SHA-256 of the UTF-8 identifier followed by the salt."""
    return "sha256$" + hashlib.sha256((value + salt).encode("utf-8")).hexdigest()


def identity_matches(identity_object: dict[str, Any], value: str) -> bool:
    """Whether a credential's IdentityObject names `value` (for someone who knows the NIP)."""
    if not identity_object.get("hashed"):
        return bool(identity_object.get("identityHash") == value)
    salt = identity_object.get("salt", "")
    return bool(identity_object.get("identityHash") == identity_hash(value, salt))


def format_datetime(moment: datetime) -> str:
    """ISO 8601 with its offset, to the second; UTC as `Z` (an XML Schema dateTimeStamp)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CredentialInputError("naive_datetime")
    text = moment.replace(microsecond=0).isoformat()
    if moment.utcoffset() == timedelta(0):
        text = text.removesuffix("+00:00") + "Z"
    return text


def _drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _alignment(alignment: Alignment) -> dict[str, Any]:
    return _drop_none(
        {
            "type": ["Alignment"],
            "targetName": alignment.target_name,
            "targetUrl": alignment.target_url,
            "targetCode": alignment.target_code,
            "targetDescription": alignment.target_description,
            "targetFramework": alignment.target_framework,
            "targetType": alignment.target_type,
        }
    )


def _achievement(achievement: Achievement) -> dict[str, Any]:
    document = _drop_none(
        {
            "id": achievement.id,
            "type": ["Achievement"],
            "achievementType": achievement.achievement_type,
            "name": achievement.name,
            "description": achievement.description,
            "criteria": {"narrative": achievement.criteria_narrative},
            "creditsAvailable": achievement.jp,
            "inLanguage": achievement.in_language,
        }
    )
    if achievement.alignments:
        document["alignment"] = [_alignment(a) for a in achievement.alignments]
    return document


def _subject(subject: Subject, achievement: Achievement) -> dict[str, Any]:
    document = _drop_none({"id": subject.id, "type": ["AchievementSubject"], "name": subject.name})
    if subject.identity is not None:
        document["identifier"] = [
            {
                "type": "IdentityObject",
                "identityHash": identity_hash(subject.identity.value, subject.identity.salt),
                "identityType": subject.identity.identity_type,
                "hashed": True,
                "salt": subject.identity.salt,
            }
        ]
    document["achievement"] = _achievement(achievement)
    return document


def build_achievement_credential(
    *,
    credential_id: str,
    issuer: IssuerProfile,
    subject: Subject,
    achievement: Achievement,
    valid_from: datetime,
    valid_until: datetime | None = None,
    name: str | None = None,
    status: StatusEntry | None = None,
) -> dict[str, Any]:
    """The unsecured OpenBadgeCredential (AchievementCredential); sign it with `integrity.sign`."""
    if not (credential_id.startswith("urn:uuid:") or credential_id.startswith("https://")):
        raise CredentialInputError("credential_id_not_uri")
    if valid_until is not None and valid_until <= valid_from:
        raise CredentialInputError("valid_until_before_valid_from")
    document: dict[str, Any] = {
        "@context": list(CONTEXT),
        "id": credential_id,
        "type": list(CREDENTIAL_TYPE),
        "name": name or achievement.name,
        "issuer": _drop_none(
            {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url}
        ),
        "validFrom": format_datetime(valid_from),
    }
    if valid_until is not None:
        document["validUntil"] = format_datetime(valid_until)
    document["credentialSubject"] = _subject(subject, achievement)
    if status is not None:
        if status.index < 0:
            raise CredentialInputError("status_index_negative")
        document["credentialStatus"] = {
            "id": status.id,
            "type": "BitstringStatusListEntry",
            "statusPurpose": status.purpose,
            "statusListIndex": str(status.index),
            "statusListCredential": status.list_credential,
        }
    document["credentialSchema"] = [
        {"@context": dict(SCHEMA_TYPE_CONTEXT), "id": SCHEMA_URL, "type": SCHEMA_TYPE}
    ]
    return document


def validate_schema(document: Any) -> list[str]:
    """Problems against the OB 3.0 AchievementCredential JSON schema, as codes
    `<keyword>:<json pointer>` (for `required`, the pointer ends with the missing property)."""
    schema = load_schema()
    validator = validator_for(schema)(schema)
    problems = []
    for error in validator.iter_errors(document):
        pointer = "".join(f"/{part}" for part in error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, dict):
            for missing in error.validator_value:
                if missing not in error.instance:
                    problems.append(f"required:{pointer}/{missing}")
        else:
            problems.append(f"{error.validator}:{pointer or '/'}")
    return sorted(set(problems))
