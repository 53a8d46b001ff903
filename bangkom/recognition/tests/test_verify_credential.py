"""``bangkom verify-credential FILE.json``: says valid or why not, in Indonesian; exit 0 only
when valid, 1 when not, 2 for a file that is not JSON."""

from __future__ import annotations

import json

import pytest

from bangkom.manage import main
from bangkom.recognition import status
from bangkom.recognition.credentials.statuslist import StatusList

from . import credential_fixtures as fx

ISSUER_KEY_ARG = f"--issuer-key={fx.ISSUER_ID}={fx.ISSUER_MULTIKEY}"


@pytest.fixture
def served_lists(monkeypatch):
    """The status lists this installation serves, as the lead will connect them."""
    lists: dict[str, StatusList] = {fx.STATUS_LIST_URL: StatusList()}

    def local_status_list(url: str) -> str | None:
        return lists[url].encode() if url in lists else None

    monkeypatch.setattr(status, "local_status_list", local_status_list)
    return lists


def _run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        main(["bangkom", "verify-credential", *args])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _write(tmp_path, document) -> str:
    path = tmp_path / "kredensial.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_valid_credential_exits_zero(tmp_path, capsys, served_lists):
    code, out, _ = _run(capsys, _write(tmp_path, fx.signed_credential()), ISSUER_KEY_ARG)
    assert code == 0
    assert out.startswith("valid: kredensial sah")


def test_revoked_credential_says_so(tmp_path, capsys, served_lists):
    served_lists[fx.STATUS_LIST_URL].set(41)
    code, out, err = _run(capsys, _write(tmp_path, fx.signed_credential()), ISSUER_KEY_ARG)
    assert code == 1
    assert "kredensial telah dicabut oleh penerbitnya [revoked]" in out
    assert "Kredensial tidak valid." in err


def test_status_list_not_found_locally_is_not_valid(tmp_path, capsys):
    code, out, _ = _run(capsys, _write(tmp_path, fx.signed_credential()), ISSUER_KEY_ARG)
    assert code == 1
    assert "[status_unavailable]" in out
    assert "tidak ditemukan secara lokal" in out


def test_altered_credential_names_the_signature(tmp_path, capsys, served_lists):
    signed = fx.signed_credential()
    signed["credentialSubject"]["achievement"]["creditsAvailable"] = 64
    code, out, _ = _run(capsys, _write(tmp_path, signed), ISSUER_KEY_ARG)
    assert code == 1
    assert "tanda tangan tidak cocok" in out and "[bad_signature]" in out


def test_key_the_issuer_does_not_publish_is_unknown(tmp_path, capsys, served_lists):
    code, out, _ = _run(capsys, _write(tmp_path, fx.signed_credential()))
    assert code == 1
    assert "[unknown_key]" in out


def test_schema_problems_are_listed(tmp_path, capsys, served_lists):
    signed = fx.signed_credential()
    signed["proof"] = signed["proof"][0]
    code, out, _ = _run(capsys, _write(tmp_path, signed), ISSUER_KEY_ARG)
    assert code == 1
    assert "[schema_invalid]" in out and "type:/proof" in out


@pytest.mark.parametrize("text", ['{"@context": [', "", "[1, 2]"])
def test_malformed_json_exits_two(tmp_path, capsys, text):
    path = tmp_path / "rusak.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = _run(capsys, str(path))
    assert code == 2
    assert out == ""
    assert ("bukan JSON yang sah" in err) or ("harus satu objek JSON" in err)


def test_missing_file_exits_two(tmp_path, capsys):
    code, _, err = _run(capsys, str(tmp_path / "tidak-ada.json"))
    assert code == 2
    assert "tidak dapat dibaca" in err


def test_malformed_issuer_key_exits_two(tmp_path, capsys):
    code, _, err = _run(capsys, _write(tmp_path, fx.signed_credential()), "--issuer-key=abc")
    assert code == 2
    assert "--issuer-key" in err
