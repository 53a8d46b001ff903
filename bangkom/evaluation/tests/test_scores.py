"""Reading score files (bangkom/evaluation/statistics/scores.py)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bangkom.evaluation.statistics import scores
from bangkom.evaluation.statistics.scores import InputError, ScoresError, parse_scores


def errors_of(text: str, **kwargs: object) -> tuple[InputError, ...]:
    with pytest.raises(ScoresError) as caught:
        parse_scores(text, **kwargs)  # type: ignore[arg-type]
    return caught.value.errors


def test_comma_file_with_other_columns_and_any_case() -> None:
    sheet = parse_scores("Nama,NIP, Pre ,POST\nAni,1001,40,70\nBudi,1002,55,80\n")
    assert sheet.delimiter == ","
    assert [(row.row, row.nip, row.pre, row.post) for row in sheet.rows] == [
        (2, "1001", 40, 70),
        (3, "1002", 55, 80),
    ]


def test_semicolon_file_with_decimal_comma_and_bom() -> None:
    # Indonesian Excel: ";" as delimiter because "," is the decimal mark.
    sheet = parse_scores("\ufeffnip;pre;post\n1001;55,5;80,25\n")
    assert sheet.delimiter == ";"
    assert sheet.rows[0].pre == Fraction(111, 2)
    assert sheet.rows[0].post == Fraction(321, 4)


def test_empty_score_means_not_taken_and_counts_as_incomplete() -> None:
    sheet = parse_scores("nip,pre,post\n1001,40,70\n1002,,80\n1003,50,\n1004,,\n")
    assert [pair.nip for pair in sheet.pairs] == ["1001"]
    assert sheet.incomplete == 3


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_number() -> None:
    sheet = parse_scores("\nnip,pre,post\n\n1001,40,70\n,,\n1002,50,60\n")
    assert [row.row for row in sheet.rows] == [4, 6]


def test_rows_without_nip_or_scores_are_skipped_whatever_else_they_hold() -> None:
    sheet = parse_scores("nip;pre;post;catatan\n1001;40;70;\n;;;diisi mitra\n")
    assert [row.nip for row in sheet.rows] == ["1001"]
    assert sheet.incomplete == 0


def test_nip_separators_and_leading_apostrophe_are_dropped() -> None:
    sheet = parse_scores("nip;pre;post\n'19850101 201001 1 001;40;70\n")
    assert sheet.rows[0].nip == "198501012010011001"


def test_scores_at_both_ends_of_the_range_are_accepted() -> None:
    sheet = parse_scores("nip,pre,post\n1,0,40\n", max_score=40)
    assert (sheet.rows[0].pre, sheet.rows[0].post) == (0, 40)


def test_missing_columns_are_each_named_on_the_header_row() -> None:
    assert errors_of("\nNIP;nilai awal\n1;2\n") == (
        InputError(2, "pre", scores.MISSING_COLUMN),
        InputError(2, "post", scores.MISSING_COLUMN),
    )


def test_repeated_column() -> None:
    assert errors_of("nip,pre,post,pre\n1,2,3,4\n") == (
        InputError(1, "pre", scores.REPEATED_COLUMN, "B, D"),
    )


def test_empty_file() -> None:
    assert errors_of("\n \n") == (InputError(None, None, scores.EMPTY_FILE),)


def test_score_outside_zero_to_max() -> None:
    assert errors_of("nip,pre,post\n1,101,50\n2,50,-1\n") == (
        InputError(2, "pre", scores.OUT_OF_RANGE, "101", "B"),
        InputError(3, "post", scores.OUT_OF_RANGE, "-1", "C"),
    )
    assert errors_of("nip,pre,post\n1,30,41\n", max_score=40) == (
        InputError(2, "post", scores.OUT_OF_RANGE, "41", "C"),
    )


@pytest.mark.parametrize("cell", ["abc", "1e2", "nan", "7.", "1.000,5", "½"])
def test_non_numeric_score(cell: str) -> None:
    assert errors_of(f"nip;pre;post\n1;{cell};50\n") == (
        InputError(2, "pre", scores.NOT_A_NUMBER, cell, "B"),
    )


def test_repeated_nip_names_both_rows() -> None:
    assert errors_of("nip,pre,post\n1001,40,50\n1002,40,50\n10-01,60,70\n") == (
        InputError(4, "nip", scores.REPEATED_NIP, "2", "A"),
    )


def test_missing_nip() -> None:
    assert errors_of("pre,post,nip\n40,50,\n") == (
        InputError(2, "nip", scores.MISSING_NIP, "", "C"),
    )


def test_more_filled_cells_than_the_header_has() -> None:
    # A decimal comma in a comma-delimited file shifts the cells: refuse rather than misread.
    assert errors_of("nip,pre,post\n1001,72,5,80\n1002,40,50,,\n") == (
        InputError(2, None, scores.EXTRA_FIELDS, "", "D"),
    )


def test_every_error_is_reported_not_only_the_first() -> None:
    codes = [
        (error.row, error.column, error.code)
        for error in errors_of("nip,pre,post\n1,x,200\n1,10,20\n,5,5\n")
    ]
    assert codes == [
        (2, "pre", scores.NOT_A_NUMBER),
        (2, "post", scores.OUT_OF_RANGE),
        (3, "nip", scores.REPEATED_NIP),
        (4, "nip", scores.MISSING_NIP),
    ]


score_values = st.one_of(st.none(), st.integers(0, 100), st.decimals(0, 100, places=2))


@given(
    rows=st.lists(st.tuples(score_values, score_values), max_size=30),
    delimiter=st.sampled_from([",", ";"]),
)
def test_written_files_read_back(rows: list[tuple[object, object]], delimiter: str) -> None:
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return text.replace(".", ",") if delimiter == ";" else text

    lines = ["NIP" + delimiter + "pre" + delimiter + "post"]
    lines += [
        f"{1000 + i}{delimiter}{cell(pre)}{delimiter}{cell(post)}"
        for i, (pre, post) in enumerate(rows)
    ]
    sheet = parse_scores("\n".join(lines) + "\n")
    assert [(row.pre, row.post) for row in sheet.rows] == [
        (None if pre is None else Fraction(str(pre)), None if post is None else Fraction(str(post)))
        for pre, post in rows
    ]
