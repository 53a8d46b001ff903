"""Results per OPD, unit, position and position class, with means computed by hand, the
response rate, the privacy rule for small groups, and constant query counts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bangkom.surveys.models import QuestionKind, Survey
from bangkom.surveys.selectors import Grouping, GroupRow, SurveyResults, Viewer, survey_results
from bangkom.surveys.tests.conftest import EGOV, TOPIC, make_note, make_survey, question, submit
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def _row(results: SurveyResults, label: str) -> GroupRow:
    return next(row for row in results.groups if row.label.startswith(label))


def _egov(results: SurveyResults, row: GroupRow) -> Any:
    table = next(t for t in results.tables if t.question.kind == QuestionKind.CONFIDENCE)
    index = [item.label for item in table.items].index(EGOV)
    return (row.cells[table.question.pk] if row.key is not None else table.total)[index]


def _topic(results: SurveyResults, row: GroupRow, label: str = TOPIC) -> Any:
    table = next(t for t in results.tables if t.question.kind == QuestionKind.TOPICS)
    index = [item.label for item in table.items].index(label)
    return (row.cells[table.question.pk] if row.key is not None else table.total)[index]


def test_per_opd_means_counts_shares_and_response_rate(answered: Survey) -> None:
    results = survey_results(answered, Viewer(full=True), Grouping.OPD)
    dinkes, kecamatan = _row(results, "Dinas Kesehatan"), _row(results, "Kecamatan Alak")
    assert (dinkes.respondents, dinkes.population) == (4, 5)
    assert dinkes.response_rate == Decimal("80.0")
    assert (kecamatan.respondents, kecamatan.population, kecamatan.response_rate) == (
        3,
        3,
        Decimal("100.0"),
    )
    # (1 + 2 + 4 + 3) / 4 = 2.50: not below the 2.5 threshold
    cell = _egov(results, dinkes)
    assert (cell.mean, cell.n, cell.is_low) == (Decimal("2.50"), 4, False)
    assert cell.stats.distribution == (1, 1, 1, 1)
    # (1 + 2 + 2) / 3 = 1.666… → 1.67, low
    cell = _egov(results, kecamatan)
    assert (cell.mean, cell.n, cell.is_low) == (Decimal("1.67"), 3, True)
    # everyone: 15 / 7 = 2.142… → 2.14
    total = _egov(results, results.total)
    assert (total.mean, total.n, results.total.respondents) == (Decimal("2.14"), 7, 7)
    assert results.total.population == 8
    topic = _topic(results, kecamatan)
    assert (topic.count, topic.share) == (3, Decimal("100.0"))
    topic = _topic(results, dinkes)
    assert (topic.count, topic.share) == (1, Decimal("25.0"))
    assert (_topic(results, results.total).count, _topic(results, results.total).share) == (
        4,
        Decimal("57.1"),
    )


def test_per_position_and_position_class(answered: Survey) -> None:
    by_position = survey_results(answered, Viewer(full=True), Grouping.POSITION)
    nurse = _row(by_position, "Perawat Ahli Pertama")
    assert nurse.label == "Perawat Ahli Pertama — Puskesmas Alak"
    assert (nurse.respondents, nurse.population) == (3, 4)
    assert _egov(by_position, nurse).mean == Decimal("2.00")  # (1 + 2 + 3) / 3
    head = _row(by_position, "Kepala Puskesmas")
    assert (_egov(by_position, head).mean, _egov(by_position, head).n) == (Decimal("4.00"), 1)
    clerk = _row(by_position, "Pengadministrasi Perizinan")
    assert _egov(by_position, clerk).mean == Decimal("1.67")

    by_class = survey_results(answered, Viewer(full=True), Grouping.POSITION_CLASS)
    labels = [row.label for row in by_class.groups]
    assert labels == ["Pengawas", "Pelaksana", "Fungsional Ahli Pertama"]  # the class order
    assert _egov(by_class, _row(by_class, "Fungsional Ahli Pertama")).mean == Decimal("2.00")
    assert _egov(by_class, _row(by_class, "Pelaksana")).mean == Decimal("1.67")


def test_per_direct_unit(answered: Survey) -> None:
    results = survey_results(answered, Viewer(full=True), Grouping.UNIT)
    assert [row.label for row in results.groups] == ["Puskesmas Alak", "Kecamatan Alak"]
    assert _egov(results, _row(results, "Puskesmas Alak")).mean == Decimal("2.50")


def test_small_groups_hidden_from_everyone_but_bkpsdm(answered: Survey) -> None:
    head_visible = survey_results(answered, Viewer(full=True), Grouping.POSITION)
    assert not _row(head_visible, "Kepala Puskesmas").hidden

    leadership = survey_results(answered, Viewer(full=False), Grouping.POSITION)
    head = _row(leadership, "Kepala Puskesmas")
    assert head.hidden and leadership.hidden_groups == 1
    # the total only adds up the groups shown, so the hidden one cannot be subtracted out
    assert leadership.total.respondents == 6
    assert _egov(leadership, leadership.total).mean == Decimal("1.83")  # (1+2+3+1+2+2) / 6


def test_opd_admin_sees_only_their_subtree(world: World, answered: Survey) -> None:
    viewer = Viewer(full=False, paths=(world.dinkes.path,))
    results = survey_results(answered, viewer, Grouping.OPD)
    assert [row.label for row in results.groups] == ["Dinas Kesehatan"]
    assert results.total.population == 5


def test_results_page_privacy_per_persona(client, world: World, answered: Survey) -> None:
    url = reverse("surveys:results", args=[answered.pk]) + "?per=jabatan"
    client.force_login(world.user("opd_admin"))
    page = client.get(url).content.decode()
    assert "paling sedikit 3 responden" in page
    assert "Disembunyikan: kurang dari 3 responden" in page
    assert "4,00" not in page  # the head of the puskesmas answered alone
    assert "Kecamatan Alak" not in page and "Pengadministrasi Perizinan" not in page
    assert "Jawaban perorangan" not in page

    client.force_login(world.user("bkpsdm"))
    page = client.get(url).content.decode()
    assert "4,00" in page and "Disembunyikan" not in page
    assert "Jawaban perorangan" in page

    client.force_login(world.user("pimpinan"))
    page = client.get(url).content.decode()
    assert "Disembunyikan: kurang dari 3 responden" in page and "1,67" in page


def test_individual_answers_page_is_for_bkpsdm_only(client, world: World, answered: Survey) -> None:
    url = reverse("surveys:responses", args=[answered.pk])
    client.force_login(world.user("bkpsdm"))
    page = client.get(url).content.decode()
    assert world.employee.nama in page
    for persona in ("opd_admin", "pimpinan"):
        client.force_login(world.user(persona))
        assert client.get(url).status_code == 403


def test_results_page_shows_low_confidence_for_the_kecamatan(
    client, world: World, answered: Survey
) -> None:
    client.force_login(world.user("bkpsdm"))
    page = client.get(reverse("surveys:results", args=[answered.pk])).content.decode()
    kecamatan_row = page[page.index("<td>Kecamatan Alak</td>", page.index(EGOV)) :]
    kecamatan_row = kecamatan_row[: kecamatan_row.index("</tr>")]
    assert "1,67" in kecamatan_row and "(n=3)" in kecamatan_row and "rendah" in kecamatan_row


@pytest.mark.parametrize("grouping", ["opd", "unit", "jabatan", "kelas"])
@pytest.mark.parametrize("persona", ["bkpsdm", "opd_admin"])
def test_results_page_query_count_constant_as_answers_grow(
    client,
    world: World,
    survey: Survey,
    add_employees: Callable[..., Any],
    grouping: str,
    persona: str,
) -> None:
    url = reverse("surveys:results", args=[survey.pk]) + f"?per={grouping}"
    submit(survey, world.employee)
    client.force_login(world.user(persona))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for employee in [
        *add_employees(world.perawat, 6),
        *add_employees(world.kepala_puskesmas, 2),
        *add_employees(world.staf_kecamatan, 5),
        world.colleague,
        world.kecamatan_staff,
    ]:
        submit(survey, employee, confidence=2, topics=[TOPIC], text="Saran")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_individual_answers_query_count_constant(
    client, world: World, survey: Survey, add_employees: Callable[..., Any]
) -> None:
    url = reverse("surveys:responses", args=[survey.pk])
    submit(survey, world.employee)
    client.force_login(world.user("bkpsdm"))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for employee in add_employees(world.perawat, 8):
        submit(survey, employee)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_my_surveys_and_answer_page_query_counts_constant(
    client, world: World, survey: Survey, add_employees: Callable[..., Any]
) -> None:
    client.force_login(world.user("employee"))
    urls = [reverse("surveys:my_surveys"), reverse("surveys:answer", args=[survey.pk])]
    for url in urls:
        client.get(url)
    with CaptureQueriesContext(connection) as few:
        for url in urls:
            client.get(url)
    for employee in add_employees(world.perawat, 6):
        submit(survey, employee)
    with CaptureQueriesContext(connection) as many:
        for url in urls:
            client.get(url)
    assert len(many) == len(few)


def test_question_items_are_columns_in_survey_order(answered: Survey) -> None:
    results = survey_results(answered, Viewer(full=True), Grouping.OPD)
    kinds = [table.question.kind for table in results.tables]
    assert kinds == ["kepercayaan", "topik", "bentuk", "waktu"]  # free text is not tabulated
    task = question(answered, QuestionKind.CONFIDENCE)
    assert [i.pk for i in results.tables[0].items] == list(
        task.items.order_by("urutan").values_list("pk", flat=True)
    )


def test_list_pages_query_counts_constant(client, world: World, survey: Survey) -> None:
    client.force_login(world.user("bkpsdm"))
    urls = [reverse("surveys:list"), reverse("surveys:fgd_list")]
    make_note(world, units=[world.kecamatan])
    for url in urls:
        client.get(url)
    with CaptureQueriesContext(connection) as few:
        for url in urls:
            client.get(url)
    for index in range(4):
        make_survey(world, publish=False, judul=f"Survei {index}")
        make_note(world, units=[world.kecamatan, world.puskesmas], judul=f"FGD {index}")
    with CaptureQueriesContext(connection) as many:
        for url in urls:
            client.get(url)
    assert len(many) == len(few)
