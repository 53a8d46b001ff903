"""Encryption at rest of the instansi signing keys.

A private key is stored as ``v1:<base64url(nonce ‖ AES-256-GCM ciphertext)>``. The AES key is
derived with HKDF-SHA256 from ``settings.CREDENTIAL_KEY_SECRET`` (development: from SECRET_KEY
when unset; with DEBUG off signing refuses to run without it). The associated data binds each
ciphertext to its public Multikey, so an encrypted key copied onto another row does not decrypt."""

from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = "v1"
_SALT = b"bangkom/recognition/issuer-keys"
_NONCE_BYTES = 12


def _secret() -> bytes:
    secret = getattr(settings, "CREDENTIAL_KEY_SECRET", "") or ""
    if not secret:  # settings.py fills it in development only
        raise ImproperlyConfigured(
            "CREDENTIAL_KEY_SECRET wajib diisi (DEBUG=false) untuk mengenkripsi kunci penanda "
            "tangan sertifikat."
        )
    return secret.encode("utf-8")


def _aead() -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=b"aes-256-gcm").derive(
        _secret()
    )
    return AESGCM(key)


def _associated_data(public_multikey: str) -> bytes:
    return f"bangkom:issuer-key:{public_multikey}".encode()


def encrypt_private_key(key: Ed25519PrivateKey, public_multikey: str) -> str:
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    nonce = os.urandom(_NONCE_BYTES)
    sealed = _aead().encrypt(nonce, raw, _associated_data(public_multikey))
    return f"{VERSION}:" + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def decrypt_private_key(stored: str, public_multikey: str) -> Ed25519PrivateKey:
    """The private key; ``cryptography.exceptions.InvalidTag`` if the secret or row is wrong."""
    version, _, payload = stored.partition(":")
    if version != VERSION:
        raise ValueError("unknown key encryption version")
    blob = base64.urlsafe_b64decode(payload.encode("ascii"))
    raw = _aead().decrypt(
        blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], _associated_data(public_multikey)
    )
    return Ed25519PrivateKey.from_private_bytes(raw)
