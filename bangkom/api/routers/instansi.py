"""Instansi: the regional governments the user belongs to, in any role."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from bangkom.api.pagination import Pagination
from bangkom.api.refs import acting_user
from bangkom.api.schemas import InstansiOut
from bangkom.organisation.access import get_instansi_for_user, instansi_for_user

router = Router(tags=["instansi"])


@router.get("", response=list[InstansiOut], summary="Daftar instansi")
@paginate(Pagination)
def instansi_list(request: HttpRequest) -> Any:
    return instansi_for_user(acting_user(request)).order_by("nama", "pk")


@router.get("/{instansi_id}", response=InstansiOut, summary="Detail instansi")
def instansi_detail(request: HttpRequest, instansi_id: int) -> Any:
    return get_instansi_for_user(acting_user(request), instansi_id)
