"""Limit/offset pagination for every list: ``?limit=50&offset=100`` → ``{"count", "items"}``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from bangkom.api.schemas import MAX_DATABASE_INTEGER

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset with Bangkom's bounds; a limit above the maximum is a 422, not a
    silently shorter page."""

    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Jumlah baris per halaman (1–500)."
        )
        # Beyond the database's integer range the query itself fails instead of finding no rows.
        offset: int = Field(
            0, ge=0, le=MAX_DATABASE_INTEGER, description="Jumlah baris yang dilewati."
        )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        # A page is only stable if the order is total; every list endpoint orders by a unique
        # key last, and this guards against a new one that forgets.
        if isinstance(queryset, QuerySet) and not queryset.ordered:
            queryset = queryset.order_by("pk")
        return super().paginate_queryset(queryset, pagination, request, **params)
