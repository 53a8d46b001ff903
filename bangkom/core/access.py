"""Shared pieces of the access helpers: one way to say 'not yours' and 'not allowed'."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from bangkom.core.params import parse_id

M = TypeVar("M", bound=models.Model)

NOTHING = models.Q(pk__in=[])


def get_visible_or_404(queryset: models.QuerySet[M], pk: object) -> M:
    """The object if it is in the user's visible set; otherwise 404, so that objects of
    another instansi are indistinguishable from objects that do not exist."""
    key = parse_id(pk)
    if key is None:
        raise Http404(_("Data tidak ditemukan."))
    try:
        return queryset.get(pk=key)
    except ObjectDoesNotExist as exc:
        raise Http404(_("Data tidak ditemukan.")) from exc


def deny(message: str | None = None) -> PermissionDenied:
    return PermissionDenied(message or _("Anda tidak berwenang melakukan tindakan ini."))
