"""eddsa-rdfc-2022 Data Integrity proofs: the W3C vector byte for byte, and what a verifier says
about valid, altered, foreign-signed, revoked and not-offline credentials."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bangkom.recognition.credentials import integrity, keys
from bangkom.recognition.credentials import multibase as mb
from bangkom.recognition.credentials.integrity import ProofError, Reason
from bangkom.recognition.credentials.loader import LocalDocumentLoader, UnknownDocumentError
from bangkom.recognition.credentials.statuslist import StatusList

from . import credential_fixtures as fx

VECTORS = Path(__file__).parent / "data" / "vc-di-eddsa"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"


def _vector(name: str) -> str:
    return (VECTORS / name).read_text(encoding="utf-8")


def _vector_json(name: str) -> Any:
    return json.loads(_vector(name))


@pytest.fixture
def vector_loader() -> LocalDocumentLoader:
    return LocalDocumentLoader({EXAMPLES_V2: _vector_json("credentials-examples-v2.jsonld")})


def _status_lists(*revoked: int) -> dict[str, str]:
    status_list = StatusList()
    for index in revoked:
        status_list.set(index)
    return {fx.STATUS_LIST_URL: status_list.encode()}


def _verify(document: Any, *, revoked: tuple[int, ...] = ()) -> integrity.VerificationResult:
    return integrity.verify(
        document,
        fx.issuer_keys,
        fetch_status_list=_status_lists(*revoked).get,
        now=fx.NOW,
    )


# --- the W3C vc-di-eddsa vector ---------------------------------------------------------------


def test_w3c_vector_canonical_forms_hashes_and_proof_value(vector_loader):
    key_pair = _vector_json("keyPair.json")
    secret = keys.private_key_from_multibase(key_pair["privateKeyMultibase"])
    assert keys.public_key_multibase(secret.public_key()) == key_pair["publicKeyMultibase"]

    unsigned = _vector_json("unsigned.json")
    proof_config = _vector_json("proofConfigDataInt.json")
    canonical_document = integrity.canonicalize(unsigned, vector_loader)
    canonical_proof = integrity.canonicalize(proof_config, vector_loader)
    assert canonical_document == _vector("canonDocDataInt.txt")
    assert canonical_proof == _vector("proofCanonDataInt.txt")

    document_hash = hashlib.sha256(canonical_document.encode()).hexdigest()
    assert document_hash == _vector("docHashDataInt.txt").strip()
    data = integrity.hash_data(unsigned, proof_config, vector_loader)
    assert data.hex() == _vector("combinedHashDataInt.txt").strip()

    proof_options = {k: v for k, v in proof_config.items() if k != "@context"}
    assert integrity.proof_configuration(unsigned, proof_options) == proof_config

    signature = secret.sign(data)
    assert signature.hex() == _vector("sigHexDataInt.txt").strip()
    assert mb.encode_base58btc(signature) == _vector("sigBTC58DataInt.txt").strip()
    signed = _vector_json("signedDataInt.json")
    assert signed["proof"]["proofValue"] == mb.encode_base58btc(signature)


def test_w3c_signed_vector_verifies_and_is_signed_the_same_way(vector_loader):
    signed = _vector_json("signedDataInt.json")
    issuer = signed["issuer"]
    resolver = integrity.published_keys_resolver(
        {issuer: [_vector_json("keyPair.json")["publicKeyMultibase"]]}
    )
    assert integrity.verify_proof(signed, resolver, loader=vector_loader) == []

    secret = keys.private_key_from_multibase(_vector_json("keyPair.json")["privateKeyMultibase"])
    ours = integrity.sign(
        _vector_json("unsigned.json"),
        secret,
        verification_method=signed["proof"]["verificationMethod"],
        created=datetime.fromisoformat(signed["proof"]["created"]),
        loader=vector_loader,
    )
    # Ed25519 is deterministic: the same bytes give the spec's proofValue.
    assert ours["proof"] == [signed["proof"]]


def test_w3c_vector_needs_its_context_which_is_not_shipped():
    # Without the test-only examples context the default loader refuses, offline.
    signed = _vector_json("signedDataInt.json")
    assert integrity.verify_proof(signed, integrity.resolve_self_issued) == [
        Reason.UNKNOWN_KEY,
        Reason.CONTEXT_NOT_LOCAL,
    ]


# --- our credentials --------------------------------------------------------------------------


def test_signed_credential_verifies():
    signed = fx.signed_credential()
    assert isinstance(signed["proof"], list) and len(signed["proof"]) == 1
    proof = signed["proof"][0]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["verificationMethod"] == f"did:key:{fx.ISSUER_MULTIKEY}#{fx.ISSUER_MULTIKEY}"
    assert proof["proofValue"].startswith("z")
    assert len(mb.decode_base58btc(proof["proofValue"])) == 64

    result = _verify(signed)
    assert result == integrity.VerificationResult(valid=True, reasons=[], schema_problems=[])


def test_issuer_profile_url_verification_method_verifies():
    signed = integrity.sign(
        fx.unsigned_credential(),
        fx.ISSUER_KEY,
        verification_method=f"{fx.ISSUER_ID}#{fx.ISSUER_MULTIKEY}",
        created=fx.SIGNED_AT,
    )
    assert _verify(signed).valid


def test_every_value_of_the_credential_is_signed():
    """Nothing is dropped by canonicalisation: each string we put in is in the signed N-Quads."""
    unsigned = fx.unsigned_credential()
    assert integrity.undefined_terms(unsigned) == []
    canonical = integrity.canonicalize(unsigned)

    def strings(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [s for k, v in value.items() if k != "@context" for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    type_names = {"VerifiableCredential", "OpenBadgeCredential", "Profile", "AchievementSubject"}
    type_names |= {"Achievement", "Alignment", "IdentityObject", "BitstringStatusListEntry"}
    type_names |= {"1EdTechJsonSchemaValidator2019"}
    for text in strings(unsigned):
        if text not in type_names:
            assert json.dumps(text, ensure_ascii=False)[1:-1] in canonical, text


def _altered(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    signed = fx.signed_credential()
    node: Any = signed
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return signed


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("credentialSubject", "name"), "Ni Luh Putu Ayu Wulandary"),
        (("credentialSubject", "achievement", "name"), "Pelatihan Kepemimpinan Nasional"),
        (("credentialSubject", "achievement", "creditsAvailable"), 320),
        (("credentialSubject", "achievement", "criteria", "narrative"), "Hadir saja."),
        (("validFrom",), "2025-03-14T16:00:00+07:00"),
        (("issuer", "name"), "BKPSDM Kota Lain"),
        (("credentialStatus", "statusListIndex"), "42"),
    ],
)
def test_altered_credential_fails_with_bad_signature(path, value):
    result = _verify(_altered(path, value))
    assert not result.valid
    assert result.reasons == [Reason.BAD_SIGNATURE]


def test_altered_issuer_id_fails_naming_the_key_and_the_signature():
    result = _verify(_altered(("issuer", "id"), "https://bangkom.example.go.id/issuers/3172"))
    assert result.reasons == [Reason.UNKNOWN_KEY, Reason.BAD_SIGNATURE]


def test_added_unsigned_property_is_refused():
    signed = fx.signed_credential()
    signed["credentialSubject"]["nip"] = fx.NIP  # no context defines it: it would travel unsigned
    result = _verify(signed)
    assert result.reasons == [Reason.UNDEFINED_TERM]


def test_signing_refuses_an_undefined_term():
    unsigned = fx.unsigned_credential()
    unsigned["credentialSubject"]["golongan"] = "III/a"
    with pytest.raises(ProofError) as raised:
        integrity.sign(
            unsigned,
            fx.ISSUER_KEY,
            verification_method=keys.did_key_verification_method(fx.ISSUER_KEY.public_key()),
            created=fx.SIGNED_AT,
        )
    assert raised.value.reason == Reason.UNDEFINED_TERM


def test_signed_by_another_key_naming_itself_is_an_unknown_key():
    other = keys.generate_private_key()
    signed = integrity.sign(
        fx.unsigned_credential(),
        other,
        verification_method=keys.did_key_verification_method(other.public_key()),
        created=fx.SIGNED_AT,
    )
    assert _verify(signed).reasons == [Reason.UNKNOWN_KEY]


def test_signed_by_another_key_naming_the_issuer_key_has_a_bad_signature():
    other = keys.generate_private_key()
    signed = integrity.sign(
        fx.unsigned_credential(),
        other,
        verification_method=keys.did_key_verification_method(fx.ISSUER_KEY.public_key()),
        created=fx.SIGNED_AT,
    )
    assert _verify(signed).reasons == [Reason.BAD_SIGNATURE]


def test_rotated_keys_keep_old_credentials_verifying():
    old = fx.signed_credential()
    new_key = keys.generate_private_key()
    resolver = integrity.published_keys_resolver(
        {fx.ISSUER_ID: [keys.public_key_multibase(new_key.public_key()), fx.ISSUER_MULTIKEY]}
    )
    result = integrity.verify(old, resolver, fetch_status_list=_status_lists().get, now=fx.NOW)
    assert result.valid


def test_revoked_credential_says_revoked():
    assert _verify(fx.signed_credential(), revoked=(41,)).reasons == [Reason.REVOKED]
    assert _verify(fx.signed_credential(), revoked=(40, 42)).valid


def test_status_list_that_cannot_be_found_is_unavailable():
    result = integrity.verify(
        fx.signed_credential(), fx.issuer_keys, fetch_status_list=lambda url: None, now=fx.NOW
    )
    assert result.reasons == [Reason.STATUS_UNAVAILABLE]
    no_fetcher = integrity.verify(fx.signed_credential(), fx.issuer_keys, now=fx.NOW)
    assert no_fetcher.reasons == [Reason.STATUS_UNAVAILABLE]


def test_validity_window():
    signed = fx.signed_credential(valid_until=fx.VALID_FROM.replace(year=2027))
    lists = _status_lists().get
    before = fx.VALID_FROM.replace(day=1)
    after = fx.VALID_FROM.replace(year=2028)
    assert integrity.verify(signed, fx.issuer_keys, fetch_status_list=lists, now=fx.NOW).valid
    early = integrity.verify(signed, fx.issuer_keys, fetch_status_list=lists, now=before)
    assert early.reasons == [Reason.NOT_YET_VALID]
    late = integrity.verify(signed, fx.issuer_keys, fetch_status_list=lists, now=after)
    assert late.reasons == [Reason.EXPIRED]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.pop("proof"), Reason.MISSING_PROOF),
        (lambda d: d["proof"][0].update(cryptosuite="ecdsa-rdfc-2019"), Reason.WRONG_CRYPTOSUITE),
        (lambda d: d["proof"][0].update(proofValue="not-multibase"), Reason.MALFORMED_PROOF),
        (lambda d: d["proof"][0].update(proofPurpose="authentication"), Reason.WRONG_PROOF_PURPOSE),
    ],
)
def test_broken_proofs_are_named(change, reason):
    signed = fx.signed_credential()
    change(signed)
    assert reason in _verify(signed).reasons
    assert not _verify(signed).valid


def test_broken_schema_is_named_beside_a_valid_signature():
    # A credential without its achievement's criteria is not an OB 3.0 credential even if signed.
    unsigned = fx.unsigned_credential()
    del unsigned["credentialSubject"]["achievement"]["criteria"]
    signed = integrity.sign(
        unsigned,
        fx.ISSUER_KEY,
        verification_method=keys.did_key_verification_method(fx.ISSUER_KEY.public_key()),
        created=fx.SIGNED_AT,
    )
    result = _verify(signed)
    assert result.reasons == [Reason.SCHEMA_INVALID]
    assert result.schema_problems == ["required:/credentialSubject/achievement/criteria"]


def test_context_not_shipped_is_refused_without_going_online():
    signed = fx.signed_credential()
    signed["@context"].append("https://attacker.example/context.jsonld")
    assert Reason.CONTEXT_NOT_LOCAL in _verify(signed).reasons
    nested = fx.signed_credential()
    nested["credentialSubject"]["@context"] = "https://attacker.example/nested.jsonld"
    assert Reason.CONTEXT_NOT_LOCAL in _verify(nested).reasons


def test_not_a_credential_at_all():
    assert integrity.verify([1, 2], fx.issuer_keys, now=fx.NOW).reasons == [Reason.MALFORMED]
    assert integrity.verify({}, fx.issuer_keys, now=fx.NOW).reasons[0] == Reason.MISSING_PROOF


def test_signing_does_not_change_its_input():
    unsigned = fx.unsigned_credential()
    before = copy.deepcopy(unsigned)
    fx.signed_credential()
    integrity.sign(
        unsigned,
        fx.ISSUER_KEY,
        verification_method=keys.did_key_verification_method(fx.ISSUER_KEY.public_key()),
        created=fx.SIGNED_AT,
    )
    assert unsigned == before


# Indonesian names: Latin letters with the occasional diacritic, apostrophe, hyphen, title dots,
# and anything else Unicode allows (a name is what the person's record says).
_NAME_ALPHABET = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "Zs"))
names = st.one_of(
    st.sampled_from(["Siti Nur'aini", "I Gusti Ngurah Rai", "Dr. Hj. Ratna Sari, S.E., M.Si."]),
    st.text(alphabet=_NAME_ALPHABET, min_size=1, max_size=60),
)


@settings(max_examples=25)
@given(person=names, program=names, narrative=st.text(min_size=1, max_size=120))
def test_round_trip_over_names_stays_valid(person, program, narrative):
    signed = fx.signed_credential(
        subject=fx.subject(name=person),
        achievement=fx.achievement(name=program, criteria_narrative=narrative),
    )
    assert _verify(signed).valid
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["name"] = person + "x"
    assert _verify(tampered).reasons == [Reason.BAD_SIGNATURE]


def test_extra_local_documents_do_not_open_the_loader(vector_loader):
    with pytest.raises(UnknownDocumentError):
        vector_loader("https://www.w3.org/ns/credentials/examples/v1")
    # A context one loader served is not remembered for another: pyld keeps it per operation.
    document = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "id": "urn:uuid:0c4b9a3e-3f43-4d55-9b0b-6a1f3e2d1c00",
        "type": "VerifiableCredential",
        "credentialSubject": {"@context": EXAMPLES_V2, "alumniOf": "Sekolah Contoh"},
    }
    assert "alumniOf" in integrity.canonicalize(document, vector_loader)
    with pytest.raises(ProofError) as raised:
        integrity.canonicalize(document)
    assert raised.value.reason == Reason.CONTEXT_NOT_LOCAL


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=60)
@given(
    key=st.sampled_from(["@context", "issuer", "credentialSubject", "proof", "validFrom"]),
    value=_json,
)
def test_any_broken_field_gives_reasons_not_a_crash(key, value):
    signed = fx.signed_credential()
    if signed.get(key) == value:
        return
    signed[key] = value
    result = _verify(signed)
    assert not result.valid
    assert result.reasons


def test_did_key_issuer_verifies_with_no_resolver():
    did = keys.did_key(fx.ISSUER_KEY.public_key())
    signed = fx.signed_credential(issuer=fx.issuer_profile(id=did, url=None))
    result = integrity.verify(signed, fetch_status_list=_status_lists().get, now=fx.NOW)
    assert result.valid
    # ...but another issuer id with that key is not trusted by default.
    assert integrity.verify_proof(fx.signed_credential()) == [Reason.UNKNOWN_KEY]
