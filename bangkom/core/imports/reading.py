"""Reading an uploaded CSV or XLSX file into plain rows.

Cells keep the type the file gives them (text for CSV; text, numbers, dates for XLSX) so that
each column's reader can be lenient in its own way. Rows keep the number a spreadsheet shows,
the header being row 1, so that every error can point at the cell to fix.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from bangkom.core.imports.report import CellError, ImportRejected

CSV_ENCODINGS = ("utf-8-sig", "cp1252")  # SIASN writes UTF-8; Excel on Windows saves cp1252
CSV_DELIMITERS = (",", ";", "\t")  # Excel in an Indonesian locale saves CSV with semicolons
XLSX_SUFFIXES = (".xlsx", ".xlsm")

# A number stored by Excel keeps 15 significant digits: an 18-digit NIP typed as a number has
# already lost its last digits, so such a cell cannot be trusted.
EXACT_DIGITS = 15


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet shows it; the header is row 1
    values: tuple[Any, ...]

    def get(self, index: int) -> Any:
        return self.values[index] if index < len(self.values) else None


@dataclass(frozen=True)
class Table:
    """One sheet: its name, its headers as written, and its non-blank data rows."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    header_row: int = 1


_SPACES = re.compile(r"[ \t\u00a0]+")


def cell_text(value: Any) -> str:
    """A cell as text: runs of spaces made one (line breaks kept), numbers without a spurious
    ``.0``, dates as ``yyyy-mm-dd``."""
    if value is None:
        return ""
    if isinstance(value, str):
        lines = (_SPACES.sub(" ", line).strip() for line in value.splitlines())
        return "\n".join(line for line in lines if line)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat(" ")
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def is_lossy_number(value: Any) -> bool:
    """True for a cell Excel stored as a floating-point number too long to be exact."""
    return isinstance(value, float) and abs(value) >= 10**EXACT_DIGITS


def _blank(values: Sequence[Any]) -> bool:
    return all(cell_text(v) == "" for v in values)


def _table(name: str, raw_rows: Iterable[tuple[int, Sequence[Any]]]) -> Table:
    """Headers are the first non-blank row; blank rows after it are skipped, keeping numbers."""
    iterator: Iterator[tuple[int, Sequence[Any]]] = iter(raw_rows)
    headers: tuple[str, ...] | None = None
    header_row = 1
    rows: list[Row] = []
    for number, values in iterator:
        if _blank(values):
            continue
        if headers is None:
            headers = tuple(cell_text(v) for v in values)
            header_row = number
            continue
        rows.append(Row(number, tuple(values)))
    return Table(name=name, headers=headers or (), rows=tuple(rows), header_row=header_row)


def _decode(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte decodes; a wrong letter beats a refusal


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes, name: str) -> Table:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        # A record is one spreadsheet row even when a quoted cell spans several lines.
        return _table(name, ((number, tuple(record)) for number, record in enumerate(reader, 1)))
    except csv.Error as exc:
        raise ImportRejected(
            [CellError(None, "", "", _("Berkas CSV tidak dapat dibaca: %s") % exc)]
        ) from exc


def read_workbook(data: bytes) -> dict[str, Table]:
    """Every sheet of an XLSX workbook, by sheet name."""
    import openpyxl  # imported here: only uploads of workbooks pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRejected(
            [
                CellError(
                    None, "", "", _("Berkas Excel tidak dapat dibuka; simpan ulang sebagai .xlsx.")
                )
            ]
        ) from exc
    try:
        tables = {}
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # some writers record a wrong size; read what is there
            tables[sheet.title] = _table(
                sheet.title,
                (
                    (number, values)
                    for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
                ),
            )
        return tables
    finally:
        workbook.close()


def file_kind(data: bytes, filename: str) -> str:
    """``"xlsx"`` or ``"csv"``, from the content first (a workbook is a zip) and then the name."""
    suffix = PurePath(filename or "").suffix.lower()
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or suffix == ".xls":
        raise ImportRejected(
            [
                CellError(
                    None,
                    "",
                    "",
                    _(
                        "Format .xls (Excel 97–2003) tidak didukung; "
                        "simpan sebagai .xlsx atau .csv."
                    ),
                )
            ]
        )
    if suffix in XLSX_SUFFIXES:
        raise ImportRejected(
            [
                CellError(
                    None, "", "", _("Berkas Excel tidak dapat dibuka; simpan ulang sebagai .xlsx.")
                )
            ]
        )
    return "csv"


def read_table(data: bytes, filename: str) -> Table:
    """The first sheet of a workbook, or the CSV file."""
    if not data.strip():
        raise ImportRejected([CellError(None, "", "", _("Berkas kosong."))])
    if file_kind(data, filename) == "xlsx":
        tables = read_workbook(data)
        if not tables:
            raise ImportRejected([CellError(None, "", "", _("Berkas Excel tidak berisi sheet."))])
        return next(iter(tables.values()))
    return read_csv(data, PurePath(filename or "berkas.csv").name)
