"""Public input from stakeholders: submission (no login) and moderation.

An input counts only once approved: the moderator links it to competencies, optionally units and
position classes, a factor and a plan year; it then becomes weight factors with the input's text
as evidence. Rejecting it (with a reason) removes any factors it had.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.factors.services import FactorSpec, factors_replace
from bangkom.organisation.models import Instansi, Unit, Wilayah
from bangkom.regional.models import (
    InputStatus,
    PublicForm,
    PublicInput,
    RegionalSettings,
    StakeholderKind,
)
from bangkom.regional.services import guard
from bangkom.regional.services.common import (
    audit_public,
    check_competencies,
    check_factor,
    check_position_classes,
    check_units,
    wilayah_in_instansi,
    wilayah_label,
)
from bangkom.regional.services.rules import check_plan_year

SOURCE = FactorSource.STAKEHOLDER.value
MIN_TEXT, MAX_TEXT = 20, 4000
_PHONE = re.compile(r"\+?[0-9 ()\-]{6,30}")


@dataclass(frozen=True)
class PublicInputData:
    kategori: str
    topik: str
    isi: str
    wilayah: Wilayah | None = None
    nama: str = ""
    organisasi: str = ""
    email: str = ""
    telepon: str = ""


def form_key(instansi: Instansi) -> str:
    return f"{PublicForm.INPUT}:{instansi.pk}"


def _clean(instansi: Instansi, data: PublicInputData) -> dict[str, Any]:
    errors: dict[str, str] = {}
    topik = " ".join(data.topik.split())
    isi = data.isi.strip()
    email = data.email.strip()
    telepon = " ".join(data.telepon.split())
    if data.kategori not in StakeholderKind.values:
        errors["kategori"] = _("Pilih kategori pemberi masukan.")
    if len(topik) < 5 or len(topik) > 200:
        errors["topik"] = _("Topik 5 sampai 200 huruf.")
    if len(isi) < MIN_TEXT or len(isi) > MAX_TEXT:
        errors["isi"] = _("Masukan %(min)d sampai %(max)d huruf.") % {
            "min": MIN_TEXT,
            "max": MAX_TEXT,
        }
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Alamat email tidak valid.")
    if telepon and not _PHONE.fullmatch(telepon):
        errors["telepon"] = _("Nomor telepon hanya berisi angka, spasi, tanda + atau -.")
    if data.wilayah is not None and not wilayah_in_instansi(instansi, data.wilayah):
        errors["wilayah"] = _("Wilayah berada di luar wilayah instansi ini.")
    if errors:
        raise ServiceError(errors)
    return {
        "kategori": data.kategori,
        "topik": topik,
        "isi": isi,
        "wilayah": data.wilayah,
        "nama": " ".join(data.nama.split())[:150],
        "organisasi": " ".join(data.organisasi.split())[:200],
        "email": email,
        "telepon": telepon,
    }


def _content_hash(instansi: Instansi, fields: dict[str, Any]) -> str:
    text = "\x1f".join(
        [
            str(instansi.pk),
            fields["kategori"],
            fields["topik"].casefold(),
            " ".join(fields["isi"].split()).casefold(),
            fields["email"].casefold(),
            fields["telepon"],
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


def public_input_submit(
    *,
    instansi: Instansi,
    data: PublicInputData,
    address: str,
    token: str,
    answer: str,
    honeypot: str,
    now: datetime | None = None,
) -> PublicInput:
    """Receive an input from the public (pending moderation).

    Raises :class:`ServiceError` for bad fields and :class:`guard.PublicRefused` (or
    :class:`guard.RateLimited`) for spam checks, limits and duplicates; nothing is saved then.
    """
    moment = now or timezone.now()
    ip_hash = guard.address_hash(address)
    target = str(instansi.pk)
    with guard.counted_attempt(form=PublicForm.INPUT, target=target, ip_hash=ip_hash, now=moment):
        guard.check_limits(form=PublicForm.INPUT, target=target, ip_hash=ip_hash, now=moment)
        item = _receive(
            instansi=instansi,
            fields=_clean(instansi, data),
            nonce=guard.challenge_check(
                form_key=form_key(instansi),
                token=token,
                answer=answer,
                honeypot=honeypot,
                now=moment,
            ),
            ip_hash=ip_hash,
            moment=moment,
        )
    return item


def _receive(
    *, instansi: Instansi, fields: dict[str, Any], nonce: str, ip_hash: str, moment: datetime
) -> PublicInput:
    content_hash = _content_hash(instansi, fields)
    try:
        with transaction.atomic():
            settings = (
                RegionalSettings.objects.select_for_update().filter(instansi=instansi).first()
            )
            if settings is None or not settings.public_input_open:
                raise guard.PublicRefused(
                    _("Formulir masukan instansi ini sedang ditutup."), code="closed"
                )
            guard.admit(
                form=PublicForm.INPUT,
                target=str(instansi.pk),
                ip_hash=ip_hash,
                nonce=nonce,
                now=moment,
            )
            if PublicInput.objects.filter(
                instansi=instansi,
                content_hash=content_hash,
                created_at__gte=moment - guard.WINDOW,
            ).exists():
                raise guard.PublicRefused(
                    _("Masukan yang sama sudah kami terima dalam satu jam terakhir. Terima kasih."),
                    code="duplicate",
                )
            item = PublicInput.objects.create(
                instansi=instansi, content_hash=content_hash, created_at=moment, **fields
            )
            audit_public(
                action="public_input.submit",
                target=item,
                instansi=instansi,
                # contact details stay out of the audit trail
                after={
                    "kategori": item.kategori,
                    "topik": item.topik,
                    "wilayah": item.wilayah_id,
                },
            )
    except IntegrityError:
        raise guard.PublicRefused(
            _("Formulir ini sudah terkirim. Muat ulang halaman untuk mengisi yang baru."),
            code="replay",
        ) from None
    return item


# ----------------------------------------------------------------------------- moderation


def input_specs(
    item: PublicInput,
    *,
    competencies: Sequence[Competency],
    units: Sequence[Unit],
    position_classes: Sequence[str],
    position_keyword: str,
    factor: Decimal,
    moderator: str,
) -> list[FactorSpec]:
    title = _("Masukan %(kind)s: %(topic)s") % {
        "kind": str(item.get_kategori_display()).lower(),
        "topic": item.topik,
    }
    evidence_base = {
        "masukan": item.isi,
        "topik": item.topik,
        "kategori": str(item.get_kategori_display()),
        "diterima": item.created_at.date().isoformat(),
        "disetujui_oleh": moderator,
    }
    if item.organisasi:
        evidence_base["organisasi"] = item.organisasi
    if item.wilayah is not None:
        evidence_base["wilayah"] = wilayah_label(item.wilayah)
    specs = []
    targets: list[Unit | None] = [*units] or [None]
    for unit in targets:
        evidence = {
            **evidence_base,
            "unit": unit.nama if unit is not None else item.instansi.nama,
        }
        for competency in competencies:
            specs.append(
                FactorSpec(
                    competency=competency,
                    factor=factor,
                    title=title,
                    evidence=evidence,
                    unit=unit,
                    position_classes=tuple(position_classes),
                    position_keyword=position_keyword,
                )
            )
    return specs


def _moderator_name(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "sistem"
    return str(user.get_username())


def _clear_other_years(item: PublicInput, keep: int | None, acting_user: Any) -> None:
    """Remove the input's factors of every plan year but ``keep`` (all when ``None``)."""
    factors = WeightFactor.objects.filter(instansi=item.instansi, source_key=item.source_key)
    if keep is not None:
        factors = factors.exclude(tahun=keep)
    years = set(factors.values_list("tahun", flat=True))
    for tahun in sorted(years):
        factors_replace(
            instansi=item.instansi,
            tahun=tahun,
            source=SOURCE,
            source_key=item.source_key,
            specs=[],
            acting_user=acting_user,
        )


def input_approve(
    *,
    item: PublicInput,
    tahun: int,
    competencies: Sequence[Competency],
    factor: Decimal,
    units: Sequence[Unit] = (),
    position_classes: Sequence[str] = (),
    position_keyword: str = "",
    acting_user: Any,
) -> PublicInput:
    """Approve an input: it becomes weight factors for plan year ``tahun``."""
    instansi = item.instansi
    check_plan_year(tahun)
    chosen_competencies = check_competencies(instansi, competencies)
    chosen_units = check_units(instansi, units)
    classes = check_position_classes(position_classes)
    factor = check_factor(factor)
    with transaction.atomic():
        item = (
            PublicInput.objects.select_for_update(of=("self",))
            .select_related("instansi", "wilayah")
            .get(pk=item.pk)
        )
        before = {
            "status": item.status,
            "tahun": item.tahun,
            "factor": str(item.factor) if item.factor is not None else None,
        }
        _clear_other_years(item, tahun, acting_user)
        specs = input_specs(
            item,
            competencies=chosen_competencies,
            units=chosen_units,
            position_classes=classes,
            position_keyword=position_keyword.strip(),
            factor=factor,
            moderator=_moderator_name(acting_user),
        )
        factors_replace(
            instansi=instansi,
            tahun=tahun,
            source=SOURCE,
            source_key=item.source_key,
            specs=specs,
            acting_user=acting_user,
        )
        item.status = InputStatus.APPROVED
        item.tahun = tahun
        item.factor = factor
        item.position_classes = classes
        item.position_keyword = position_keyword.strip()
        item.alasan_penolakan = ""
        item.moderated_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
        item.moderated_at = timezone.now()
        item.save()
        item.competencies.set(chosen_competencies)
        item.units.set(chosen_units)
        audit_event(
            actor=acting_user,
            action="public_input.approve",
            target=item,
            instansi=instansi,
            before=before,
            after={
                "status": item.status,
                "tahun": tahun,
                "factor": str(factor),
                "competencies": [c.kode for c in chosen_competencies],
                "units": [u.pk for u in chosen_units],
            },
        )
    return item


def input_reject(*, item: PublicInput, reason: str, acting_user: Any) -> PublicInput:
    """Reject an input with a reason; an approved input loses its factors."""
    reason = reason.strip()
    if len(reason) < 5:
        raise ServiceError({"alasan": _("Tulis alasan penolakan (paling sedikit 5 huruf).")})
    with transaction.atomic():
        item = (
            PublicInput.objects.select_for_update(of=("self",))
            .select_related("instansi")
            .get(pk=item.pk)
        )
        before = {"status": item.status, "tahun": item.tahun}
        _clear_other_years(item, None, acting_user)
        item.status = InputStatus.REJECTED
        item.alasan_penolakan = reason[:2000]
        item.moderated_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
        item.moderated_at = timezone.now()
        item.save()
        audit_event(
            actor=acting_user,
            action="public_input.reject",
            target=item,
            instansi=item.instansi,
            before=before,
            after={"status": item.status, "tahun": item.tahun},
            note=reason[:500],
        )
    return item
