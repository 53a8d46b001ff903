"""The versioned JSON API, ``/api/v1/``: one NinjaAPI, one router per resource.

Thin by design: every endpoint asks an access helper for its objects and a service for its
writes, exactly as the UI views do. Nothing outside ``bangkom.api`` imports this package.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from bangkom.api.auth import api_auth
from bangkom.api.errors import register_error_handlers
from bangkom.api.openapi import document_errors
from bangkom.api.routers import competencies, employees, instansi, needs, positions, units

DESCRIPTION = """\
API Bangkom untuk integrasi dengan sistem lain (SIASN, e-kinerja, dasbor daerah).

**Autentikasi**: header `Authorization: Bearer bk_…` dengan token dari halaman *Token API*
(`/akun/token/`), atau sesi peramban yang sudah masuk (permintaan yang mengubah data wajib
menyertakan header `X-CSRFToken`).

**Cakupan**: setiap pengguna hanya melihat data dalam wewenangnya. Data di luar wewenang
dijawab 404; data yang terlihat tetapi tidak boleh diubah dijawab 403.

**Halaman**: `?limit=` (1–500, bawaan 50) dan `?offset=`; jawaban berisi `count` dan `items`.

**Galat**: selalu JSON `{"detail": "..."}`; untuk 422 ditambah `"errors": {"field": ["..."]}`.
Lihat docs/api.md.
"""


class BangkomAPI(NinjaAPI):
    """ninja's API with the error answers documented on every operation."""

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        document_errors(schema)
        return schema


api = BangkomAPI(
    title="Bangkom API",
    version="1",
    description=DESCRIPTION,
    auth=api_auth(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
register_error_handlers(api)

api.add_router("/instansi", instansi.router)
api.add_router("/units", units.router)
api.add_router("/positions", positions.router)
api.add_router("/employees", employees.router)
api.add_router("/competencies", competencies.router)
api.add_router("/needs", needs.router)
