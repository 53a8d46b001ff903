"""Pagination shared by list pages: keeps the filters in the links."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 25


def paginate(
    request: HttpRequest, queryset: QuerySet[Any], per_page: int = PAGE_SIZE
) -> dict[str, Any]:
    page: Page[Any] = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {
        "page_obj": page,
        "object_list": page.object_list,
        "querystring_without_page": f"{encoded}&" if encoded else "",
    }
