"""The pure conditions of signal rules: growth at, below and above the threshold, missing
periods, thresholds and SPM targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bangkom.regional import signals
from bangkom.regional.periods import add_months

MONTHLY = signals.Subject("Permohonan izin usaha", "permohonan", "Kecamatan Medan Marelan", True)
YEARLY = signals.Subject("Jumlah penduduk", "jiwa", "Kota Mataram", False)
CUTOFF = date(2026, 12, 31)


def months(last: date, values: list[int]) -> dict[date, Decimal]:
    first = add_months(last, -(len(values) - 1))
    return {add_months(first, i): Decimal(v) for i, v in enumerate(values)}


def twelve(total: int) -> list[int]:
    base, extra = divmod(total, 12)
    return [base + (1 if i < extra else 0) for i in range(12)]


def series(previous: int, current: int, last: date = date(2025, 9, 1)) -> dict[date, Decimal]:
    return months(last, twelve(previous) + twelve(current))


def test_growth_exactly_at_threshold_holds() -> None:
    verdict = signals.growth(
        series(1000, 1200), subject=MONTHLY, threshold=Decimal(20), cutoff=CUTOFF
    )
    assert verdict.outcome == signals.MET
    assert verdict.evidence["pertumbuhan_persen"] == 20
    assert verdict.title == "Permohonan izin usaha naik 20% (≥ 20%)"


def test_growth_just_below_threshold_does_not_hold() -> None:
    verdict = signals.growth(
        series(1000, 1199), subject=MONTHLY, threshold=Decimal(20), cutoff=CUTOFF
    )
    assert verdict.outcome == signals.NOT_MET
    assert verdict.title == "Permohonan izin usaha naik 19,9% (< 20%)"


def test_growth_above_threshold_names_the_figures() -> None:
    verdict = signals.growth(
        series(1480, 1812), subject=MONTHLY, threshold=Decimal(20), cutoff=CUTOFF
    )
    assert verdict.outcome == signals.MET
    assert verdict.title == "Permohonan izin usaha naik 22,4% (≥ 20%)"
    assert verdict.evidence["periode_lalu"] == 1480
    assert verdict.evidence["periode_kini"] == 1812
    assert verdict.evidence["pertumbuhan_persen"] == 22.4
    assert verdict.evidence["ambang_persen"] == 20
    assert verdict.evidence["rentang_kini"] == "2024-10 s.d. 2025-09"
    assert verdict.evidence["rentang_lalu"] == "2023-10 s.d. 2024-09"


def test_a_decline_says_so() -> None:
    verdict = signals.growth(
        series(1000, 900), subject=MONTHLY, threshold=Decimal(20), cutoff=CUTOFF
    )
    assert verdict.outcome == signals.NOT_MET
    assert "turun 10%" in verdict.title


def test_missing_month_cannot_be_judged_and_names_it() -> None:
    data = series(1000, 1500)
    del data[date(2024, 3, 1)]
    verdict = signals.growth(data, subject=MONTHLY, threshold=Decimal(20), cutoff=CUTOFF)
    assert verdict.outcome == signals.NO_DATA
    assert "2024-03" in verdict.title
    assert verdict.evidence["periode_kosong"] == ["2024-03"]


def test_only_twelve_months_is_not_enough_for_growth() -> None:
    data = months(date(2025, 9, 1), twelve(1500))
    verdict = signals.growth(data, subject=MONTHLY, threshold=Decimal(20), cutoff=CUTOFF)
    assert verdict.outcome == signals.NO_DATA
    assert len(verdict.evidence["periode_kosong"]) == 12


def test_no_values_at_all() -> None:
    verdict = signals.growth({}, subject=MONTHLY, threshold=Decimal(20), cutoff=CUTOFF)
    assert verdict.outcome == signals.NO_DATA
    assert "belum ada data" in verdict.title


def test_data_after_the_plan_year_is_not_used() -> None:
    # the growth lies in 2027 data only; for plan year 2026 the window ends in December 2026
    data = series(1000, 1000, last=date(2026, 12, 1))
    data[date(2027, 1, 1)] = Decimal(10_000)
    verdict = signals.growth(data, subject=MONTHLY, threshold=Decimal(20), cutoff=CUTOFF)
    assert verdict.outcome == signals.NOT_MET
    assert verdict.evidence["rentang_kini"] == "2026-01 s.d. 2026-12"


def test_previous_period_of_zero_cannot_give_a_growth() -> None:
    data = series(0, 100)
    verdict = signals.growth(data, subject=MONTHLY, threshold=Decimal(20), cutoff=CUTOFF)
    assert verdict.outcome == signals.NO_DATA


@pytest.mark.parametrize(
    "previous,current,expected",
    [(100_000, 105_000, signals.MET), (100_000, 104_999, signals.NOT_MET)],
)
def test_yearly_growth(previous: int, current: int, expected: str) -> None:
    data = {date(2024, 1, 1): Decimal(previous), date(2025, 1, 1): Decimal(current)}
    verdict = signals.growth(data, subject=YEARLY, threshold=Decimal(5), cutoff=CUTOFF)
    assert verdict.outcome == expected
    assert verdict.evidence["rentang_kini"] == "2025"


def test_yearly_growth_needs_the_year_before() -> None:
    data = {date(2023, 1, 1): Decimal(1), date(2025, 1, 1): Decimal(2)}
    verdict = signals.growth(data, subject=YEARLY, threshold=Decimal(5), cutoff=CUTOFF)
    assert verdict.outcome == signals.NO_DATA
    assert verdict.evidence["periode_kosong"] == ["2024"]


@pytest.mark.parametrize(
    "value,at_least,expected",
    [
        (500, True, signals.MET),
        (499, True, signals.NOT_MET),
        (500, False, signals.MET),
        (501, False, signals.NOT_MET),
    ],
)
def test_threshold_uses_the_latest_value(value: int, at_least: bool, expected: str) -> None:
    data = {date(2025, 8, 1): Decimal(10_000), date(2025, 9, 1): Decimal(value)}
    verdict = signals.threshold(
        data, subject=MONTHLY, limit=Decimal(500), at_least=at_least, cutoff=CUTOFF
    )
    assert verdict.outcome == expected
    assert verdict.evidence["periode"] == "2025-09"


def test_spm_below_target() -> None:
    subject = signals.Subject("Capaian SPM kesehatan", "persen", "Kota Mataram", False)
    low = {date(2025, 1, 1): Decimal("92.5")}
    met = {date(2025, 1, 1): Decimal("100")}
    below = signals.spm_below_target(low, subject=subject, target=Decimal(100), cutoff=CUTOFF)
    assert below.outcome == signals.MET
    assert below.evidence["selisih"] == 7.5
    assert "di bawah target 100" in below.title
    at_target = signals.spm_below_target(met, subject=subject, target=Decimal(100), cutoff=CUTOFF)
    assert at_target.outcome == signals.NOT_MET
