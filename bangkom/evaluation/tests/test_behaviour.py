"""Level 3, behaviour: a follow-up per completed enrolment, due the program's number of weeks
(default 12) after the batch's last session; the ASN's supervisor rates each targeted
competency; anyone else is refused and nothing changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import Enrolment, EnrolmentStatus, Session
from bangkom.evaluation.models import (
    BehaviourFollowUp,
    BehaviourRating,
    BehaviourStatus,
    ProgramEvaluationSetting,
)
from bangkom.evaluation.services import follow_up_competencies, follow_ups_schedule
from bangkom.evaluation.tests.conftest import Evaluation
from bangkom.testing.world import PERSONAS


@pytest.fixture
def completed(ev: Evaluation) -> Evaluation:
    Session.objects.create(
        batch=ev.ws1, date=dt.date(2027, 3, 9), start_time=dt.time(8), end_time=dt.time(16)
    )
    Enrolment.objects.filter(batch=ev.ws1, employee=ev.world.employee).update(
        status=EnrolmentStatus.COMPLETED
    )
    return ev


def test_scheduled_twelve_weeks_after_the_last_session(completed: Evaluation) -> None:
    assert follow_ups_schedule(batch=completed.ws1, acting_user=None) == 1
    follow_up = BehaviourFollowUp.objects.get()
    assert follow_up.enrolment.employee == completed.world.employee  # the colleague is not done
    assert follow_up.due_date == dt.date(2027, 6, 1)  # 9 March + 12 weeks
    assert follow_up.supervisor == completed.world.supervisor
    assert follow_ups_schedule(batch=completed.ws1, acting_user=None) == 0  # idempotent
    assert BehaviourFollowUp.objects.count() == 1
    assert AuditEvent.objects.filter(action="evaluation.follow_ups_schedule").count() == 1


def test_the_program_sets_its_own_weeks(completed: Evaluation) -> None:
    ProgramEvaluationSetting.objects.create(
        template_id=completed.s.workshop.template_id, follow_up_weeks=8
    )
    follow_ups_schedule(batch=completed.ws1, acting_user=None)
    assert BehaviourFollowUp.objects.get().due_date == dt.date(2027, 5, 4)


def test_a_batch_without_sessions_cannot_be_scheduled(ev: Evaluation) -> None:
    with pytest.raises(ServiceError):
        follow_ups_schedule(batch=ev.online, acting_user=None)
    assert not BehaviourFollowUp.objects.exists()


@pytest.fixture
def follow_up(completed: Evaluation) -> BehaviourFollowUp:
    follow_ups_schedule(batch=completed.ws1, acting_user=None)
    return BehaviourFollowUp.objects.get()


def state() -> tuple[Any, ...]:
    return (
        list(BehaviourFollowUp.objects.values_list("pk", "status", "note")),
        list(BehaviourRating.objects.values_list("competency", "rating")),
        AuditEvent.objects.count(),
    )


def test_supervisor_completes_the_form(
    client: Client, completed: Evaluation, follow_up: BehaviourFollowUp
) -> None:
    [competency] = follow_up_competencies(follow_up)
    client.force_login(completed.world.user("supervisor"))
    url = reverse("evaluation:follow_up_form", args=[follow_up.pk])
    assert client.get(url).status_code == 200
    before = state()
    assert client.post(url, {"note": "Lebih rapi"}).status_code == 400  # a rating is missing
    assert client.post(url, {f"competency_{competency.pk}": "7"}).status_code == 400
    assert state() == before
    response = client.post(url, {f"competency_{competency.pk}": "4", "note": "Lebih rapi"})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == BehaviourStatus.DONE and follow_up.note == "Lebih rapi"
    assert list(BehaviourRating.objects.values_list("competency", "rating")) == [(competency.pk, 4)]
    after = state()
    assert client.post(url, {f"competency_{competency.pk}": "2"}).status_code == 400  # done
    assert state() == after


VIEWERS = {"superadmin": 200, "bkpsdm": 200, "pimpinan": 200, "supervisor": 200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_supervisor_may_rate(
    client: Client, completed: Evaluation, follow_up: BehaviourFollowUp, persona: str
) -> None:
    [competency] = follow_up_competencies(follow_up)
    client.force_login(completed.world.user(persona))
    url = reverse("evaluation:follow_up_form", args=[follow_up.pk])
    assert client.get(url).status_code == VIEWERS.get(persona, 404)
    before = state()
    status = client.post(url, {f"competency_{competency.pk}": "4"}).status_code
    expected = 302 if persona == "supervisor" else 403 if persona in VIEWERS else 404
    assert status == expected
    if expected != 302:
        assert state() == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_scheduling_is_for_admins(client: Client, completed: Evaluation, persona: str) -> None:
    client.force_login(completed.world.user(persona))
    status = client.post(reverse("evaluation:follow_ups_plan", args=[completed.ws1.pk])).status_code
    expected = {
        "superadmin": 302,
        "bkpsdm": 302,
        "pimpinan": 403,
        "partner": 403,
        "supervisor": 403,
    }
    assert status == expected.get(persona, 404)
    assert BehaviourFollowUp.objects.count() == (1 if status == 302 else 0)
