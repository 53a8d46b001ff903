"""Writes on users, roles and API tokens; each is atomic and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.accounts.models import ApiToken, Role, RoleAssignment, User
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Employee, Instansi, Unit, Wilayah


def user_create(
    *,
    username: str,
    password: str | None,
    nama: str = "",
    email: str = "",
    employee: Employee | None = None,
    acting_user: Any,
) -> User:
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError({"username": _("Nama pengguna %s sudah dipakai.") % username})
    if employee is not None and User.objects.filter(employee=employee).exists():
        raise ServiceError({"employee": _("Pegawai ini sudah memiliki akun.")})
    with transaction.atomic():
        user = User(
            username=username,
            nama=nama or (employee.display_name if employee else ""),
            email=email,
            employee=employee,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        audit_event(
            actor=acting_user,
            action="user.create",
            target=user,
            instansi=employee.instansi if employee else None,
            after=snapshot(user, ["username", "nama", "email", "employee", "is_active"]),
        )
    return user


def role_assign(
    *,
    user: User,
    role: str,
    instansi: Instansi | None = None,
    unit: Unit | None = None,
    region: Wilayah | None = None,
    acting_user: Any,
) -> RoleAssignment:
    """Give ``user`` a role with its scope (see :class:`RoleAssignment`)."""
    if role == Role.OPD_ADMIN:
        if unit is None:
            raise ServiceError({"unit": _("Admin OPD harus ditautkan ke satu unit.")})
        instansi = unit.instansi
    elif role in (Role.BKPSDM_ADMIN, Role.PIMPINAN, Role.MITRA):
        if instansi is None:
            raise ServiceError({"instansi": _("Peran ini harus ditautkan ke satu instansi.")})
        unit = None
    elif role == Role.SUPERADMIN:
        instansi = unit = None
    else:
        raise ServiceError({"role": _("Peran tidak dikenal: %s") % role})
    with transaction.atomic():
        assignment, _created = RoleAssignment.objects.get_or_create(
            user=user,
            role=role,
            instansi=instansi,
            unit=unit,
            region=region if role == Role.SUPERADMIN else None,
        )
        audit_event(
            actor=acting_user,
            action="role.assign",
            target=user,
            instansi=instansi,
            after={
                "role": role,
                "instansi": getattr(instansi, "pk", None),
                "unit": getattr(unit, "pk", None),
                "region": getattr(region, "pk", None),
            },
        )
    return assignment


def api_token_create(*, user: User, name: str, acting_user: Any) -> tuple[ApiToken, str]:
    """A new token; the raw key is returned once and never stored."""
    if not name.strip():
        raise ServiceError({"name": _("Beri nama token, misalnya “integrasi SIASN”.")})
    raw = ApiToken.new_raw_key()
    with transaction.atomic():
        token = ApiToken(user=user, name=name.strip())
        token.set_key(raw)
        token.save()
        audit_event(
            actor=acting_user,
            action="api_token.create",
            target=token,
            after={"name": token.name, "prefix": token.prefix},
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, acting_user: Any) -> None:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_event(
            actor=acting_user,
            action="api_token.revoke",
            target=token,
            after={"revoked_at": token.revoked_at.isoformat()},
        )


def password_set(*, user: User, password: str, acting_user: Any, how: str) -> None:
    """Give ``user`` a new password (already validated by the form); ``how`` is "change" when
    the user typed the old one, "reset" when they followed an e-mailed link. The audit row says
    how, never the password."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_event(
            actor=acting_user,
            actor_label="" if acting_user else user.get_username(),
            action="user.password_set",
            target=user,
            instansi=user.employee.instansi if user.employee else None,
            note=how,
        )
