"""Every evaluation page × every persona: exact statuses (404 outside the scope, 403 visible but
not writable), a refused write changes nothing, and partner staff and trainers see aggregates
only (no free text, no per-participant scores)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bangkom.core.models import AuditEvent
from bangkom.delivery.models import Enrolment
from bangkom.evaluation.models import (
    BatchDecision,
    FollowUpAction,
    LearningAssessment,
    LearningScore,
    ReactionResponse,
    ReactionSubmission,
)
from bangkom.evaluation.services import action_create, decision_record, scores_import
from bangkom.evaluation.tests.conftest import Evaluation
from bangkom.testing.world import PERSONAS

ADMINS = {"superadmin", "bkpsdm"}
READERS = ADMINS | {"pimpinan"}
SEES_WS1 = READERS | {"partner", "supervisor"}  # supervisor: the trainer of ws1


def expect(ok: set[str], *, forbidden: set[str] = set(), ok_status: int = 200) -> dict[str, int]:  # noqa: B006
    return {p: ok_status if p in ok else 403 if p in forbidden else 404 for p in PERSONAS}


@pytest.fixture
def state(
    ev: Evaluation, enrol: Callable[..., Enrolment], answer: Callable[..., None]
) -> dict[str, Any]:
    extra = [enrol(ev.ws1).employee.nip for _ in range(4)]
    nips = [ev.world.employee.nip, ev.world.colleague.nip, *extra]
    rows = "\n".join(f"{nip};{40 + i};{70 + i}" for i, nip in enumerate(nips))
    scores_import(
        batch=ev.ws1, text=f"nip;pre;post\n{rows}\n", max_score=Fraction(100), acting_user=None
    )
    answer(ev.ws1, *[(4, 4, 4, 4, 4)] * 5, comment="Komentar rahasia")
    decision = decision_record(
        batch=ev.ws1, decision="adjust_method", reason="Uji", acting_user=None
    )
    action = action_create(
        decision=decision,
        title="Tambah porsi praktik",
        owner=ev.world.user("bkpsdm"),
        due_date=dt.date(2027, 6, 30),
        acting_user=None,
    )
    return {"ev": ev, "action": action, "nips": nips}


def snapshot_state() -> tuple[Any, ...]:
    return (
        list(ReactionResponse.objects.order_by("pk").values_list("pk", "material")),
        ReactionSubmission.objects.count(),
        list(LearningAssessment.objects.values_list("pk", "max_score", "file_name")),
        list(LearningScore.objects.order_by("pk").values_list("nip", "pre", "post")),
        list(BatchDecision.objects.values_list("pk", "decision", "reason")),
        list(FollowUpAction.objects.order_by("pk").values_list("pk", "title", "status")),
        AuditEvent.objects.count(),
    )


PAGES: list[tuple[str, Callable[[dict[str, Any]], str], dict[str, int]]] = [
    ("batch list", lambda s: reverse("evaluation:batch_list"), expect(set(PERSONAS))),
    ("my reactions", lambda s: reverse("evaluation:my_reactions"), expect(set(PERSONAS))),
    ("batch ws1", lambda s: reverse("evaluation:batch", args=[s["ev"].ws1.pk]), expect(SEES_WS1)),
    (
        "online batch (no partner, no trainer)",
        lambda s: reverse("evaluation:batch", args=[s["ev"].online.pk]),
        expect(READERS),
    ),
    (
        "reaction form ws1",
        lambda s: reverse("evaluation:reaction_form", args=[s["ev"].ws1.pk]),
        expect({"employee"}),
    ),
    ("follow-up list", lambda s: reverse("evaluation:action_list"), expect(set(PERSONAS))),
    (
        "close a follow-up",
        lambda s: reverse("evaluation:action_done", args=[s["action"].pk]),
        expect({"bkpsdm", "superadmin"}, forbidden={"pimpinan"}),
    ),
    (
        "indices",
        lambda s: reverse("evaluation:indices"),
        expect(READERS | {"outsider"}, forbidden=set(PERSONAS) - READERS - {"outsider"}),
    ),
]


@pytest.mark.parametrize(("name", "url", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_pages_over_personas(
    client: Client,
    state: dict[str, Any],
    name: str,
    url: Callable[..., str],
    expected: dict[str, int],
) -> None:
    target = url(state)
    for persona in PERSONAS:
        client.force_login(state["ev"].world.user(persona))
        assert client.get(target).status_code == expected[persona], (name, persona)


WRITE_FORBIDDEN = {"pimpinan", "partner", "supervisor"}
WRITES: list[tuple[str, Callable[[dict[str, Any]], tuple[str, dict[str, Any]]], dict[str, int]]] = [
    (
        "import scores",
        lambda s: (
            reverse("evaluation:scores_upload", args=[s["ev"].ws1.pk]),
            {
                "file": SimpleUploadedFile(
                    "n.csv", f"nip;pre;post\n{s['nips'][0]};10;90\n".encode(), "text/csv"
                ),
                "max_score": "100",
            },
        ),
        expect(ADMINS, forbidden=WRITE_FORBIDDEN, ok_status=302),
    ),
    (
        "decide",
        lambda s: (
            reverse("evaluation:decide", args=[s["ev"].ws1.pk]),
            {"decision": "stop", "reason": "Diganti program lain"},
        ),
        expect(ADMINS, forbidden=WRITE_FORBIDDEN, ok_status=302),
    ),
    (
        "add follow-up",
        lambda s: (
            reverse("evaluation:action_add", args=[s["ev"].ws1.pk]),
            {
                "title": "Evaluasi ulang",
                "owner": s["ev"].world.user("bkpsdm").pk,
                "due_date": "2027-12-01",
            },
        ),
        expect(ADMINS, forbidden=WRITE_FORBIDDEN, ok_status=302),
    ),
    (
        "close follow-up",
        lambda s: (
            reverse("evaluation:action_done", args=[s["action"].pk]),
            {"note": "Selesai"},
        ),
        expect(ADMINS, forbidden={"pimpinan"}, ok_status=302),
    ),
]


@pytest.mark.parametrize(("name", "request_", "expected"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_writes_over_personas(
    client: Client,
    state: dict[str, Any],
    name: str,
    request_: Callable[..., tuple[str, dict[str, Any]]],
    expected: dict[str, int],
    persona: str,
) -> None:
    client.force_login(state["ev"].world.user(persona))
    before = snapshot_state()
    url, data = request_(state)
    assert client.post(url, data).status_code == expected[persona]
    if expected[persona] != 302:
        assert snapshot_state() == before
    else:
        assert snapshot_state() != before


@pytest.mark.parametrize("persona", ["partner", "supervisor"])
def test_partner_and_trainer_see_aggregates_only(
    client: Client, state: dict[str, Any], persona: str
) -> None:
    client.force_login(state["ev"].world.user(persona))
    page = client.get(reverse("evaluation:batch", args=[state["ev"].ws1.pk])).content.decode()
    assert 'data-item="index">75,0<' in page  # all fours: (4 − 1) / 4 × 100
    assert "Komentar rahasia" not in page
    for nip in state["nips"]:
        assert nip not in page
    assert "Gain per peserta" not in page
    assert 'action="/evaluasi/angkatan/' not in page  # no forms


def test_admin_sees_comments_and_participants(client: Client, state: dict[str, Any]) -> None:
    client.force_login(state["ev"].world.user("bkpsdm"))
    page = client.get(reverse("evaluation:batch", args=[state["ev"].ws1.pk])).content.decode()
    assert "Komentar rahasia" in page
    assert state["nips"][0] in page


def test_batch_page_queries_do_not_grow_with_the_data(
    client: Client, state: dict[str, Any], answer: Callable[..., None]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ev = state["ev"]
    admin = ev.world.user("bkpsdm")
    client.force_login(admin)
    url = reverse("evaluation:batch", args=[ev.ws1.pk])
    client.get(url)  # the session and the scope are read once per login
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    answer(ev.ws1, *[(3, 3, 3, 3, 3)] * 6, comment="Lagi")
    decision = BatchDecision.objects.get()
    for n in range(5):
        action_create(
            decision=decision,
            title=f"Tindakan {n}",
            owner=admin,
            due_date=dt.date(2027, 7, 1 + n),
            acting_user=None,
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
