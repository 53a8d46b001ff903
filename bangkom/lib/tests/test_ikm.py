from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bangkom.lib.ikm import (
    ELEMENTS,
    IkmError,
    WeightConvention,
    compute_ikm,
    grade,
    krejcie_morgan,
)

Row = tuple[int | None, ...]


def rows_with_total(responses: int, total: int) -> list[Row]:
    """``responses`` complete rows whose 9·n scores add up to ``total`` (all 1s, then raised)."""
    assert 9 * responses <= total <= 36 * responses
    scores = [1] * (9 * responses)
    extra = total - 9 * responses
    for index in range(len(scores)):
        step = min(3, extra)
        scores[index] += step
        extra -= step
    return [tuple(scores[start : start + 9]) for start in range(0, len(scores), 9)]


def test_elements_are_the_nine_unsur_of_the_regulation() -> None:
    assert [code for code, _ in ELEMENTS] == [f"U{number}" for number in range(1, 10)]
    names = dict(ELEMENTS)
    assert names["U1"] == "Persyaratan"
    assert names["U6"] == "Kompetensi Pelaksana"
    assert names["U7"] == "Perilaku Pelaksana"
    assert names["U9"] == "Penanganan Pengaduan, Saran dan Masukan"


def test_all_fours_is_100_and_all_ones_is_25() -> None:
    best = compute_ikm([(4,) * 9] * 3)
    assert (best.ikm, best.ikm_konversi, best.mutu, best.kinerja) == (
        Decimal("4.0000"),
        Decimal("100.00"),
        "A",
        "Sangat Baik",
    )
    worst = compute_ikm([(1,) * 9] * 3)
    assert (worst.ikm, worst.ikm_konversi, worst.mutu, worst.kinerja) == (
        Decimal("1.0000"),
        Decimal("25.00"),
        "D",
        "Tidak Baik",
    )


# A survey of 20 complete responses and 2 incomplete ones, computed by hand.
#
#         U1 U2 U3 U4 U5 U6 U7 U8 U9
SURVEY: list[Row] = [
    (3, 3, 3, 4, 3, 3, 3, 3, 2),
    (4, 3, 3, 4, 3, 4, 4, 3, 3),
    (3, 3, 2, 4, 3, 3, 3, 3, 3),
    (3, 2, 2, 4, 3, 3, 4, 3, 2),
    (4, 4, 3, 4, 4, 4, 4, 4, 3),
    (3, 3, 3, 4, 3, 3, 3, 2, 3),
    (3, 3, 2, 4, 3, 2, 3, 3, 2),
    (4, 4, 3, 4, 3, 4, 4, 3, 3),
    (3, 3, 3, 4, 4, 3, 3, 3, 3),
    (2, 3, 2, 4, 3, 3, 3, 2, 2),
    (3, 3, 3, 4, 3, 3, 4, 3, 3),
    (4, 3, 3, 4, 4, 4, 4, 3, 3),
    (3, 3, 3, 3, 3, 3, 3, 3, 2),
    (3, 2, 2, 4, 3, 3, 3, 3, 3),
    (4, 4, 4, 4, 4, 4, 4, 4, 4),
    (3, 3, 3, 4, 3, 2, 3, 3, 2),
    (3, 3, 2, 4, 3, 3, 3, 3, 3),
    (3, 3, 3, 4, 3, 3, 3, 3, 3),
    (4, 3, 3, 4, 3, 4, 4, 3, 3),
    (3, 3, 3, 4, 3, 3, 3, 3, 2),
    # Two respondents skipped a question: left out of every average.
    (4, None, 3, 4, 4, 4, 4, 4, 4),
    (None, None, None, None, None, None, None, None, None),
]
# Column sums: U1 65, U2 61, U3 55, U4 79, U5 64, U6 64, U7 68, U8 60, U9 54 (total 570).
# NRR = sum / 20: 3.25, 3.05, 2.75, 3.95, 3.20, 3.20, 3.40, 3.00, 2.70; Σ NRR = 570/20 = 28.5.
# exact: IKM = 28.5 / 9 = 3.1666…  → 3.1667;  × 25 = 79.1666… → 79.17  (B, Baik)
# 0.111: IKM = 28.5 × 0.111 = 3.1635;          × 25 = 79.0875  → 79.09  (B, Baik)
# 0.11:  IKM = 28.5 × 0.11  = 3.135;           × 25 = 78.375   → 78.38  (B, Baik)
SURVEY_NRR = ("3.25", "3.05", "2.75", "3.95", "3.20", "3.20", "3.40", "3.00", "2.70")


@pytest.mark.parametrize(
    ("convention", "ikm", "konversi"),
    [
        (WeightConvention.EXACT, "3.1667", "79.17"),
        (WeightConvention.ROUNDED_0111, "3.1635", "79.09"),
        (WeightConvention.ROUNDED_011, "3.1350", "78.38"),
    ],
)
def test_realistic_survey_under_each_convention(
    convention: WeightConvention, ikm: str, konversi: str
) -> None:
    result = compute_ikm(SURVEY, convention=convention)
    assert result.responses == 20
    assert result.incomplete == 2
    assert result.nrr == tuple(Decimal(value) for value in SURVEY_NRR)
    assert result.ikm == Decimal(ikm)
    assert result.ikm_konversi == Decimal(konversi)
    assert (result.mutu, result.kinerja) == ("B", "Baik")
    assert result.convention is convention


def test_convention_may_be_given_by_its_value() -> None:
    assert compute_ikm(SURVEY, convention="0.111").convention is WeightConvention.ROUNDED_0111
    with pytest.raises(IkmError, match=r"pilih exact, 0\.111, 0\.11"):
        compute_ikm(SURVEY, convention="0.1")


def test_to_json() -> None:
    assert compute_ikm(SURVEY).to_json() == {
        "responses": 20,
        "incomplete": 2,
        "nrr": {f"U{number}": value for number, value in enumerate(SURVEY_NRR, start=1)},
        "ikm": "3.1667",
        "ikm_konversi": "79.17",
        "mutu": "B",
        "kinerja": "Baik",
        "convention": "exact",
    }


def test_konversi_comes_from_unrounded_values() -> None:
    # Each column sums to 10 over 3 responses: NRR 3.333… everywhere. Exact konversi is
    # 25 × 30/9 = 83.333… → 83.33; rounding NRR to 3.33 first would give 83.25.
    result = compute_ikm([(4,) * 9, (3,) * 9, (3,) * 9])
    assert result.nrr == (Decimal("3.33"),) * 9
    assert result.ikm_konversi == Decimal("83.33")


def test_halves_round_up_not_to_even() -> None:
    # 8 responses, total 81: konversi = 25 × 81 / (9 × 8) = 28.125 exactly → 28.13.
    assert compute_ikm(rows_with_total(8, 81)).ikm_konversi == Decimal("28.13")
    # 0.111 with one response totalling 11: IKM = 11 × 0.111 = 1.221; × 25 = 30.525 → 30.53.
    result = compute_ikm(rows_with_total(1, 11), convention=WeightConvention.ROUNDED_0111)
    assert result.ikm_konversi == Decimal("30.53")


@pytest.mark.parametrize(
    ("responses", "total", "konversi", "mutu", "kinerja"),
    [
        (19, 604, "88.30", "B", "Baik"),  # 25 × 604 / 171 = 88.3040…
        (24, 763, "88.31", "A", "Sangat Baik"),  # 25 × 763 / 216 = 88.3101…
        (26, 717, "76.60", "C", "Kurang Baik"),  # 25 × 717 / 234 = 76.6025…
        (19, 524, "76.61", "B", "Baik"),  # 25 × 524 / 171 = 76.6081…
        (10, 234, "65.00", "C", "Kurang Baik"),  # 25 × 234 / 90 = 65 exactly
        (38, 889, "64.99", "D", "Tidak Baik"),  # 25 × 889 / 342 = 64.9853…
    ],
)
def test_grade_boundaries_end_to_end(
    responses: int, total: int, konversi: str, mutu: str, kinerja: str
) -> None:
    result = compute_ikm(rows_with_total(responses, total))
    assert (result.ikm_konversi, result.mutu, result.kinerja) == (
        Decimal(konversi),
        mutu,
        kinerja,
    )


@pytest.mark.parametrize(
    ("konversi", "expected"),
    [
        ("100.00", ("A", "Sangat Baik")),
        ("88.31", ("A", "Sangat Baik")),
        ("88.30", ("B", "Baik")),
        ("76.61", ("B", "Baik")),
        ("76.60", ("C", "Kurang Baik")),
        ("65.00", ("C", "Kurang Baik")),
        ("64.99", ("D", "Tidak Baik")),
        ("25.00", ("D", "Tidak Baik")),
        ("24.75", ("D", "Tidak Baik")),  # all 1s under the 0.11 convention
        # Between two printed values: rounded half-up to two decimals first.
        ("64.995", ("C", "Kurang Baik")),
        ("64.9949", ("D", "Tidak Baik")),
        ("88.305", ("A", "Sangat Baik")),
        ("88.3049", ("B", "Baik")),
        ("76.605", ("B", "Baik")),
    ],
)
def test_grade(konversi: str, expected: tuple[str, str]) -> None:
    assert grade(Decimal(konversi)) == expected


def test_grade_reads_floats_as_written() -> None:
    assert grade(88.305) == ("A", "Sangat Baik")  # type: ignore[arg-type]


@pytest.mark.parametrize("konversi", ["100.01", "-1", "NaN"])
def test_grade_rejects_impossible_values(konversi: str) -> None:
    with pytest.raises(IkmError):
        grade(Decimal(konversi))


def test_rounded_conventions_at_the_extremes() -> None:
    assert compute_ikm([(4,) * 9], convention="0.111").ikm_konversi == Decimal("99.90")
    assert compute_ikm([(4,) * 9], convention="0.11").ikm_konversi == Decimal("99.00")
    lowest = compute_ikm([(1,) * 9], convention="0.11")
    assert (lowest.ikm_konversi, lowest.mutu) == (Decimal("24.75"), "D")


def test_no_complete_response() -> None:
    with pytest.raises(IkmError) as caught:
        compute_ikm([(4, None, 3, 3, 3, 3, 3, 3, 3)])
    assert str(caught.value).startswith("Tidak ada respons lengkap")
    assert "(respons tidak lengkap: 1)" in str(caught.value)
    with pytest.raises(IkmError, match="Tidak ada respons lengkap"):
        compute_ikm([])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ((4, 3, 3, 3, 5, 3, 3, 3, 3), "Respons ke-2, U5: nilai 5 di luar skala 1–4"),
        ((4, 3, 3, 3, 3, 3, 3, 3, 0), "Respons ke-2, U9: nilai 0 di luar skala 1–4"),
        ((4, 3, 3, "3", 3, 3, 3, 3, 3), "Respons ke-2, U4: '3' bukan angka 1–4"),
        ((4, 3, 3, 3, 3, 3.0, 3, 3, 3), "Respons ke-2, U6: 3.0 bukan angka 1–4"),
        ((True, 3, 3, 3, 3, 3, 3, 3, 3), "Respons ke-2, U1: True bukan angka 1–4"),
        ((4, 3, 3), "Respons ke-2 berisi 3 nilai; harus 9 (U1–U9)"),
        ((7, None, 3, 3, 3, 3, 3, 3, 3), "Respons ke-2, U1: nilai 7 di luar skala 1–4"),
    ],
)
def test_invalid_scores_name_the_response_and_element(
    row: tuple[object, ...], message: str
) -> None:
    with pytest.raises(IkmError) as caught:
        compute_ikm([(3,) * 9, row])  # type: ignore[list-item]
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        # Krejcie & Morgan's published table (rounded to the nearest respondent).
        (1, 1),
        (10, 10),
        (20, 19),
        (50, 44),
        (75, 63),
        (100, 80),
        (150, 108),
        (200, 132),
        (300, 169),
        (500, 217),
        (750, 254),
        (1000, 278),
        (1500, 306),
        (2000, 322),
        (3000, 341),
        (5000, 357),
        (10000, 370),
        (20000, 377),
        (50000, 381),
        (1000000, 384),
    ],
)
def test_krejcie_morgan_matches_the_published_table(population: int, sample: int) -> None:
    assert krejcie_morgan(population) == sample


@pytest.mark.parametrize("population", [0, -10, True])
def test_krejcie_morgan_needs_a_positive_population(population: int) -> None:
    with pytest.raises(IkmError, match="bilangan bulat positif"):
        krejcie_morgan(population)


@given(st.integers(min_value=1, max_value=10**7))
def test_krejcie_morgan_never_exceeds_population_and_grows(population: int) -> None:
    sample = krejcie_morgan(population)
    assert 1 <= sample <= population
    assert sample <= krejcie_morgan(population + 1) <= 384


# --- properties -------------------------------------------------------------------------------

scores = st.integers(min_value=1, max_value=4)
complete_rows = st.tuples(*[scores] * 9)
surveys = st.lists(complete_rows, min_size=1, max_size=40)
conventions = st.sampled_from(list(WeightConvention))


@given(surveys)
def test_exact_konversi_stays_within_25_and_100(rows: list[Row]) -> None:
    result = compute_ikm(rows)
    assert Decimal(25) <= result.ikm_konversi <= Decimal(100)
    assert Decimal(1) <= result.ikm <= Decimal(4)
    assert all(Decimal(1) <= value <= Decimal(4) for value in result.nrr)
    assert result.ikm_konversi.as_tuple().exponent == -2
    assert result.ikm.as_tuple().exponent == -4
    assert (result.mutu, result.kinerja) == grade(result.ikm_konversi)


@given(surveys, conventions, st.data())
def test_raising_one_score_never_lowers_the_index(
    rows: list[Row], convention: WeightConvention, data: st.DataObject
) -> None:
    row_index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    element = data.draw(st.integers(min_value=0, max_value=8))
    current = rows[row_index][element]
    assert current is not None
    raised = data.draw(st.integers(min_value=current, max_value=4))
    changed = list(rows)
    changed[row_index] = (*rows[row_index][:element], raised, *rows[row_index][element + 1 :])
    before = compute_ikm(rows, convention=convention)
    after = compute_ikm(changed, convention=convention)
    assert after.ikm_konversi >= before.ikm_konversi
    assert after.ikm >= before.ikm
    assert after.nrr[element] >= before.nrr[element]


@given(surveys, st.lists(st.tuples(*[st.one_of(st.none(), scores)] * 9)), st.randoms())
def test_incomplete_rows_and_order_do_not_change_the_index(
    rows: list[Row], extra: list[Row], random: object
) -> None:
    incomplete = [row for row in extra if None in row]
    mixed = rows + incomplete
    random.shuffle(mixed)  # type: ignore[attr-defined]
    base = compute_ikm(rows)
    result = compute_ikm(mixed)
    assert result.incomplete == len(incomplete)
    assert (result.responses, result.nrr, result.ikm, result.ikm_konversi) == (
        base.responses,
        base.nrr,
        base.ikm,
        base.ikm_konversi,
    )


@given(scores, st.integers(min_value=1, max_value=50))
def test_uniform_answers_give_25_times_the_score(score: int, responses: int) -> None:
    result = compute_ikm([(score,) * 9] * responses)
    assert result.ikm_konversi == Decimal(25 * score).quantize(Decimal("0.01"))
