"""Which column of a file holds which value.

A column is recognised by its header under any of its names (aliases), compared in snake_case:
``NIP BARU``, ``Nip Baru`` and ``nip_baru`` are the same column. Columns nobody asked for are
ignored; a wanted value in two columns is an error, never a silent choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from bangkom.core.imports.reading import Row, Table, cell_text
from bangkom.core.imports.report import ErrorList
from bangkom.lib.siasn import normalise_header

# The templates' example rows name their employee or position "CONTOH - …": such a row was
# left in by mistake and is refused rather than imported.
EXAMPLE_PREFIX = "CONTOH - "


def is_example(text: str) -> bool:
    return text.upper().startswith(EXAMPLE_PREFIX)


@dataclass(frozen=True)
class Column:
    """One value an import reads. ``aliases[0]`` is the name the downloadable template uses;
    ``siasn`` is how SIASN's export heads it (blank when SIASN has no such column)."""

    field: str
    aliases: tuple[str, ...]
    required: bool = False
    siasn: str = ""
    in_template: bool = True
    help: str | Promise = ""
    example: str = ""

    @property
    def name(self) -> str:
        return self.aliases[0]


class ColumnMap:
    """The columns of one table, by field. Header problems are added to ``errors``."""

    def __init__(self, table: Table, columns: tuple[Column, ...], errors: ErrorList) -> None:
        self.table = table
        self._index: dict[str, int] = {}
        self._header: dict[str, str] = {}
        by_alias = {alias: column for column in columns for alias in column.aliases}
        for index, header in enumerate(table.headers):
            column = by_alias.get(normalise_header(header))
            if column is None:
                continue
            if column.field in self._index:
                errors.add(
                    table.header_row,
                    header,
                    header,
                    _("Kolom “%(a)s” dan “%(b)s” sama-sama berisi %(field)s; hapus salah satu.")
                    % {"a": self._header[column.field], "b": header, "field": column.name},
                )
                continue
            self._index[column.field] = index
            self._header[column.field] = header
        # A missing column is named the way the file names its others: SIASN's upper case, or
        # the template's snake_case.
        written = [h for h in table.headers if h.strip()]
        siasn_style = bool(written) and sum(h.isupper() for h in written) * 2 > len(written)
        for column in columns:
            if column.required and column.field not in self._index:
                names = [f"“{column.name}”"]
                if column.siasn:
                    names.append(f"“{column.siasn}”")
                errors.add(
                    table.header_row,
                    column.siasn if column.siasn and siasn_style else column.name,
                    "",
                    _(
                        "Kolom wajib tidak ditemukan; beri judul kolom %(names)s. "
                        "Judul kolom yang terbaca: %(found)s."
                    )
                    % {
                        "names": _(" atau ").join(names),
                        "found": ", ".join(h for h in table.headers if h) or _("(tidak ada)"),
                    },
                )

    def has(self, field: str) -> bool:
        return field in self._index

    def header(self, field: str, fallback: str = "") -> str:
        """The header of ``field`` as written in the file (or that of ``fallback``)."""
        if field in self._header:
            return self._header[field]
        return self._header.get(fallback, field)

    def raw(self, row: Row, field: str) -> Any:
        index = self._index.get(field)
        return None if index is None else row.get(index)

    def text(self, row: Row, field: str) -> str:
        index = self._index.get(field)
        return "" if index is None else cell_text(row.get(index))
