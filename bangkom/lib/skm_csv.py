"""Reading SKM (community satisfaction survey) answers from a CSV file.

One row per respondent, with columns ``U1`` … ``U9`` holding the scores 1–4 of the nine elements
(see :mod:`bangkom.lib.ikm`); other columns (timestamp, name, service) are ignored. Files come
from spreadsheets, so the reader accepts ``;`` or ``,`` (or tab) as delimiter, a byte-order mark,
UTF-8, UTF-16 or Windows-1252 text, and headers in any case with stray spaces. It reports every
problem at once, by spreadsheet row (the header is row 1) and column, so a user can fix the file
in one pass.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from pathlib import Path
from typing import IO

from bangkom.lib.ikm import ELEMENT_CODES, MAX_SCORE, MIN_SCORE

__all__ = ["SkmFileError", "read_skm_csv"]

Row = tuple[int | None, ...]

_DELIMITERS = (",", ";", "\t")
# Whole numbers, also as spreadsheets sometimes write them: "3.0", "3,00".
_WHOLE_NUMBER = re.compile(r"[0-9]+(?:[.,]0+)?", re.ASCII)


class SkmFileError(ValueError):
    """An SKM file that cannot be read; ``errors`` lists every problem, one line each."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        if len(self.errors) == 1:
            message = self.errors[0]
        else:
            lines = "\n".join(f"- {error}" for error in self.errors)
            message = f"Berkas SKM berisi {len(self.errors)} kesalahan:\n{lines}"
        super().__init__(message)


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page; only digits and the U-headers
        # matter here, so other characters may be replaced.
        return data.decode("cp1252", errors="replace")


def _read_text(source: str | os.PathLike[str] | IO[str] | IO[bytes]) -> str:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SkmFileError([f"Berkas tidak ditemukan: {path}"]) from None
        except OSError as err:
            raise SkmFileError([f"Berkas tidak dapat dibaca: {path} ({err.strerror})"]) from None
        return _decode(data)
    content = source.read()
    text = _decode(content) if isinstance(content, bytes) else content
    return text.removeprefix("\ufeff")


def _is_blank(record: list[str]) -> bool:
    return all(not cell.strip() for cell in record)


def _records(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _header_columns(header: list[str]) -> dict[str, list[int]]:
    """Column indexes of each U-column in the header (more than one if repeated)."""
    found: dict[str, list[int]] = {}
    for index, cell in enumerate(header):
        name = cell.strip().upper()
        if name in ELEMENT_CODES:
            found.setdefault(name, []).append(index)
    return found


def _parse_with_best_delimiter(text: str) -> tuple[list[list[str]], int, dict[str, list[int]]]:
    """Records, the index of the header record and its U-columns, for the delimiter that finds
    the most U-columns in the header."""
    best: tuple[list[list[str]], int, dict[str, list[int]]] | None = None
    problem: csv.Error | None = None
    for delimiter in _DELIMITERS:
        try:
            records = _records(text, delimiter)
        except csv.Error as err:
            problem = err
            continue
        header_index = next((i for i, record in enumerate(records) if not _is_blank(record)), -1)
        columns = _header_columns(records[header_index]) if header_index >= 0 else {}
        if best is None or len(columns) > len(best[2]):
            best = (records, header_index, columns)
    if best is None:
        raise SkmFileError([f"Berkas tidak dapat dibaca sebagai CSV: {problem}"])
    if best[1] < 0:
        raise SkmFileError(
            [
                "Berkas kosong; baris pertama harus berisi judul kolom U1 sampai U9, "
                "diikuti satu baris per responden"
            ]
        )
    return best


def _score(cell: str, where: str, errors: list[str]) -> int | None:
    text = cell.strip()
    if not text:
        return None
    if _WHOLE_NUMBER.fullmatch(text):
        value = int(re.split(r"[.,]", text)[0])
        if MIN_SCORE <= value <= MAX_SCORE:
            return value
        errors.append(f"{where}: nilai {text} di luar skala 1–4")
    else:
        errors.append(
            f"{where}: '{text}' bukan angka; isi 1, 2, 3 atau 4, atau kosongkan bila tidak dijawab"
        )
    return None


def read_skm_csv(source: str | os.PathLike[str] | IO[str] | IO[bytes]) -> list[Row]:
    """The responses of an SKM CSV file as rows of nine scores (``None`` = unanswered).

    ``source`` is a path or an open file. Completely empty lines are skipped. Raises
    :class:`SkmFileError` listing every problem found.
    """
    records, header_index, columns = _parse_with_best_delimiter(_read_text(source))
    header_row = header_index + 1

    errors: list[str] = []
    missing = [code for code in ELEMENT_CODES if code not in columns]
    if missing:
        errors.append(
            f"Kolom {', '.join(missing)} tidak ditemukan di baris judul (baris {header_row}); "
            "baris judul harus memuat kolom U1 sampai U9"
        )
    for code, indexes in columns.items():
        if len(indexes) > 1:
            letters = ", ".join(column_letter(index) for index in indexes)
            errors.append(f"Kolom {code} muncul lebih dari sekali (kolom {letters}); sisakan satu")
    if errors:
        raise SkmFileError(errors)

    positions = [(code, columns[code][0]) for code in ELEMENT_CODES]
    rows: list[Row] = []
    for row_number, record in enumerate(records[header_index + 1 :], start=header_row + 1):
        if _is_blank(record):
            continue
        rows.append(
            tuple(
                _score(
                    record[index] if index < len(record) else "",
                    f"Baris {row_number}, kolom {code} ({column_letter(index)})",
                    errors,
                )
                for code, index in positions
            )
        )
    if errors:
        raise SkmFileError(errors)
    return rows
