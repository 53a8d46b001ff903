"""Base58btc (Bitcoin alphabet) and the multibase prefixes used by Data Integrity proofs."""

from __future__ import annotations

import base64

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}


def b58encode(data: bytes) -> str:
    zeros = len(data) - len(data.lstrip(b"\0"))
    n = int.from_bytes(data, "big")
    out = []
    while n:
        n, r = divmod(n, 58)
        out.append(ALPHABET[r])
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    n = 0
    for c in text:
        if c not in _INDEX:
            raise ValueError(f"not a base58btc character: {c!r}")
        n = n * 58 + _INDEX[c]
    zeros = len(text) - len(text.lstrip("1"))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * zeros + body


def encode_base58btc(data: bytes) -> str:
    """Multibase base58btc: prefix 'z'."""
    return "z" + b58encode(data)


def decode_base58btc(text: str) -> bytes:
    if not text.startswith("z"):
        raise ValueError("multibase value is not base58btc ('z')")
    return b58decode(text[1:])


def encode_base64url(data: bytes) -> str:
    """Multibase base64url without padding: prefix 'u'."""
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_base64url(text: str) -> bytes:
    if not text.startswith("u"):
        raise ValueError("multibase value is not base64url ('u')")
    body = text[1:]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
