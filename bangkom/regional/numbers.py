"""Numbers as Indonesian readers write them (``1.480``, ``22,4``) and as evidence stores them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from bangkom.lib.ikm import round_half_up


def plain(value: Decimal | Fraction | int, places: int = 4) -> Decimal:
    """``value`` rounded half-up to at most ``places`` decimals, without trailing zeros."""
    exact = Fraction(value) if not isinstance(value, Fraction) else value
    rounded = round_half_up(exact, places)
    normalised = rounded.normalize()
    # normalize() writes 1000 as 1E+3; quantize back to an integer exponent
    return normalised.quantize(Decimal(1)) if normalised == normalised.to_integral() else normalised


def json_number(value: Decimal | Fraction | int, places: int = 4) -> int | float:
    """A JSON-ready number for evidence: an int when whole, else a float of the rounded value."""
    rounded = plain(value, places)
    return int(rounded) if rounded == rounded.to_integral() else float(rounded)


def id_number(value: Decimal | Fraction | int, places: int = 2) -> str:
    """Indonesian notation: thousands with ``.``, decimals with ``,``: ``1.480``, ``22,4``."""
    rounded = plain(value, places)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):f}"
    whole, _dot, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    return f"{sign}{result},{fraction}" if fraction else f"{sign}{result}"


def id_fixed(value: Decimal | Fraction | int, places: int) -> str:
    """Like :func:`id_number` but always with ``places`` decimals: ``3,00``."""
    exact = Fraction(value) if not isinstance(value, Fraction) else value
    rounded = round_half_up(exact, places)
    text = f"{abs(rounded):f}"
    whole, _dot, fraction = text.partition(".")
    sign = "-" if rounded < 0 else ""
    return f"{sign}{id_number(int(whole), 0)}" + (f",{fraction}" if places else "")


MAX_VALUE = Decimal("1e14")  # what the value columns hold: 18 digits, 4 of them decimals
_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def parse_number(value: Any) -> Decimal:
    """A cell as a number; :class:`ValueError` with an Indonesian message otherwise."""
    if isinstance(value, bool):
        raise ValueError(_("bukan angka"))
    if isinstance(value, float):
        # a spreadsheet number cell: binary, so rounded to the 4 decimals the column keeps
        number = Decimal(repr(value))
        if number.is_finite() and number.as_tuple().exponent < -4:  # type: ignore[operator]
            number = number.quantize(Decimal("0.0001"))
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        text = _cell(value).replace(" ", "").replace("\u00a0", "")
        if not text:
            raise ValueError(_("wajib diisi"))
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif _THOUSANDS.fullmatch(text):
            text = text.replace(".", "")
        if not _NUMBER.fullmatch(text):
            raise ValueError(_("“%s” bukan angka") % _cell(value))
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%s” bukan angka") % _cell(value)) from None
    if not number.is_finite() or abs(number) >= MAX_VALUE:
        raise ValueError(_("angka di luar rentang"))
    if number.as_tuple().exponent < -4:  # type: ignore[operator]
        raise ValueError(_("paling banyak 4 angka di belakang koma"))
    return number


def _cell(value: Any) -> str:
    return " ".join(str(value if value is not None else "").split())
