"""The error answers in the OpenAPI schema, so that a client (or a fuzzer such as schemathesis)
knows every status an operation may give and the shape of its body.

They are added to every operation by rule rather than by hand, so a new endpoint documents them
without thinking about it: 401 and 422 everywhere, 404 where the path names an object, 400 where
there is a body, 403 and 409 on writes. An endpoint that answers more declares the extra codes
with :func:`also_answers`.
"""

from __future__ import annotations

from typing import Any

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"

SCHEMAS: dict[str, dict[str, Any]] = {
    ERROR: {
        "title": ERROR,
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    VALIDATION_ERROR: {
        "title": VALIDATION_ERROR,
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "errors": {
                "type": "object",
                "description": "Pesan per field; `__all__` untuk yang tidak mengenai satu field.",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
        "required": ["detail", "errors"],
    },
}

DESCRIPTIONS = {
    400: "Isi permintaan bukan JSON yang sah.",
    401: "Tanpa kredensial, atau token salah, dicabut, atau penggunanya nonaktif.",
    403: "Terlihat tetapi tidak boleh diubah, atau pemeriksaan CSRF gagal (sesi peramban).",
    404: "Di luar wewenang pengguna, atau tidak ada.",
    409: "Bertabrakan dengan permintaan lain atas nama yang sama; coba lagi.",
    422: "Data tidak valid: tidak sesuai skema atau ditolak aturan bisnis.",
}

WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})


def also_answers(*statuses: int) -> dict[str, Any]:
    """``openapi_extra`` for an endpoint that answers error codes beyond the rules above."""
    return {
        "responses": {str(status): {"description": DESCRIPTIONS[status]} for status in statuses}
    }


def _statuses(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    statuses = {401, 422}
    if "{" in path:
        statuses.add(404)
    if "requestBody" in operation:
        statuses.add(400)
    if method in WRITE_METHODS:
        statuses |= {403, 409}
    statuses |= {int(code) for code in operation.get("responses", {}) if int(code) >= 400}
    return statuses


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Adds the error answers to every operation of ``schema`` (in place) and returns it."""
    schema.setdefault("components", {}).setdefault("schemas", {}).update(SCHEMAS)
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in sorted(_statuses(path, method, operation)):
                name = VALIDATION_ERROR if status == 422 else ERROR
                responses[str(status)] = {
                    "description": DESCRIPTIONS[status],
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                    },
                }
    return schema
