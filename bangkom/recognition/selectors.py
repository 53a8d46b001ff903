"""Reads of recognition: certificates for the pages and commands, the published issuer keys."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from bangkom.recognition import addresses
from bangkom.recognition.models import Award, Certificate, IssuerKey


def issuer_keys_by_profile() -> dict[str, list[str]]:
    """Issuer profile URL -> every Multikey of that instansi, retired ones included."""
    table: dict[str, list[str]] = defaultdict(list)
    rows = IssuerKey.objects.order_by("created_at", "pk").values_list(
        "instansi__wilayah_id", "public_multikey"
    )
    for kode, multikey in rows:
        table[addresses.issuer_url(kode)].append(multikey)
    return dict(table)


def issuer_keys(kode: str) -> list[IssuerKey]:
    return list(IssuerKey.objects.filter(instansi__wilayah_id=kode).order_by("created_at", "pk"))


def certificates() -> QuerySet[Certificate]:
    return Certificate.objects.select_related("instansi__wilayah", "employee", "revoked_by")


def certificate_by_code(code: str) -> Certificate | None:
    return certificates().filter(code=code).first()


def instansi_certificates(instansi_id: int, year: int | None = None) -> QuerySet[Certificate]:
    queryset = certificates().filter(instansi_id=instansi_id)
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset.order_by("year", "sequence")


def employee_certificates(employee_id: int) -> QuerySet[Certificate]:
    return certificates().filter(employee_id=employee_id).order_by("-issued_at", "-pk")


def award_by_code(code: str) -> Award | None:
    return Award.objects.select_related("instansi__wilayah", "scheme").filter(code=code).first()


def employee_awards(employee_id: int) -> QuerySet[Award]:
    return (
        Award.objects.select_related("instansi__wilayah")
        .filter(employee_id=employee_id)
        .order_by("-issued_at", "-pk")
    )
