"""Keep user text in exported spreadsheets from running as a formula (formula injection).

openpyxl stores any string that starts with ``=`` as a live formula, so a name such as
``=HYPERLINK(...)`` would run when the sheet is opened. Every export passes its workbook through
:func:`neutralise_formulas` before saving, and every CSV cell through :func:`safe_cell`.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

__all__ = ["neutralise_formulas", "safe_cell"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet reads as text: text that could start a formula gets a
    leading single quote; numbers (negative ones too) stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_formulas(workbook: Workbook) -> Workbook:
    """Store every formula cell of ``workbook`` as plain text. Bangkom's exports write no
    formulas of their own, so any formula cell came from user data."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return workbook
