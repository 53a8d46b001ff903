"""A pyld document loader that serves only the shipped contexts: verification never goes online."""

from __future__ import annotations

import json
from collections.abc import Mapping
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


def _remote_document(url: str, document: Any) -> dict[str, Any]:
    # No "tag": pyld then keeps the resolved context for one operation only, so a document
    # another loader served can never be reused from pyld's process-wide cache.
    return {"contextUrl": None, "documentUrl": url, "document": document}


class LocalDocumentLoader:
    """A pyld `documentLoader` serving the shipped contexts and, if given, a few extra local
    documents (URL -> parsed JSON: tests, third-party vectors using e.g. the W3C examples
    context). Anything else is refused: it never goes online."""

    def __init__(self, extra_documents: Mapping[str, Any] | None = None) -> None:
        self.extra = dict(extra_documents or {})
        self.urls = frozenset(CONTEXT_FILES) | frozenset(self.extra)

    def __call__(self, url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if url in self.extra:
            return _remote_document(url, self.extra[url])
        name = CONTEXT_FILES.get(url)
        if name is None:
            raise UnknownDocumentError(f"refusing to load {url!r}: only local contexts are served")
        return _remote_document(url, _load(name))


document_loader = LocalDocumentLoader()
