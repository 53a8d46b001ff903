"""Answering: validation, one submission per ASN, closed and untargeted surveys, and that a
refused submission leaves nothing behind."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.surveys.models import Answer, QuestionKind, Survey, SurveyResponse
from bangkom.surveys.services import response_submit, survey_update
from bangkom.surveys.tests.conftest import EGOV, full_answers, make_survey, question, submit
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return SurveyResponse.objects.count(), Answer.objects.count(), AuditEvent.objects.count()


def _refused(survey: Survey, employee: Any, answers: dict[int, Any]) -> ServiceError:
    before = _counts()
    with pytest.raises(ServiceError) as excinfo:
        response_submit(survey=survey, employee=employee, answers=answers, acting_user=None)
    assert _counts() == before, "a refused submission must leave nothing behind"
    return excinfo.value


def test_complete_answers_are_saved_with_unit_position_and_audit(
    world: World, survey: Survey
) -> None:
    response = submit(
        survey,
        world.employee,
        confidence={EGOV: 1},
        topics=["Manajemen waktu", "Penggunaan aplikasi e-government"],
        text="Pelatihan SRIKANDI di puskesmas",
    )
    assert response.unit == world.puskesmas and response.opd == world.dinkes
    assert response.position == world.perawat and response.position_class == "ahli_pertama"
    egov = question(survey, QuestionKind.CONFIDENCE).items.get(label=EGOV)
    assert Answer.objects.get(response=response, item=egov).value == 1
    assert response.answers.filter(question__kind=QuestionKind.TOPICS).count() == 2
    assert response.answers.get(question__kind=QuestionKind.TEXT).text.startswith("Pelatihan")
    event = AuditEvent.objects.get(action="survey.response.submit")
    # who answered is audited, what they answered is not copied into the audit trail
    assert "SRIKANDI" not in str(event.changes) and event.target_id == str(response.pk)


def test_second_submission_is_refused_with_a_clear_message(world: World, survey: Survey) -> None:
    submit(survey, world.employee)
    error = _refused(survey, world.employee, full_answers(survey))
    assert "Anda sudah mengisi survei ini" in error.messages[0]
    assert SurveyResponse.objects.filter(survey=survey, employee=world.employee).count() == 1


def test_database_keeps_one_response_per_asn_even_past_the_service(
    world: World, survey: Survey
) -> None:
    submit(survey, world.employee)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(survey=survey, employee=world.employee)


def test_database_refuses_values_outside_the_scale(world: World, survey: Survey) -> None:
    response = submit(survey, world.employee)
    task = question(survey, QuestionKind.CONFIDENCE)
    item = task.items.first()
    Answer.objects.filter(response=response, item=item).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, question=task, item=item, value=5)


@pytest.mark.parametrize("value", [0, 5, -1, "x", None])
def test_scale_values_other_than_1_to_4_are_refused(
    world: World, survey: Survey, value: Any
) -> None:
    answers = full_answers(survey)
    task = question(survey, QuestionKind.CONFIDENCE)
    egov = task.items.get(label=EGOV)
    answers[task.pk][egov.pk] = value
    error = _refused(survey, world.employee, answers)
    assert f"q{task.pk}" in error.message_dict
    assert "1, 2, 3 atau 4" in " ".join(error.message_dict[f"q{task.pk}"])


def test_every_task_of_a_required_confidence_question_must_be_rated(
    world: World, survey: Survey
) -> None:
    answers = full_answers(survey)
    task = question(survey, QuestionKind.CONFIDENCE)
    egov = task.items.get(label=EGOV)
    del answers[task.pk][egov.pk]
    error = _refused(survey, world.employee, answers)
    assert EGOV in " ".join(error.message_dict[f"q{task.pk}"])


def test_required_choice_questions_and_their_limits(world: World, survey: Survey) -> None:
    topics = question(survey, QuestionKind.TOPICS)
    forms = question(survey, QuestionKind.FORMS)
    answers = full_answers(survey)
    answers[topics.pk] = [item.pk for item in topics.items.all()[:4]]  # at most 3
    answers[forms.pk] = []
    error = _refused(survey, world.employee, answers)
    assert "Pilih paling banyak 3." in error.message_dict[f"q{topics.pk}"]
    assert "Pilih paling sedikit satu." in error.message_dict[f"q{forms.pk}"]


def test_items_of_another_question_are_refused(world: World, survey: Survey) -> None:
    topics = question(survey, QuestionKind.TOPICS)
    times = question(survey, QuestionKind.TIMES)
    answers = full_answers(survey)
    answers[topics.pk] = [times.items.all()[0].pk]
    error = _refused(survey, world.employee, answers)
    assert "Pilihan tidak dikenal." in error.message_dict[f"q{topics.pk}"]


def test_closed_survey_refuses_answers(world: World, survey: Survey) -> None:
    today = timezone.localdate()
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=today - datetime.timedelta(days=10), closes_on=today - datetime.timedelta(days=1)
    )
    survey.refresh_from_db()
    error = _refused(survey, world.employee, full_answers(survey))
    assert "sudah ditutup" in error.messages[0]


def test_survey_not_yet_open_refuses_answers(world: World, egov_competency: Any) -> None:
    today = timezone.localdate()
    survey = make_survey(
        world,
        opens_on=today + datetime.timedelta(days=2),
        closes_on=today + datetime.timedelta(days=9),
    )
    error = _refused(survey, world.employee, full_answers(survey))
    assert "baru dibuka" in error.messages[0]


def test_draft_survey_refuses_answers(world: World, egov_competency: Any) -> None:
    survey = make_survey(world, publish=False)
    error = _refused(survey, world.employee, full_answers(survey))
    assert "belum diterbitkan" in error.messages[0]


def test_survey_targeted_at_another_unit_refuses_answers(world: World, survey: Survey) -> None:
    survey_update(
        survey=survey,
        data=_same(survey, target_units=[world.kecamatan]),
        acting_user=world.user("bkpsdm"),
    )
    error = _refused(survey, world.employee, full_answers(survey))
    assert "tidak ditujukan untuk unit kerja Anda" in error.messages[0]
    submit(survey, world.kecamatan_staff)  # the kecamatan's own staff may answer


def test_target_unit_includes_its_subtree(world: World, survey: Survey) -> None:
    survey_update(survey=survey, data=_same(survey, target_units=[world.dinkes]), acting_user=None)
    submit(survey, world.employee)  # Puskesmas Alak lies under Dinas Kesehatan
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_asn_of_another_instansi_cannot_answer(world: World, survey: Survey) -> None:
    error = _refused(survey, world.other_employee, full_answers(survey))
    assert "tidak ditujukan" in error.messages[0]


def _same(survey: Survey, **changes: Any) -> Any:
    from bangkom.surveys.services import SurveyData

    data: dict[str, Any] = {
        "judul": survey.judul,
        "tahun": survey.tahun,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
    }
    data.update(changes)
    return SurveyData(**data)


# ----------------------------------------------------------------------------- the page


def _post_data(survey: Survey, answers: dict[int, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for q in survey.questions.all():
        value = answers.get(q.pk)
        if q.kind == QuestionKind.CONFIDENCE:
            for item_pk, number in (value or {}).items():
                data[f"q{q.pk}_t{item_pk}"] = number
        elif q.kind == QuestionKind.TEXT:
            data[f"q{q.pk}"] = value or ""
        else:
            data[f"q{q.pk}"] = value or []
    return data


def test_page_keeps_the_input_and_names_the_missing_task(
    client, world: World, survey: Survey
) -> None:
    answers = full_answers(survey, confidence={EGOV: 2}, text="Tolong pelatihan e-Kinerja")
    task = question(survey, QuestionKind.CONFIDENCE)
    last = task.items.order_by("-urutan")[0]
    del answers[task.pk][last.pk]
    client.force_login(world.user("employee"))
    url = reverse("surveys:answer", args=[survey.pk])
    before = _counts()
    response = client.post(url, _post_data(survey, answers))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jawaban belum terkirim" in html and last.label in html
    egov = task.items.get(label=EGOV)
    assert f'name="q{task.pk}_t{egov.pk}" value="2" id="id_q{task.pk}_t{egov.pk}_1" checked' in html
    topics = question(survey, QuestionKind.TOPICS)
    waktu = topics.items.get(label="Manajemen waktu")
    assert f'name="q{topics.pk}" value="{waktu.pk}" id="id_q{topics.pk}_3" checked' in html
    assert "Tolong pelatihan e-Kinerja" in html
    assert _counts() == before


def test_page_submits_then_refuses_a_second_time(client, world: World, survey: Survey) -> None:
    client.force_login(world.user("employee"))
    url = reverse("surveys:answer", args=[survey.pk])
    response = client.post(url, _post_data(survey, full_answers(survey, confidence={EGOV: 1})))
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Anda sudah mengisi survei ini" in page and f"{EGOV}: 1" in page
    before = _counts()
    again = client.post(url, _post_data(survey, full_answers(survey)))
    assert again.status_code == 200
    assert "Setiap ASN hanya dapat mengirim satu jawaban" in again.content.decode()
    assert _counts() == before


def test_page_refuses_a_value_outside_the_scale(client, world: World, survey: Survey) -> None:
    client.force_login(world.user("employee"))
    data = _post_data(survey, full_answers(survey))
    task = question(survey, QuestionKind.CONFIDENCE)
    egov = task.items.get(label=EGOV)
    data[f"q{task.pk}_t{egov.pk}"] = 7
    before = _counts()
    response = client.post(reverse("surveys:answer", args=[survey.pk]), data)
    assert response.status_code == 200
    assert "Pilih nilai 1, 2, 3 atau 4." in response.content.decode()
    assert _counts() == before


def test_my_surveys_lists_open_surveys_for_me_only(client, world: World, survey: Survey) -> None:
    other = make_survey(world, judul="Survei Kecamatan", target_units=[world.kecamatan])
    client.force_login(world.user("employee"))
    page = client.get(reverse("surveys:my_surveys")).content.decode()
    assert survey.judul in page and other.judul not in page
    submit(survey, world.employee)
    page = client.get(reverse("surveys:my_surveys")).content.decode()
    assert "Sudah Anda isi" in page
