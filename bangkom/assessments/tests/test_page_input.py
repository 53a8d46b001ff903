"""Bad input on the assessment pages: the official levels shown, out-of-range levels and
people outside one's scope refused with nothing saved, closed rounds, import checks before
reading, and the gaps an ASN sees."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bangkom.assessments.models import (
    Assessment,
    AssessmentRound,
    CurrentLevel,
    RoundStatus,
)
from bangkom.assessments.tests.conftest import RateFn, competency
from bangkom.assessments.tests.test_views import state
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


def test_self_assessment_page_shows_the_official_levels_and_required_level(
    client, world: World, open_round: AssessmentRound
) -> None:
    client.force_login(world.user("employee"))
    page = client.get(reverse("assessments:self_assessment")).content.decode()
    m1 = competency("M.1")
    level_1 = m1.levels.get(level=1)
    assert level_1.deskripsi in page
    assert level_1.indikator[0] in page
    assert page.count('type="radio"') == 5 * world.perawat.standards.count()
    assert "dipersyaratkan" in page
    assert f'name="level_{m1.pk}"' in page and f'name="catatan_{m1.pk}"' in page


def test_self_assessment_level_6_is_refused_on_the_page(
    client, world: World, open_round: AssessmentRound
) -> None:
    client.force_login(world.user("employee"))
    before = state()
    response = client.post(
        reverse("assessments:self_assessment"),
        {f"level_{competency('M.1').pk}": "3", f"level_{competency('M.2').pk}": "6"},
    )
    assert response.status_code == 200
    assert "harus 1 sampai 5, bukan “6”" in response.content.decode()
    assert state() == before


def test_self_assessment_resubmission_keeps_history_through_the_page(
    client, world: World, open_round: AssessmentRound
) -> None:
    client.force_login(world.user("employee"))
    field = f"level_{competency('M.1').pk}"
    client.post(reverse("assessments:self_assessment"), {field: "2"})
    response = client.post(reverse("assessments:self_assessment"), {field: "3"}, follow=True)
    assert "Penilaian mandiri disimpan" in response.content.decode()
    assert list(Assessment.objects.order_by("pk").values_list("level", flat=True)) == [2, 3]


def test_self_assessment_in_a_closed_round_is_refused(
    client, world: World, open_round: AssessmentRound
) -> None:
    client.force_login(world.user("employee"))
    field = f"level_{competency('M.1').pk}"
    AssessmentRound.objects.filter(pk=open_round.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1),
        opens_on=timezone.localdate() - timedelta(days=10),
    )
    before = state()
    response = client.post(reverse("assessments:self_assessment"), {field: "2"})
    assert "berakhir" in response.content.decode()
    assert state() == before
    AssessmentRound.objects.filter(pk=open_round.pk).update(status=RoundStatus.CLOSED)
    before = state()
    response = client.post(reverse("assessments:self_assessment"), {field: "2"})
    assert "tidak ada periode penilaian" in response.content.decode().lower()
    assert state() == before


def test_grid_with_someone_outside_ones_scope_saves_nothing(
    client, world: World, open_round: AssessmentRound
) -> None:
    client.force_login(world.user("supervisor"))
    m1 = competency("M.1")
    before = state()
    for stranger in (world.kecamatan_staff, world.other_employee, world.supervisor):
        response = client.post(
            reverse("assessments:supervisor_grid"),
            {
                "round": open_round.pk,
                f"r_{world.employee.pk}_{m1.pk}": "3",  # a real subordinate: not saved either
                f"r_{stranger.pk}_{m1.pk}": "3",
            },
        )
        assert response.status_code == 200
        assert "hanya dapat menilai bawahan langsung" in response.content.decode()
        assert state() == before
    # the per-row endpoint: another instansi's or another unit's employee is not found,
    # oneself is visible but not a subordinate
    for stranger, status in (
        (world.kecamatan_staff, 404),
        (world.other_employee, 404),
        (world.supervisor, 403),
    ):
        response = client.post(
            reverse("assessments:supervisor_grid_row", args=[stranger.pk]),
            {"round": open_round.pk, f"r_{stranger.pk}_{m1.pk}": "3"},
        )
        assert response.status_code == status
    assert state() == before


def test_grid_level_outside_1_to_5_saves_nothing(
    client, world: World, open_round: AssessmentRound
) -> None:
    client.force_login(world.user("supervisor"))
    before = state()
    response = client.post(
        reverse("assessments:supervisor_grid"),
        {
            "round": open_round.pk,
            f"r_{world.employee.pk}_{competency('M.1').pk}": "3",
            f"r_{world.colleague.pk}_{competency('M.1').pk}": "6",
        },
    )
    body = response.content.decode()
    assert "harus 1 sampai 5" in body and "Dewi Lestari" in body
    assert 'value="6"' in body  # the user's input is kept to correct it
    assert state() == before


def test_grid_row_save_answers_the_saved_row(
    client, world: World, open_round: AssessmentRound, rate_self: RateFn
) -> None:
    rate_self(world.employee, {"M.2": 4})
    client.force_login(world.user("supervisor"))
    m2 = competency("M.2")
    response = client.post(
        reverse("assessments:supervisor_grid_row", args=[world.employee.pk]),
        {"round": open_round.pk, f"r_{world.employee.pk}_{m2.pk}": "2"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="baris-{world.employee.pk}"')
    assert "Tersimpan: 1 nilai." in body
    assert f'name="r_{world.employee.pk}_{m2.pk}" value="2"' in body
    assert "mandiri 4" in body  # the subordinate's self-rating next to the cell
    assert CurrentLevel.objects.get(employee=world.employee, competency=m2).level == 2


def test_import_page_with_missing_columns_shows_them(client, world: World) -> None:
    client.force_login(world.user("bkpsdm"))
    before = state()
    response = client.post(
        reverse("assessments:import_skp"),
        {
            "instansi": world.instansi.pk,
            "berkas": SimpleUploadedFile("skp.csv", b"nip,predikat\n1,Baik\n"),
        },
    )
    body = response.content.decode()
    assert "Berkas ditolak" in body and "Kolom wajib tidak ditemukan" in body and "tahun" in body
    assert state() == before


def test_import_for_another_instansi_is_refused_before_reading(client, world: World) -> None:
    client.force_login(world.user("bkpsdm"))
    before = state()
    response = client.post(
        reverse("assessments:import_skp"),
        {
            "instansi": world.other_instansi.pk,
            "berkas": SimpleUploadedFile(
                "skp.csv", f"nip,tahun,predikat\n{world.other_employee.nip},2025,Baik\n".encode()
            ),
        },
    )
    assert response.status_code == 404
    assert state() == before


def test_my_assessments_shows_gaps_against_the_standard(
    client, world: World, rate_self: RateFn
) -> None:
    from bangkom.competencies.services import standard_set

    standard_set(position=world.perawat, competency=competency("M.3"), level=3, acting_user=None)
    rate_self(world.employee, {"M.3": 1, "M.1": 2})
    client.force_login(world.user("employee"))
    body = client.get(reverse("assessments:my_assessments")).content.decode()
    assert "1 kompetensi di bawah standar jabatan." in body
    assert '<span class="gap-positive">2</span>' in body
