"""The certificates stage of the demo: every completed activity of a region's ASN in the plan
year (a batch, an e-learning course, an internship) gets its certificate with its signed Open
Badges credential through ``certificate_issue``, signed by the head of the BKPSDM; a region
whose story says so revokes one with its reason.

Signing needs the credential key secret (``CREDENTIAL_KEY_SECRET``; ``make run`` sets it). The
stage runs only when no certificate of the region's year exists yet; call it inside a
transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Min

from bangkom.accounts.models import User
from bangkom.delivery.models import JpCredit, JpSource, Session
from bangkom.demo.delivery.spec import DeliverySpec
from bangkom.demo.needs.stories import PLAN_YEAR
from bangkom.organisation.models import Instansi
from bangkom.recognition.models import Certificate
from bangkom.recognition.services import (
    CERTIFIABLE_SOURCES,
    Signatory,
    certificate_issue,
    certificate_revoke,
)


def certificates_present(instansi: Instansi, year: int = PLAN_YEAR) -> bool:
    return Certificate.objects.filter(instansi=instansi, year=year).exists()


@dataclass(frozen=True)
class CertificateSummary:
    issued: int
    revoked: int


def issue_certificates(*, spec: DeliverySpec, instansi: Instansi) -> CertificateSummary:
    admin = User.objects.get(username=f"{spec.slug}.bkpsdm")
    asn = User.objects.get(username=f"{spec.slug}.asn")
    signatory = Signatory(*spec.signatory)
    credits = list(
        JpCredit.objects.filter(
            employee__instansi=instansi, year=PLAN_YEAR, source__in=CERTIFIABLE_SOURCES
        )
        .select_related("employee__instansi")
        .order_by("date", "pk")
    )
    # A batch's certificate runs from its first to its last session.
    spans = {
        f"batch:{row['batch_id']}": (row["first"], row["last"])
        for row in Session.objects.filter(batch__instansi=instansi, batch__year=PLAN_YEAR)
        .values("batch_id")
        .annotate(first=Min("date"), last=Max("date"))
    }
    issued: dict[str, list[Certificate]] = defaultdict(list)
    for credit in credits:
        first, last = spans.get(credit.source_key, (None, None))
        if credit.source != JpSource.BATCH:
            first = last = None
        certificate = certificate_issue(
            credit=credit,
            signatory=signatory,
            acting_user=admin,
            start_date=first,
            end_date=last,
        )
        issued[credit.source_key].append(certificate)
    revoked = 0
    if spec.revoke:
        # A participant of the largest completed batch who is not a demo login.
        candidates = sorted(
            (group for key, group in issued.items() if key.startswith("batch:")),
            key=lambda group: (-len(group), group[0].number),
        )
        for group in candidates[:1]:
            target = next(c for c in group if c.employee_id != asn.employee_id)
            certificate_revoke(certificate=target, reason=spec.revoke, acting_user=admin)
            revoked += 1
    return CertificateSummary(issued=sum(len(group) for group in issued.values()), revoked=revoked)


__all__ = ["CertificateSummary", "certificates_present", "issue_certificates"]
