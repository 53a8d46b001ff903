"""Imports run in the background.

The upload page stores the file privately and queues an :class:`ImportJob` after commit; the
task worker (``bangkom db_worker``) runs the same import as the command line and records the
outcome on the job, which the job page polls. The import keeps its own transaction (all or
nothing); the job's status and progress are written outside it, so a poll sees them at once.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.core.imports.report import CellError, ImportRejected, ImportSummary
from bangkom.core.jobs import enqueue_on_commit
from bangkom.organisation.imports import employees, positions
from bangkom.organisation.imports.employees import check_can_import
from bangkom.organisation.models import (
    ImportJob,
    ImportKind,
    ImportStatus,
    Instansi,
    import_file_path,
)

logger = logging.getLogger(__name__)

_LABELS = {
    ImportKind.EMPLOYEES: employees.SUMMARY_LABELS,
    ImportKind.POSITIONS: positions.SUMMARY_LABELS,
}


def _enqueue(job: ImportJob) -> None:
    from bangkom.organisation.tasks import import_job_run

    enqueue_on_commit(job, import_job_run, job.pk)


def import_job_create(
    *,
    instansi: Instansi,
    kind: str,
    upload: UploadedFile,
    acting_user: Any,
    dry_run: bool = False,
    create_units: bool = False,
    language: str = "",
) -> ImportJob:
    """Store an uploaded file privately and queue its import; the job runs after commit.

    ``language`` is the uploader's, so the errors and the progress read as the page they
    were asked from.
    """
    check_can_import(acting_user, instansi)
    original = PurePath(upload.name or "").name[:200]
    job = ImportJob(
        instansi=instansi,
        kind=kind,
        dry_run=dry_run,
        create_units=create_units and kind == ImportKind.EMPLOYEES,
        filename=original,
        language=language[:8],
        progress_note=_("Menunggu giliran"),
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    extension = PurePath(original).suffix.lower()
    stored = default_storage.save(import_file_path(job, f"{uuid.uuid4().hex}{extension}"), upload)
    try:
        with transaction.atomic():
            job.file.name = stored
            job.save()
            audit_event(
                actor=acting_user,
                action="organisation.import.create",
                target=job,
                instansi=instansi,
                after={
                    "kind": kind,
                    "filename": original,
                    "size": upload.size or 0,
                    "dry_run": job.dry_run,
                    "create_units": job.create_units,
                },
            )
            _enqueue(job)
    except Exception:
        default_storage.delete(stored)
        raise
    return job


def import_job_retry(*, job: ImportJob, acting_user: Any) -> ImportJob:
    """Queue a failed job, or one whose worker stopped (:attr:`ImportJob.is_stale`), again; it
    starts over from its stored file."""
    check_can_import(acting_user, job.instansi)
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not (locked.status == ImportStatus.FAILED or locked.is_stale) or not locked.file:
            raise ServiceError(
                _("Hanya impor yang gagal dan berkasnya masih ada yang dapat diulang.")
            )
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.QUEUED, progress=0, progress_note=_("Menunggu giliran")
        )
        audit_event(
            actor=acting_user,
            action="organisation.import.retry",
            target=job,
            instansi=job.instansi,
            before={"status": locked.status},
            after={"status": ImportStatus.QUEUED},
        )
        _enqueue(job)
    job.refresh_from_db()
    return job


def _update(job: ImportJob, **fields: Any) -> None:
    """Written outside the import's transaction so the polling page sees it at once."""
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def _finish(job: ImportJob, **fields: Any) -> None:
    """Record the outcome, then delete the stored file: the metadata stays."""
    _update(job, progress=100, finished_at=timezone.now(), file="", **fields)
    if job.file.name:
        default_storage.delete(job.file.name)


def import_job_execute(job_id: int) -> ImportJob:
    """Run one queued import and record its outcome.

    Idempotent: a job that is done or rejected is left alone; any other (queued, a retried
    failure, one whose worker stopped mid-way) starts over from its file. A rejected file and
    a user no longer allowed to import end as ``rejected`` (nothing written); an unexpected
    error ends as ``failed``, keeps the file for a retry and is raised to the task runner.
    """
    job = ImportJob.objects.select_related("instansi", "created_by").get(pk=job_id)
    if job.status in (ImportStatus.DONE, ImportStatus.REJECTED):
        return job
    with translation.override(job.language or settings.LANGUAGE_CODE):
        _update(
            job,
            status=ImportStatus.RUNNING,
            progress=5,
            progress_note=_("Mulai"),
            started_at=timezone.now(),
            finished_at=None,
            rows=0,
            counts={},
            names={},
            errors=[],
            error_count=0,
            failure="",
        )
        try:
            summary = _run(job)
        except (ImportRejected, PermissionDenied) as exc:
            errors = (
                exc.errors
                if isinstance(exc, ImportRejected)
                else [CellError(None, "", "", str(exc))]
            )
            _finish(
                job,
                status=ImportStatus.REJECTED,
                progress_note=_("Berkas ditolak"),
                errors=[asdict(e) for e in errors[: ImportJob.MAX_STORED_ERRORS]],
                error_count=len(errors),
            )
        except Exception as exc:
            logger.exception("import job %s failed", job_id)
            _update(
                job,
                status=ImportStatus.FAILED,
                progress=100,
                progress_note=_("Gagal"),
                failure=str(exc)[:2000],
                finished_at=timezone.now(),
            )
            raise
        else:
            _finish(
                job,
                status=ImportStatus.DONE,
                progress_note=_("Selesai"),
                rows=summary.rows,
                counts=summary.counts,
                names=summary.names,
            )
    job.refresh_from_db()
    return job


def _run(job: ImportJob) -> ImportSummary:
    if job.created_by is None:
        raise PermissionDenied(_("Pengguna yang mengunggah berkas ini sudah tidak ada."))
    with default_storage.open(job.file.name, "rb") as stored:
        data = stored.read()

    def progress(percent: int, note: str) -> None:
        _update(job, progress=percent, progress_note=note[:200])

    common: dict[str, Any] = {
        "data": data,
        "filename": job.filename,
        "instansi": job.instansi,
        "acting_user": job.created_by,
        "dry_run": job.dry_run,
        "progress": progress,
    }
    if job.kind == ImportKind.POSITIONS:
        return positions.positions_import(**common)
    return employees.employees_import(**common, create_units=job.create_units)


def job_summary(job: ImportJob) -> ImportSummary | None:
    """What a finished job did, as the result page shows it (labels in the reader's language)."""
    if job.status != ImportStatus.DONE:
        return None
    labels = {code: str(label) for code, label in _LABELS[ImportKind(job.kind)].items()}
    return ImportSummary(
        dry_run=job.dry_run, rows=job.rows, counts=job.counts, names=job.names, labels=labels
    )
