"""SKM (PermenPANRB 14/2017): the public survey, results identical to ``compute_ikm`` for every
weight convention, the sample-size check, imports, and low U6/U7 as a signal."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bangkom.competencies.models import Competency, CompetencyKind, PositionStandard
from bangkom.core.errors import ServiceError
from bangkom.core.imports.report import ImportRejected
from bangkom.core.models import AuditEvent
from bangkom.factors.models import WeightFactor
from bangkom.lib.ikm import WeightConvention, compute_ikm
from bangkom.regional.models import RegionalSettings, SkmResponse, SkmUnitSettings
from bangkom.regional.numbers import id_fixed
from bangkom.regional.periods import Period
from bangkom.regional.selectors import SampleCheck, skm_unit_result
from bangkom.regional.services import (
    SkmAnswers,
    skm_import,
    skm_signal_apply,
    skm_submit,
)
from bangkom.regional.services.guard import PublicRefused
from bangkom.regional.services.skm import form_key
from bangkom.regional.tests.helpers import passing_guard, skm_post
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_unit(world: World) -> SkmUnitSettings:
    return SkmUnitSettings.objects.create(
        unit=world.puskesmas, is_open=True, populasi_tahunan=1000, jenis_layanan="Poli umum\nKIA"
    )


def csv_of(rows: list[list[Any]]) -> bytes:
    lines = ["Timestamp,U1,U2,U3,U4,U5,U6,U7,U8,U9"]
    lines += [
        "2025-05-02 09:00," + ",".join("" if s is None else str(s) for s in row) for row in rows
    ]
    return ("\n".join(lines) + "\n").encode()


def test_public_form_renders_the_regulation_wording(client, world: World, open_unit) -> None:
    page = client.get(reverse("regional:public_skm", args=[world.puskesmas.pk])).content.decode()
    assert "kompetensi/kemampuan petugas dalam pelayanan" in page
    assert "Sangat sopan dan ramah" in page
    assert "Dikelola dengan baik" in page
    assert "Poli umum" in page  # the unit's services are offered
    for label in ("Umur", "Jenis kelamin", "Pendidikan terakhir", "Pekerjaan", "Jenis layanan"):
        assert label in page


@pytest.mark.parametrize("convention", list(WeightConvention))
def test_public_responses_give_exactly_compute_ikm(
    client, world: World, open_unit, convention: WeightConvention
) -> None:
    RegionalSettings.objects.create(instansi=world.instansi, ikm_convention=convention.value)
    url = reverse("regional:public_skm", args=[world.puskesmas.pk])
    rng = random.Random(14_2017)
    answers = [[rng.randint(1, 4) for _ in range(9)] for _ in range(23)]
    for number, row in enumerate(answers):
        data = skm_post(**{f"u{i}": str(s) for i, s in enumerate(row, start=1)})
        data.update(passing_guard(form_key(world.puskesmas)))
        response = client.post(url, data, REMOTE_ADDR=f"10.1.0.{number}")
        assert response.status_code == 302, response.content.decode()[:500]
    expected = compute_ikm(answers, convention=convention)
    period = Period.year(timezone.localdate().year)
    outcome = skm_unit_result(world.puskesmas, period)
    assert outcome.result == expected

    client.force_login(world.user("bkpsdm"))
    page = client.get(
        reverse("regional:skm_unit", args=[world.puskesmas.pk]) + f"?periode={period.key}"
    ).content.decode()
    assert str(expected.ikm_konversi).replace(".", ",") in page
    assert str(expected.ikm).replace(".", ",") in page
    for nrr in expected.nrr:
        assert id_fixed(nrr, 2) in page
    assert convention.label in page
    assert f">{expected.mutu}<" in page
    overview = client.get(
        reverse("regional:skm_results") + f"?instansi={world.instansi.pk}&periode={period.key}"
    ).content.decode()
    assert str(expected.ikm_konversi).replace(".", ",") in overview
    assert convention.label in overview
    assert AuditEvent.objects.filter(action="skm.submit", actor_label="publik").count() == 23


def test_sample_size_message(world: World, open_unit) -> None:
    skm_import(
        unit=world.puskesmas,
        period=Period.year(2025),
        data=csv_of([[3] * 9] * 212),
        filename="skm-2025.csv",
        acting_user=None,
    )
    outcome = skm_unit_result(world.puskesmas, Period.year(2025))
    assert outcome.sample is not None
    assert outcome.sample.message == "n responden = 212 dari minimal 278 untuk populasi 1.000"
    assert not outcome.sample.enough
    quarter = SampleCheck(respondents=160, population_year=1000, parts=4)
    assert quarter.message == (
        "n responden = 160 dari minimal 152 untuk populasi 250 "
        "(1.000 pengguna layanan per tahun ÷ 4)"
    )
    assert quarter.enough


def test_imported_answers_count_in_their_period_and_the_year(world: World, open_unit) -> None:
    skm_import(
        unit=world.puskesmas,
        period=Period.quarter(2025, 3),
        data=csv_of([[4] * 9, [2] * 9, [3, 3, 3, 3, 3, 3, 3, 3, None]]),
        filename="q3.csv",
        acting_user=None,
    )
    q3 = skm_unit_result(world.puskesmas, Period.quarter(2025, 3)).result
    year = skm_unit_result(world.puskesmas, Period.year(2025)).result
    july = skm_unit_result(world.puskesmas, Period.month(2025, 7)).result
    assert q3 is not None and year is not None and july is None
    assert q3.responses == 2 and q3.incomplete == 1
    assert year == q3


def test_import_with_a_bad_cell_saves_nothing(world: World, open_unit) -> None:
    with pytest.raises(ImportRejected) as err:
        skm_import(
            unit=world.puskesmas,
            period=Period.year(2025),
            data=csv_of([[3] * 9, [3, 3, 3, 3, 3, 5, 3, 3, 3], [3, 3, 3, 3, 3, 3, "x", 3, 3]]),
            filename="bad.csv",
            acting_user=None,
        )
    messages = [e.message for e in err.value.errors]
    assert any("Baris 3, kolom U6" in m and "di luar skala 1–4" in m for m in messages)
    assert any("Baris 4, kolom U7" in m and "bukan angka" in m for m in messages)
    assert not SkmResponse.objects.exists()


def test_the_same_file_twice_is_refused(world: World, open_unit) -> None:
    data = csv_of([[3] * 9])
    skm_import(
        unit=world.puskesmas,
        period=Period.year(2025),
        data=data,
        filename="a.csv",
        acting_user=None,
    )
    with pytest.raises(ImportRejected) as err:
        skm_import(
            unit=world.puskesmas,
            period=Period.year(2025),
            data=data,
            filename="a.csv",
            acting_user=None,
        )
    assert "sudah diimpor" in err.value.errors[0].message
    assert SkmResponse.objects.count() == 1


def test_import_page(client, world: World, open_unit) -> None:
    client.force_login(world.user("opd_admin"))
    response = client.post(
        reverse("regional:skm_import") + f"?instansi={world.instansi.pk}",
        {
            "instansi": world.instansi.pk,
            "unit": world.puskesmas.pk,
            "periode": "2025-Q1",
            "berkas": SimpleUploadedFile("skm.csv", csv_of([[3] * 9, [4] * 9])),
        },
    )
    assert response.status_code == 200
    assert "baris diproses dan disimpan" in response.content.decode()
    assert (
        SkmResponse.objects.filter(
            periode_awal=date(2025, 1, 1), periode_akhir=date(2025, 3, 31)
        ).count()
        == 2
    )


# ----------------------------------------------------------------------------- bad public input


def _answers(**changes: object) -> SkmAnswers:
    data = {
        "scores": [3] * 9,
        "tanggal": timezone.localdate(),
        "umur": 40,
        "jenis_kelamin": "L",
        "pendidikan": "s1",
        "pekerjaan": "pns",
        "jenis_layanan": "Poli umum",
    }
    data.update(changes)
    return SkmAnswers(**data)  # type: ignore[arg-type]


def _guard(world: World) -> dict[str, Any]:
    fields = passing_guard(form_key(world.puskesmas))
    return {"token": fields["token"], "answer": fields["jawaban"], "honeypot": ""}


def test_answers_outside_one_to_four_are_refused(world: World, open_unit) -> None:
    with pytest.raises(ServiceError) as err:
        skm_submit(
            unit=world.puskesmas,
            answers=_answers(scores=[3, 3, 3, 3, 3, 5, 3, 3, 0]),
            address="10.0.0.1",
            **_guard(world),
        )
    assert set(err.value.message_dict) == {"u6", "u9"}
    assert "harus 1 sampai 4" in err.value.message_dict["u6"][0]
    assert not SkmResponse.objects.exists()


def test_public_form_refuses_an_answer_not_offered(client, world: World, open_unit) -> None:
    url = reverse("regional:public_skm", args=[world.puskesmas.pk])
    data = {**skm_post(u6="5"), **passing_guard(form_key(world.puskesmas))}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not SkmResponse.objects.exists()


def test_future_or_old_service_dates_are_refused(world: World, open_unit) -> None:
    for day in (
        timezone.localdate() + timedelta(days=1),
        timezone.localdate() - timedelta(days=90),
    ):
        with pytest.raises(ServiceError) as err:
            skm_submit(
                unit=world.puskesmas,
                answers=_answers(tanggal=day),
                address="10.0.0.1",
                **_guard(world),
            )
        assert "tanggal" in err.value.message_dict
    assert not SkmResponse.objects.exists()


def test_identical_response_from_the_same_address_is_refused(world: World, open_unit) -> None:
    skm_submit(unit=world.puskesmas, answers=_answers(), address="10.0.0.1", **_guard(world))
    with pytest.raises(PublicRefused) as err:
        skm_submit(unit=world.puskesmas, answers=_answers(), address="10.0.0.1", **_guard(world))
    assert err.value.code == "duplicate"
    # the same answers from another respondent are fine
    skm_submit(unit=world.puskesmas, answers=_answers(), address="10.0.0.2", **_guard(world))
    assert SkmResponse.objects.count() == 2


def test_skm_form_spam_checks(client, world: World, open_unit) -> None:
    url = reverse("regional:public_skm", args=[world.puskesmas.pk])
    cases = [
        ({"website": "x"}, 400),
        (passing_guard(form_key(world.puskesmas), seconds_ago=0), 400),
        ({"jawaban": "0"}, 400),
    ]
    for override, status in cases:
        data = {**skm_post(), **passing_guard(form_key(world.puskesmas)), **override}
        assert client.post(url, data).status_code == status
    assert not SkmResponse.objects.exists()


def test_skm_rate_limit(client, world: World, open_unit, settings) -> None:
    settings.REGIONAL_PUBLIC_LIMIT_PER_HOUR = 2
    url = reverse("regional:public_skm", args=[world.puskesmas.pk])
    for age in ("30", "31"):
        data = {**skm_post(umur=age), **passing_guard(form_key(world.puskesmas))}
        assert client.post(url, data).status_code == 302
    data = {**skm_post(umur="32"), **passing_guard(form_key(world.puskesmas))}
    response = client.post(url, data)
    assert response.status_code == 429
    assert "Silakan coba lagi nanti" in response.content.decode()
    assert SkmResponse.objects.count() == 2


def test_closed_survey_is_not_found(client, world: World, open_unit) -> None:
    SkmUnitSettings.objects.filter(pk=open_unit.pk).update(is_open=False)
    url = reverse("regional:public_skm", args=[world.puskesmas.pk])
    assert client.get(url).status_code == 404
    data = {**skm_post(), **passing_guard(form_key(world.puskesmas))}
    assert client.post(url, data).status_code == 404
    assert not SkmResponse.objects.exists()


# ----------------------------------------------------------------------------- signal


@pytest.fixture
def technical(world: World) -> Competency:
    competency = Competency.objects.create(
        instansi=world.instansi,
        kode="T.KES.1",
        nama="Asuhan Keperawatan",
        jenis=CompetencyKind.TEKNIS,
    )
    PositionStandard.objects.create(
        position=world.perawat, competency=competency, required_level=2, source="manual"
    )
    return competency


def _import(world: World, rows: list[list[int]], name: str = "skm.csv") -> None:
    skm_import(
        unit=world.puskesmas,
        period=Period.year(2025),
        data=csv_of(rows),
        filename=name,
        acting_user=None,
    )


def test_low_u6_weighs_m5_and_the_units_technical_competencies(
    world: World, open_unit, technical: Competency
) -> None:
    # U6 NRR 2,50 (< 3,00), U7 NRR 3,50
    _import(world, [[3, 3, 3, 3, 3, 2, 3, 3, 3], [3, 3, 3, 3, 3, 3, 4, 3, 3]])
    outcome = skm_signal_apply(
        unit=world.puskesmas, period=Period.year(2025), tahun=2026, acting_user=None
    )
    factors = {
        f.competency.kode: f
        for f in WeightFactor.objects.filter(source_key=f"skm:{world.puskesmas.pk}:2025")
    }
    assert set(factors) == {"M.5", "T.KES.1"}
    assert outcome.factor_count == 2
    factor = factors["M.5"]
    assert factor.source == "skm"
    assert factor.tahun == 2026
    assert factor.unit == world.puskesmas
    assert factor.factor == Decimal("1.500")
    assert "pelaksana" in factor.position_classes and "ahli_pertama" in factor.position_classes
    assert factor.evidence["nrr"] == {"U6": 2.5, "U7": 3.5}
    assert factor.evidence["ambang_nrr"] == 3
    assert factor.evidence["unsur_rendah"] == ["U6"]
    assert (
        factor.title == "SKM Puskesmas Alak Tahun 2025: NRR U6 Kompetensi Pelaksana 2,50 (< 3,00)"
    )


def test_low_u7_weighs_integrity_and_public_service(world: World, open_unit, technical) -> None:
    _import(world, [[3, 3, 3, 3, 3, 3, 2, 3, 3], [3, 3, 3, 3, 3, 4, 3, 3, 3]])
    skm_signal_apply(unit=world.puskesmas, period=Period.year(2025), tahun=2026, acting_user=None)
    codes = set(WeightFactor.objects.values_list("competency__kode", flat=True))
    assert codes == {"M.1", "M.5"}


def test_the_threshold_is_configurable_and_a_good_survey_removes_factors(
    world: World, open_unit, technical
) -> None:
    _import(world, [[3, 3, 3, 3, 3, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3, 3, 3, 3]])
    period = Period.year(2025)
    skm_signal_apply(unit=world.puskesmas, period=period, tahun=2026, acting_user=None)
    assert not WeightFactor.objects.exists()  # 3,00 is not below 3,00
    RegionalSettings.objects.create(instansi=world.instansi, skm_nrr_threshold=Decimal("3.2"))
    skm_signal_apply(unit=world.puskesmas, period=period, tahun=2026, acting_user=None)
    assert set(WeightFactor.objects.values_list("competency__kode", flat=True)) == {
        "M.1",
        "M.5",
        "T.KES.1",
    }
    RegionalSettings.objects.filter(instansi=world.instansi).update(skm_nrr_threshold=Decimal(3))
    skm_signal_apply(unit=world.puskesmas, period=period, tahun=2026, acting_user=None)
    assert not WeightFactor.objects.exists()


def test_evaluate_all_uses_the_survey_of_the_year_before(
    world: World, open_unit, technical
) -> None:
    from bangkom.regional.services import signals_evaluate_all

    _import(world, [[3, 3, 3, 3, 3, 2, 2, 3, 3]])
    report = signals_evaluate_all(instansi=world.instansi, tahun=2026, acting_user=None)
    assert [(unit, count) for unit, count, _title in report.skm] == [("Puskesmas Alak", 3)]
    assert set(WeightFactor.objects.values_list("tahun", flat=True)) == {2026}
