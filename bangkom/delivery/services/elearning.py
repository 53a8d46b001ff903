"""Writes of e-learning: courses and their modules, self-enrolment, progress, and completion.

Completion (every module done and the final quiz, if any, passed) credits JP once through
``jp_credit`` with source ``elearning`` and key ``elearning:<course id>``; the learning days
for the conversion table's per-day cap are the distinct days on which modules were done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.accounts.scope import scope_for
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery.ledger.services import jp_credit
from bangkom.delivery.models import (
    Attempt,
    Course,
    CourseEnrolment,
    JpSource,
    Module,
    ModuleKind,
    ModuleProgress,
    Quiz,
    validate_certificate,
)
from bangkom.delivery.services.quiz import attempt_submit, has_passed
from bangkom.organisation.models import Employee
from bangkom.planning.models import DevelopmentForm

COURSE_FIELDS = (
    "instansi",
    "title",
    "description",
    "program",
    "form",
    "jp_units",
    "self_enrol",
    "is_published",
    "final_quiz",
)
MODULE_FIELDS = ("course", "order", "title", "kind", "video_url")
DEFAULT_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com")


def video_hosts() -> tuple[str, ...]:
    """Hosts a video link may point to (``settings.DELIVERY_VIDEO_HOSTS``); subdomains count."""
    return tuple(getattr(settings, "DELIVERY_VIDEO_HOSTS", DEFAULT_VIDEO_HOSTS))


def video_url_problem(url: str) -> str | None:
    """Why a video link is refused, or None. Only https links to the allowed hosts: the page
    shows them as links, never embedded."""
    try:
        URLValidator(schemes=["https"])(url)
    except ValidationError:
        return _("Tautan video harus alamat https yang sah.")
    host = (urlsplit(url).hostname or "").lower()
    if not any(host == allowed or host.endswith("." + allowed) for allowed in video_hosts()):
        return _("Tautan video hanya boleh dari: %(hosts)s.") % {"hosts": ", ".join(video_hosts())}
    return None


def _require_admin(acting_user: Any, instansi_id: int) -> None:
    if not scope_for(acting_user).can_admin(instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang mengubah kursus instansi ini."))


@dataclass(frozen=True)
class CourseData:
    title: str
    description: str = ""
    program: Any = None
    form: DevelopmentForm | None = None
    jp_units: Decimal | str | int = Decimal(2)
    self_enrol: bool = True
    is_published: bool = False
    final_quiz: Quiz | None = None


def course_save(
    *, instansi: Any, data: CourseData, course: Course | None = None, acting_user: Any
) -> Course:
    _require_admin(acting_user, instansi.pk)
    errors: dict[str, list[str]] = {}
    title = (data.title or "").strip()
    if not title:
        errors["title"] = [_("Judul kursus wajib diisi.")]
    try:
        units = Decimal(str(data.jp_units))
        if not Decimal(0) <= units <= Decimal(500):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["jp_units"] = [_("Satuan JP harus angka 0–500.")]
        units = Decimal(0)
    if data.form is not None and data.form.instansi_id != instansi.pk:
        errors["form"] = [_("Bentuk pengembangan bukan milik instansi ini.")]
    if data.final_quiz is not None and data.final_quiz.instansi_id != instansi.pk:
        errors["final_quiz"] = [_("Kuis bukan milik instansi ini.")]
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        course = course or Course(instansi=instansi)
        before = snapshot(course, COURSE_FIELDS) if course.pk else None
        course.title = title
        course.description = (data.description or "").strip()
        course.program = data.program
        course.form = data.form
        course.jp_units = units
        course.self_enrol = data.self_enrol
        course.is_published = data.is_published
        course.final_quiz = data.final_quiz
        course.save()
        audit_event(
            actor=acting_user,
            action="delivery.course.save",
            target=course,
            instansi=instansi,
            before=before,
            after=snapshot(course, COURSE_FIELDS),
        )
    return course


def module_add(
    *,
    course: Course,
    kind: str,
    title: str,
    body: str = "",
    file: UploadedFile | None = None,
    video_url: str = "",
    acting_user: Any,
) -> Module:
    """A module at the end of the course; every problem at once, nothing saved."""
    _require_admin(acting_user, course.instansi_id)
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    video_url = (video_url or "").strip()
    if not title:
        errors["title"] = [_("Judul modul wajib diisi.")]
    if kind not in ModuleKind.values:
        errors["kind"] = [_("Jenis modul tidak dikenal.")]
    elif kind == ModuleKind.TEXT and not (body or "").strip():
        errors["body"] = [_("Isi modul teks wajib diisi.")]
    elif kind == ModuleKind.FILE:
        if file is None:
            errors["file"] = [_("Unggah berkas modul.")]
        else:
            try:
                validate_certificate(file)
            except ValidationError as exc:
                errors["file"] = [m.replace("Sertifikat", "Berkas") for m in exc.messages]
    elif kind == ModuleKind.VIDEO:
        problem = video_url_problem(video_url)
        if problem:
            errors["video_url"] = [problem]
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        Course.objects.select_for_update().filter(pk=course.pk).first()
        module = Module(
            course=course,
            kind=kind,
            title=title,
            body=(body or "").strip(),
            video_url=video_url if kind == ModuleKind.VIDEO else "",
            order=course.modules.count() + 1,
        )
        if kind == ModuleKind.FILE and file is not None:
            module.file.save(file.name or "modul.pdf", file, save=False)
        module.save()
        audit_event(
            actor=acting_user,
            action="delivery.module.add",
            target=module,
            instansi=course.instansi,
            after=snapshot(module, MODULE_FIELDS),
        )
    return module


def _own(acting_user: Any, employee: Employee) -> None:
    if scope_for(acting_user).employee_id != employee.pk:
        raise PermissionDenied(_("Hanya ASN yang bersangkutan yang dapat mengikuti kursus ini."))


def _open_course(course: Course, employee: Employee) -> None:
    if course.instansi_id != employee.instansi_id or not course.is_published:
        raise PermissionDenied(_("Kursus ini tidak tersedia untuk Anda."))


def course_enrol(*, course: Course, employee: Employee, acting_user: Any) -> CourseEnrolment:
    """Self-enrolment of an ASN in an open course (idempotent)."""
    _own(acting_user, employee)
    _open_course(course, employee)
    existing = CourseEnrolment.objects.filter(course=course, employee=employee).first()
    if existing is not None:
        return existing
    if not course.self_enrol:
        raise ServiceError(_("Kursus ini tidak terbuka untuk pendaftaran mandiri."))
    with transaction.atomic():
        enrolment, created = CourseEnrolment.objects.get_or_create(course=course, employee=employee)
        if created:
            audit_event(
                actor=acting_user,
                action="delivery.course.enrol",
                target=enrolment,
                instansi=employee.instansi,
                after={"course": course.pk, "employee": employee.pk},
            )
    return enrolment


def _enrolment(course: Course, employee: Employee) -> CourseEnrolment:
    enrolment = CourseEnrolment.objects.filter(course=course, employee=employee).first()
    if enrolment is None:
        raise ServiceError(_("Daftar ke kursus ini terlebih dahulu."))
    return enrolment


def module_mark_done(*, module: Module, employee: Employee, acting_user: Any) -> CourseEnrolment:
    """Mark a module done (idempotent); completes the course when it was the last step."""
    _own(acting_user, employee)
    course = module.course
    _open_course(course, employee)
    _enrolment(course, employee)
    with transaction.atomic():
        progress, created = ModuleProgress.objects.get_or_create(
            module=module, employee=employee, defaults={"done_at": timezone.now()}
        )
        if created:
            audit_event(
                actor=acting_user,
                action="delivery.module.done",
                target=progress,
                instansi=employee.instansi,
                after={"module": module.pk, "employee": employee.pk},
            )
        return course_complete_if_done(course=course, employee=employee, acting_user=acting_user)


def course_quiz_submit(
    *, course: Course, attempt: Attempt, answers: Mapping[str, Any], acting_user: Any
) -> tuple[Attempt, CourseEnrolment]:
    """Submit the course's final quiz; a pass may complete the course."""
    if course.final_quiz_id is None or attempt.quiz_id != course.final_quiz_id:
        raise ServiceError(_("Percobaan ini bukan kuis akhir kursus ini."))
    employee = attempt.employee
    _open_course(course, employee)
    _enrolment(course, employee)
    with transaction.atomic():
        attempt = attempt_submit(attempt=attempt, answers=answers, acting_user=acting_user)
        enrolment = course_complete_if_done(
            course=course, employee=employee, acting_user=acting_user
        )
    return attempt, enrolment


def course_complete_if_done(
    *, course: Course, employee: Employee, acting_user: Any
) -> CourseEnrolment:
    """Complete the enrolment and credit JP when every module is done and the quiz passed.
    Safe to call any number of times: the JP line is written once."""
    with transaction.atomic():
        enrolment = CourseEnrolment.objects.select_for_update().get(
            course=course, employee=employee
        )
        if enrolment.completed_at is not None:
            return enrolment
        module_ids = set(course.modules.values_list("pk", flat=True))
        done = ModuleProgress.objects.filter(employee=employee, module__course=course)
        if not module_ids or set(done.values_list("module_id", flat=True)) < module_ids:
            return enrolment
        if course.final_quiz is not None and not has_passed(course.final_quiz, employee):
            return enrolment
        now = timezone.now()
        days = {timezone.localdate(d) for d in done.values_list("done_at", flat=True)}
        form = (
            course.form
            or DevelopmentForm.objects.filter(
                instansi_id=course.instansi_id, kode="e-learning"
            ).first()
        )
        today = timezone.localdate(now)
        enrolment.credit = jp_credit(
            employee=employee,
            year=today.year,
            date=today,
            activity=_("E-learning: %(title)s") % {"title": course.title},
            form=form,
            units=course.jp_units,
            learning_days=max(1, len(days)),
            months=1,
            source=JpSource.ELEARNING,
            source_key=f"elearning:{course.pk}",
            acting_user=acting_user,
        )
        enrolment.completed_at = now
        enrolment.save(update_fields=["credit", "completed_at", "updated_at"])
        audit_event(
            actor=acting_user,
            action="delivery.course.complete",
            target=enrolment,
            instansi=employee.instansi,
            after={"course": course.pk, "employee": employee.pk, "jp": str(enrolment.credit.jp)},
        )
    return enrolment
