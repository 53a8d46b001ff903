"""Level 2 scores imported from a partner's CSV (all or nothing, every problem by row and
column), the quiz hook, the batch page's statistics, the planner's decision (a reason when
overriding, audited) and follow-up actions with their overdue flag."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from fractions import Fraction

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import Enrolment
from bangkom.evaluation import selectors
from bangkom.evaluation.models import (
    ActionStatus,
    BatchDecision,
    FollowUpAction,
    LearningAssessment,
    LearningScore,
)
from bangkom.evaluation.services import action_close, action_create, decision_record, scores_import
from bangkom.evaluation.tests.conftest import Evaluation

# pre → post of eight participants: every one improves; class g = (78.75 − 50) / 50 = 0.575
SCORES = [(40, 70), (50, 80), (45, 75), (60, 85), (55, 80), (50, 85), (40, 75), (60, 80)]


@pytest.fixture
def nips(ev: Evaluation, enrol: Callable[..., Enrolment]) -> list[str]:
    extra = [enrol(ev.ws1).employee.nip for _ in range(6)]
    return [ev.world.employee.nip, ev.world.colleague.nip, *extra]


def csv_text(nips: list[str], scores: Sequence[tuple[object, object]] = SCORES) -> str:
    lines = ["Nama;NIP;Pre;Post"]
    lines += [f"Peserta;{nip};{pre};{post}" for nip, (pre, post) in zip(nips, scores, strict=False)]
    return "\n".join(lines) + "\n"


def stored() -> list[tuple[str, object, object]]:
    return list(LearningScore.objects.order_by("row").values_list("nip", "pre", "post"))


def test_import_saves_scores_and_the_report_uses_them(ev: Evaluation, nips: list[str]) -> None:
    scores_import(batch=ev.ws1, text=csv_text(nips), max_score=Fraction(100), acting_user=None)
    assert len(stored()) == 8
    assert AuditEvent.objects.filter(action="evaluation.scores_import").count() == 1
    hook = selectors.learning_scores(ev.ws1)
    assert hook is not None and hook.max_score == 100
    first = hook.triples[0]
    assert (first.nip, first.pre, first.post) == (nips[0], 40, 70)
    result = selectors.learning_result(ev.ws1)
    assert result is not None
    assert result.report.pairs == 8
    assert result.report.gain == Fraction(115, 200)  # 0.575
    assert result.report.gain_category == "medium"
    assert result.report.significant
    assert result.findings.verdict == "peningkatan signifikan"


def test_import_is_all_or_nothing(ev: Evaluation, nips: list[str]) -> None:
    scores_import(batch=ev.ws1, text=csv_text(nips), max_score=Fraction(100), acting_user=None)
    before = stored()
    bad = (
        csv_text(nips[:3], [(40, 70), (50, 120), ("abc", 80)]) + "Orang;199909092020121001;50;60\n"
    )
    with pytest.raises(ServiceError) as raised:
        scores_import(batch=ev.ws1, text=bad, max_score=Fraction(100), acting_user=None)
    problems = raised.value.message_dict["file"]
    assert "Baris 3, kolom post (D): nilai 120 di luar rentang 0 sampai 100" in problems
    assert any(p.startswith("Baris 4, kolom pre (C): 'abc' bukan angka") for p in problems)
    assert len(problems) == 2  # parsing problems come first, all of them at once
    assert stored() == before
    assert AuditEvent.objects.filter(action="evaluation.scores_import").count() == 1


def test_a_nip_not_enrolled_is_refused(ev: Evaluation, nips: list[str]) -> None:
    text = csv_text(nips[:2]) + "Orang;199909092020121001;50;60\n"
    with pytest.raises(ServiceError) as raised:
        scores_import(batch=ev.ws1, text=text, max_score=Fraction(100), acting_user=None)
    assert raised.value.message_dict["file"] == [
        "Baris 4, kolom nip: NIP 199909092020121001 bukan peserta angkatan ini"
    ]
    assert stored() == [] and not LearningAssessment.objects.exists()


def test_batch_page_shows_the_statistics(client: Client, ev: Evaluation, nips: list[str]) -> None:
    client.force_login(ev.world.user("bkpsdm"))
    upload = SimpleUploadedFile("nilai.csv", csv_text(nips).encode("utf-8-sig"), "text/csv")
    url = reverse("evaluation:scores_upload", args=[ev.ws1.pk])
    assert client.post(url, {"file": upload, "max_score": "100"}).status_code == 302
    page = client.get(reverse("evaluation:batch", args=[ev.ws1.pk])).content.decode()
    assert "peningkatan signifikan" in page
    assert "0,57" in page or "0,58" in page
    assert "gain sedang" in page
    assert "ukuran efek" in page
    bad = SimpleUploadedFile("nilai.csv", b"nip;pre\n1;2\n", "text/csv")
    response = client.post(url, {"file": bad, "max_score": "100"})
    assert response.status_code == 400
    assert "kolom post tidak ditemukan" in response.content.decode()
    assert len(stored()) == 8


# --- decisions ---------------------------------------------------------------------------


@pytest.fixture
def effective(ev: Evaluation, nips: list[str], answer: Callable[..., None]) -> Evaluation:
    """ws1 with a significant medium gain and a good reaction (index ≥ 4 on the 1–5 scale)."""
    scores_import(batch=ev.ws1, text=csv_text(nips), max_score=Fraction(100), acting_user=None)
    answer(ev.ws1, *[(5, 4, 4, 4, 5)] * 5)
    return ev


def test_suggestion_and_its_evidence(client: Client, effective: Evaluation) -> None:
    suggestion, evidence = selectors.batch_suggestion(effective.ws1)
    assert (suggestion.decision, suggestion.rule) == ("continue", "effective")
    assert evidence.pairs == 8 and evidence.reaction_answers == 5
    client.force_login(effective.world.user("bkpsdm"))
    page = client.get(reverse("evaluation:batch", args=[effective.ws1.pk])).content.decode()
    assert 'data-suggestion="continue"' in page
    assert 'data-rule="effective"' in page


def test_not_enough_evidence_says_so(client: Client, ev: Evaluation) -> None:
    client.force_login(ev.world.user("bkpsdm"))
    page = client.get(reverse("evaluation:batch", args=[ev.ws1.pk])).content.decode()
    assert "Belum ada saran" in page
    assert "Bukti belum cukup: kurang dari 6 pasangan" in page


def test_confirming_needs_no_reason(effective: Evaluation) -> None:
    admin = effective.world.user("bkpsdm")
    record = decision_record(batch=effective.ws1, decision="continue", acting_user=admin)
    assert (record.suggested, record.decision, record.rule, record.overridden) == (
        "continue",
        "continue",
        "effective",
        False,
    )
    assert record.evidence["pairs"] == 8
    assert AuditEvent.objects.filter(action="evaluation.decision_record", actor=admin).count() == 1


def test_override_needs_a_reason(client: Client, effective: Evaluation) -> None:
    admin = effective.world.user("bkpsdm")
    with pytest.raises(ServiceError) as raised:
        decision_record(
            batch=effective.ws1, decision="adjust_method", reason="  ", acting_user=admin
        )
    assert "reason" in raised.value.message_dict
    assert not BatchDecision.objects.exists()
    client.force_login(admin)
    url = reverse("evaluation:decide", args=[effective.ws1.pk])
    response = client.post(url, {"decision": "adjust_method", "reason": ""})
    assert response.status_code == 400
    assert "Tuliskan alasan" in response.content.decode()
    assert not BatchDecision.objects.exists()
    assert not AuditEvent.objects.filter(action="evaluation.decision_record").exists()
    response = client.post(url, {"decision": "adjust_method", "reason": "Peserta minta praktik"})
    assert response.status_code == 302
    record = BatchDecision.objects.get()
    assert record.overridden and record.reason == "Peserta minta praktik"
    assert record.decided_by == admin
    event = AuditEvent.objects.get(action="evaluation.decision_record")
    assert event.note == "Peserta minta praktik"


# --- follow-up actions -------------------------------------------------------------------


def test_follow_up_actions_overdue_and_closing(client: Client, effective: Evaluation) -> None:
    admin = effective.world.user("bkpsdm")
    decision = decision_record(batch=effective.ws1, decision="continue", acting_user=admin)
    late = action_create(
        decision=decision,
        title="Tambah porsi praktik",
        owner=admin,
        due_date=dt.date(2027, 6, 30),
        acting_user=admin,
    )
    action_create(
        decision=decision,
        title="Perbarui modul",
        owner=admin,
        due_date=dt.date(2027, 9, 30),
        acting_user=admin,
    )
    rows = selectors.actions_with_overdue(FollowUpAction.objects.all(), as_of=dt.date(2027, 7, 1))
    assert {a.title: a.overdue for a in rows} == {
        "Tambah porsi praktik": True,
        "Perbarui modul": False,
    }
    rows = selectors.actions_with_overdue(FollowUpAction.objects.all(), as_of=dt.date(2027, 6, 30))
    assert not any(a.overdue for a in rows)  # due today is not yet overdue
    assert late.is_overdue(dt.date(2027, 7, 1)) and not late.is_overdue(dt.date(2027, 6, 30))

    client.force_login(admin)
    page = client.get(reverse("evaluation:action_list") + "?per=2027-07-01").content.decode()
    assert f'data-action="{late.pk}" data-overdue' in page
    assert page.count("data-overdue") == 1

    with pytest.raises(ServiceError):
        action_close(action=late, note=" ", closed_on=dt.date(2027, 7, 2), acting_user=admin)
    assert FollowUpAction.objects.get(pk=late.pk).status == ActionStatus.OPEN
    done = action_close(
        action=late, note="Modul praktik ditambah", closed_on=dt.date(2027, 7, 2), acting_user=admin
    )
    assert done.status == ActionStatus.DONE
    rows = selectors.actions_with_overdue(FollowUpAction.objects.all(), as_of=dt.date(2027, 8, 1))
    assert not any(a.overdue for a in rows if a.pk == late.pk)
    with pytest.raises(ServiceError, match="sudah selesai"):
        action_close(action=late, note="lagi", closed_on=dt.date(2027, 7, 3), acting_user=admin)


def test_action_created_from_the_page(client: Client, effective: Evaluation) -> None:
    admin = effective.world.user("bkpsdm")
    decision_record(batch=effective.ws1, decision="continue", acting_user=admin)
    client.force_login(admin)
    url = reverse("evaluation:action_add", args=[effective.ws1.pk])
    response = client.post(
        url, {"title": "Tambah porsi praktik", "owner": admin.pk, "due_date": ""}
    )
    assert response.status_code == 400 and not FollowUpAction.objects.exists()
    response = client.post(
        url, {"title": "Tambah porsi praktik", "owner": admin.pk, "due_date": "2027-06-30"}
    )
    assert response.status_code == 302
    action = FollowUpAction.objects.get()
    assert (action.owner, action.due_date) == (admin, dt.date(2027, 6, 30))
    assert AuditEvent.objects.filter(action="evaluation.action_create").count() == 1


@pytest.mark.parametrize("value", ["2027-02-30", "abc", "", "9" * 40])
def test_follow_up_list_survives_any_date(client: Client, ev: Evaluation, value: str) -> None:
    client.force_login(ev.world.user("bkpsdm"))
    assert client.get(reverse("evaluation:action_list"), {"per": value}).status_code == 200


def test_a_file_that_is_not_utf8_is_refused(
    client: Client, ev: Evaluation, nips: list[str]
) -> None:
    client.force_login(ev.world.user("bkpsdm"))
    upload = SimpleUploadedFile("nilai.csv", csv_text(nips).encode("utf-16"), "text/csv")
    url = reverse("evaluation:scores_upload", args=[ev.ws1.pk])
    response = client.post(url, {"file": upload, "max_score": "100"})
    assert response.status_code == 400
    assert "CSV UTF-8" in response.content.decode()
    assert stored() == []
