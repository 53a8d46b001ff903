"""Delivery models. The ledger's are re-exported here; batches and resources join them."""

from .ledger import (
    CERTIFICATE_EXTENSIONS,
    CERTIFICATE_MAX_BYTES,
    JP_LINE_MAX,
    ClaimStatus,
    ExternalLearningClaim,
    JpCredit,
    JpSource,
    validate_certificate,
)

__all__ = [
    "CERTIFICATE_EXTENSIONS",
    "CERTIFICATE_MAX_BYTES",
    "JP_LINE_MAX",
    "ClaimStatus",
    "ExternalLearningClaim",
    "JpCredit",
    "JpSource",
    "validate_certificate",
]
