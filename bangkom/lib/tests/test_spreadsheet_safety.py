from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from bangkom.lib.spreadsheet_safety import neutralise_formulas, safe_cell

MALICIOUS = ['=HYPERLINK("http://evil","x")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


def test_csv_cells_that_could_start_a_formula_become_text() -> None:
    for value in [*MALICIOUS, "\tx", "\rx"]:
        assert safe_cell(value) == "'" + value
    assert safe_cell("Yohanes Benu") == "Yohanes Benu"
    assert safe_cell(-5) == -5 and safe_cell(2.5) == 2.5


def test_workbook_keeps_no_formula_from_user_text() -> None:
    workbook = Workbook()
    workbook.active.append([*MALICIOUS, -7])
    buffer = io.BytesIO()
    neutralise_formulas(workbook).save(buffer)
    cells = next(iter(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows()))
    assert [cell.data_type for cell in cells] == ["s"] * len(MALICIOUS) + ["n"]
    assert cells[0].value == MALICIOUS[0] and cells[-1].value == -7
