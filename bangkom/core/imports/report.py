"""What an import tells its user: the errors of a rejected file, or the summary of a good one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

Progress = Callable[[int, str], None]
"""Told ``(percent, note)`` as an import moves from reading to checking to writing."""


def no_progress(percent: int, note: str) -> None:
    """The progress of a caller that shows none (the command line)."""


@dataclass(frozen=True)
class CellError:
    """One thing to fix in the file, located as a spreadsheet shows it (the header is row 1).

    ``row`` is ``None`` for a problem with the whole file (it cannot be read, it has no rows).
    ``column`` is the header as written in the file, or the expected column when it is missing.
    """

    row: int | None
    column: str
    value: str
    message: str
    sheet: str = ""

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(_("Sheet %s") % self.sheet)
        if self.row is not None:
            where.append(_("Baris %d") % self.row)
        if self.column:
            where.append(_("kolom %s") % self.column)
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRejected(Exception):
    """The file was refused; nothing was written. ``errors`` lists every problem found."""

    def __init__(self, errors: list[CellError]):
        self.errors = sorted(
            errors, key=lambda e: (e.sheet, e.row if e.row is not None else -1, e.column)
        )
        super().__init__(
            _("Berkas ditolak: %d kesalahan; tidak ada data yang disimpan.") % len(errors)
        )


class ErrorList:
    """Collects errors while a file is checked, keeping only the first message per cell."""

    def __init__(self, sheet: str = "") -> None:
        self.sheet = sheet
        self._errors: dict[tuple[str, int | None, str], CellError] = {}

    def add(self, row: int | None, column: str, value: object, message: str) -> None:
        key = (self.sheet, row, column)
        if key not in self._errors:
            shown = "" if value is None else str(value)
            self._errors[key] = CellError(row, column, shown[:200], message, self.sheet)

    def has(self, row: int | None, column: str) -> bool:
        return (self.sheet, row, column) in self._errors

    def extend(self, other: ErrorList) -> None:
        for key, error in other._errors.items():
            self._errors.setdefault(key, error)

    def __bool__(self) -> bool:
        return bool(self._errors)

    def __len__(self) -> int:
        return len(self._errors)

    def as_list(self) -> list[CellError]:
        return list(self._errors.values())

    def raise_if_any(self) -> None:
        if self._errors:
            raise ImportRejected(self.as_list())


@dataclass
class ImportSummary:
    """What an import did (or, for a dry run, would do).

    ``counts`` and ``names`` are keyed by stable codes (``"created"``, ``"units_created"``) that
    tests and callers use; ``labels`` gives each code its Indonesian label for display.
    """

    dry_run: bool
    rows: int
    counts: dict[str, int] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[tuple[str, int]]:
        return [(self.labels.get(code, code), number) for code, number in self.counts.items()]

    def name_lines(self) -> list[tuple[str, list[str]]]:
        return [(self.labels.get(code, code), names) for code, names in self.names.items() if names]

    @property
    def changed(self) -> bool:
        return any(
            n
            for code, n in self.counts.items()
            if code != "unchanged" and not code.endswith("_unchanged")
        )

    def __str__(self) -> str:
        head = (
            _("Uji coba (tidak ada yang disimpan): %d baris diperiksa.")
            if self.dry_run
            else _("Impor selesai: %d baris diproses.")
        ) % self.rows
        body = [f"  {label}: {number}" for label, number in self.lines()]
        body += [f"  {label}: " + "; ".join(names) for label, names in self.name_lines()]
        return "\n".join([head, *body])


MAX_SHOWN_ERRORS = 500
"""A rejected file's page lists at most this many errors; the count says how many more there are."""


def rejected_file_context(
    exc: ImportRejected, *, limit: int = MAX_SHOWN_ERRORS
) -> dict[str, list[CellError] | int]:
    """What ``core/import_result.html`` needs to show a rejected file's errors."""
    return {
        "errors": exc.errors[:limit],
        "error_count": len(exc.errors),
        "hidden_errors": max(0, len(exc.errors) - limit),
    }
