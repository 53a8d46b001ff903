"""Who may see and change certificates.

- A certificate is visible to its ASN, to whoever may read the ASN (``employee_q``: supervisor,
  OPD admin of the unit's subtree, the instansi's admins and leadership).
- Issuing and revoking: the BKPSDM admins of the instansi (and superadmins). Seen but not
  writable: 403. Outside the scope: 404.
- The public verification page needs no account and shows only what the certificate prints,
  without the NIP (``views_public``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.organisation.access import employee_q
from bangkom.organisation.models import Employee, Instansi
from bangkom.recognition.models import Certificate, CertificateIssueJob
from bangkom.recognition.selectors import certificates


def certificates_for_user(user: Any) -> QuerySet[Certificate]:
    visible = Employee.objects.filter(employee_q(scope_for(user))).values("pk")
    return certificates().filter(employee_id__in=visible)


def can_admin_certificates(user: Any, instansi_id: int) -> bool:
    return scope_for(user).can_admin(instansi_id)


def get_certificate_for_user(user: Any, pk: object, *, for_write: bool = False) -> Certificate:
    certificate = get_visible_or_404(certificates_for_user(user), pk)
    if for_write and not can_admin_certificates(user, certificate.instansi_id):
        raise deny()
    return certificate


def admin_instansi_for_user(user: Any) -> QuerySet[Instansi]:
    """Instansi whose certificates the user manages (issues and revokes)."""
    ids = scope_for(user).admin_instansi_ids
    return Instansi.objects.filter(pk__in=ids).select_related("wilayah").order_by("nama")


def register_instansi_for_user(user: Any) -> QuerySet[Instansi]:
    """Instansi whose certificate register the user may read (admins and leadership)."""
    ids = scope_for(user).read_instansi_ids
    return Instansi.objects.filter(pk__in=ids).select_related("wilayah").order_by("nama")


def get_job_for_user(user: Any, pk: object) -> CertificateIssueJob:
    ids = scope_for(user).admin_instansi_ids
    return get_visible_or_404(CertificateIssueJob.objects.filter(instansi_id__in=ids), pk)
