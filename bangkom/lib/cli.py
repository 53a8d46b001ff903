"""What the pure cores' command lines share: an argument parser that speaks Indonesian and never
exits the process, argument types with bounds, reading the input file, and the exit codes.

Each command is ``command(argv, stdout, stderr) -> exit code``; :func:`dispatch` runs one by
name and turns a :class:`UsageError` into "Kesalahan: …" on stderr with exit code 2. The Django
management commands wrap these through ``bangkom.core.commands.CliCommand``. Framework-free, so
the messages are Indonesian text rather than gettext strings.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NoReturn, TextIO

EXIT_OK = 0
EXIT_MALFORMED = 2

Command = Callable[[list[str], TextIO, TextIO], int]


class UsageError(Exception):
    """The arguments or the input file cannot be used; the message says why, in Indonesian."""


class ArgumentParser(argparse.ArgumentParser):
    """An argument parser that reports in Indonesian and never exits the process."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"argumen tidak valid: {message}")

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", "penggunaan: ", 1)


def positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} bukan angka") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("harus lebih dari 0")
    return value


def read_text(path: Path, *, hint: str = "") -> str:
    """The file as UTF-8 text (a byte-order mark is tolerated), or a UsageError saying why not;
    ``hint`` is added when the file is not UTF-8 (e.g. how to save it from a spreadsheet)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"berkas {path} tidak ditemukan") from None
    except OSError as error:
        raise UsageError(f"berkas {path} tidak dapat dibaca ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"berkas {path} bukan teks UTF-8{'; ' + hint if hint else ''}") from None


def dispatch(
    commands: Mapping[str, Command],
    argv: list[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """``dispatch(COMMANDS, ["schedule", "x.json", "--json"])``; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if not args or args[0] not in commands:
        err.write(f"Perintah yang tersedia: {', '.join(commands)}\n")
        return EXIT_MALFORMED
    try:
        return commands[args[0]](args[1:], out, err)
    except UsageError as error:
        err.write(f"Kesalahan: {error}\n")
        return EXIT_MALFORMED
