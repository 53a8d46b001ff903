"""Log in with a username or with an 18-digit NIP."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest

from bangkom.accounts.models import User

_NIP_SEPARATORS = re.compile(r"[\s.\-]")


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
        digits = _NIP_SEPARATORS.sub("", username)
        query = Q(username__iexact=username.strip())
        if digits.isdigit() and len(digits) == 18:
            query |= Q(employee__nip=digits)
        user = User.objects.filter(query).order_by("id").first()
        if user is None:
            # Spend the same time as a real check so that timing does not reveal usernames.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
