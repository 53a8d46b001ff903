"""W3C Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C vc-di-eddsa), and the
full offline verification of an Open Badges 3.0 credential.

Signing: proof config = the proof options (no `proofValue`) with the document's `@context`; both
it and the unsecured document are canonicalised with RDFC-1.0 (URDNA2015) to N-Quads, each hashed
with SHA-256, and hashData = proofConfigHash + documentHash is signed with Ed25519. `proofValue` is
the signature in multibase base58btc ('z...'). The credential carries `proof` as an array holding
that one DataIntegrityProof.

Verification returns reason codes (`Reason`), never text: the app layer translates them. JSON-LD
contexts come only from local files (`loader.LocalDocumentLoader`); nothing is fetched."""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

from . import keys
from .achievement import format_datetime, validate_schema
from .loader import LocalDocumentLoader, UnknownDocumentError, document_loader
from .multibase import decode_base58btc, encode_base58btc
from .statuslist import StatusList

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"


class Reason(StrEnum):
    """Why a credential does not verify."""

    MALFORMED = "malformed"  # not a JSON object, or not JSON-LD that can be canonicalised
    UNDEFINED_TERM = "undefined_term"  # a property or type no context defines: it is not signed
    MISSING_PROOF = "missing_proof"
    MALFORMED_PROOF = "malformed_proof"
    WRONG_CRYPTOSUITE = "wrong_cryptosuite"
    WRONG_PROOF_PURPOSE = "wrong_proof_purpose"
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"
    CONTEXT_NOT_LOCAL = "context_not_local"
    SCHEMA_INVALID = "schema_invalid"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    MALFORMED_DATES = "malformed_dates"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    STATUS_UNAVAILABLE = "status_unavailable"
    STATUS_INVALID = "status_invalid"


class ProofError(Exception):
    """Signing or canonicalising failed; `reason` says why."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.value)
        self.reason = reason


# (verificationMethod, issuer id) -> the public key, only if that issuer publishes it.
KeyResolver = Callable[[str, str], Ed25519PublicKey | None]
# statusListCredential URL -> its (already verified) `encodedList`, or None when unavailable.
StatusFetcher = Callable[[str], str | None]


@dataclass(frozen=True)
class VerificationResult:
    valid: bool
    reasons: list[Reason] = field(default_factory=list)
    schema_problems: list[str] = field(default_factory=list)


# --- canonicalisation and hashing -------------------------------------------------------------


def _options(loader: LocalDocumentLoader) -> dict[str, Any]:
    # base None: a relative IRI stays relative and is dropped, as in other JSON-LD libraries
    # (pyld would otherwise resolve it against its own "http://example.org/base/").
    return {"format": "application/n-quads", "documentLoader": loader, "base": None}


def canonicalize(document: Mapping[str, Any], loader: LocalDocumentLoader | None = None) -> str:
    """RDFC-1.0 canonical N-Quads, with contexts served only by a local loader."""
    loader = loader or document_loader
    _require_local_contexts(document, loader)
    with _jsonld_errors():
        result: str = jsonld.normalize(
            copy.deepcopy(dict(document)), {**_options(loader), "algorithm": "URDNA2015"}
        )
    return result


UNDEFINED_VOCAB = "urn:bangkom:undefined-term#"


def undefined_terms(
    document: Mapping[str, Any], loader: LocalDocumentLoader | None = None
) -> list[str]:
    """Properties and types that no context defines. JSON-LD drops them silently, so they would
    travel unsigned: under a catch-all `@vocab`, they show up as UNDEFINED_VOCAB IRIs."""
    loader = loader or document_loader
    _require_local_contexts(document, loader)
    probe = copy.deepcopy(dict(document))
    context = probe.get("@context")
    # Put first, so that a context with its own `@vocab` (which does define its terms) wins.
    probe["@context"] = [
        {"@vocab": UNDEFINED_VOCAB},
        *(context if isinstance(context, list) else [context]),
    ]
    with _jsonld_errors():
        nquads: str = jsonld.to_rdf(probe, _options(loader))
    found = re.findall("<" + re.escape(UNDEFINED_VOCAB) + "([^>]*)>", nquads)
    return sorted(set(found))


@contextmanager
def _jsonld_errors() -> Iterator[None]:
    try:
        yield
    except jsonld.JsonLdError as error:
        if _caused_by_unknown_document(error):
            raise ProofError(Reason.CONTEXT_NOT_LOCAL) from error
        raise ProofError(Reason.MALFORMED) from error
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as error:
        # pyld's answer to some shapes of broken input (e.g. a number where a node belongs).
        raise ProofError(Reason.MALFORMED) from error


def _caused_by_unknown_document(error: BaseException | None) -> bool:
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, UnknownDocumentError):
            return True
        error = getattr(error, "cause", None) or error.__cause__ or error.__context__
        seen += 1
    return False


def _context_urls(context: Any) -> Iterable[str]:
    items = context if isinstance(context, list) else [context]
    return [item for item in items if isinstance(item, str)]


def _require_local_contexts(document: Mapping[str, Any], loader: LocalDocumentLoader) -> None:
    # Checked before pyld runs so the answer is the same whatever pyld caches. Nested contexts
    # (inside the shipped ones or inline) still go through the same loader.
    if any(url not in loader.urls for url in _context_urls(document.get("@context"))):
        raise ProofError(Reason.CONTEXT_NOT_LOCAL)


def hash_data(
    unsecured_document: Mapping[str, Any],
    proof_config: Mapping[str, Any],
    loader: LocalDocumentLoader | None = None,
) -> bytes:
    """SHA-256(canonical proof config) + SHA-256(canonical document): the bytes that are signed."""
    proof_config_hash = hashlib.sha256(canonicalize(proof_config, loader).encode("utf-8"))
    document_hash = hashlib.sha256(canonicalize(unsecured_document, loader).encode("utf-8"))
    return proof_config_hash.digest() + document_hash.digest()


def proof_configuration(
    unsecured_document: Mapping[str, Any], proof_options: Mapping[str, Any]
) -> dict[str, Any]:
    config = {k: v for k, v in proof_options.items() if k not in ("proofValue", "@context")}
    if config.get("type") != PROOF_TYPE or config.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(Reason.WRONG_CRYPTOSUITE)
    if "@context" not in unsecured_document:
        raise ProofError(Reason.MALFORMED)
    config["@context"] = unsecured_document["@context"]
    return config


# --- signing ----------------------------------------------------------------------------------


def sign(
    unsecured_document: Mapping[str, Any],
    private_key: Ed25519PrivateKey,
    *,
    verification_method: str,
    created: datetime,
    loader: LocalDocumentLoader | None = None,
) -> dict[str, Any]:
    """The document with `proof: [DataIntegrityProof]` added (eddsa-rdfc-2022)."""
    if "proof" in unsecured_document:
        raise ProofError(Reason.MALFORMED_PROOF)
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": format_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    config = proof_configuration(unsecured_document, proof)
    if undefined_terms(unsecured_document, loader):
        raise ProofError(Reason.UNDEFINED_TERM)
    data = hash_data(unsecured_document, config, loader)
    proof["proofValue"] = encode_base58btc(private_key.sign(data))
    secured = copy.deepcopy(dict(unsecured_document))
    secured["proof"] = [proof]
    return secured


# --- keys -------------------------------------------------------------------------------------


def multikey_of(verification_method: str) -> str | None:
    """The Multikey (`z6Mk...`) a verification method names: `did:key:X#X` or `<url>#X`."""
    controller, _, fragment = verification_method.partition("#")
    if controller.startswith("did:key:"):
        did = controller[len("did:key:") :]
        return did if fragment in ("", did) else None
    return fragment or None


def controller_of(verification_method: str) -> str:
    return verification_method.partition("#")[0]


def resolve_self_issued(verification_method: str, issuer_id: str) -> Ed25519PublicKey | None:
    """The default resolver: only a did:key that is itself the issuer."""
    if not verification_method.startswith("did:key:") or controller_of(verification_method) != (
        issuer_id
    ):
        return None
    try:
        return keys.resolve_did_key(verification_method)
    except ValueError:
        return None


def published_keys_resolver(published: Mapping[str, Iterable[str]]) -> KeyResolver:
    """A resolver for keys the issuers publish on their profiles: issuer id -> Multikeys
    (old keys included after a rotation, so older credentials keep verifying). Accepts a
    verification method `did:key:X#X` or `<issuer id>#X` when X is one of the issuer's keys."""
    table = {issuer: frozenset(values) for issuer, values in published.items()}

    def resolve(verification_method: str, issuer_id: str) -> Ed25519PublicKey | None:
        multikey = multikey_of(verification_method)
        controller = controller_of(verification_method)
        if multikey is None or multikey not in table.get(issuer_id, frozenset()):
            return resolve_self_issued(verification_method, issuer_id)
        if not (controller.startswith("did:key:") or controller == issuer_id):
            return None
        try:
            return keys.public_key_from_multibase(multikey)
        except ValueError:
            return None

    return resolve


def _self_described_key(verification_method: str) -> Ed25519PublicKey | None:
    multikey = multikey_of(verification_method)
    if multikey is None:
        return None
    try:
        return keys.public_key_from_multibase(multikey)
    except ValueError:
        return None


def issuer_id_of(document: Mapping[str, Any]) -> str:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else ""


# --- verification -----------------------------------------------------------------------------


def _single_proof(document: Mapping[str, Any]) -> Mapping[str, Any] | Reason:
    proofs = document.get("proof")
    if proofs is None:
        return Reason.MISSING_PROOF
    if isinstance(proofs, dict):
        proofs = [proofs]
    if not isinstance(proofs, list) or not proofs:
        return Reason.MISSING_PROOF
    ours = [p for p in proofs if isinstance(p, dict) and p.get("cryptosuite") == CRYPTOSUITE]
    if not ours:
        return Reason.WRONG_CRYPTOSUITE
    if len(ours) > 1 or len(proofs) > 1:
        return Reason.MALFORMED_PROOF
    return ours[0]


def verify_proof(
    document: Mapping[str, Any],
    resolve_key: KeyResolver | None = None,
    *,
    loader: LocalDocumentLoader | None = None,
) -> list[Reason]:
    """The reasons the embedded eddsa-rdfc-2022 proof does not hold; empty when it does."""
    proof = _single_proof(document)
    if isinstance(proof, Reason):
        return [proof]
    if proof.get("type") != PROOF_TYPE:
        return [Reason.WRONG_CRYPTOSUITE]
    verification_method = proof.get("verificationMethod")
    proof_value = proof.get("proofValue")
    if not isinstance(verification_method, str) or not isinstance(proof_value, str):
        return [Reason.MALFORMED_PROOF]
    try:
        signature = decode_base58btc(proof_value)
    except ValueError:
        return [Reason.MALFORMED_PROOF]
    if len(signature) != 64:
        return [Reason.MALFORMED_PROOF]

    reasons: list[Reason] = []
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        reasons.append(Reason.WRONG_PROOF_PURPOSE)

    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proof_options = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in proof_options:
        # vc-di-eddsa: the document's @context must start with the proof's, in the same order.
        proof_context = proof_options["@context"]
        proof_context = proof_context if isinstance(proof_context, list) else [proof_context]
        document_context = unsecured.get("@context")
        document_context = (
            document_context if isinstance(document_context, list) else [document_context]
        )
        if document_context[: len(proof_context)] != proof_context:
            return [*reasons, Reason.MALFORMED_PROOF]
        unsecured["@context"] = proof_options["@context"]

    resolver = resolve_key or resolve_self_issued
    key = resolver(verification_method, issuer_id_of(document))
    if key is None:
        reasons.append(Reason.UNKNOWN_KEY)
        # Still say whether the document was altered since the key it names signed it.
        key = _self_described_key(verification_method)
    try:
        config = proof_configuration(unsecured, proof_options)
        if undefined_terms(unsecured, loader) or undefined_terms(config, loader):
            reasons.append(Reason.UNDEFINED_TERM)
        data = hash_data(unsecured, config, loader)
    except ProofError as error:
        return [*reasons, error.reason]
    if key is not None:
        try:
            key.verify(signature, data)
        except InvalidSignature:
            reasons.append(Reason.BAD_SIGNATURE)
    return reasons


def _parse_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("not a string")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("no timezone")
    return moment


def _date_reasons(document: Mapping[str, Any], now: datetime) -> list[Reason]:
    reasons = []
    try:
        valid_from = _parse_datetime(document.get("validFrom"))
        valid_until = _parse_datetime(document["validUntil"]) if "validUntil" in document else None
    except ValueError:
        return [Reason.MALFORMED_DATES]
    if now < valid_from:
        reasons.append(Reason.NOT_YET_VALID)
    if valid_until is not None and now > valid_until:
        reasons.append(Reason.EXPIRED)
    return reasons


def _status_reasons(
    document: Mapping[str, Any], fetch_status_list: StatusFetcher | None
) -> list[Reason]:
    entries = document.get("credentialStatus")
    if entries is None:
        return []
    entries = entries if isinstance(entries, list) else [entries]
    reasons: list[Reason] = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            reasons.append(Reason.STATUS_INVALID)
            continue
        url = entry.get("statusListCredential")
        index_text = entry.get("statusListIndex")
        purpose = entry.get("statusPurpose")
        if (
            not isinstance(url, str)
            or not isinstance(index_text, str)
            or not index_text.isdigit()
            or purpose not in ("revocation", "suspension")
        ):
            reasons.append(Reason.STATUS_INVALID)
            continue
        encoded = None
        if fetch_status_list is not None:
            try:
                encoded = fetch_status_list(url)
            except Exception:  # any failure to obtain the list means it is unavailable
                encoded = None
        if encoded is None:
            reasons.append(Reason.STATUS_UNAVAILABLE)
            continue
        try:
            is_set = StatusList.decode(encoded).get(int(index_text))
        except (ValueError, IndexError, OSError, EOFError):
            reasons.append(Reason.STATUS_INVALID)
            continue
        if is_set:
            reasons.append(Reason.REVOKED if purpose == "revocation" else Reason.SUSPENDED)
    return reasons


def verify(
    document: Any,
    resolve_key: KeyResolver | None = None,
    *,
    fetch_status_list: StatusFetcher | None = None,
    now: datetime | None = None,
    loader: LocalDocumentLoader | None = None,
    check_schema: bool = True,
) -> VerificationResult:
    """Verify a secured OB 3.0 credential offline: proof, schema, validity dates and (if it has a
    `credentialStatus`) the status list. `fetch_status_list` must return the `encodedList` of a
    status list credential it has itself verified, or None when it cannot find it."""
    if not isinstance(document, dict):
        return VerificationResult(valid=False, reasons=[Reason.MALFORMED])
    reasons = verify_proof(document, resolve_key, loader=loader)
    problems: list[str] = []
    if check_schema:
        problems = validate_schema(document)
        if problems:
            reasons.append(Reason.SCHEMA_INVALID)
    reasons += _date_reasons(document, now or datetime.now(UTC))
    reasons += _status_reasons(document, fetch_status_list)
    unique = list(dict.fromkeys(reasons))
    return VerificationResult(valid=not unique, reasons=unique, schema_problems=problems)
