"""Attendance and completion.

Check-in by QR: the session's check-in page shows a QR code of a URL holding a signed token
(``TimestampSigner``) with the session's id and date. The token is accepted only during the
session's day, from ``DELIVERY_CHECKIN_OPEN_MINUTES`` before the start to
``DELIVERY_CHECKIN_CLOSE_MINUTES`` after the end (local time), by an ASN actively enrolled in the
batch, once per enrolment and session; after start + ``DELIVERY_CHECKIN_GRACE_MINUTES`` the ASN
is recorded late. Trainers and partner staff may also mark the roster.

Completion: a program's rule (``CompletionRule``; default at least 80% of the batch's sessions
attended, present or late, and the post-test where there is one) decides each enrolment;
completers are credited their JP once (source key ``batch:<id>``).

Every time comes from a ``now`` parameter (default ``timezone.now()``), so tests set the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery.ledger.services import jp_credit
from bangkom.delivery.models import (
    ATTENDED_STATUSES,
    COMPLETION_MIN_ATTENDANCE_DEFAULT,
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    Batch,
    BatchStatus,
    CompletionResult,
    CompletionRule,
    Enrolment,
    EnrolmentStatus,
    JpCredit,
    JpSource,
    Session,
)
from bangkom.organisation.models import Employee

CHECKIN_SALT = "bangkom.delivery.checkin"

# Enrolments whose attendance counts (nominations still waiting for a decision do not).
ATTENDING_STATUSES = (
    EnrolmentStatus.APPROVED,
    EnrolmentStatus.CONFIRMED,
    EnrolmentStatus.COMPLETED,
)


def _minutes(name: str, default: int) -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, name, default)))


def _local(session: Session, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(session.date, at))


def checkin_window(session: Session) -> tuple[dt.datetime, dt.datetime]:
    """When a session's QR token is accepted, clipped to the session's own day."""
    day_start = timezone.make_aware(dt.datetime.combine(session.date, dt.time.min))
    day_end = timezone.make_aware(dt.datetime.combine(session.date, dt.time.max))
    opens = _local(session, session.start_time) - _minutes("DELIVERY_CHECKIN_OPEN_MINUTES", 60)
    closes = _local(session, session.end_time) + _minutes("DELIVERY_CHECKIN_CLOSE_MINUTES", 60)
    return max(opens, day_start), min(closes, day_end)


def checkin_token(session: Session) -> str:
    """The signed token of a session's QR code: its id and date (a moved session's old codes
    stop working)."""
    return signing.TimestampSigner(salt=CHECKIN_SALT).sign(
        f"{session.pk}:{session.date.isoformat()}"
    )


@dataclass(frozen=True)
class CheckIn:
    attendance: Attendance
    late: bool


def checkin_by_token(
    *,
    session: Session,
    token: str,
    employee: Employee,
    acting_user: Any,
    now: dt.datetime | None = None,
) -> CheckIn:
    """Check ``employee`` in to ``session`` with the token read from its QR code."""
    now = now or timezone.now()
    try:
        value = signing.TimestampSigner(salt=CHECKIN_SALT).unsign(token or "")
        session_id_text, date_text = value.split(":", 1)
        token_session_id = int(session_id_text)
    except (signing.BadSignature, ValueError) as exc:
        raise ServiceError(
            _("Kode QR tidak sah. Pindai ulang kode QR yang ditampilkan pengajar."), code="invalid"
        ) from exc
    if token_session_id != session.pk:
        raise ServiceError(
            _("Kode QR ini untuk sesi lain. Pindai kode QR sesi yang sedang Anda ikuti."),
            code="other_session",
        )
    opens, closes = checkin_window(session)
    if date_text != session.date.isoformat() or now > closes:
        raise ServiceError(
            _("Kode QR sudah kedaluwarsa. Minta pengajar menampilkan kode QR yang berlaku."),
            code="expired",
        )
    if now < opens:
        raise ServiceError(
            _("Presensi sesi ini belum dibuka (mulai pukul %(time)s).")
            % {"time": timezone.localtime(opens).strftime("%H:%M")},
            code="not_open",
        )
    late = now > _local(session, session.start_time) + _minutes(
        "DELIVERY_CHECKIN_GRACE_MINUTES", 15
    )
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",))
            .filter(batch_id=session.batch_id, employee=employee, status__in=ATTENDING_STATUSES)
            .order_by("pk")
            .first()
        )
        if enrolment is None:
            raise ServiceError(
                _("Anda tidak terdaftar sebagai peserta aktif angkatan ini."), code="not_enrolled"
            )
        if Attendance.objects.filter(enrolment=enrolment, session=session).exists():
            raise ServiceError(
                _("Anda sudah tercatat hadir pada sesi ini; kode QR tidak dapat dipakai lagi."),
                code="reused",
            )
        try:
            with transaction.atomic():
                attendance = Attendance.objects.create(
                    enrolment=enrolment,
                    session=session,
                    status=AttendanceStatus.LATE if late else AttendanceStatus.PRESENT,
                    method=AttendanceMethod.QR,
                    checked_in_at=now,
                    marked_by=acting_user if getattr(acting_user, "pk", None) else None,
                )
        except IntegrityError as exc:  # a second scan racing the first
            raise ServiceError(
                _("Anda sudah tercatat hadir pada sesi ini; kode QR tidak dapat dipakai lagi."),
                code="reused",
            ) from exc
        audit_event(
            actor=acting_user,
            action="delivery.attendance.checkin",
            target=attendance,
            instansi=session.batch.instansi,
            after=snapshot(attendance, ("enrolment", "session", "status", "method")),
        )
    return CheckIn(attendance, late)


def attendance_mark(
    *,
    session: Session,
    marks: dict[int, str],
    acting_user: Any,
    now: dt.datetime | None = None,
) -> int:
    """Mark the roster of a session: ``{enrolment id: status}``. Every enrolment must be an
    active one of the session's batch; otherwise nothing is saved. Returns rows changed."""
    now = now or timezone.now()
    errors: list[str] = []
    for status in marks.values():
        if status not in AttendanceStatus.values:
            errors.append(_("Status kehadiran tidak dikenal: %s.") % status)
    enrolments = {
        e.pk: e
        for e in Enrolment.objects.filter(
            batch_id=session.batch_id, pk__in=list(marks), status__in=ATTENDING_STATUSES
        ).select_related("employee")
    }
    missing = [pk for pk in marks if pk not in enrolments]
    if missing:
        errors.append(_("Ada yang bukan peserta aktif angkatan ini; daftar hadir tidak disimpan."))
    if errors:
        raise ServiceError(errors)
    changed = 0
    with transaction.atomic():
        existing = {
            a.enrolment_id: a
            for a in Attendance.objects.select_for_update(of=("self",)).filter(
                session=session, enrolment_id__in=list(marks)
            )
        }
        for pk, status in marks.items():
            row = existing.get(pk)
            if row is not None and row.status == status:
                continue
            before = snapshot(row, ("status",)) if row else {}
            if row is None:
                row = Attendance(
                    enrolment=enrolments[pk], session=session, method=AttendanceMethod.ROSTER
                )
            row.status = status
            row.marked_by = acting_user if getattr(acting_user, "pk", None) else None
            if status in ATTENDED_STATUSES and row.checked_in_at is None:
                row.checked_in_at = now
            row.save()
            audit_event(
                actor=acting_user,
                action="delivery.attendance.mark",
                target=row,
                instansi=session.batch.instansi,
                before=before,
                after=snapshot(row, ("status",)),
            )
            changed += 1
    return changed


# --- completion -----------------------------------------------------------------------------

# The post-test hook: the quiz engine (another module) registers a function answering, for a
# batch and an employee, True (passed), False (failed) or None (the batch has no post-test).
PostTestProvider = Callable[[Batch, Employee], bool | None]
_post_test_provider: PostTestProvider | None = None


def register_post_test_provider(provider: PostTestProvider | None) -> None:
    global _post_test_provider  # a single registered hook
    _post_test_provider = provider


def post_test_passed(batch: Batch, employee: Employee) -> bool | None:
    return _post_test_provider(batch, employee) if _post_test_provider else None


@dataclass(frozen=True)
class CompletionOutcome:
    completed: int
    not_completed: int
    credited: int


def _rule(batch: Batch) -> tuple[int, bool]:
    rule = CompletionRule.objects.filter(template_id=batch.plan_program.template_id).first()
    if rule is None:
        default = getattr(
            settings, "DELIVERY_COMPLETION_MIN_ATTENDANCE", COMPLETION_MIN_ATTENDANCE_DEFAULT
        )
        return int(default), True
    return rule.min_attendance_percent, rule.requires_post_test


def batch_complete(
    *, batch: Batch, acting_user: Any, now: dt.datetime | None = None
) -> CompletionOutcome:
    """Decide every enrolment of a batch by its program's rule, mark the batch completed and
    credit the JP of each completer (``jp_credit``, source key ``batch:<id>``). Running it
    again re-decides those not completed and credits nobody twice."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Batch.objects.select_for_update(of=("self",))
            .select_related("plan_program__template__bentuk", "instansi")
            .get(pk=batch.pk)
        )
        sessions = list(locked.sessions.order_by("date"))
        if not sessions:
            raise ServiceError(_("Angkatan ini belum punya sesi, jadi belum dapat diselesaikan."))
        if locked.status == BatchStatus.CANCELLED:
            raise ServiceError(_("Angkatan yang dibatalkan tidak dapat diselesaikan."))
        min_percent, needs_post_test = _rule(locked)
        template = locked.plan_program.template
        last_day = sessions[-1].date
        total = len(sessions)
        completed = not_completed = credited = 0
        enrolments = (
            Enrolment.objects.select_for_update(of=("self",))
            .filter(batch=locked, status__in=ATTENDING_STATUSES)
            .select_related("employee__instansi")
        )
        for enrolment in enrolments:
            attended = Attendance.objects.filter(
                enrolment=enrolment, status__in=ATTENDED_STATUSES, session__batch=locked
            ).count()
            percent = (Decimal(100 * attended) / total).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            reasons = []
            if percent < min_percent:
                reasons.append(
                    _("kehadiran %(got)s%% di bawah %(min)s%%")
                    % {"got": percent, "min": min_percent}
                )
            if needs_post_test and post_test_passed(locked, enrolment.employee) is False:
                reasons.append(_("belum lulus post-test"))
            passed = enrolment.status == EnrolmentStatus.COMPLETED or not reasons
            CompletionResult.objects.update_or_create(
                enrolment=enrolment,
                defaults={
                    "completed": passed,
                    "attendance_percent": percent,
                    "reason": "" if passed else "; ".join(reasons).capitalize(),
                },
            )
            if not passed:
                not_completed += 1
                continue
            completed += 1
            if enrolment.status != EnrolmentStatus.COMPLETED:
                before = snapshot(enrolment, ("status",))
                enrolment.status = EnrolmentStatus.COMPLETED
                enrolment.completed_at = now
                enrolment.save(update_fields=["status", "completed_at", "updated_at"])
                audit_event(
                    actor=acting_user,
                    action="delivery.enrolment.complete",
                    target=enrolment,
                    instansi=locked.instansi,
                    before=before,
                    after=snapshot(enrolment, ("status",)),
                )
            key = f"batch:{locked.pk}"
            if JpCredit.objects.filter(
                employee=enrolment.employee, source=JpSource.BATCH, source_key=key
            ).exists():
                continue
            jp_credit(
                employee=enrolment.employee,
                year=last_day.year,
                date=last_day,
                activity=template.judul,
                form=template.bentuk,
                units=template.jumlah_satuan,
                learning_days=max(1, template.hari_belajar),
                months=max(1, template.bulan),
                source=JpSource.BATCH,
                source_key=key,
                acting_user=acting_user,
            )
            credited += 1
        if locked.status != BatchStatus.COMPLETED:
            before = snapshot(locked, ("status",))
            locked.status = BatchStatus.COMPLETED
            locked.save(update_fields=["status", "updated_at"])
            audit_event(
                actor=acting_user,
                action="delivery.batch.complete",
                target=locked,
                instansi=locked.instansi,
                before=before,
                after=snapshot(locked, ("status",)),
                note=_("%(c)d lulus, %(n)d belum") % {"c": completed, "n": not_completed},
            )
    return CompletionOutcome(completed, not_completed, credited)
