"""Writes of the JP ledger. Each is atomic and writes its audit row in the same transaction.

There is no yearly cap per ASN: neither PP 11/2017 nor the conversion table (DOMAIN.md §5)
limits how many JP an ASN may earn in a year; 20 JP is a floor. Caps apply per activity
(the form's per-month and per-day limits) and per line (``JP_LINE_MAX``, against typing errors).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.accounts.scope import scope_for
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery.ledger.access import can_decide_claim
from bangkom.delivery.ledger.rules import months_touched
from bangkom.delivery.models import (
    JP_LINE_MAX,
    ClaimStatus,
    ExternalLearningClaim,
    JpCredit,
    JpSource,
    validate_certificate,
)
from bangkom.organisation.models import Employee
from bangkom.planning.jp import jp_for
from bangkom.planning.models import DevelopmentForm
from bangkom.planning.services.jp_table import rule_of

CREDIT_FIELDS = ("employee", "year", "date", "activity", "jp", "form", "units", "source")


def credited_jp(
    *, form: DevelopmentForm | None, units: Decimal, learning_days: int, months: int
) -> Decimal:
    """JP for ``units`` of ``form`` by the instansi's conversion table, with its caps.
    Without a form (a manual adjustment) the units are JP."""
    if form is None:
        return Decimal(units).quantize(Decimal("0.01"))
    return jp_for(rule_of(form), units=units, learning_days=learning_days, months=months)


def jp_credit(
    *,
    employee: Employee,
    year: int,
    date: date,
    activity: str,
    form: DevelopmentForm | None,
    units: Decimal,
    learning_days: int = 1,
    months: int = 1,
    source: str,
    source_key: str,
    acting_user: Any,
) -> JpCredit:
    """Credit JP to an ASN's ledger, once per ``(employee, source, source_key)``.

    Calling it again with the same key returns the existing line and writes nothing, so the
    completion of a batch, a course or an internship may be retried safely.
    """
    errors: dict[str, str] = {}
    activity = (activity or "").strip()
    source_key = (source_key or "").strip()
    if not activity:
        errors["activity"] = _("Nama kegiatan wajib diisi.")
    if source not in JpSource.values:
        errors["source"] = _("Sumber JP tidak dikenal.")
    if not source_key:
        errors["source_key"] = _("Kunci sumber wajib diisi.")
    if date.year != year:
        errors["date"] = _("Tanggal kegiatan harus jatuh pada tahun %(year)s.") % {"year": year}
    if form is not None and form.instansi_id != employee.instansi_id:
        errors["form"] = _("Bentuk pengembangan bukan milik instansi pegawai ini.")
    if learning_days < 1 or months < 1:
        errors["units"] = _("Hari belajar dan bulan paling sedikit 1.")
    try:
        units = Decimal(units)
    except (InvalidOperation, TypeError, ValueError):
        errors["units"] = _("Jumlah satuan harus berupa angka.")
        units = Decimal(0)
    if units < 0:
        errors["units"] = _("Jumlah satuan tidak boleh negatif.")
    if errors:
        raise ServiceError(errors)
    jp = credited_jp(form=form, units=units, learning_days=learning_days, months=months)
    if jp > JP_LINE_MAX:
        raise ServiceError(
            {"units": _("Satu kegiatan paling banyak %(max)s JP.") % {"max": JP_LINE_MAX}}
        )
    with transaction.atomic():
        existing = JpCredit.objects.filter(
            employee=employee, source=source, source_key=source_key
        ).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                credit = JpCredit.objects.create(
                    employee=employee,
                    year=year,
                    date=date,
                    activity=activity[:255],
                    jp=jp,
                    form=form,
                    units=units,
                    learning_days=learning_days,
                    months=months,
                    source=source,
                    source_key=source_key,
                    created_by=acting_user if getattr(acting_user, "pk", None) else None,
                )
        except IntegrityError:
            # A concurrent call with the same key won the race: its line is the credit.
            return JpCredit.objects.get(employee=employee, source=source, source_key=source_key)
        audit_event(
            actor=acting_user,
            action="delivery.jp.credit",
            target=credit,
            instansi=employee.instansi,
            after=snapshot(credit, CREDIT_FIELDS),
            note=f"{source}:{source_key}",
        )
    return credit


@dataclass(frozen=True)
class ClaimData:
    title: str
    organiser: str
    start_date: date | None
    end_date: date | None
    form: DevelopmentForm | None
    units: Decimal | None


CLAIM_FIELDS = (
    "employee",
    "title",
    "organiser",
    "start_date",
    "end_date",
    "form",
    "units",
    "status",
    "decision_reason",
    "credit",
)


def _claim_errors(
    *, employee: Employee, data: ClaimData, certificate: UploadedFile | None, today: date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not data.title.strip():
        add("title", _("Judul kegiatan wajib diisi."))
    if not data.organiser.strip():
        add("organiser", _("Penyelenggara wajib diisi."))
    if data.start_date is None:
        add("start_date", _("Tanggal mulai wajib diisi."))
    if data.end_date is None:
        add("end_date", _("Tanggal selesai wajib diisi."))
    if data.start_date and data.end_date:
        if data.end_date < data.start_date:
            add("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        if data.end_date > today:
            add("end_date", _("Kegiatan yang belum selesai belum dapat diklaim."))
    if data.form is None:
        add("form", _("Pilih bentuk pengembangan."))
    elif data.form.instansi_id != employee.instansi_id:
        add("form", _("Bentuk pengembangan bukan milik instansi Anda."))
    if data.units is None or data.units <= 0:
        add("units", _("Jumlah satuan harus lebih dari 0."))
    if certificate is None:
        add("certificate", _("Sertifikat wajib diunggah sebagai bukti kegiatan."))
    else:
        try:
            validate_certificate(certificate)
        except ValidationError as exc:
            for message in exc.messages:
                add("certificate", message)
    return errors


def claim_submit(
    *,
    employee: Employee,
    data: ClaimData,
    certificate: UploadedFile | None,
    acting_user: Any,
    today: date | None = None,
) -> ExternalLearningClaim:
    """An ASN claims external learning with its certificate (required) for the OPD admin."""
    if scope_for(acting_user).employee_id != employee.pk:
        raise PermissionDenied(_("Klaim hanya dapat diajukan oleh ASN yang bersangkutan."))
    today = today or timezone.localdate()
    errors = _claim_errors(employee=employee, data=data, certificate=certificate, today=today)
    if errors:
        raise ServiceError(errors)
    assert data.form is not None and data.units is not None  # checked above
    assert data.start_date is not None and data.end_date is not None
    with transaction.atomic():
        claim = ExternalLearningClaim(
            employee=employee,
            title=data.title.strip(),
            organiser=data.organiser.strip(),
            start_date=data.start_date,
            end_date=data.end_date,
            form=data.form,
            units=data.units,
        )
        # The file is written by the storage on save; a failed transaction leaves an orphan
        # file under private/, never a claim without its file.
        claim.certificate.save(certificate.name, certificate, save=False)  # type: ignore[union-attr]
        claim.save()
        audit_event(
            actor=acting_user,
            action="delivery.claim.submit",
            target=claim,
            instansi=employee.instansi,
            after=snapshot(claim, CLAIM_FIELDS),
        )
    return claim


def claim_decide(
    *, claim: ExternalLearningClaim, approve: bool, reason: str, acting_user: Any
) -> ExternalLearningClaim:
    """Approve (crediting JP by the form's rule, exactly once) or decline (a reason required)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        claim = (
            ExternalLearningClaim.objects.select_for_update(of=("self",))
            .select_related("employee__unit", "employee__instansi", "form")
            .get(pk=claim.pk)
        )
        if not can_decide_claim(acting_user, claim):
            raise PermissionDenied(_("Anda tidak berwenang memutuskan klaim ini."))
        if claim.status != ClaimStatus.SUBMITTED:
            raise ServiceError(_("Klaim ini sudah diputuskan."))
        if not approve and not reason:
            raise ServiceError({"reason": _("Alasan penolakan wajib diisi.")})
        before = snapshot(claim, CLAIM_FIELDS)
        if approve:
            claim.credit = jp_credit(
                employee=claim.employee,
                year=claim.end_date.year,
                date=claim.end_date,
                activity=f"{claim.title} ({claim.organiser})",
                form=claim.form,
                units=claim.units,
                learning_days=(claim.end_date - claim.start_date).days + 1,
                months=months_touched(claim.start_date, claim.end_date),
                source=JpSource.EXTERNAL_CLAIM,
                source_key=f"klaim:{claim.pk}",
                acting_user=acting_user,
            )
        claim.status = ClaimStatus.APPROVED if approve else ClaimStatus.DECLINED
        claim.decision_reason = reason
        claim.decided_by = acting_user
        claim.decided_at = timezone.now()
        claim.save()
        audit_event(
            actor=acting_user,
            action="delivery.claim.approve" if approve else "delivery.claim.decline",
            target=claim,
            instansi=claim.employee.instansi,
            before=before,
            after=snapshot(claim, CLAIM_FIELDS),
        )
    return claim
