"""Level 4 — results and community feedback: unit indicators before and after a batch's
completion, beside an untrained unit of the same kind, against hand-computed numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from bangkom.assessments.models import PerformanceRating, SkpPredikat
from bangkom.delivery.models import Enrolment, EnrolmentStatus
from bangkom.evaluation.results import batch_results, completion_date, trained_units
from bangkom.evaluation.tests.conftest import Evaluation
from bangkom.organisation.models import Unit, UnitKind
from bangkom.organisation.services import unit_create
from bangkom.regional.models import (
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Periodicity,
    ResponseSource,
    ResponseStatus,
    SkmResponse,
)
from bangkom.testing.world import PERSONAS

pytestmark = pytest.mark.django_db

COMPLETED = dt.date(2027, 3, 10)


def _sheet(unit: Unit, day: dt.date, score: int, **extra: object) -> SkmResponse:
    return SkmResponse.objects.create(
        unit=unit,
        periode_awal=day,
        periode_akhir=day,
        tanggal=day,
        source=ResponseSource.PUBLIC,
        **{f"u{i}": score for i in range(1, 10)},
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def scenario(ev: Evaluation, enrol: Callable[..., Enrolment]) -> Unit:
    """Two ASN of Puskesmas Alak complete ws1 on 10-03-2027; Puskesmas Sikumana (same kind, not
    trained) is the comparison. Returns Sikumana."""
    world = ev.world
    moment = timezone.make_aware(dt.datetime(2027, 3, 10, 15))
    for _i in range(2):
        enrolment = enrol(ev.ws1, EnrolmentStatus.COMPLETED)
        Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=moment)
    enrol(ev.ws1, EnrolmentStatus.CONFIRMED)  # did not complete: not counted
    sikumana = unit_create(
        instansi=world.instansi,
        nama="Puskesmas Sikumana",
        jenis=UnitKind.PUSKESMAS,
        parent=world.dinkes,
        acting_user=None,
    )
    alak = world.puskesmas
    # Alak: before two sheets of 3 (IKM 75,00); after one 4 and one 3 (NRR 3,50 → 87,50)
    _sheet(alak, dt.date(2026, 12, 5), 3, saran="Antrean lama sekali")  # before: not listed
    _sheet(alak, dt.date(2027, 2, 5), 3)
    _sheet(alak, dt.date(2027, 4, 5), 4, saran="Petugas sekarang ramah dan jelas")
    _sheet(alak, dt.date(2027, 5, 5), 3)
    _sheet(alak, dt.date(2027, 5, 6), 1, saran="spam", status=ResponseStatus.HELD)  # held
    # Sikumana: before one 3 (75,00); after three 3 and one 4 (NRR 3,25 → 81,25)
    _sheet(sikumana, dt.date(2027, 1, 5), 3)
    for day, score in ((4, 3), (5, 3), (6, 4), (7, 3)):
        _sheet(sikumana, dt.date(2027, 6, day), score, saran="Sikumana bukan unit dilatih")
    # service time (days): Alak 10, 8 → 6 (−3); Sikumana 10 → 9 (−1)
    indicator = Indicator.objects.create(
        instansi=world.instansi,
        kode="WL",
        nama="Waktu layanan izin",
        satuan="hari",
        jenis=IndicatorKind.OTHER,
        periodisitas=Periodicity.MONTHLY,
    )
    values: list[tuple[Unit, dt.date, int]] = [
        (alak, dt.date(2027, 1, 1), 10),
        (alak, dt.date(2027, 2, 1), 8),
        (alak, dt.date(2027, 4, 1), 6),
        (sikumana, dt.date(2027, 2, 1), 10),
        (sikumana, dt.date(2027, 5, 1), 9),
        (alak, dt.date(2025, 1, 1), 99),  # outside both windows
    ]
    for unit, month, value in values:
        IndicatorValue.objects.create(indicator=indicator, unit=unit, periode=month, nilai=value)
    return sikumana


def test_trained_units_and_completion_date(ev: Evaluation, scenario: Unit) -> None:
    assert trained_units(ev.ws1) == {ev.world.puskesmas.pk: 2}
    assert completion_date(ev.ws1) == COMPLETED
    assert completion_date(ev.ws2) is None


def test_changes_against_hand_computed_numbers(ev: Evaluation, scenario: Unit) -> None:
    r = batch_results(ev.ws1, months=6)
    assert r.window is not None
    assert (r.window.before_start, r.window.after_end) == (
        dt.date(2026, 9, 1),
        dt.date(2027, 9, 30),
    )
    assert [row.unit.nama for row in r.trained] == ["Puskesmas Alak"]
    assert r.trained_asn == 2
    assert [row.unit.nama for row in r.untrained] == ["Puskesmas Sikumana"]

    alak = r.trained[0].measure("ikm")
    assert (alak.before, alak.after, alak.n_before, alak.n_after) == (
        Decimal("75.00"),
        Decimal("87.50"),
        2,
        2,
    )
    summaries = {s.info.key: s for s in r.summaries}
    ikm = summaries["ikm"]
    assert ikm.trained_change == Decimal("12.50")
    assert ikm.untrained_change == Decimal("6.25")
    assert ikm.difference == Decimal("6.25")
    assert ikm.sentence == (
        "Unit yang dilatih berubah +12,50 poin (1 unit); unit yang tidak dilatih berubah "
        "+6,25 poin (1 unit); selisih +6,25 poin — perubahan, bukan bukti sebab."
    )
    assert summaries["U6"].trained_change == Decimal("0.50")

    service = next(s for s in r.summaries if s.info.label == "WL Waktu layanan izin")
    assert service.trained_change == Decimal(-3)
    assert service.untrained_change == Decimal(-1)
    assert service.difference == Decimal(-2)
    assert "berubah -3,00 hari" in service.sentence

    # only the trained unit's counted suggestions after the training
    assert [c.saran for c in r.comments] == ["Petugas sekarang ramah dan jelas"]


def test_skp_share_year_before_against_year_of_completion(ev: Evaluation, scenario: Unit) -> None:
    staff = list(Enrolment.objects.filter(batch=ev.ws1).select_related("employee"))
    for enrolment, before, after in zip(
        staff[:2],
        (SkpPredikat.BUTUH_PERBAIKAN, SkpPredikat.BAIK),
        (SkpPredikat.BAIK, SkpPredikat.SANGAT_BAIK),
        strict=True,
    ):
        for tahun, predikat in ((2026, before), (2027, after)):
            PerformanceRating.objects.create(
                instansi=ev.world.instansi,
                employee=enrolment.employee,
                tahun=tahun,
                predikat=predikat,
            )
    r = batch_results(ev.ws1)
    skp = r.trained[0].measure("skp")
    assert (skp.before, skp.after) == (Decimal(50), Decimal(100))
    summary = next(s for s in r.summaries if s.info.key == "skp")
    assert summary.trained_change == Decimal(50) and summary.untrained_change is None
    assert "belum ada unit pembanding" in summary.sentence


def test_no_completion_yet_shows_no_numbers(ev: Evaluation) -> None:
    r = batch_results(ev.ws2)
    assert r.window is None and r.summaries == [] and r.comments == []


def test_results_page_and_the_link_from_the_evaluation(
    client, ev: Evaluation, scenario: Unit
) -> None:
    client.force_login(ev.world.user("bkpsdm"))
    url = reverse("evaluation:batch_results", args=[ev.ws1.pk])
    evaluation = client.get(reverse("evaluation:batch", args=[ev.ws1.pk])).content.decode()
    assert url in evaluation
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "perubahan, bukan bukti sebab" in text
    assert "Petugas sekarang ramah dan jelas" in text
    assert "spam" not in text and "Sikumana bukan unit dilatih" not in text
    assert "Puskesmas Sikumana" in text
    assert client.get(url + "?bulan=999").status_code == 200  # bounded, not an error


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_the_results_page(client, ev: Evaluation, scenario: Unit, persona: str) -> None:
    client.force_login(ev.world.user(persona))
    status = client.get(reverse("evaluation:batch_results", args=[ev.ws1.pk])).status_code
    if persona in {"superadmin", "bkpsdm", "pimpinan"}:
        assert status == 200
    else:
        assert status in (403, 404)
