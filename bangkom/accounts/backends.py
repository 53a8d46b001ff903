"""Log in with a username or with an 18-digit NIP."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest

from bangkom.accounts.models import User

# People type NIPs with grouping spaces, dots or dashes; spreadsheets prefix an apostrophe.
_NIP_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015']")
_NIP_DIGITS = re.compile(r"[0-9]{18}")


def nip_digits(identifier: str) -> str | None:
    """The 18 ASCII digits of ``identifier`` when it is a NIP in any spelling, else ``None``."""
    digits = _NIP_SEPARATORS.sub("", identifier)
    return digits if _NIP_DIGITS.fullmatch(digits) else None


def find_login_user(identifier: str) -> User | None:
    """The account a typed login name reaches: a username in any letter case, or a NIP."""
    query = Q(username__iexact=identifier.strip())
    digits = nip_digits(identifier)
    if digits is not None:
        query |= Q(employee__nip=digits)
    return User.objects.filter(query).order_by("id").first()


class UsernameOrNipBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        user = find_login_user(username)
        if user is None:
            # Spend the same time as a real check so that timing does not reveal usernames.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
