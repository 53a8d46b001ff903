"""Writes of internships (magang) and of the other non-classical activities.

- ``internship_create`` (the instansi's admins): an ASN at a partner with a mentor who is staff
  of that partner; the ASN must be young enough (``eligible_age_problem``).
- ``logbook_submit``: by the intern only; anyone else is refused and nothing is saved.
- ``logbook_decide``: the mentor approves or returns a week with a comment.
- ``internship_report_upload`` (the intern) and ``internship_complete`` (the mentor or an admin,
  once the report is in and no week waits) → JP with source ``magang``, key ``magang:<id>``.
- ``activity_log_record``: coaching, mentoring, seminar or project with its output, crediting
  each participant by the conversion table (its caps applied by ``jp_credit``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.accounts.scope import scope_for
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery.ledger.rules import months_touched
from bangkom.delivery.ledger.services import jp_credit
from bangkom.delivery.models import (
    ActivityKind,
    ActivityLog,
    Internship,
    InternshipStatus,
    JpSource,
    LogbookEntry,
    LogbookStatus,
    Partner,
    PartnerStaff,
    validate_certificate,
)
from bangkom.lib.nip import NipError, parse_nip
from bangkom.organisation.models import Employee
from bangkom.planning.models import DevelopmentForm

INTERNSHIP_FIELDS = (
    "employee",
    "partner",
    "mentor",
    "start_date",
    "end_date",
    "goals",
    "status",
    "credit",
)
LOGBOOK_FIELDS = ("internship", "week_start", "activities", "status", "mentor_comment")
MAX_AGE_DEFAULT = 35
MAX_AGE_BOUNDS = (18, 60)


def internship_max_age() -> int:
    """``settings.DELIVERY_INTERNSHIP_MAX_AGE`` (default 35), held within 18–60."""
    try:
        value = int(getattr(settings, "DELIVERY_INTERNSHIP_MAX_AGE", MAX_AGE_DEFAULT))
    except (TypeError, ValueError):
        value = MAX_AGE_DEFAULT
    low, high = MAX_AGE_BOUNDS
    return min(high, max(low, value))


def age_from_nip(nip: str, on: date) -> int | None:
    """Completed years on ``on`` from the birth date in the NIP; None for a malformed NIP."""
    try:
        info = parse_nip(nip)
        return info.age_on(on)
    except (NipError, ValueError):
        return None


def eligible_age_problem(employee: Employee, on: date) -> str | None:
    age = age_from_nip(employee.nip, on)
    if age is None:
        return _("Usia tidak dapat dihitung: NIP pegawai tidak valid.")
    if age > internship_max_age():
        return _("Usia %(age)s tahun melebihi batas magang %(max)s tahun.") % {
            "age": age,
            "max": internship_max_age(),
        }
    return None


def _require_admin(acting_user: Any, instansi_id: int) -> None:
    if not scope_for(acting_user).can_admin(instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang mengatur magang instansi ini."))


@dataclass(frozen=True)
class InternshipData:
    employee: Employee | None
    partner: Partner | None
    mentor: Any
    start_date: date | None
    end_date: date | None
    goals: str


def internship_create(*, instansi: Any, data: InternshipData, acting_user: Any) -> Internship:
    _require_admin(acting_user, instansi.pk)
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if data.employee is None:
        add("employee", _("Pilih pegawai."))
    elif data.employee.instansi_id != instansi.pk:
        add("employee", _("Pegawai bukan dari instansi ini."))
    if data.partner is None:
        add("partner", _("Pilih mitra tempat magang."))
    elif data.partner.instansi_id != instansi.pk:
        add("partner", _("Mitra bukan milik instansi ini."))
    if data.mentor is None:
        add("mentor", _("Pilih mentor."))
    elif (
        data.partner is not None
        and not PartnerStaff.objects.filter(user=data.mentor, partner=data.partner).exists()
    ):
        add("mentor", _("Mentor harus staf mitra tempat magang."))
    if data.start_date is None:
        add("start_date", _("Tanggal mulai wajib diisi."))
    if data.end_date is None:
        add("end_date", _("Tanggal selesai wajib diisi."))
    if data.start_date and data.end_date and data.end_date < data.start_date:
        add("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    if not (data.goals or "").strip():
        add("goals", _("Tujuan magang wajib diisi."))
    if data.employee is not None and data.start_date is not None:
        problem = eligible_age_problem(data.employee, data.start_date)
        if problem:
            add("employee", problem)
    if errors:
        raise ServiceError(errors)
    assert data.employee and data.partner and data.start_date and data.end_date  # checked above
    with transaction.atomic():
        internship = Internship.objects.create(
            employee=data.employee,
            partner=data.partner,
            mentor=data.mentor,
            start_date=data.start_date,
            end_date=data.end_date,
            goals=data.goals.strip(),
        )
        audit_event(
            actor=acting_user,
            action="delivery.internship.create",
            target=internship,
            instansi=instansi,
            after=snapshot(internship, INTERNSHIP_FIELDS),
        )
    return internship


def _intern_only(acting_user: Any, internship: Internship) -> None:
    if scope_for(acting_user).employee_id != internship.employee_id:
        raise PermissionDenied(_("Logbook hanya dapat diisi oleh peserta magang sendiri."))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def logbook_submit(
    *, internship: Internship, week_start: date | None, activities: str, acting_user: Any
) -> LogbookEntry:
    """The intern writes (or rewrites a returned) week; anyone else is refused."""
    _intern_only(acting_user, internship)
    errors: dict[str, list[str]] = {}
    activities = (activities or "").strip()
    if internship.status != InternshipStatus.ACTIVE:
        raise ServiceError(_("Magang ini sudah tidak berjalan."))
    if week_start is None:
        errors["week_start"] = [_("Pilih minggu logbook.")]
    else:
        week_start = monday_of(week_start)
        if not (monday_of(internship.start_date) <= week_start <= monday_of(internship.end_date)):
            errors["week_start"] = [_("Minggu ini di luar masa magang.")]
    if not activities:
        errors["activities"] = [_("Tuliskan kegiatan minggu ini.")]
    if errors:
        raise ServiceError(errors)
    assert week_start is not None  # checked above
    with transaction.atomic():
        entry = (
            LogbookEntry.objects.select_for_update()
            .filter(internship=internship, week_start=week_start)
            .first()
        )
        before = snapshot(entry, LOGBOOK_FIELDS) if entry else None
        if entry is not None and entry.status != LogbookStatus.RETURNED:
            raise ServiceError(
                {"week_start": [_("Logbook minggu ini sudah dikirim dan belum dikembalikan.")]}
            )
        entry = entry or LogbookEntry(internship=internship, week_start=week_start)
        entry.activities = activities
        entry.status = LogbookStatus.SUBMITTED
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            # The same week sent twice at once: the first one stands.
            raise ServiceError(
                {"week_start": [_("Logbook minggu ini sudah dikirim dan belum dikembalikan.")]}
            ) from None
        audit_event(
            actor=acting_user,
            action="delivery.logbook.submit",
            target=entry,
            instansi=internship.employee.instansi,
            before=before,
            after=snapshot(entry, LOGBOOK_FIELDS),
        )
    return entry


def logbook_decide(
    *, entry: LogbookEntry, approve: bool, comment: str, acting_user: Any
) -> LogbookEntry:
    """The mentor approves or returns (a comment required) a submitted week."""
    comment = (comment or "").strip()
    with transaction.atomic():
        entry = (
            LogbookEntry.objects.select_for_update(of=("self",))
            .select_related("internship__employee__instansi")
            .get(pk=entry.pk)
        )
        if entry.internship.mentor_id != getattr(acting_user, "pk", None):
            raise PermissionDenied(_("Hanya mentor magang ini yang dapat memeriksa logbook."))
        if entry.status != LogbookStatus.SUBMITTED:
            raise ServiceError(_("Logbook ini sudah diperiksa."))
        if not approve and not comment:
            raise ServiceError({"comment": [_("Tuliskan catatan mengapa logbook dikembalikan.")]})
        before = snapshot(entry, LOGBOOK_FIELDS)
        entry.status = LogbookStatus.APPROVED if approve else LogbookStatus.RETURNED
        entry.mentor_comment = comment
        entry.decided_by = acting_user
        entry.decided_at = timezone.now()
        entry.save()
        audit_event(
            actor=acting_user,
            action="delivery.logbook.approve" if approve else "delivery.logbook.return",
            target=entry,
            instansi=entry.internship.employee.instansi,
            before=before,
            after=snapshot(entry, LOGBOOK_FIELDS),
        )
    return entry


def internship_report_upload(
    *, internship: Internship, report: UploadedFile | None, acting_user: Any
) -> Internship:
    _intern_only(acting_user, internship)
    if report is None:
        raise ServiceError({"report": [_("Unggah berkas laporan akhir.")]})
    try:
        validate_certificate(report)
    except ValidationError as exc:
        raise ServiceError(
            {"report": [m.replace("Sertifikat", "Laporan") for m in exc.messages]}
        ) from None
    with transaction.atomic():
        internship.final_report.save(report.name or "laporan.pdf", report, save=False)
        internship.save(update_fields=["final_report", "updated_at"])
        audit_event(
            actor=acting_user,
            action="delivery.internship.report",
            target=internship,
            instansi=internship.employee.instansi,
            after={"final_report": internship.final_report.name},
        )
    return internship


def can_complete_internship(user: Any, internship: Internship) -> bool:
    return internship.mentor_id == getattr(user, "pk", None) or scope_for(user).can_admin(
        internship.employee.instansi_id
    )


def internship_complete(*, internship: Internship, acting_user: Any) -> Internship:
    """Close an internship and credit its JP once by the form ``magang``."""
    with transaction.atomic():
        internship = (
            Internship.objects.select_for_update(of=("self",))
            .select_related("employee__instansi", "partner")
            .get(pk=internship.pk)
        )
        if not can_complete_internship(acting_user, internship):
            raise PermissionDenied(_("Hanya mentor atau admin yang dapat menyelesaikan magang."))
        if internship.status == InternshipStatus.COMPLETED:
            return internship
        if internship.status != InternshipStatus.ACTIVE:
            raise ServiceError(_("Magang ini sudah dibatalkan."))
        errors: list[str] = []
        if not internship.final_report:
            errors.append(_("Laporan akhir belum diunggah."))
        if internship.logbook.filter(status=LogbookStatus.SUBMITTED).exists():
            errors.append(_("Masih ada logbook yang menunggu pemeriksaan mentor."))
        if not internship.logbook.filter(status=LogbookStatus.APPROVED).exists():
            errors.append(_("Belum ada logbook yang disetujui mentor."))
        if errors:
            raise ServiceError(errors)
        before = snapshot(internship, INTERNSHIP_FIELDS)
        form = DevelopmentForm.objects.filter(
            instansi_id=internship.employee.instansi_id, kode="magang"
        ).first()
        end = internship.end_date
        internship.credit = jp_credit(
            employee=internship.employee,
            year=end.year,
            date=end,
            activity=_("Magang di %(partner)s") % {"partner": internship.partner.name},
            form=form,
            units=Decimal(1),
            learning_days=(end - internship.start_date).days + 1,
            months=months_touched(internship.start_date, end),
            source=JpSource.INTERNSHIP,
            source_key=f"magang:{internship.pk}",
            acting_user=acting_user,
        )
        internship.status = InternshipStatus.COMPLETED
        internship.completed_at = timezone.now()
        internship.save()
        audit_event(
            actor=acting_user,
            action="delivery.internship.complete",
            target=internship,
            instansi=internship.employee.instansi,
            before=before,
            after=snapshot(internship, INTERNSHIP_FIELDS),
        )
    return internship


ACTIVITY_SOURCE = {
    ActivityKind.COACHING: (JpSource.COACHING, "coaching"),
    ActivityKind.MENTORING: (JpSource.COACHING, "mentoring"),
    ActivityKind.SEMINAR: (JpSource.SEMINAR, "seminar"),
    ActivityKind.PROJECT: (JpSource.PROJECT, "project-based"),
}


@dataclass(frozen=True)
class ActivityData:
    kind: str
    title: str
    date: date | None
    units: Decimal | str | None
    participants: Sequence[Employee]
    output_text: str = ""


def activity_log_record(
    *,
    instansi: Any,
    data: ActivityData,
    output_file: UploadedFile | None = None,
    acting_user: Any,
) -> ActivityLog:
    """Log a coaching/mentoring session, seminar or project and credit each participant."""
    _require_admin(acting_user, instansi.pk)
    errors: dict[str, list[str]] = {}
    units = Decimal(0)
    if data.kind not in ActivityKind.values:
        errors["kind"] = [_("Jenis kegiatan tidak dikenal.")]
    if not (data.title or "").strip():
        errors["title"] = [_("Judul kegiatan wajib diisi.")]
    if data.date is None:
        errors["date"] = [_("Tanggal wajib diisi.")]
    elif data.date > timezone.localdate():
        errors["date"] = [_("Kegiatan yang belum terjadi belum dapat dicatat.")]
    try:
        units = Decimal(str(data.units))
        if not Decimal(0) < units <= Decimal(100):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["units"] = [_("Jumlah satuan harus angka lebih dari 0 (paling banyak 100).")]
    if not data.participants:
        errors["participants"] = [_("Pilih paling sedikit satu peserta.")]
    elif any(p.instansi_id != instansi.pk for p in data.participants):
        errors["participants"] = [_("Peserta harus pegawai instansi ini.")]
    if not (data.output_text or "").strip() and output_file is None:
        errors["output_text"] = [_("Catat hasil/keluaran kegiatan (teks atau berkas).")]
    if output_file is not None:
        try:
            validate_certificate(output_file)
        except ValidationError as exc:
            errors["output_file"] = [m.replace("Sertifikat", "Berkas") for m in exc.messages]
    form = None
    if data.kind in ActivityKind.values:
        form = DevelopmentForm.objects.filter(
            instansi=instansi, kode=ACTIVITY_SOURCE[ActivityKind(data.kind)][1]
        ).first()
        if form is None:
            errors.setdefault("kind", []).append(
                _("Tabel konversi JP instansi belum memuat bentuk ini.")
            )
    if errors:
        raise ServiceError(errors)
    assert data.date is not None and form is not None
    source = ACTIVITY_SOURCE[ActivityKind(data.kind)][0]
    with transaction.atomic():
        log = ActivityLog(
            instansi=instansi,
            kind=data.kind,
            title=data.title.strip(),
            date=data.date,
            units=units,
            form=form,
            output_text=(data.output_text or "").strip(),
            recorded_by=acting_user,
        )
        if output_file is not None:
            log.output_file.save(output_file.name or "keluaran.pdf", output_file, save=False)
        log.save()
        log.participants.set(data.participants)
        for employee in data.participants:
            jp_credit(
                employee=employee,
                year=data.date.year,
                date=data.date,
                activity=f"{log.get_kind_display()}: {log.title}",
                form=form,
                units=units,
                learning_days=1,
                months=1,
                source=source,
                source_key=f"kegiatan:{log.pk}",
                acting_user=acting_user,
            )
        audit_event(
            actor=acting_user,
            action="delivery.activity.record",
            target=log,
            instansi=instansi,
            after={
                **snapshot(log, ("kind", "title", "date", "units", "form")),
                "participants": [p.pk for p in data.participants],
            },
        )
    return log
