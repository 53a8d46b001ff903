"""Creating and editing the questionnaire: the built-in template, validation, publishing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from bangkom.competencies.models import Competency, CompetencyKind
from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.surveys.models import Question, QuestionItem, QuestionKind, Survey, SurveyStatus
from bangkom.surveys.services import (
    ItemData,
    QuestionData,
    SurveyData,
    question_delete,
    question_save,
    survey_create,
    survey_publish,
    survey_update,
)
from bangkom.surveys.tests.conftest import EGOV, make_survey, question, submit
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def _codes(item: QuestionItem) -> set[str]:
    return {c.kode for c in item.competencies.all()}


def test_template_has_every_kind_in_indonesian_and_links_the_instansi_competencies(
    world: World, egov_competency: Competency
) -> None:
    survey = make_survey(world, publish=False)
    kinds = list(survey.questions.order_by("urutan").values_list("kind", flat=True))
    assert kinds == ["kepercayaan", "topik", "bentuk", "waktu", "teks"]
    tasks = question(survey, QuestionKind.CONFIDENCE).items.all()
    egov = tasks.get(label=EGOV)
    # a technical competency named after e-government is found by name, so M.7 is not needed
    assert _codes(egov) == {"T.1"}
    assert _codes(tasks.get(label__startswith="Menyampaikan informasi")) == {"M.3"}
    forms = [i.label for i in question(survey, QuestionKind.FORMS).items.all()]
    assert {"Workshop / lokakarya", "Coaching / mentoring", "Magang / praktik kerja"} <= set(forms)
    assert "Pembelajaran berbasis proyek" in forms
    times = [i.label for i in question(survey, QuestionKind.TIMES).items.all()]
    assert "Akhir pekan" in times and "Daring, malam hari" in times
    assert question(survey, QuestionKind.TOPICS).max_choices == 3
    assert not question(survey, QuestionKind.TEXT).is_required
    assert survey.status == SurveyStatus.DRAFT
    assert AuditEvent.objects.filter(action="survey.create", target_id=str(survey.pk)).exists()


def test_template_falls_back_to_managerial_competency_without_technical_one(world: World) -> None:
    survey = make_survey(world, publish=False)
    egov = question(survey, QuestionKind.CONFIDENCE).items.get(label=EGOV)
    assert _codes(egov) == {"M.7"}


def test_another_instansis_technical_competency_is_never_linked(world: World) -> None:
    Competency.objects.create(
        instansi=world.other_instansi,
        kode="T.1",
        nama="Penggunaan Aplikasi E-Government",
        jenis=CompetencyKind.TEKNIS,
    )
    survey = make_survey(world, publish=False)
    egov = question(survey, QuestionKind.CONFIDENCE).items.get(label=EGOV)
    assert _codes(egov) == {"M.7"}


@pytest.mark.parametrize(
    "change,field",
    [
        ({"judul": "  "}, "judul"),
        ({"closes_on": timezone.localdate() - datetime.timedelta(days=5)}, "closes_on"),
        ({"confidence_threshold": Decimal("4.5")}, "confidence_threshold"),
        ({"confidence_threshold": Decimal("1")}, "confidence_threshold"),
        ({"very_low_threshold": Decimal("3")}, "very_low_threshold"),
        ({"factor_low": Decimal("0")}, "factor_low"),
        ({"min_answers": 0}, "min_answers"),
        ({"topic_share_percent": 120}, "topic_share_percent"),
    ],
)
def test_survey_settings_are_validated_and_nothing_is_written(
    world: World, change: dict, field: str
) -> None:
    today = timezone.localdate()
    data = {"judul": "Survei", "tahun": 2027, "opens_on": today, "closes_on": today, **change}
    before = (Survey.objects.count(), Question.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ServiceError) as excinfo:
        survey_create(
            instansi=world.instansi,
            data=SurveyData(**data),
            use_template=True,
            acting_user=world.user("bkpsdm"),
        )
    assert field in excinfo.value.message_dict
    assert (Survey.objects.count(), Question.objects.count(), AuditEvent.objects.count()) == before


def test_target_units_of_another_instansi_are_refused(world: World) -> None:
    today = timezone.localdate()
    with pytest.raises(ServiceError) as excinfo:
        survey_create(
            instansi=world.instansi,
            data=SurveyData(
                judul="Survei",
                tahun=2027,
                opens_on=today,
                closes_on=today,
                target_units=[world.other_unit],
            ),
            use_template=False,
            acting_user=world.user("bkpsdm"),
        )
    assert "target_units" in excinfo.value.message_dict


def test_same_title_twice_in_a_year_is_refused(world: World) -> None:
    make_survey(world, publish=False)
    with pytest.raises(ServiceError) as excinfo:
        make_survey(world, publish=False, judul="survei kebutuhan pelatihan asn 2027")
    assert "judul" in excinfo.value.message_dict


@pytest.mark.parametrize(
    "data,field",
    [
        (QuestionData(kind="topik", teks="Topik", items=[ItemData("Satu")]), "items"),
        (QuestionData(kind="teks", teks="Saran", items=[ItemData("Satu")]), "items"),
        (QuestionData(kind="kepercayaan", teks="Tugas", items=[]), "items"),
        (
            QuestionData(kind="topik", teks="Topik", items=[ItemData("A"), ItemData("a")]),
            "items",
        ),
        (
            QuestionData(
                kind="topik", teks="Topik", max_choices=3, items=[ItemData("A"), ItemData("B")]
            ),
            "max_choices",
        ),
        (QuestionData(kind="kepercayaan", teks=" ", items=[ItemData("A")]), "teks"),
        (QuestionData(kind="pilihan", teks="Apa?", items=[ItemData("A")]), "kind"),
    ],
)
def test_question_validation(world: World, data: QuestionData, field: str) -> None:
    survey = make_survey(world, publish=False)
    before = Question.objects.count()
    with pytest.raises(ServiceError) as excinfo:
        question_save(survey=survey, data=data, acting_user=world.user("bkpsdm"))
    assert field in excinfo.value.message_dict
    assert Question.objects.count() == before


def test_question_with_foreign_competency_refused(world: World) -> None:
    survey = make_survey(world, publish=False)
    foreign = Competency.objects.create(
        instansi=world.other_instansi, kode="T.9", nama="Lain", jenis=CompetencyKind.TEKNIS
    )
    with pytest.raises(ServiceError) as excinfo:
        question_save(
            survey=survey,
            data=QuestionData(
                kind="kepercayaan", teks="Tugas", items=[ItemData("Mengelola arsip", [foreign])]
            ),
            acting_user=world.user("bkpsdm"),
        )
    assert "T.9" in str(excinfo.value.message_dict["items"])


def test_admin_edits_items_and_their_competencies(world: World) -> None:
    survey = make_survey(world, publish=False)
    confidence = question(survey, QuestionKind.CONFIDENCE)
    m5 = Competency.objects.get(kode="M.5")
    question_save(
        survey=survey,
        question=confidence,
        data=QuestionData(
            kind="kepercayaan",
            teks="Seberapa yakin Anda?",
            items=[ItemData("Memakai SRIKANDI", [m5]), ItemData("Memakai e-Kinerja", [m5])],
        ),
        acting_user=world.user("bkpsdm"),
    )
    labels = list(confidence.items.values_list("label", flat=True))
    assert labels == ["Memakai SRIKANDI", "Memakai e-Kinerja"]
    event = AuditEvent.objects.filter(action="survey.question.update").latest("id")
    assert event.changes["teks"][1] == "Seberapa yakin Anda?"


def test_after_answers_items_can_be_corrected_but_not_added_or_removed(
    world: World, survey: Survey
) -> None:
    submit(survey, world.employee)
    confidence = question(survey, QuestionKind.CONFIDENCE)
    items = list(confidence.items.all())
    labels = [ItemData(i.label, list(i.competencies.all())) for i in items]
    with pytest.raises(ServiceError):
        question_save(
            survey=survey,
            question=confidence,
            data=QuestionData(kind="kepercayaan", teks="T", items=[*labels, ItemData("Baru")]),
            acting_user=world.user("bkpsdm"),
        )
    with pytest.raises(ServiceError):
        question_save(
            survey=survey,
            data=QuestionData(kind="teks", teks="Pertanyaan baru"),
            acting_user=world.user("bkpsdm"),
        )
    with pytest.raises(ServiceError):
        question_delete(question=confidence, acting_user=world.user("bkpsdm"))
    # swapping two labels and fixing a typo keeps the items (and so the answers) in place
    swapped = [labels[1], labels[0], *labels[2:]]
    question_save(
        survey=survey,
        question=confidence,
        data=QuestionData(kind="kepercayaan", teks="T", items=swapped),
        acting_user=world.user("bkpsdm"),
    )
    after = list(confidence.items.order_by("urutan"))
    assert [i.pk for i in after] == [i.pk for i in items]
    assert [i.label for i in after][:2] == [items[1].label, items[0].label]
    assert confidence.answers.count() == len(items)


def test_publish_requires_every_task_linked_to_a_competency(world: World) -> None:
    survey = make_survey(world, publish=False)
    confidence = question(survey, QuestionKind.CONFIDENCE)
    confidence.items.all()[0].competencies.clear()
    with pytest.raises(ServiceError) as excinfo:
        survey_publish(survey=survey, acting_user=world.user("bkpsdm"))
    assert "Tautkan setiap tugas" in excinfo.value.messages[0]
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT


def test_update_changes_targets_with_audit(world: World) -> None:
    survey = make_survey(world, publish=False)
    survey_update(
        survey=survey,
        data=SurveyData(
            judul=survey.judul,
            tahun=survey.tahun,
            opens_on=survey.opens_on,
            closes_on=survey.closes_on,
            target_units=[world.kecamatan],
        ),
        acting_user=world.user("bkpsdm"),
    )
    assert list(survey.target_units.all()) == [world.kecamatan]
    event = AuditEvent.objects.filter(action="survey.update").latest("id")
    assert event.changes["target_units"] == [[], [world.kecamatan.pk]]


def test_plan_year_is_fixed_once_answers_exist(world: World, survey: Survey) -> None:
    submit(survey, world.employee)
    with pytest.raises(ServiceError) as excinfo:
        survey_update(
            survey=survey,
            data=SurveyData(
                judul=survey.judul,
                tahun=2028,
                opens_on=survey.opens_on,
                closes_on=survey.closes_on,
            ),
            acting_user=world.user("bkpsdm"),
        )
    assert "tahun" in excinfo.value.message_dict
    survey.refresh_from_db()
    assert survey.tahun == 2027
