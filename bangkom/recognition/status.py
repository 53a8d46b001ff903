"""Where this installation finds the Bitstring status lists its credentials point at.

Verification never goes online, so a status list is only ever looked up locally: the lists this
installation serves itself (``recognition.models.StatusList``, served at
``/status/<kode>/<year>/``). Any other list is not found, and a credential pointing at it
verifies with the reason `status_unavailable`."""

from __future__ import annotations

from bangkom.recognition.addresses import parse_status_list_url
from bangkom.recognition.models import StatusList


def local_status_list(url: str) -> str | None:
    """The `encodedList` (multibase base64url, GZIP) of the status list credential at `url`, if
    this installation serves it; None otherwise.

    The caller trusts the answer as is: return only lists this installation issued itself."""
    found = parse_status_list_url(url)
    if found is None:
        return None
    kode, year = found
    return (
        StatusList.objects.filter(instansi__wilayah_id=kode, year=year)
        .values_list("encoded_list", flat=True)
        .first()
    )
