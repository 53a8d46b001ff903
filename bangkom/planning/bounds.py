"""Bounds no real value of the catalogue or a plan exceeds.

One place for the limits that the forms, the services (and so the imports) and the database
constraints share, so an absurd entry (99.999 units, 500 learning days) is refused with a
message naming the bound instead of being stored and breaking the pages that compute with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Bound:
    label: Any  # lazy text: what the user calls the value
    low: int | Decimal
    high: int | Decimal

    def message(self) -> str:
        label = str(self.label)
        return _("%(label)s harus antara %(low)s dan %(high)s.") % {
            "label": label[:1].upper() + label[1:],
            "low": _shown(self.low),
            "high": _shown(self.high),
        }

    def check(self, value: Any) -> str | None:
        """The message when ``value`` lies outside the bound (``None`` values are not checked)."""
        if value is None:
            return None
        try:
            outside = not self.low <= value <= self.high
        except TypeError:
            outside = True
        return self.message() if outside else None


def _shown(value: int | Decimal) -> str:
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    return number_format(int(value), use_l10n=True, force_grouping=True)


RUPIAH_MAX = 100_000_000_000  # Rp 100 miliar
JP_MAX = Decimal(2000)

# ProgramTemplate
TEMPLATE_BOUNDS: dict[str, Bound] = {
    "jumlah_satuan": Bound(gettext_lazy("durasi (jumlah satuan)"), Decimal("0.01"), Decimal(1000)),
    "hari_belajar": Bound(gettext_lazy("hari belajar"), 1, 60),
    "bulan": Bound(gettext_lazy("lama (bulan)"), 1, 24),
    "jp_override": Bound(gettext_lazy("JP ditetapkan manual"), Decimal(0), JP_MAX),
    "hari_tinggal_kerja": Bound(gettext_lazy("hari meninggalkan pekerjaan"), 0, 260),
    "min_peserta": Bound(gettext_lazy("peserta minimum"), 0, 1000),
    "max_peserta": Bound(gettext_lazy("peserta maksimum"), 1, 1000),
    "biaya_tetap": Bound(gettext_lazy("biaya tetap per angkatan (Rp)"), 0, RUPIAH_MAX),
    "biaya_per_peserta": Bound(gettext_lazy("biaya per peserta (Rp)"), 0, RUPIAH_MAX),
}
# The JP a template earns, computed or set by hand.
TEMPLATE_JP = Bound(gettext_lazy("JP program"), Decimal(0), JP_MAX)

# DevelopmentForm (a row of the JP conversion table)
RULE_BOUNDS: dict[str, Bound] = {
    "jp_per_unit": Bound(gettext_lazy("JP per satuan"), Decimal(0), Decimal(100)),
    "max_units_per_month": Bound(gettext_lazy("paling banyak satuan per bulan"), 1, 100),
    "max_jp_per_day": Bound(
        gettext_lazy("paling banyak JP per hari"), Decimal("0.01"), Decimal(24)
    ),
}

# Plan and PlanProgram
PLAN_BOUNDS: dict[str, Bound] = {
    "tahun": Bound(gettext_lazy("tahun rencana"), 2000, 2100),
    "pagu": Bound(gettext_lazy("pagu anggaran (Rp)"), 0, RUPIAH_MAX),
    "jp_target": Bound(gettext_lazy("target JP per ASN"), 0, 200),
    "jp_bonus": Bound(gettext_lazy("bobot pemenuhan target JP"), Decimal(0), Decimal(100)),
    "max_hari": Bound(gettext_lazy("paling lama meninggalkan pekerjaan (hari per tahun)"), 0, 260),
    # Per-ASN caps of a plan; empty (None) means no cap.
    "max_jp_per_asn": Bound(gettext_lazy("batas JP per ASN dari rencana ini"), 1, 500),
    "max_program_per_asn": Bound(gettext_lazy("batas program per ASN dari rencana ini"), 1, 50),
}
PROGRAM_BOUNDS: dict[str, Bound] = {
    "max_angkatan": Bound(gettext_lazy("paling banyak angkatan"), 1, 100),
    "min_angkatan": Bound(gettext_lazy("paling sedikit angkatan"), 0, 100),
}


def bound_errors(values: Mapping[str, Any], bounds: Mapping[str, Bound]) -> dict[str, list[str]]:
    """Every value of ``values`` outside its bound, by field name."""
    errors: dict[str, list[str]] = {}
    for name, bound in bounds.items():
        message = bound.check(values.get(name))
        if message:
            errors[name] = [message]
    return errors


def field_limits(bound: Bound) -> dict[str, Any]:
    """Keyword arguments of a form field that enforce ``bound`` with its message (computed when
    shown, in the user's language)."""
    message = lazy(bound.message, str)()
    return {
        "min_value": bound.low,
        "max_value": bound.high,
        "error_messages": {"min_value": message, "max_value": message},
    }
