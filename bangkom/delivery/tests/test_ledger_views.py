"""The JP pages × every persona: who sees what, who decides, and that a refused request
changes nothing; the claim form keeps what was typed; the page figures are the selector's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bangkom.accounts.models import Role
from bangkom.accounts.services import role_assign, user_create
from bangkom.core.models import AuditEvent
from bangkom.delivery.ledger.services import ClaimData, claim_submit
from bangkom.delivery.models import ClaimStatus, ExternalLearningClaim, JpCredit
from bangkom.delivery.tests.conftest import YEAR, certificate
from bangkom.planning.models import DevelopmentForm
from bangkom.testing.world import PERSONAS, World

pytestmark = pytest.mark.django_db

ADMINS = {"superadmin", "bkpsdm"}
READERS = ADMINS | {"pimpinan"}
ASN = {"supervisor", "employee", "outsider_employee"}


def expect(ok: set[str], forbidden: set[str] = set(), default: int = 404) -> dict[str, int]:  # noqa: B006
    return {p: 200 if p in ok else 403 if p in forbidden else default for p in PERSONAS}


@pytest.fixture
def claim(world: World, forms: dict[str, DevelopmentForm]) -> ExternalLearningClaim:
    return claim_submit(
        employee=world.employee,
        data=ClaimData(
            title="Seminar Gizi Buruk",
            organiser="Universitas Nusa Cendana",
            start_date=date(YEAR, 5, 4),
            end_date=date(YEAR, 5, 5),
            form=forms["seminar"],
            units=Decimal(2),
        ),
        certificate=certificate(),
        acting_user=world.user("employee"),
        today=date(YEAR, 7, 1),
    )


def _status(client: Client, world: World, persona: str, url: str, **kwargs: object) -> int:
    client.force_login(world.user(persona))
    method = client.post if kwargs.pop("post", False) else client.get
    return method(url, **kwargs).status_code  # type: ignore[arg-type]


def test_my_jp_is_for_asn_only(client: Client, world: World, forms: dict) -> None:
    url = reverse("delivery_ledger:my_jp")
    seen = {p: _status(client, world, p, url) for p in PERSONAS}
    assert seen == expect(ASN, forbidden=set(PERSONAS) - ASN)


def test_my_jp_shows_only_own_lines(
    client: Client, world: World, credit: Callable[..., JpCredit]
) -> None:
    credit(world.employee, 6, activity="Pelatihan pelayanan prima")
    credit(world.colleague, 9, activity="Pelatihan rahasia rekan")
    client.force_login(world.user("employee"))
    page = client.get(reverse("delivery_ledger:my_jp"), {"tahun": YEAR}).content.decode()
    assert "Pelatihan pelayanan prima" in page
    assert "Pelatihan rahasia rekan" not in page
    assert "Target <strong>20</strong>" in page


def test_ledger_of_an_asn_by_persona(
    client: Client, world: World, credit: Callable[..., JpCredit]
) -> None:
    credit(world.employee, 6, activity="Pelatihan pelayanan prima")
    url = reverse("delivery_ledger:employee_jp", args=[world.employee.pk])
    seen = {p: _status(client, world, p, url) for p in PERSONAS}
    assert seen == expect(READERS | {"opd_admin", "supervisor", "employee"})
    client.force_login(world.user("supervisor"))
    page = client.get(url, {"tahun": YEAR}).content.decode()
    assert "Pelatihan pelayanan prima" in page and "Ajukan klaim" not in page


def test_claim_pages_by_persona(client: Client, world: World, claim: ExternalLearningClaim) -> None:
    visible = READERS | {"opd_admin", "supervisor", "employee"}
    for name in ("delivery_ledger:claim_detail", "delivery_ledger:claim_certificate"):
        url = reverse(name, args=[claim.pk])
        assert {p: _status(client, world, p, url) for p in PERSONAS} == expect(visible)
    queue = reverse("delivery_ledger:claim_queue")
    seen = {p: _status(client, world, p, queue) for p in PERSONAS}
    assert seen == expect(ADMINS | {"opd_admin", "outsider"}, forbidden=set(PERSONAS))


def test_queue_lists_only_the_opd_subtree(
    client: Client, world: World, claim: ExternalLearningClaim
) -> None:
    client.force_login(world.user("opd_admin"))
    assert (
        "Seminar Gizi Buruk" in client.get(reverse("delivery_ledger:claim_queue")).content.decode()
    )
    client.force_login(world.user("outsider"))
    assert (
        "Seminar Gizi Buruk"
        not in client.get(reverse("delivery_ledger:claim_queue")).content.decode()
    )


def test_denied_decisions_change_nothing(
    client: Client, world: World, claim: ExternalLearningClaim
) -> None:
    other_opd = user_create(
        username="opd.kecamatan", password=None, employee=None, acting_user=None
    )
    role_assign(user=other_opd, role=Role.OPD_ADMIN, unit=world.kecamatan, acting_user=None)
    url = reverse("delivery_ledger:claim_detail", args=[claim.pk])
    audit_before = AuditEvent.objects.count()
    denied = set(PERSONAS) - {"superadmin", "bkpsdm", "opd_admin"}
    for persona in sorted(denied):
        code = _status(client, world, persona, url, post=True, data={"decision": "setujui"})
        assert code == (403 if persona in {"pimpinan", "supervisor", "employee"} else 404), persona
    client.force_login(other_opd)
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "setujui"}).status_code == 404
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and claim.credit is None
    assert not JpCredit.objects.exists() and AuditEvent.objects.count() == audit_before


def test_opd_admin_declines_with_reason_then_cannot_decide_again(
    client: Client, world: World, claim: ExternalLearningClaim
) -> None:
    client.force_login(world.user("opd_admin"))
    url = reverse("delivery_ledger:claim_detail", args=[claim.pk])
    response = client.post(url, {"decision": "tolak", "reason": ""})
    assert response.status_code == 400
    assert "Alasan penolakan wajib diisi." in response.content.decode()
    assert (
        client.post(url, {"decision": "tolak", "reason": "Tanggal tidak cocok"}).status_code == 302
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DECLINED and claim.decision_reason == "Tanggal tidak cocok"
    again = client.post(url, {"decision": "setujui"})
    assert again.status_code == 400 and "Klaim ini sudah diputuskan." in again.content.decode()
    assert not JpCredit.objects.exists()


def test_approval_through_the_page_credits_once(
    client: Client, world: World, claim: ExternalLearningClaim
) -> None:
    client.force_login(world.user("opd_admin"))
    url = reverse("delivery_ledger:claim_detail", args=[claim.pk])
    assert client.post(url, {"decision": "setujui"}).status_code == 302
    assert client.post(url, {"decision": "setujui"}).status_code == 400
    assert list(JpCredit.objects.values_list("employee_id", "jp")) == [
        (world.employee.pk, Decimal("8.00"))
    ]
    client.force_login(world.user("employee"))
    page = client.get(reverse("delivery_ledger:my_jp"), {"tahun": YEAR}).content.decode()
    assert "Seminar Gizi Buruk (Universitas Nusa Cendana)" in page and "Disetujui" in page


def test_claim_form_without_certificate_keeps_what_was_typed(
    client: Client, world: World, forms: dict[str, DevelopmentForm]
) -> None:
    client.force_login(world.user("employee"))
    data = {
        "title": "Kursus Manajemen Puskesmas",
        "organiser": "Bapelkes Kupang",
        "start_date": f"{YEAR}-02-02",
        "end_date": f"{YEAR}-02-03",
        "form": forms["workshop"].pk,
        "units": "2",
    }
    response = client.post(reverse("delivery_ledger:my_jp"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sertifikat wajib diunggah sebagai bukti kegiatan." in page
    assert 'value="Kursus Manajemen Puskesmas"' in page
    assert not ExternalLearningClaim.objects.exists()
    response = client.post(reverse("delivery_ledger:my_jp"), {**data, "certificate": certificate()})
    assert response.status_code == 302
    created = ExternalLearningClaim.objects.get()
    assert created.employee == world.employee and created.status == ClaimStatus.SUBMITTED
    assert created.certificate.name.startswith(f"private/sertifikat/{world.employee.pk}/")


def test_on_track_page_by_persona_and_figures(
    client: Client, world: World, credit: Callable[..., JpCredit]
) -> None:
    url = reverse("delivery_ledger:on_track")
    own = {p: _status(client, world, p, url) for p in PERSONAS}
    assert own == expect(READERS | {"opd_admin", "outsider"}, forbidden=set(PERSONAS))
    scoped = {
        p: _status(client, world, p, url, data={"instansi": world.instansi.pk}) for p in PERSONAS
    }
    assert scoped == expect(READERS | {"opd_admin"})
    credit(world.employee, 25, on=date(YEAR - 1, 6, 1))
    client.force_login(world.user("bkpsdm"))
    page = client.get(url, {"tahun": YEAR - 1}).content.decode()
    assert "1 dari 4 ASN (25%) sesuai jalur per 31 Desember" in page
    client.force_login(world.user("opd_admin"))
    page = client.get(url, {"tahun": YEAR - 1}).content.decode()
    assert "1 dari 3 ASN (33%)" in page and "Kecamatan Alak" not in page
    assert world.colleague.nip in page and world.kecamatan_staff.nip not in page
    assert world.employee.nip not in page  # on track: not in the list of those behind


def _queries(client: Client, url: str, data: dict[str, object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, data).status_code == 200
    return len(captured)


def test_page_queries_do_not_grow_with_the_data(
    client: Client,
    world: World,
    credit: Callable[..., JpCredit],
    claim: ExternalLearningClaim,
    forms: dict[str, DevelopmentForm],
) -> None:
    pages = [
        ("employee", reverse("delivery_ledger:my_jp")),
        ("opd_admin", reverse("delivery_ledger:claim_queue")),
        ("bkpsdm", reverse("delivery_ledger:on_track")),
    ]
    credit(world.employee, 1, key="a")
    before = {}
    for persona, url in pages:
        client.force_login(world.user(persona))
        before[url] = _queries(client, url, {"tahun": YEAR})
    for index in range(5):
        credit(world.employee, 1, key=f"more{index}")
        credit(world.colleague, 1, key=f"more{index}")
        claim_submit(
            employee=world.employee,
            data=ClaimData(
                title=f"Seminar {index}",
                organiser="Universitas Nusa Cendana",
                start_date=date(YEAR, 5, 4),
                end_date=date(YEAR, 5, 4),
                form=forms["seminar"],
                units=Decimal(1),
            ),
            certificate=certificate(),
            acting_user=world.user("employee"),
            today=date(YEAR, 7, 1),
        )
    for persona, url in pages:
        client.force_login(world.user(persona))
        assert _queries(client, url, {"tahun": YEAR}) == before[url], url
