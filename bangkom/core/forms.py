"""Form helpers shared by the apps."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet


def set_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Limit a model choice field to what the acting user may pick."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset
