"""Pre- and post-test scores from CSV text: one row per participant.

The first non-blank record is the header. It must name the columns ``nip``, ``pre`` and
``post`` (any letter case, stray spaces allowed); other columns are ignored. NIP (Nomor Induk
Pegawai) is the civil servant's identity number; here it only identifies the row, so grouping
spaces, dots and dashes and a spreadsheet's leading apostrophe are dropped, and its 18-digit
layout is not checked (partners' files may list participants who are not PNS). A score is a
number from 0 to the test's maximum, with ``.`` or ``,`` as decimal mark; an empty score means the
test was not taken. Records whose ``nip``, ``pre`` and ``post`` cells are all empty are skipped.

The delimiter is ``,`` or ``;`` (Indonesian Excel writes ``;`` because the comma is the decimal
mark): the one that finds more of the three columns in the header wins, and on a tie the one that
splits the header into more cells.

Problems are collected, never stopped at the first, and reported as :class:`InputError` codes
naming the spreadsheet row (the header is row 1 when it is the first line) and the column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "COLUMNS",
    "DELIMITERS",
    "InputError",
    "Pair",
    "ScoreRow",
    "ScoreSheet",
    "ScoresError",
    "column_letter",
    "parse_scores",
]

COLUMNS = ("nip", "pre", "post")
DELIMITERS = (",", ";")

# Error codes (InputError.code).
EMPTY_FILE = "empty_file"  # no header record at all
NOT_CSV = "not_csv"  # the csv module cannot read the text; detail: its message
MISSING_COLUMN = "missing_column"  # row: header row; column: the missing name
REPEATED_COLUMN = "repeated_column"  # detail: the letters of every occurrence, "B, D"
MISSING_NIP = "missing_nip"  # a row with a score but no NIP
REPEATED_NIP = "repeated_nip"  # detail: the row where the NIP first appeared
NOT_A_NUMBER = "not_a_number"  # detail: the cell as written
OUT_OF_RANGE = "out_of_range"  # detail: the cell as written
EXTRA_FIELDS = "extra_fields"  # more filled cells than header columns; detail: first extra letter

_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?", re.ASCII)
_NIP_NOISE = re.compile(r"[\s.\-\u2010-\u2015]+")


@dataclass(frozen=True)
class InputError:
    """One problem in a score file. ``row`` is the spreadsheet row number (None for the whole
    file), ``column`` one of :data:`COLUMNS` (None where no single column is meant), ``code`` one
    of the error codes above, ``detail`` the offending text or the fact the code refers to, and
    ``letter`` the spreadsheet column letter where one cell is meant."""

    row: int | None
    column: str | None
    code: str
    detail: str = ""
    letter: str = ""


class ScoresError(ValueError):
    """A score file that cannot be used; ``errors`` lists every problem found, in row order."""

    def __init__(self, errors: Iterable[InputError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(f"{e.row}:{e.column}:{e.code}:{e.detail}" for e in self.errors))


@dataclass(frozen=True)
class Pair:
    """A participant who took both tests."""

    nip: str
    pre: Fraction
    post: Fraction


@dataclass(frozen=True)
class ScoreRow:
    """One participant's row; a score is None where that test was not taken."""

    row: int
    nip: str
    pre: Fraction | None
    post: Fraction | None

    @property
    def complete(self) -> bool:
        return self.pre is not None and self.post is not None


@dataclass(frozen=True)
class ScoreSheet:
    """The parsed file: its participant rows in file order and the delimiter used."""

    rows: tuple[ScoreRow, ...]
    max_score: Fraction
    delimiter: str = ","

    @property
    def pairs(self) -> tuple[Pair, ...]:
        return tuple(
            Pair(row.nip, row.pre, row.post)
            for row in self.rows
            if row.pre is not None and row.post is not None
        )

    @property
    def incomplete(self) -> int:
        return sum(1 for row in self.rows if not row.complete)


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _is_blank(record: list[str]) -> bool:
    return all(not cell.strip() for cell in record)


def _header_columns(header: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for index, cell in enumerate(header):
        name = cell.strip().lower()
        if name in COLUMNS:
            found.setdefault(name, []).append(index)
    return found


def _read(text: str) -> tuple[list[list[str]], int, dict[str, list[int]], str]:
    """Records, the header's index, its columns and the delimiter (see the module docstring)."""
    best: tuple[tuple[int, int], list[list[str]], int, dict[str, list[int]], str] | None = None
    problem = ""
    for delimiter in DELIMITERS:
        try:
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:
            problem = str(error)
            continue
        header_index = next((i for i, rec in enumerate(records) if not _is_blank(rec)), -1)
        header = records[header_index] if header_index >= 0 else []
        columns = _header_columns(header)
        rank = (len(columns), len(header))
        if best is None or rank > best[0]:
            best = (rank, records, header_index, columns, delimiter)
    if best is None:
        raise ScoresError([InputError(None, None, NOT_CSV, problem)])
    _, records, header_index, columns, delimiter = best
    if header_index < 0:
        raise ScoresError([InputError(None, None, EMPTY_FILE)])
    return records, header_index, columns, delimiter


def _normalise_nip(text: str) -> str:
    return _NIP_NOISE.sub("", text.strip().removeprefix("'"))


def _score(
    cell: str, *, row: int, column: str, letter: str, max_score: Fraction, errors: list[InputError]
) -> Fraction | None:
    text = cell.strip()
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        errors.append(InputError(row, column, NOT_A_NUMBER, text, letter))
        return None
    value = Fraction(Decimal(text.replace(",", ".")))
    if not 0 <= value <= max_score:
        errors.append(InputError(row, column, OUT_OF_RANGE, text, letter))
        return None
    return value


def parse_scores(text: str, *, max_score: Fraction | int = 100) -> ScoreSheet:
    """The participant rows of a score file's text (already decoded; a leading BOM is ignored).

    Raises :class:`ScoresError` with every problem when any row or the header is wrong.
    """
    maximum = Fraction(max_score)
    if maximum <= 0:
        raise ValueError("max_score must be positive")
    records, header_index, columns, delimiter = _read(text.removeprefix("\ufeff"))
    header_row = header_index + 1
    errors: list[InputError] = []
    for name in COLUMNS:
        if name not in columns:
            errors.append(InputError(header_row, name, MISSING_COLUMN))
        elif len(columns[name]) > 1:
            letters = ", ".join(column_letter(index) for index in columns[name])
            errors.append(InputError(header_row, name, REPEATED_COLUMN, letters))
    if errors:
        raise ScoresError(errors)

    width = len(records[header_index])
    position = {name: columns[name][0] for name in COLUMNS}
    first_row_of: dict[str, int] = {}
    rows: list[ScoreRow] = []
    for row, record in enumerate(records[header_index + 1 :], start=header_row + 1):
        if _is_blank(record):
            continue
        extra = next((i for i in range(width, len(record)) if record[i].strip()), None)
        if extra is not None:
            # Usually a decimal comma in a comma-delimited file: the cells have shifted, so no
            # score of this row can be trusted.
            errors.append(InputError(row, None, EXTRA_FIELDS, "", column_letter(extra)))
            continue

        def cell(name: str, record: list[str] = record) -> str:
            index = position[name]
            return record[index] if index < len(record) else ""

        if all(not cell(name).strip() for name in COLUMNS):
            continue  # e.g. a note or a subtotal in another column: no participant here
        nip = _normalise_nip(cell("nip"))
        nip_letter = column_letter(position["nip"])
        usable = True
        if not nip:
            errors.append(InputError(row, "nip", MISSING_NIP, "", nip_letter))
            usable = False
        elif nip in first_row_of:
            errors.append(InputError(row, "nip", REPEATED_NIP, str(first_row_of[nip]), nip_letter))
            usable = False
        else:
            first_row_of[nip] = row
        pre, post = (
            _score(
                cell(name),
                row=row,
                column=name,
                letter=column_letter(position[name]),
                max_score=maximum,
                errors=errors,
            )
            for name in ("pre", "post")
        )
        if usable:
            rows.append(ScoreRow(row, nip, pre, post))
    if errors:
        raise ScoresError(errors)
    return ScoreSheet(tuple(rows), maximum, delimiter)
