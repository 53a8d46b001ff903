"""Level 1, reaction: answered once by an enrolled ASN on the questionnaire page, refused for
anyone else with nothing saved, anonymous (the answer row has no link to the person), and
aggregated per batch, trainer, venue, partner and program with their trend, none below five
answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import Batch, Enrolment, EnrolmentStatus, Session
from bangkom.evaluation import selectors
from bangkom.evaluation.models import ReactionResponse, ReactionSubmission
from bangkom.evaluation.services import reaction_submit
from bangkom.evaluation.tests.conftest import Evaluation

GOOD_POST = {
    "material": "5",
    "trainers": "4",
    "organisation": "4",
    "facilities": "3",
    "relevance": "5",
    "comment": "Tambah porsi praktik.",
}


def counts() -> tuple[int, int, int]:
    return (
        ReactionResponse.objects.count(),
        ReactionSubmission.objects.count(),
        AuditEvent.objects.filter(action="evaluation.reaction_submit").count(),
    )


def login(client: Client, ev: Evaluation, persona: str) -> Client:
    client.force_login(ev.world.user(persona))
    return client


def test_participant_answers_once(client: Client, ev: Evaluation) -> None:
    login(client, ev, "employee")
    url = reverse("evaluation:reaction_form", args=[ev.ws1.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, GOOD_POST)
    assert response.status_code == 302
    assert counts() == (1, 1, 1)
    saved = ReactionResponse.objects.get()
    assert (saved.material, saved.trainers, saved.facilities, saved.batch_id) == (
        5,
        4,
        3,
        ev.ws1.pk,
    )
    assert saved.comment == "Tambah porsi praktik."

    again = client.post(url, {**GOOD_POST, "material": "1"})
    assert again.status_code == 200
    assert "sudah mengisi" in again.content.decode()
    assert counts() == (1, 1, 1)
    assert ReactionResponse.objects.get().material == 5


def test_service_refuses_a_second_answer(ev: Evaluation) -> None:
    enrolment = Enrolment.objects.get(batch=ev.ws1, employee=ev.world.employee)
    answers = dict.fromkeys(("material", "trainers", "organisation", "facilities", "relevance"), 4)
    reaction_submit(enrolment=enrolment, answers=answers, acting_user=None)
    with pytest.raises(ServiceError, match="sudah mengisi"):
        reaction_submit(enrolment=enrolment, answers=answers, acting_user=None)
    assert counts() == (1, 1, 1)


@pytest.mark.parametrize("persona", ["outsider_employee", "kecamatan", "bkpsdm", "partner"])
def test_someone_not_enrolled_is_refused(client: Client, ev: Evaluation, persona: str) -> None:
    """Not enrolled in this batch (kecamatan staff is in the second angkatan): 404, nothing
    saved."""
    if persona == "kecamatan":
        user = ev.world.user("employee")
        user.employee = ev.world.kecamatan_staff
        user.save(update_fields=["employee"])
        persona = "employee"
    login(client, ev, persona)
    url = reverse("evaluation:reaction_form", args=[ev.ws1.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, GOOD_POST).status_code == 404
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(
    "status", [EnrolmentStatus.CANCELLED, EnrolmentStatus.DECLINED, EnrolmentStatus.WAITLISTED]
)
def test_an_inactive_enrolment_is_refused(client: Client, ev: Evaluation, status: str) -> None:
    Enrolment.objects.filter(batch=ev.ws1, employee=ev.world.employee).update(status=status)
    login(client, ev, "employee")
    url = reverse("evaluation:reaction_form", args=[ev.ws1.pk])
    assert client.post(url, GOOD_POST).status_code == 403
    assert counts() == (0, 0, 0)


def test_completed_enrolment_may_answer(client: Client, ev: Evaluation) -> None:
    Enrolment.objects.filter(batch=ev.ws1, employee=ev.world.employee).update(
        status=EnrolmentStatus.COMPLETED
    )
    login(client, ev, "employee")
    url = reverse("evaluation:reaction_form", args=[ev.ws1.pk])
    assert client.post(url, GOOD_POST).status_code == 302
    assert counts() == (1, 1, 1)


@pytest.mark.parametrize(
    "bad", [{"material": "6"}, {"trainers": "0"}, {"relevance": ""}, {"facilities": "abc"}]
)
def test_answers_out_of_range_are_refused(
    client: Client, ev: Evaluation, bad: dict[str, str]
) -> None:
    login(client, ev, "employee")
    url = reverse("evaluation:reaction_form", args=[ev.ws1.pk])
    response = client.post(url, {**GOOD_POST, **bad})
    assert response.status_code == 400
    assert counts() == (0, 0, 0)


def test_service_refuses_out_of_range_values(ev: Evaluation) -> None:
    enrolment = Enrolment.objects.get(batch=ev.ws1, employee=ev.world.employee)
    answers = {"material": 6, "trainers": 4, "organisation": 4, "facilities": 4, "relevance": 4}
    with pytest.raises(ServiceError):
        reaction_submit(enrolment=enrolment, answers=answers, acting_user=None)
    assert counts() == (0, 0, 0)


def test_the_answer_row_cannot_be_followed_to_the_person() -> None:
    names = {f.name for f in ReactionResponse._meta.get_fields()}
    assert names == {
        "id",
        "batch",
        "material",
        "trainers",
        "organisation",
        "facilities",
        "relevance",
        "comment",
    }
    marker = {f.name for f in ReactionSubmission._meta.get_fields()}
    assert marker == {"id", "enrolment"}


def test_the_participant_list_shows_what_is_left_to_answer(client: Client, ev: Evaluation) -> None:
    login(client, ev, "employee")
    page = client.get(reverse("evaluation:my_reactions")).content.decode()
    assert reverse("evaluation:reaction_form", args=[ev.ws1.pk]) in page
    assert reverse("evaluation:reaction_form", args=[ev.online.pk]) in page
    client.post(reverse("evaluation:reaction_form", args=[ev.ws1.pk]), GOOD_POST)
    page = client.get(reverse("evaluation:my_reactions")).content.decode()
    assert reverse("evaluation:reaction_form", args=[ev.ws1.pk]) not in page
    assert "Sudah diisi" in page


# --- aggregates --------------------------------------------------------------------------

FIVE = [(5, 4, 4, 3, 5), (4, 4, 3, 3, 4), (5, 5, 4, 4, 5), (3, 4, 4, 2, 4), (4, 3, 5, 3, 2)]
# material 21/5 = 4.2, trainers 4.0, organisation 4.0, facilities 3.0, relevance 4.0;
# mean 3.84 → index (3.84 − 1) / 4 × 100 = 71.0
POOR = [(2, 2, 2, 2, 2)] * 5  # index 25.0


def test_batch_aggregate_hidden_below_five(
    client: Client, ev: Evaluation, answer: Callable[..., None]
) -> None:
    answer(ev.ws1, *FIVE[:4], comment="Ruangan panas")
    aggregate = selectors.batch_reaction(ev.ws1)
    assert aggregate.answers == 4
    assert aggregate.hidden and aggregate.index is None and aggregate.items() == []
    assert selectors.reaction_comments(ev.ws1) == []
    login(client, ev, "bkpsdm")
    page = client.get(reverse("evaluation:batch", args=[ev.ws1.pk])).content.decode()
    assert "Baru 4 jawaban" in page
    assert "mulai 5 jawaban" in page
    assert "Ruangan panas" not in page
    assert 'data-item="index"' not in page


def test_batch_aggregate_against_hand_values(
    client: Client, ev: Evaluation, answer: Callable[..., None]
) -> None:
    answer(ev.ws1, *FIVE)
    aggregate = selectors.batch_reaction(ev.ws1)
    assert aggregate.answers == 5
    assert aggregate.item_means == pytest.approx(
        {"material": 4.2, "trainers": 4.0, "organisation": 4.0, "facilities": 3.0, "relevance": 4.0}
    )
    assert aggregate.index == pytest.approx(71.0)
    login(client, ev, "bkpsdm")
    page = client.get(reverse("evaluation:batch", args=[ev.ws1.pk])).content.decode()
    assert 'data-item="material">4,20<' in page
    assert 'data-item="index">71,0<' in page


def _index(
    rows: list[selectors.ReactionAggregate], key: int, year: int
) -> selectors.ReactionAggregate:
    [row] = [r for r in rows if r.key == key and r.year == year]
    return row


def test_indices_per_trainer_venue_partner_program(
    ev: Evaluation, answer: Callable[..., None]
) -> None:
    answer(ev.ws1, *FIVE)
    answer(ev.ws2, *POOR)
    answer(ev.online, (5, 5, 5, 5, 5), (5, 5, 5, 5, 5), (5, 5, 5, 5, 5))
    ids = [ev.world.instansi.pk]
    s = ev.s
    trainers = selectors.reaction_indices(dimension="trainer", instansi_ids=ids)
    assert _index(trainers, s.widyaiswara.pk, 2027).index == pytest.approx(71.0)
    assert _index(trainers, s.praktisi.pk, 2027).index == pytest.approx(25.0)
    venues = selectors.reaction_indices(dimension="venue", instansi_ids=ids)
    assert _index(venues, s.aula.pk, 2027).index == pytest.approx(71.0)
    assert _index(venues, s.kampus.pk, 2027).index == pytest.approx(25.0)
    # both workshop angkatan: material (21 + 10) / 10 = 3.1, trainers 3.0, organisation 3.0,
    # facilities 2.5, relevance 3.0 → mean 2.92 → index 48.0
    programs = selectors.reaction_indices(dimension="program", instansi_ids=ids)
    workshop = _index(programs, s.workshop.template_id, 2027)
    assert workshop.answers == 10
    assert workshop.item_means["facilities"] == pytest.approx(2.5)
    assert workshop.index == pytest.approx(48.0)
    online = _index(programs, s.online.template_id, 2027)
    assert online.answers == 3 and online.hidden and online.index is None
    partners = selectors.reaction_indices(dimension="partner", instansi_ids=ids)
    assert _index(partners, s.partner.pk, 2027).index == pytest.approx(48.0)
    assert (
        selectors.reaction_indices(dimension="program", instansi_ids=[ev.world.other_instansi.pk])
        == []
    )


def test_index_trend_per_year(ev: Evaluation, answer: Callable[..., None]) -> None:
    Batch.objects.filter(pk=ev.ws2.pk).update(year=2028)
    answer(ev.ws1, *FIVE)
    answer(ev.ws2, *POOR)
    rows = selectors.reaction_indices(dimension="program", instansi_ids=[ev.world.instansi.pk])
    trend = [(r.year, round(r.index or 0, 1)) for r in rows if r.key == ev.s.workshop.template_id]
    assert trend == [(2027, 71.0), (2028, 25.0)]


def test_index_page(client: Client, ev: Evaluation, answer: Callable[..., None]) -> None:
    answer(ev.ws1, *FIVE)
    answer(ev.online, (5, 5, 5, 5, 5))
    login(client, ev, "bkpsdm")
    page = client.get(reverse("evaluation:indices") + "?dimensi=program").content.decode()
    assert "71,0" in page
    assert "kurang dari 5 jawaban" in page
    for persona, status in {
        "pimpinan": 200,
        "superadmin": 200,
        "outsider": 200,
        "opd_admin": 403,
        "partner": 403,
        "employee": 403,
        "supervisor": 403,
    }.items():
        login(client, ev, persona)
        assert client.get(reverse("evaluation:indices")).status_code == status, persona
    login(client, ev, "outsider")
    assert "71,0" not in client.get(reverse("evaluation:indices")).content.decode()


def test_batches_at_one_venue_count_together(ev: Evaluation, answer: Callable[..., None]) -> None:
    """Each answer counts once under its batch's first venue, however many sessions it has."""
    Session.objects.filter(batch=ev.ws2).update(venue=ev.s.aula)
    Session.objects.create(
        batch=ev.ws1,
        date=dt.date(2027, 3, 10),
        start_time=dt.time(8),
        end_time=dt.time(16),
        venue=ev.s.kampus,
    )
    answer(ev.ws1, *FIVE)
    answer(ev.ws2, *POOR)
    venues = selectors.reaction_indices(dimension="venue", instansi_ids=[ev.world.instansi.pk])
    assert [(v.key, v.answers) for v in venues] == [(ev.s.aula.pk, 10)]
    assert venues[0].index == pytest.approx(48.0)
