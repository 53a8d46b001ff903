"""Verifying an Open Badges 3.0 credential with this installation's keys and status lists, and
the verifier's reason codes in words (Indonesian by default, English available)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import status
from .credentials import integrity
from .credentials.integrity import Reason, VerificationResult

REASON_MESSAGES: dict[Reason, Promise] = {
    Reason.MALFORMED: _("dokumen bukan kredensial JSON-LD yang dapat diproses"),
    Reason.UNDEFINED_TERM: _(
        "kredensial memuat isian yang tidak didefinisikan konteks JSON-LD-nya, sehingga isian "
        "itu tidak ikut ditandatangani"
    ),
    Reason.MISSING_PROOF: _("kredensial tidak memiliki bukti tanda tangan (proof)"),
    Reason.MALFORMED_PROOF: _("bukti tanda tangan (proof) rusak atau tidak lengkap"),
    Reason.WRONG_CRYPTOSUITE: _(
        "jenis bukti tanda tangan tidak didukung: harus DataIntegrityProof eddsa-rdfc-2022"
    ),
    Reason.WRONG_PROOF_PURPOSE: _("tujuan bukti tanda tangan bukan assertionMethod"),
    Reason.UNKNOWN_KEY: _(
        "kunci penanda tangan tidak diumumkan penerbit kredensial sebagai kuncinya"
    ),
    Reason.BAD_SIGNATURE: _(
        "tanda tangan tidak cocok: isi kredensial telah diubah atau ditandatangani kunci lain"
    ),
    Reason.CONTEXT_NOT_LOCAL: _(
        "kredensial memakai konteks JSON-LD yang tidak tersedia secara lokal (verifikasi tidak "
        "mengakses internet)"
    ),
    Reason.SCHEMA_INVALID: _("kredensial tidak sesuai skema Open Badges 3.0 AchievementCredential"),
    Reason.NOT_YET_VALID: _("kredensial belum berlaku (validFrom belum tiba)"),
    Reason.EXPIRED: _("masa berlaku kredensial telah habis (validUntil sudah lewat)"),
    Reason.MALFORMED_DATES: _("tanggal berlaku kredensial tidak dapat dibaca"),
    Reason.REVOKED: _("kredensial telah dicabut oleh penerbitnya"),
    Reason.SUSPENDED: _("kredensial sedang ditangguhkan oleh penerbitnya"),
    Reason.STATUS_UNAVAILABLE: _(
        "daftar status kredensial tidak ditemukan secara lokal, sehingga pencabutan tidak dapat "
        "diperiksa"
    ),
    Reason.STATUS_INVALID: _(
        "entri status kredensial (credentialStatus) atau daftar statusnya rusak"
    ),
}


def reason_message(reason: Reason) -> str:
    return str(REASON_MESSAGES[reason])


def published_issuer_keys() -> dict[str, list[str]]:
    """Issuer profile id -> the public Multikeys (`z6Mk...`) its issuer profile publishes, old ones
    included after a rotation. None yet: the instansi keys are not stored here so far."""
    return {}


def verify_credential_document(
    document: Any,
    *,
    extra_issuer_keys: Mapping[str, Iterable[str]] | None = None,
    now: datetime | None = None,
) -> VerificationResult:
    """Verify offline: signature by a key the issuer publishes, the OB 3.0 schema, the validity
    dates and the status list served by this installation."""
    published: dict[str, set[str]] = {}
    for source in (published_issuer_keys(), extra_issuer_keys or {}):
        for issuer, multikeys in source.items():
            published.setdefault(issuer, set()).update(multikeys)
    return integrity.verify(
        document,
        integrity.published_keys_resolver(published),
        fetch_status_list=status.local_status_list,
        now=now,
    )
