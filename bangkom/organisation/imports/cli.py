"""What the ``import-employees`` and ``import-positions`` commands share: finding the instansi
and the acting user, reading the file, and printing the outcome."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bangkom.core.imports.report import CellError, ImportRejected, ImportSummary
from bangkom.organisation.models import Instansi

REJECTED = 2  # exit status of a refused file or a refused user


def add_common_arguments(parser: Any) -> None:
    parser.add_argument("file", help=_("berkas CSV atau XLSX"))
    parser.add_argument(
        "--instansi",
        required=True,
        metavar="KODE_WILAYAH",
        help=_("kode wilayah Kemendagri instansi, misalnya 53.71"),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=_("periksa saja; tidak ada yang disimpan")
    )
    parser.add_argument(
        "--user",
        metavar="USERNAME",
        help=_("pengguna yang bertindak (harus admin instansi); tanpa ini: sistem"),
    )


def instansi_by_code(code: str) -> Instansi:
    instansi = Instansi.objects.select_related("wilayah").filter(wilayah_id=code.strip()).first()
    if instansi is None:
        raise CommandError(
            _("Instansi dengan kode wilayah %s tidak ditemukan.") % code, returncode=REJECTED
        )
    return instansi


def acting_user(username: str | None) -> Any:
    """The named active user, or ``None`` for the system (audit rows then say "sistem")."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(
            _("Pengguna %s tidak ditemukan atau tidak aktif.") % username, returncode=REJECTED
        )
    return user


def error_table(errors: list[CellError]) -> str:
    """The errors as a plain-text table: sheet (when any), row, column, value, message."""
    with_sheet = any(e.sheet for e in errors)
    head = [_("Baris"), _("Kolom"), _("Nilai"), _("Pesan")]
    if with_sheet:
        head.insert(0, _("Sheet"))
    lines = []
    for error in errors:
        value = error.value if len(error.value) <= 30 else error.value[:29] + "…"
        cells = ["" if error.row is None else str(error.row), error.column, value, error.message]
        if with_sheet:
            cells.insert(0, error.sheet)
        lines.append(cells)
    widths = [max(len(r[i]) for r in [head, *lines]) for i in range(len(head) - 1)]

    def fmt(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + "  " + cells[-1]

    return "\n".join([fmt(head), *(fmt(cells) for cells in lines)])


def run_import(
    command: BaseCommand, options: dict[str, Any], run: Callable[..., ImportSummary]
) -> None:
    """Read the file, run the import and print its summary, or its errors and fail with
    :data:`REJECTED` (no traceback)."""
    instansi = instansi_by_code(options["instansi"])
    user = acting_user(options.get("user"))
    path = Path(options["file"])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(
            _("Berkas %(path)s tidak dapat dibaca: %(error)s")
            % {"path": path, "error": exc.strerror or exc},
            returncode=REJECTED,
        ) from exc
    try:
        summary = run(
            data=data,
            filename=path.name,
            instansi=instansi,
            acting_user=user,
            dry_run=options["dry_run"],
        )
    except PermissionDenied as exc:
        raise CommandError(str(exc), returncode=REJECTED) from exc
    except ImportRejected as exc:
        command.stderr.write(error_table(exc.errors))
        raise CommandError(str(exc), returncode=REJECTED) from exc
    command.stdout.write(str(summary))
