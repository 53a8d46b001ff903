"""W3C Bitstring Status List v1.0: GZIP-compressed bitstring, multibase base64url ('u').

Index 0 is the left-most (most significant) bit of the first byte. A list holds at least
16 KB = 131,072 entries, so that a single credential's status does not stand out."""

from __future__ import annotations

import gzip

from .multibase import decode_base64url, encode_base64url

MIN_ENTRIES = 131_072


class StatusList:
    def __init__(self, size: int = MIN_ENTRIES) -> None:
        size = max(size, MIN_ENTRIES)
        self.bits = bytearray((size + 7) // 8)

    def __len__(self) -> int:
        return len(self.bits) * 8

    def _check(self, index: int) -> None:
        if not 0 <= index < len(self):
            raise IndexError(f"status list index {index} out of range")

    def get(self, index: int) -> bool:
        self._check(index)
        return bool(self.bits[index // 8] & (0x80 >> (index % 8)))

    def set(self, index: int, value: bool = True) -> None:
        self._check(index)
        mask = 0x80 >> (index % 8)
        if value:
            self.bits[index // 8] |= mask
        else:
            self.bits[index // 8] &= ~mask & 0xFF

    def encode(self) -> str:
        # mtime=0: the same list always encodes to the same text.
        return encode_base64url(gzip.compress(bytes(self.bits), mtime=0))

    @classmethod
    def decode(cls, encoded: str) -> StatusList:
        raw = gzip.decompress(decode_base64url(encoded))
        if len(raw) * 8 < MIN_ENTRIES:
            raise ValueError("status list is shorter than 131,072 entries")
        sl = cls.__new__(cls)
        sl.bits = bytearray(raw)
        return sl
