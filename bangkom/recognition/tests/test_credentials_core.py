"""Pure core of the credentials package: base58btc, Multikey/did:key, loader, status list."""

import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bangkom.recognition.credentials import keys, multibase
from bangkom.recognition.credentials.loader import (
    OB_V3,
    VC_V2,
    UnknownDocumentError,
    document_loader,
)
from bangkom.recognition.credentials.statuslist import MIN_ENTRIES, StatusList


@settings(deadline=None)
@given(st.binary(max_size=80))
def test_base58_round_trip(data):
    assert multibase.b58decode(multibase.b58encode(data)) == data


def test_base58_known_values():
    assert multibase.b58encode(b"\0\0\x01") == "112"
    assert multibase.b58encode(b"hello world") == "StV1DL6CwTryKyV"


def test_did_key_of_known_test_vector():
    # A published Ed25519 key (publicKeyBase58) and its did:key.
    raw = multibase.b58decode("HrBXe7XnjMbscM1roSDTSMCcLNraetDQM9wSVjnzDxn3")
    pub = keys.Ed25519PublicKey.from_public_bytes(raw)
    expected = "z6MkwJSaEMnE4u6LiqrZV1BJHSkc9x8S4mTm3ArNL1m19BZR"
    assert keys.public_key_multibase(pub) == expected
    assert keys.did_key_verification_method(pub) == f"did:key:{expected}#{expected}"
    assert keys.public_key_bytes(keys.resolve_did_key(f"did:key:{expected}#{expected}")) == raw


def test_generated_key_is_z6mk():
    pub = keys.generate_private_key().public_key()
    assert keys.public_key_multibase(pub).startswith("z6Mk")


def test_loader_serves_shipped_contexts_only():
    assert "@context" in document_loader(VC_V2)["document"]
    assert "@context" in document_loader(OB_V3)["document"]
    with pytest.raises(UnknownDocumentError):
        document_loader("https://example.org/evil-context.json")


def test_status_list_encoding_details():
    sl = StatusList()
    assert len(sl) == MIN_ENTRIES
    sl.set(0)
    encoded = sl.encode()
    assert encoded.startswith("u") and "=" not in encoded
    raw = gzip.decompress(multibase.decode_base64url(encoded))
    assert len(raw) == 16 * 1024
    assert raw[0] == 0x80  # index 0 is the left-most bit of the first byte
    assert StatusList.decode(encoded).get(0)
    assert not StatusList.decode(encoded).get(1)


def test_status_list_too_short_is_refused():
    short = multibase.encode_base64url(gzip.compress(b"\0" * 10))
    with pytest.raises(ValueError):
        StatusList.decode(short)


@settings(deadline=None, max_examples=25)
@given(st.sets(st.integers(min_value=0, max_value=MIN_ENTRIES - 1), max_size=20))
def test_status_list_bits_round_trip(indices):
    sl = StatusList()
    for i in indices:
        sl.set(i)
    back = StatusList.decode(sl.encode())
    for i in indices:
        assert back.get(i)
    assert sum(bin(b).count("1") for b in back.bits) == len(indices)
