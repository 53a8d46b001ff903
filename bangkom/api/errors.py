"""Every failure answers JSON in one of two shapes, with messages in Indonesian:

- ``{"detail": "..."}`` for 400, 401, 403, 404, 409, 429 and 500;
- ``{"detail": "...", "errors": {"field": ["message", ...]}}`` for 422, whether the request did
  not match the schema (wrong type, missing field, unknown field) or a business rule refused it
  (a :class:`~bangkom.core.errors.ServiceError` from a service).

See ``docs/api.md``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaValidationError

from bangkom.api.auth import CsrfFailed, InvalidToken
from bangkom.core.errors import ServiceError

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("bangkom.api")

# Where a field-less ServiceError message goes in ``errors``.
GENERAL = "__all__"


def field_error(field: str, message: str) -> ServiceError:
    """A 422 naming one field, e.g. an id in the body that the user cannot see."""
    return ServiceError({field: [message]})


def service_error_messages(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            GENERAL if field == NON_FIELD_ERRORS else field: [str(m) for m in messages]
            for field, messages in exc.message_dict.items()
        }
    return {GENERAL: [str(m) for m in exc.messages]}


def _schema_message(error: Mapping[str, Any]) -> str:
    """An Indonesian sentence for one pydantic error; pydantic's own English as a fallback."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    known = {
        "missing": _("Wajib diisi."),
        "extra_forbidden": _("Field ini tidak dikenal."),
        "int_parsing": _("Harus berupa bilangan bulat."),
        "int_type": _("Harus berupa bilangan bulat."),
        "int_from_float": _("Harus berupa bilangan bulat."),
        "string_type": _("Harus berupa teks."),
        "bool_parsing": _("Harus berupa true atau false."),
        "bool_type": _("Harus berupa true atau false."),
        "list_type": _("Harus berupa daftar (array)."),
        "dict_type": _("Harus berupa objek JSON."),
        "model_attributes_type": _("Isi permintaan harus berupa objek JSON."),
        "model_type": _("Isi permintaan harus berupa objek JSON."),
        "date_parsing": _("Tanggal tidak valid; gunakan format YYYY-MM-DD."),
        "date_from_datetime_parsing": _("Tanggal tidak valid; gunakan format YYYY-MM-DD."),
        "date_from_datetime_inexact": _("Tanggal tidak boleh berisi jam."),
        "date_type": _("Tanggal tidak valid; gunakan format YYYY-MM-DD."),
    }
    if kind in known:
        return known[kind]
    if kind in ("enum", "literal_error"):
        # pydantic lists the choices as "'a', 'b' or 'c'".
        conjunction = _("atau")
        expected = str(ctx.get("expected", "")).replace("' or '", f"' {conjunction} '")
        return _("Pilihan tidak valid; pilih salah satu dari: %s.") % expected
    if kind == "string_too_long":
        return _("Terlalu panjang; paling banyak %s karakter.") % ctx.get("max_length")
    if kind == "string_too_short":
        return (
            _("Wajib diisi.")
            if ctx.get("min_length") == 1
            else (_("Terlalu pendek; paling sedikit %s karakter.") % ctx.get("min_length"))
        )
    if kind == "greater_than_equal":
        return _("Paling kecil %s.") % ctx.get("ge")
    if kind == "less_than_equal":
        return _("Paling besar %s.") % ctx.get("le")
    if kind == "greater_than":
        return _("Harus lebih besar dari %s.") % ctx.get("gt")
    if (
        kind in ("too_short", "too_long")
        and "min_length" in ctx
        and ctx.get("min_length") == ctx.get("max_length")
    ):
        return _("Harus berisi tepat %s butir.") % ctx.get("min_length")
    if kind == "too_short":
        return _("Paling sedikit %s butir.") % ctx.get("min_length")
    if kind == "too_long":
        return _("Paling banyak %s butir.") % ctx.get("max_length")
    if kind == "value_error":
        # Our own validators raise ValueError with an Indonesian message.
        return str(ctx.get("error", error.get("msg", "")))
    return str(error.get("msg", ""))


# Parameter sources ninja puts in front of every location.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def _field_path(loc: Iterable[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    # A single body schema is one parameter, named after the endpoint's argument ("payload").
    if parts and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or GENERAL


def schema_error_messages(errors: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in errors:
        path = _field_path(error.get("loc", ()))
        if path == GENERAL and error.get("type") == "missing":
            # The whole body is missing: "Wajib diisi." alone would not say what to send.
            message = _(
                "Isi permintaan kosong; kirim objek JSON dengan header "
                "Content-Type: application/json."
            )
        else:
            message = _schema_message(error)
        result.setdefault(path, []).append(message)
    return result


def _json(api: NinjaAPI, request: HttpRequest, status: int, **body: Any) -> HttpResponse:
    return api.create_response(request, body, status=status)


def register_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(SchemaValidationError)
    def schema_invalid(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
        return _json(
            api,
            request,
            422,
            detail=_("Data yang dikirim tidak sesuai skema."),
            errors=schema_error_messages(exc.errors),
        )

    @api.exception_handler(DjangoValidationError)
    def rule_refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        # ServiceError and any other Django ValidationError that escapes a service.
        errors = service_error_messages(exc)
        first = next(iter(errors.values()), [""])
        detail = first[0] if len(errors) == 1 and len(first) == 1 else _("Data tidak valid.")
        return _json(api, request, 422, detail=detail, errors=errors)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _json(api, request, 404, detail=_("Data tidak ditemukan."))

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or _("Anda tidak berwenang melakukan tindakan ini.")
        return _json(api, request, 403, detail=message)

    @api.exception_handler(IntegrityError)
    def conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        # The services check uniqueness first; this is two requests racing for the same name.
        logger.warning("API integrity conflict on %s %s: %s", request.method, request.path, exc)
        return _json(
            api,
            request,
            409,
            detail=_("Data bertabrakan dengan perubahan lain; muat ulang lalu coba lagi."),
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        response = _json(api, request, exc.status_code, detail=_http_error_message(exc))
        if isinstance(exc, AuthenticationError):
            response["WWW-Authenticate"] = 'Bearer realm="bangkom"'
        return response

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.error("Unhandled API error on %s %s", request.method, request.path, exc_info=exc)
        return _json(
            api,
            request,
            500,
            detail=_("Terjadi kesalahan pada server. Kejadian ini sudah dicatat."),
        )


def _http_error_message(exc: HttpError) -> str:
    if isinstance(exc, InvalidToken):
        return _("Token API tidak dikenal, sudah dicabut, atau penggunanya nonaktif.")
    if isinstance(exc, AuthenticationError):
        return _(
            "Autentikasi diperlukan: masuk ke aplikasi atau kirim header "
            "Authorization: Bearer <token>."
        )
    if isinstance(exc, CsrfFailed):
        return _("Pemeriksaan CSRF gagal: kirim header X-CSRFToken dari cookie csrftoken.")
    if isinstance(exc, Throttled):
        return _("Terlalu banyak permintaan; coba lagi nanti.")
    if exc.status_code == 400:
        # ninja raises this when the body is not JSON at all.
        return _("Isi permintaan bukan JSON yang sah.")
    return str(exc)
