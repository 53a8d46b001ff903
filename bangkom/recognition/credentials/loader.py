"""A pyld document loader that serves only the shipped contexts: verification never goes online."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

CONTEXT_FILES = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3: "ob-v3p0-context-3.0.3.json",
}


class UnknownDocumentError(Exception):
    """A JSON-LD document was asked for that is not shipped with Bangkom."""


@cache
def _load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _load("ob-v3p0-achievementcredential.schema.json")
    return schema


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    name = CONTEXT_FILES.get(url)
    if name is None:
        raise UnknownDocumentError(f"refusing to load {url!r}: only shipped contexts are served")
    return {"contextUrl": None, "documentUrl": url, "document": _load(name)}
