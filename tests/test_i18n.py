"""The English catalogue (bangkom/locale/en): complete, compiled, placeholder-safe, and in use.

The UI is written in Bahasa Indonesia; English comes from ``bangkom/locale/en/LC_MESSAGES``.
After ``makemessages -l en`` adds strings, translate them, then ``compilemessages -l en`` and
commit both the ``.po`` and the ``.mo`` (the product runs without GNU gettext installed).
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from bangkom.testing.world import World

LC_MESSAGES = Path(__file__).resolve().parent.parent / "bangkom" / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"

# Entries that may stay untranslated (msgctxt, msgid). Keep it empty unless truly needed, and say
# why next to each entry.
UNTRANSLATED_ALLOWED: frozenset[tuple[str | None, str]] = frozenset()


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def translations(self) -> list[tuple[str, str]]:
        """(source, translation) pairs: msgstr[0] goes with msgid, the others with msgid_plural."""
        if self.msgid_plural is None:
            return [(self.msgid, self.msgstr)]
        return [
            (self.msgid if n == 0 else self.msgid_plural, text)
            for n, text in sorted(self.msgstr_plural.items())
        ]


def _unquote(token: str) -> str:
    # PO strings use C escapes, which a Python string literal reads the same way for the
    # escapes gettext writes (\\ \" \n \t); other characters are UTF-8 text.
    return ast.literal_eval(token)


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader (no third-party dependency); skips obsolete ``#~`` entries."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int | None] | None = None
    started = False

    def flush() -> None:
        nonlocal current, started, target
        if started:
            entries.append(current)
        current, started, target = Entry(), False, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if target is None:
                raise AssertionError(f"{path.name}:{number}: continuation without keyword")
            text = _unquote(line)
        else:
            text = _unquote(rest)
            if keyword in ("msgctxt", "msgid") and started and target and target[0] == "msgstr":
                flush()
            started = True
            current.line = current.line or number
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if match:
                target = ("msgstr", int(match.group(1)))
                current.msgstr_plural[target[1]] = ""
            elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
                target = (keyword, None)
                setattr(current, keyword, "")
            else:
                raise AssertionError(f"{path.name}:{number}: unknown keyword {keyword!r}")
        name, index = target
        if index is not None:
            current.msgstr_plural[index] += text
        else:
            setattr(current, name, (getattr(current, name) or "") + text)
    flush()
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return [entry for entry in parse_po(PO_PATH) if entry.msgid]


def expected_catalog(po_entries: list[Entry]) -> dict[object, str]:
    """What msgfmt writes for the .po: translated, non-fuzzy entries, as GNUTranslations keys."""
    catalog: dict[object, str] = {}
    for entry in po_entries:
        if entry.fuzzy:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            if entry.msgstr:
                catalog[key] = entry.msgstr
        elif all(entry.msgstr_plural.values()):
            for n, text in entry.msgstr_plural.items():
                catalog[(key, n)] = text
    return catalog


def load_mo(path: Path) -> gettext.GNUTranslations:
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def test_po_parses_with_a_sensible_number_of_entries(entries: list[Entry]) -> None:
    assert len(entries) > 1000
    header = parse_po(PO_PATH)[0]
    assert header.msgid == ""
    assert "Language: en" in header.msgstr
    assert "charset=UTF-8" in header.msgstr
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr
    assert not header.fuzzy, "the header is marked fuzzy: msgfmt would ignore it"


def test_compiled_catalogue_matches_po(entries: list[Entry]) -> None:
    """django.mo holds exactly the translations of django.po (run compilemessages if not)."""
    compiled = load_mo(MO_PATH)
    catalog = {key: value for key, value in compiled._catalog.items() if key != ""}  # type: ignore[attr-defined]
    expected = expected_catalog(entries)
    missing = sorted(str(key) for key in expected.keys() - catalog.keys())
    stale = sorted(str(key) for key in catalog.keys() - expected.keys())
    changed = sorted(
        str(key) for key in expected.keys() & catalog.keys() if expected[key] != catalog[key]
    )
    assert not (missing or stale or changed), (
        "django.mo is out of date with django.po; run "
        "`cd bangkom && ../.venv/bin/bangkom compilemessages -l en`. "
        f"Missing: {missing[:5]}, stale: {stale[:5]}, changed: {changed[:5]}"
    )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) not installed")
def test_msgfmt_accepts_po_and_agrees_with_committed_mo(tmp_path: Path) -> None:
    """msgfmt --check-format (as compilemessages runs it) accepts the .po; same catalogue as .mo."""
    out = tmp_path / "django.mo"
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(out), str(PO_PATH)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert load_mo(out)._catalog == load_mo(MO_PATH)._catalog  # type: ignore[attr-defined]


def test_every_entry_is_translated(entries: list[Entry]) -> None:
    """No empty msgstr, and no fuzzy entry left unreviewed (msgfmt would skip it)."""
    untranslated = [
        f"line {entry.line}: {entry.msgid!r}"
        for entry in entries
        if (entry.msgctxt, entry.msgid) not in UNTRANSLATED_ALLOWED
        and (entry.fuzzy or not all(text for _, text in entry.translations()))
    ]
    assert not untranslated, f"{len(untranslated)} untranslated or fuzzy: {untranslated[:10]}"


def test_plural_entries_have_both_forms(entries: list[Entry]) -> None:
    plural = [entry for entry in entries if entry.msgid_plural is not None]
    assert plural
    for entry in plural:
        assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid


NAMED = re.compile(r"%\([^)]+\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL = re.compile(r"%[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|&[a-zA-Z]+;|&#\d+;")


def placeholders(text: str, python_format: bool) -> Counter[str]:
    found = Counter(NAMED.findall(text))
    if python_format:
        found.update(POSITIONAL.findall(NAMED.sub("", text)))
    found.update(MARKUP.findall(text))
    return found


def test_placeholders_and_markup_match(entries: list[Entry]) -> None:
    mismatched = []
    for entry in entries:
        python_format = "python-format" in entry.flags
        for source, text in entry.translations():
            if text and placeholders(source, python_format) != placeholders(text, python_format):
                mismatched.append(f"line {entry.line}: {source!r} -> {text!r}")
    assert not mismatched, "\n".join(mismatched[:20])


def test_leading_and_trailing_spaces_are_kept(entries: list[Entry]) -> None:
    """Fragments such as " atau " are joined to other text; their spaces must survive."""
    wrong = [
        f"line {entry.line}: {source!r} -> {text!r}"
        for entry in entries
        for source, text in entry.translations()
        if text
        and (source[:1].isspace(), source[-1:].isspace())
        != (text[:1].isspace(), text[-1:].isspace())
    ]
    assert not wrong, wrong


def test_msgids_have_no_undecoded_python_escapes(entries: list[Entry]) -> None:
    """xgettext copies \\u201c escapes literally, so such a msgid never matches at run time:
    sources write “ ” as characters."""
    escaped = [entry.msgid for entry in entries if re.search(r"\\[uUN]", entry.msgid)]
    assert not escaped, escaped


@pytest.mark.django_db
def test_home_page_in_english_after_switching_language(client, world: World) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("employee"))
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"

    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Welcome, " in page
    assert "Selamat datang" not in page
    assert "Log out" in page
    assert "Keluar" not in page


@pytest.mark.django_db
def test_home_page_is_indonesian_by_default(client, world: World) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("employee"))
    page = client.get("/").content.decode()
    assert '<html lang="id">' in page
    assert "Selamat datang" in page
    assert "Welcome" not in page


@pytest.mark.django_db
def test_switching_back_to_indonesian(client, world: World) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("bkpsdm"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Welcome, " in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    page = client.get("/").content.decode()
    assert "Selamat datang" in page
    assert "Welcome" not in page
