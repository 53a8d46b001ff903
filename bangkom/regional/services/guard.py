"""Keeping the public forms usable by people and costly for robots, without outside services.

A rendered form carries a signed token with the time it was issued, a one-time nonce and a keyed
hash of the answer to a small sum written in words ("Berapa tiga ditambah lima?"). A submission
is refused when:

- the honeypot field, hidden from people, is filled in;
- it comes sooner than ``REGIONAL_PUBLIC_MIN_SECONDS`` (default 5) after the form was issued,
  or later than two hours;
- the answer to the sum is wrong;
- the same token was already used for an accepted submission (the database refuses it);
- its address already sent ``REGIONAL_PUBLIC_LIMIT_PER_HOUR`` (default 5) accepted submissions
  to the same form in the last hour, or ``REGIONAL_PUBLIC_ATTEMPTS_PER_HOUR`` (default 30)
  submissions of any kind to any public form. Every submission counts, refused ones included
  (a refusal at the limit too), so an address that keeps posting stays refused.

Attempts are kept in the database (:class:`PublicAttempt`) for a day, with the address only as a
keyed hash. The address is ``REMOTE_ADDR``: a deployment behind a reverse proxy must make the
proxy set it (it is not read from ``X-Forwarded-For``, which any client can write).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.core.errors import ServiceError
from bangkom.regional.models import PublicAttempt

SALT = "bangkom.regional.public-form"
MAX_AGE = timedelta(hours=2)
WINDOW = timedelta(hours=1)
KEEP = timedelta(days=1)
NUMBER_WORDS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)


def min_seconds() -> float:
    return float(getattr(settings, "REGIONAL_PUBLIC_MIN_SECONDS", 5))


def limit_per_hour() -> int:
    return int(getattr(settings, "REGIONAL_PUBLIC_LIMIT_PER_HOUR", 5))


def attempts_per_hour() -> int:
    return int(getattr(settings, "REGIONAL_PUBLIC_ATTEMPTS_PER_HOUR", 30))


class PublicRefused(Exception):
    """A public submission refused before anything was saved; ``message`` is for the citizen."""

    status = 400

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class RateLimited(PublicRefused):
    status = 429


@dataclass(frozen=True)
class Challenge:
    token: str
    question: str
    answer: int  # never rendered; tests use it to fill the form as a person would


def _mac(text: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def address_hash(address: str) -> str:
    """The client address as a keyed hash: comparable, not reversible without the secret."""
    return _mac(f"ip:{address or 'unknown'}")[:32]


def challenge_issue(form_key: str, *, now: datetime | None = None) -> Challenge:
    issued = now or timezone.now()
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    nonce = secrets.token_hex(16)
    answer = first + second
    token = signing.dumps(
        {
            "f": form_key,
            "t": issued.timestamp(),
            "n": nonce,
            "h": _mac(f"answer:{nonce}:{answer}")[:20],
        },
        salt=SALT,
    )
    question = _("Berapa %(first)s ditambah %(second)s?") % {
        "first": NUMBER_WORDS[first],
        "second": NUMBER_WORDS[second],
    }
    return Challenge(token=token, question=question, answer=answer)


def challenge_check(
    *, form_key: str, token: str, answer: str, honeypot: str, now: datetime | None = None
) -> str:
    """The nonce of a form that passes the honeypot, timing and challenge checks; otherwise
    :class:`PublicRefused` with a message for the citizen."""
    if (honeypot or "").strip():
        raise PublicRefused(_("Kiriman tidak dapat diterima."), code="honeypot")
    try:
        payload = signing.loads(token or "", salt=SALT)
        issued = float(payload["t"])
        nonce = str(payload["n"])
        expected = str(payload["h"])
        if payload["f"] != form_key:
            raise ValueError("token of another form")
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise PublicRefused(
            _("Formulir tidak sah atau rusak. Muat ulang halaman lalu isi kembali."),
            code="token",
        ) from None
    elapsed = (now or timezone.now()).timestamp() - issued
    if elapsed < min_seconds():
        raise PublicRefused(
            _(
                "Formulir dikirim terlalu cepat. Periksa kembali isian Anda, jawab pertanyaan "
                "pengaman, lalu kirim lagi."
            ),
            code="too_fast",
        )
    if elapsed > MAX_AGE.total_seconds():
        raise PublicRefused(
            _(
                "Formulir sudah kedaluwarsa (lebih dari 2 jam). Muat ulang halaman lalu isi "
                "kembali."
            ),
            code="expired",
        )
    text = (answer or "").strip()
    if not text.isdigit() or not hmac.compare_digest(
        _mac(f"answer:{nonce}:{int(text)}")[:20], expected
    ):
        raise PublicRefused(
            _("Jawaban pertanyaan pengaman salah. Tulis hasil penjumlahannya dengan angka."),
            code="challenge",
        )
    return nonce


def record_refusal(*, form: str, target: str, ip_hash: str, now: datetime | None = None) -> None:
    """Count a refused submission towards the address's hourly attempts."""
    PublicAttempt.objects.create(
        form=form, target=target, ip_hash=ip_hash, accepted=False, at=now or timezone.now()
    )


@contextmanager
def counted_attempt(
    *, form: str, target: str, ip_hash: str, now: datetime | None = None
) -> Iterator[None]:
    """Count a submission that ends in :class:`PublicRefused` or :class:`ServiceError` as a
    refused attempt. Use it outside the submitting transaction, whose rollback would otherwise
    take the record with it."""
    try:
        yield
    except (PublicRefused, ServiceError):
        record_refusal(form=form, target=target, ip_hash=ip_hash, now=now)
        raise


def check_limits(*, form: str, target: str, ip_hash: str, now: datetime | None = None) -> None:
    """Raise :class:`RateLimited` when the address is over a limit. Every earlier submission of
    the hour counts towards ``attempts_per_hour``, refused ones included."""
    moment = now or timezone.now()
    recent = PublicAttempt.objects.filter(ip_hash=ip_hash, at__gte=moment - WINDOW)
    if recent.count() >= attempts_per_hour():
        raise RateLimited(
            _(
                "Terlalu banyak percobaan dari alamat Anda dalam satu jam terakhir. Silakan coba "
                "lagi nanti."
            ),
            code="attempts",
        )
    accepted = recent.filter(form=form, target=target, accepted=True).count()
    if accepted >= limit_per_hour():
        raise RateLimited(
            _(
                "Formulir ini sudah dikirim %(count)d kali dari alamat Anda dalam satu jam "
                "terakhir (batas %(limit)d). Silakan coba lagi nanti."
            )
            % {"count": accepted, "limit": limit_per_hour()},
            code="rate_limit",
        )


def admit(
    *, form: str, target: str, ip_hash: str, nonce: str, now: datetime | None = None
) -> PublicAttempt:
    """Record an accepted submission, or raise :class:`RateLimited`/:class:`PublicRefused`.

    Call inside the submitting transaction, after locking the form's settings row, so that two
    simultaneous submissions cannot both slip under the limit. A refusal rolls that transaction
    back: the caller records it with :func:`record_refusal` afterwards, so that it still counts.
    """
    moment = now or timezone.now()
    PublicAttempt.objects.filter(at__lt=moment - KEEP).delete()
    check_limits(form=form, target=target, ip_hash=ip_hash, now=moment)
    if PublicAttempt.objects.filter(nonce=nonce, accepted=True).exists():
        raise PublicRefused(
            _("Formulir ini sudah terkirim. Muat ulang halaman untuk mengisi yang baru."),
            code="replay",
        )
    return PublicAttempt.objects.create(
        form=form, target=target, ip_hash=ip_hash, nonce=nonce, accepted=True, at=moment
    )
