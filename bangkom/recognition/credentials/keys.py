"""Ed25519 keys as Multikey (multibase base58btc of multicodec 0xed01 + 32 bytes) and did:key."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .multibase import decode_base58btc, encode_base58btc

ED25519_PUB_PREFIX = b"\xed\x01"  # multicodec ed25519-pub, varint-encoded
ED25519_PRIV_PREFIX = b"\x80\x26"  # multicodec ed25519-priv, varint-encoded


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_key_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_multibase(key: Ed25519PublicKey) -> str:
    """`z6Mk…`"""
    return encode_base58btc(ED25519_PUB_PREFIX + public_key_bytes(key))


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    raw = decode_base58btc(value)
    if len(raw) != 34 or raw[:2] != ED25519_PUB_PREFIX:
        raise ValueError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def private_key_from_multibase(value: str) -> Ed25519PrivateKey:
    raw = decode_base58btc(value)
    if len(raw) != 34 or raw[:2] != ED25519_PRIV_PREFIX:
        raise ValueError("not an Ed25519 secret Multikey")
    return Ed25519PrivateKey.from_private_bytes(raw[2:])


def did_key(key: Ed25519PublicKey) -> str:
    """`did:key:z6Mk…`"""
    return "did:key:" + public_key_multibase(key)


def did_key_verification_method(key: Ed25519PublicKey) -> str:
    """`did:key:z6Mk…#z6Mk…`"""
    mb = public_key_multibase(key)
    return f"did:key:{mb}#{mb}"


def resolve_did_key(verification_method: str) -> Ed25519PublicKey:
    """The public key named by a did:key verification method, resolved locally."""
    if not verification_method.startswith("did:key:"):
        raise ValueError("not a did:key")
    did, _, fragment = verification_method[len("did:key:") :].partition("#")
    if fragment and fragment != did:
        raise ValueError("did:key fragment does not match the key")
    return public_key_from_multibase(did)
