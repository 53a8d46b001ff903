"""Import jobs: an upload becomes a job run by the worker, which records its outcome (counts,
or the errors of a rejected file), writes nothing for a bad file or a dry run, removes the
stored file, can be polled, and is seen only by those who may import for its instansi."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bangkom.core.models import AuditEvent
from bangkom.organisation.imports import jobs
from bangkom.organisation.imports.jobs import import_job_create, import_job_execute
from bangkom.organisation.models import Employee, ImportJob, ImportKind, ImportStatus, Position
from bangkom.organisation.tests.test_import_views import SIASN_CSV, bad_csv
from bangkom.testing.world import World

HEADER = "NIP BARU,NAMA,JABATAN NAMA,UNOR NAMA\n"


def create(world: World, content: bytes, name: str = "siasn.csv", **options: Any) -> ImportJob:
    return import_job_create(
        instansi=world.instansi,
        kind=options.pop("kind", ImportKind.EMPLOYEES),
        upload=SimpleUploadedFile(name, content),
        acting_user=world.user("bkpsdm"),
        **options,
    )


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def test_a_good_file_is_imported_by_the_job(world: World, media: Path, capture: Any) -> None:
    employees_before = Employee.objects.count()
    events_before = AuditEvent.objects.filter(action="employee.create").count()
    with capture(execute=True):
        job = create(world, SIASN_CSV.read_bytes())
        assert job.status == ImportStatus.QUEUED
        assert job.file.name.startswith(f"private/impor/{world.instansi.pk}/")
        assert stored_files(media)  # kept until the worker has read it

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.rows == 5
    assert job.counts["created"] == 3 and job.counts["updated"] + job.counts["unchanged"] == 2
    assert Employee.objects.count() == employees_before + 3
    assert job.task_id and job.started_at and job.finished_at and job.progress == 100
    assert not job.file and stored_files(media) == []  # the metadata stays, the file goes
    created = AuditEvent.objects.get(action="organisation.import.create")
    assert created.actor == world.user("bkpsdm") and created.changes["filename"][1] == "siasn.csv"
    assert AuditEvent.objects.filter(action="employee.create").count() == events_before + 3


def test_a_bad_file_is_rejected_with_its_errors_and_nothing_written(
    world: World, media: Path, capture: Any
) -> None:
    employees = list(Employee.objects.order_by("pk").values())
    events = AuditEvent.objects.count()
    with capture(execute=True):
        job = create(world, bad_csv(), create_units=False)

    job.refresh_from_db()
    assert job.status == ImportStatus.REJECTED
    assert job.error_count == 2
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "UNOR NAMA"), (5, "NIP BARU")]
    assert "Puskesmas Oesapa" in job.errors[0]["value"]
    assert list(Employee.objects.order_by("pk").values()) == employees
    assert AuditEvent.objects.count() == events + 1  # the upload's own row only
    assert stored_files(media) == []


def test_only_the_first_500_errors_are_kept_with_their_total(world: World, capture: Any) -> None:
    rows = "".join(f"1990011520232120{n:02d}X,Nama {n},,\n" for n in range(99)) * 6
    with capture(execute=True):
        job = create(world, (HEADER + rows).encode())

    job.refresh_from_db()
    assert job.status == ImportStatus.REJECTED
    assert len(job.errors) == 500 and job.error_count > 500
    assert job.hidden_errors == job.error_count - 500


def test_a_dry_run_writes_nothing(world: World, media: Path, capture: Any) -> None:
    employees = list(Employee.objects.order_by("pk").values())
    with capture(execute=True):
        job = create(world, SIASN_CSV.read_bytes(), dry_run=True)

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.dry_run
    assert job.counts["created"] == 3
    assert list(Employee.objects.order_by("pk").values()) == employees
    assert stored_files(media) == []
    assert jobs.job_summary(job).dry_run  # type: ignore[union-attr]


def test_positions_job_runs_the_positions_import(world: World, capture: Any) -> None:
    from bangkom.organisation.imports.workbooks import positions_template
    from bangkom.organisation.tests.test_import_positions import WORKBOOK, fill

    positions_before = Position.objects.count()
    content = fill(positions_template(instansi=world.instansi), WORKBOOK)
    with capture(execute=True):
        job = create(world, content, "jabatan.xlsx", kind=ImportKind.POSITIONS)

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.errors
    assert Position.objects.count() > positions_before


def test_a_finished_job_is_left_alone_and_a_failed_one_starts_over(
    world: World, media: Path, capture: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = jobs.employees.employees_import

    def broken(**kwargs: Any) -> Any:
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(jobs.employees, "employees_import", broken)
    with capture(execute=True):  # the task runner records the error as the task's outcome
        job = create(world, SIASN_CSV.read_bytes())
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "disk penuh" in job.failure
    assert job.file and stored_files(media)  # kept for the retry

    monkeypatch.setattr(jobs.employees, "employees_import", real_import)
    with capture(execute=True):
        jobs.import_job_retry(job=job, acting_user=world.user("bkpsdm"))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.counts["created"] == 3 and not job.failure
    assert stored_files(media) == []
    assert AuditEvent.objects.filter(action="organisation.import.retry").count() == 1

    events = AuditEvent.objects.count()
    again = import_job_execute(job.pk)
    assert again.status == ImportStatus.DONE and AuditEvent.objects.count() == events


def test_the_status_partial_polls_until_the_job_has_finished(
    world: World, client: Client, capture: Any
) -> None:
    client.force_login(world.user("bkpsdm"))
    with capture() as callbacks:  # queued, not yet run
        job = create(world, bad_csv())
    status_url = reverse("organisation:import_job_status", args=[job.pk])

    waiting = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in waiting and status_url in waiting
    assert "Menunggu giliran" in waiting and "<progress" in waiting

    for callback in callbacks:
        callback()
    done = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done
    assert "Berkas ditolak" in done and "UNOR NAMA" in done


def test_upload_page_answers_before_the_import_has_run(world: World, client: Client) -> None:
    """Without a worker the job waits; the page answers at once with the job's page."""
    client.force_login(world.user("bkpsdm"))
    employees = Employee.objects.count()
    upload = io.BytesIO(SIASN_CSV.read_bytes())
    upload.name = "siasn.csv"

    response = client.post(
        reverse("organisation:import_employees"), {"instansi": world.instansi.pk, "berkas": upload}
    )

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation:import_job", args=[job.pk])
    assert job.status == ImportStatus.QUEUED and Employee.objects.count() == employees
    page = client.get(response["Location"]).content.decode()
    assert "siasn.csv" in page and 'hx-trigger="every 2s"' in page


@pytest.mark.parametrize(
    "persona,status",
    [
        ("superadmin", 200),
        ("bkpsdm", 200),
        ("opd_admin", 403),
        ("supervisor", 403),
        ("employee", 403),
        ("partner", 403),
        ("pimpinan", 403),
        ("outsider", 404),
        ("outsider_employee", 404),
    ],
)
def test_job_pages_per_persona(
    world: World, client: Client, capture: Any, persona: str, status: int
) -> None:
    with pytest.MonkeyPatch.context() as patch, capture(execute=True):
        patch.setattr(jobs.employees, "employees_import", _fail)
        job = create(world, SIASN_CSV.read_bytes())
    client.force_login(world.user(persona))
    for name in ("import_job", "import_job_status"):
        response = client.get(reverse(f"organisation:{name}", args=[job.pk]))
        assert response.status_code == status, (persona, name)
    events = AuditEvent.objects.count()
    response = client.post(reverse("organisation:import_job_retry", args=[job.pk]))
    if status == 200:
        assert response.status_code == 302
        assert AuditEvent.objects.filter(action="organisation.import.retry").exists()
    else:
        assert response.status_code == status
        assert AuditEvent.objects.count() == events
        assert ImportJob.objects.get().status == ImportStatus.FAILED


def test_recent_jobs_list_only_the_instansi_the_user_imports_for(
    world: World, client: Client
) -> None:
    own = create(world, SIASN_CSV.read_bytes(), "kota.csv")
    other = import_job_create(
        instansi=world.other_instansi,
        kind=ImportKind.EMPLOYEES,
        upload=SimpleUploadedFile("lain.csv", SIASN_CSV.read_bytes()),
        acting_user=world.user("outsider"),
    )
    client.force_login(world.user("bkpsdm"))

    html = client.get(reverse("organisation:import_employees")).content.decode()

    assert reverse("organisation:import_job", args=[own.pk]) in html and "kota.csv" in html
    assert reverse("organisation:import_job", args=[other.pk]) not in html
    assert "lain.csv" not in html


def _fail(**kwargs: Any) -> Any:
    raise RuntimeError("basis data terputus")


@pytest.fixture
def capture(django_capture_on_commit_callbacks: Any) -> Any:
    return django_capture_on_commit_callbacks


def test_a_job_whose_worker_stopped_can_be_run_again(
    client: Client, world: World, media: Path, capture: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    with capture(execute=False):  # no worker picks it up
        job = create(world, SIASN_CSV.read_bytes())
    # A worker took it and stopped half-way, an hour ago (its transaction rolled back).
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, started_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(world.user("bkpsdm"))
    page = client.get(reverse("organisation:import_job_status", args=[job.pk])).content.decode()
    assert "tampaknya terhenti" in page and "Ulangi impor" in page
    with capture(execute=True):
        jobs.import_job_retry(job=job, acting_user=world.user("bkpsdm"))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.counts["created"] == 3


def test_a_job_still_within_its_time_cannot_be_run_twice(world: World, capture: Any) -> None:
    from django.utils import timezone

    with capture(execute=False):
        job = create(world, SIASN_CSV.read_bytes())
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    job.refresh_from_db()
    with pytest.raises(jobs.ServiceError):
        jobs.import_job_retry(job=job, acting_user=world.user("bkpsdm"))
