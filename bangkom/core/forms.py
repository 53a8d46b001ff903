"""Form helpers shared by the apps."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from bangkom.core.errors import ServiceError


def set_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Limit a model choice field to what the acting user may pick."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


def apply_service_errors(form: forms.BaseForm, exc: ServiceError) -> None:
    """Put a service's messages on the form's fields (or on the form when no field matches).

    Every message shows at once, so the user fixes all of them in one pass.
    """
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            errors = [error for error in errors if error]
            if errors:
                form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
