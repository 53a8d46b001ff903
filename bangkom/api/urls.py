"""``/api/v1/``: the NinjaAPI, and JSON instead of HTML or plain text for the two errors that
happen before any endpoint runs (an unknown address, a method the address does not have)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path, re_path
from django.utils.translation import gettext as _

from bangkom.api.api import api

DOCS_PATH = "/api/v1/docs"


def unknown_address(request: HttpRequest, rest: str) -> JsonResponse:
    return JsonResponse(
        {"detail": _("Alamat API tidak dikenal; daftar alamat ada di %s.") % DOCS_PATH},
        status=404,
    )


def _routing_errors_as_json(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)  # keeps ninja's csrf_exempt flag: the API does its own CSRF check
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:  # ninja's root view, /api/v1/ itself
            return unknown_address(request, request.path)
        if response.status_code != 405:
            return response
        answer = JsonResponse(
            {"detail": _("Metode %s tidak tersedia di alamat ini.") % request.method}, status=405
        )
        answer["Allow"] = response["Allow"]
        return answer

    return wrapper


# Not named ``app_name``: include() would take a module-level app_name as this module's namespace.
api_patterns, api_app_name, api_namespace = api.urls
for pattern in api_patterns:
    if isinstance(pattern, URLPattern) and pattern.callback is not None:
        pattern.callback = _routing_errors_as_json(pattern.callback)

urlpatterns = [
    path("", (api_patterns, api_app_name, api_namespace)),
    re_path(r"^(?P<rest>.*)$", unknown_address),
]
