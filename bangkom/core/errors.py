"""Errors that services raise and views/endpoints turn into messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A business rule refused the change. The message is for the user, in Indonesian."""


class ConflictError(ServiceError):
    """Someone else changed the object since it was read (optimistic locking)."""
