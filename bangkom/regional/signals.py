"""The conditions of signal rules, on plain data: a series of values by period in, a verdict out.

A verdict says whether the condition holds (``met``), does not (``not_met``) or cannot be judged
from the data (``no_data``), with a title a planner understands ("Permohonan izin usaha naik
22,4% (≥ 20%)") and the figures behind it as evidence.

Only data dated up to the end of the plan year count (``cutoff``): an evaluation for 2026 made in
2027 does not use 2027's figures. Within that, the latest period with a value is the reference.

- **Growth year on year** (monthly series): the sum of the 12 months ending at the latest month
  against the sum of the 12 months before; all 24 months must have a value. Yearly series: the
  latest year against the year before, which must have a value.
- **At least / at most**: the latest value against the threshold.
- **SPM below target**: the latest achievement against the target (the rule's threshold, else the
  indicator's target); below means strictly less.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from bangkom.regional.numbers import id_number, json_number
from bangkom.regional.periods import add_months, indicator_period_key

MET, NOT_MET, NO_DATA = "met", "not_met", "no_data"
GROWTH, AT_LEAST, AT_MOST, SPM_BELOW_TARGET = (
    "pertumbuhan",
    "minimal",
    "maksimal",
    "spm_di_bawah_target",
)
WINDOW_MONTHS = 12
MISSING_SHOWN = 6  # a title names at most this many missing periods


@dataclass(frozen=True)
class Subject:
    """What the series is: the indicator's name and unit, and the place the data describe."""

    indicator: str
    satuan: str
    place: str
    monthly: bool


@dataclass(frozen=True)
class Verdict:
    outcome: str
    title: str
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def met(self) -> bool:
        return self.outcome == MET


def _key(day: date, subject: Subject) -> str:
    return indicator_period_key(day, monthly=subject.monthly)


def _base_evidence(subject: Subject, condition: str) -> dict[str, Any]:
    return {
        "indikator": subject.indicator,
        "satuan": subject.satuan,
        "lokasi_data": subject.place,
        "kondisi": condition,
    }


def _latest(series: Mapping[date, Decimal], cutoff: date) -> date | None:
    usable = [day for day in series if day <= cutoff]
    return max(usable) if usable else None


def _no_values(subject: Subject, condition: str, cutoff: date) -> Verdict:
    return Verdict(
        NO_DATA,
        _("%(indicator)s di %(place)s: belum ada data sampai %(year)d")
        % {"indicator": subject.indicator, "place": subject.place, "year": cutoff.year},
        _base_evidence(subject, condition),
    )


def _missing_title(subject: Subject, missing: list[str]) -> str:
    shown = ", ".join(missing[:MISSING_SHOWN])
    more = len(missing) - MISSING_SHOWN
    if more > 0:
        shown += _(" dan %d lainnya") % more
    return _("%(indicator)s di %(place)s: data periode %(periods)s belum diisi") % {
        "indicator": subject.indicator,
        "place": subject.place,
        "periods": shown,
    }


def growth(
    series: Mapping[date, Decimal], *, subject: Subject, threshold: Decimal, cutoff: date
) -> Verdict:
    """Year-on-year growth of the series ≥ ``threshold`` percent."""
    latest = _latest(series, cutoff)
    if latest is None:
        return _no_values(subject, GROWTH, cutoff)
    if subject.monthly:
        current_months = [add_months(latest, -i) for i in range(WINDOW_MONTHS - 1, -1, -1)]
        previous_months = [add_months(day, -WINDOW_MONTHS) for day in current_months]
    else:
        current_months = [latest]
        previous_months = [date(latest.year - 1, 1, 1)]
    missing = [_key(day, subject) for day in previous_months + current_months if day not in series]
    evidence = _base_evidence(subject, GROWTH)
    evidence.update(
        {
            "rentang_lalu": _span(previous_months, subject),
            "rentang_kini": _span(current_months, subject),
            "ambang_persen": json_number(threshold),
        }
    )
    if missing:
        evidence["periode_kosong"] = missing
        return Verdict(NO_DATA, _missing_title(subject, missing), evidence)
    previous = sum((Fraction(series[day]) for day in previous_months), Fraction(0))
    current = sum((Fraction(series[day]) for day in current_months), Fraction(0))
    evidence.update({"periode_lalu": json_number(previous), "periode_kini": json_number(current)})
    if previous <= 0:
        return Verdict(
            NO_DATA,
            _(
                "%(indicator)s di %(place)s: nilai periode lalu %(value)s, pertumbuhan tidak dapat "
                "dihitung"
            )
            % {
                "indicator": subject.indicator,
                "place": subject.place,
                "value": id_number(previous),
            },
            evidence,
        )
    percent = (current - previous) / previous * 100
    evidence["pertumbuhan_persen"] = json_number(percent, 1)
    met = percent >= Fraction(threshold)
    verb = _("naik") if percent >= 0 else _("turun")
    title = _("%(indicator)s %(verb)s %(percent)s%% (%(sign)s %(threshold)s%%)") % {
        "indicator": subject.indicator,
        "verb": verb,
        "percent": id_number(abs(percent), 1),
        "sign": "≥" if met else "<",
        "threshold": id_number(threshold, 2),
    }
    return Verdict(MET if met else NOT_MET, title, evidence)


def _span(days: list[date], subject: Subject) -> str:
    first, last = _key(days[0], subject), _key(days[-1], subject)
    return first if first == last else f"{first} s.d. {last}"


def threshold(
    series: Mapping[date, Decimal],
    *,
    subject: Subject,
    limit: Decimal,
    at_least: bool,
    cutoff: date,
) -> Verdict:
    """The latest value ≥ ``limit`` (``at_least``) or ≤ ``limit``."""
    condition = AT_LEAST if at_least else AT_MOST
    latest = _latest(series, cutoff)
    if latest is None:
        return _no_values(subject, condition, cutoff)
    value = series[latest]
    met = value >= limit if at_least else value <= limit
    signs = {(True, True): "≥", (True, False): "<", (False, True): "≤", (False, False): ">"}
    sign = signs[(at_least, met)]
    evidence = _base_evidence(subject, condition)
    evidence.update(
        {
            "periode": _key(latest, subject),
            "nilai": json_number(value),
            "ambang": json_number(limit),
        }
    )
    title = _("%(indicator)s %(period)s: %(value)s %(satuan)s (%(sign)s %(limit)s)") % {
        "indicator": subject.indicator,
        "period": _key(latest, subject),
        "value": id_number(value),
        "satuan": subject.satuan,
        "sign": sign,
        "limit": id_number(limit),
    }
    return Verdict(MET if met else NOT_MET, " ".join(title.split()), evidence)


def spm_below_target(
    series: Mapping[date, Decimal], *, subject: Subject, target: Decimal, cutoff: date
) -> Verdict:
    """The latest SPM achievement is strictly below ``target``."""
    latest = _latest(series, cutoff)
    if latest is None:
        return _no_values(subject, SPM_BELOW_TARGET, cutoff)
    value = series[latest]
    met = value < target
    evidence = _base_evidence(subject, SPM_BELOW_TARGET)
    evidence.update(
        {
            "periode": _key(latest, subject),
            "capaian": json_number(value),
            "target": json_number(target),
            "selisih": json_number(target - value),
        }
    )
    title = _(
        "Capaian %(indicator)s %(period)s: %(value)s %(satuan)s, %(relation)s target %(target)s"
    )
    title = title % {
        "indicator": subject.indicator,
        "period": _key(latest, subject),
        "value": id_number(value),
        "satuan": subject.satuan,
        "relation": _("di bawah") if met else _("memenuhi"),
        "target": id_number(target),
    }
    return Verdict(MET if met else NOT_MET, " ".join(title.split()), evidence)
