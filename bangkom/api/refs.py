"""Turning ids in a request into objects, always through the access helpers.

An id in the path that the user cannot see is a 404 (the object might as well not exist). An id
in the body or in a filter is different: the request itself is wrong, so it is a 422 naming the
field, in the same shape as any other invalid field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from bangkom.accounts.scope import scope_for
from bangkom.api.errors import field_error
from bangkom.core.access import deny
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Wilayah

T = TypeVar("T")


def acting_user(request: HttpRequest) -> Any:
    """The user the request authenticated as (session or token)."""
    return request.auth  # type: ignore[attr-defined]


def require_write_role(request: HttpRequest) -> None:
    """Creating anything takes an admin role (superadmin, BKPSDM admin or OPD admin). Without
    one the answer is 403 at once, before the ids in the body are looked at: someone who may
    create nothing should not learn which ids exist."""
    scope = scope_for(acting_user(request))
    if not (scope.superadmin_national or scope.admin_instansi_ids or scope.opd_units):
        raise deny()


def resolve_ref(
    field: str,
    getter: Callable[..., T],
    request: HttpRequest,
    pk: object,
    *,
    for_write: bool = False,
) -> T:
    """``getter(user, pk, for_write=...)`` with "not visible" reported as a 422 on ``field``;
    "visible but not writable" stays a 403."""
    try:
        return getter(acting_user(request), pk, for_write=for_write)
    except Http404 as exc:
        raise field_error(
            field, _("Data dengan id %s tidak ditemukan atau di luar wewenang Anda.") % pk
        ) from exc


def resolve_optional_ref(
    field: str, getter: Callable[..., T], request: HttpRequest, pk: int | None
) -> T | None:
    """:func:`resolve_ref` for a field that may be ``null``."""
    return None if pk is None else resolve_ref(field, getter, request, pk)


def resolve_refs(
    request: HttpRequest, refs: Mapping[str, tuple[Callable[..., Any], int | None]]
) -> dict[str, Any]:
    """Several optional ids at once, ``{field: (getter, pk)}``; every unknown one is named in
    the same 422, so the client fixes them all in one go."""
    resolved: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for field, (getter, pk) in refs.items():
        try:
            resolved[field] = resolve_optional_ref(field, getter, request, pk)
        except ServiceError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ServiceError(errors)
    return resolved


def resolve_wilayah(field: str, kode: str | None) -> Wilayah | None:
    """Region codes are public reference data, visible to everyone."""
    if not kode:
        return None
    wilayah = Wilayah.objects.filter(kode=kode.strip()).first()
    if wilayah is None:
        raise field_error(field, _("Kode wilayah %s tidak dikenal.") % kode)
    return wilayah
