"""Recomputations queued from the needs page: run in the background, one at a time per instansi
and year, progress the page can poll, and a failure that leaves the results in force."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse

from bangkom.core.models import AuditEvent
from bangkom.needs import services
from bangkom.needs.models import EmployeeNeeds, Recomputation, RecomputationStatus
from bangkom.needs.services import needs_recompute, needs_recompute_enqueue
from bangkom.needs.tests.test_views import _prepare
from bangkom.testing.world import PERSONAS, World

pytestmark = pytest.mark.django_db
YEAR = "2026"


def _press(client, world: World) -> str:
    """Press the button; the page it returns to, as the browser shows it."""
    return client.post(
        reverse("needs:recompute"), {"instansi": world.instansi.pk, "tahun": YEAR}, follow=True
    ).content.decode()


def _overview(client) -> str:
    return client.get(reverse("needs:overview"), {"tahun": YEAR}).content.decode()


def _needs_snapshot(world: World) -> list[tuple[object, ...]]:
    return list(
        EmployeeNeeds.objects.filter(instansi=world.instansi, tahun=2026)
        .order_by("employee")
        .values_list("pk", "employee", "total_score", "lines_json")
    )


def test_pressing_queues_and_the_job_writes_the_results(
    client, world: World, django_capture_on_commit_callbacks
) -> None:
    _prepare(world)
    EmployeeNeeds.objects.all().delete()
    client.force_login(world.user("bkpsdm"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pressed = _press(client, world)
    assert "berjalan di latar belakang" in pressed  # the callbacks run when the block ends
    assert len(callbacks) == 1
    page = _overview(client)
    job = Recomputation.objects.filter(instansi=world.instansi).first()
    assert job is not None
    assert (job.status, job.progress, job.progress_note) == ("selesai", 100, "Selesai")
    assert job.requested_by == world.user("bkpsdm") and job.task_id
    assert job.employees == 4 and job.need_rows == 3
    assert job.started_at and job.finished_at and job.started_at <= job.finished_at
    assert EmployeeNeeds.objects.filter(instansi=world.instansi, tahun=2026).count() == 3
    assert "4 pegawai, 3 kebutuhan." in page and "recompute-" not in page
    assert "Kecamatan Alak" in page  # the heatmap
    actions = list(
        AuditEvent.objects.filter(instansi=world.instansi, action__startswith="needs.recompute")
        .order_by("pk")
        .values_list("action", "actor")
    )
    assert actions[-2:] == [
        ("needs.recompute.queue", world.user("bkpsdm").pk),
        ("needs.recompute", world.user("bkpsdm").pk),
    ]


def test_a_second_press_while_queued_does_not_queue_another(
    client, world: World, django_capture_on_commit_callbacks
) -> None:
    _prepare(world)
    client.force_login(world.user("bkpsdm"))
    with django_capture_on_commit_callbacks() as first:  # no worker has picked it up yet
        queued = _press(client, world)
    assert "berjalan di latar belakang" in queued
    assert 'hx-trigger="every 2s"' in queued and "Menunggu giliran" in queued
    client.force_login(world.user("superadmin"))
    with django_capture_on_commit_callbacks() as second:
        again = _press(client, world)
    assert "sudah dalam antrean atau sedang berjalan" in again
    assert len(first) == 1 and second == []
    active = Recomputation.objects.filter(instansi=world.instansi, status="antre")
    assert active.count() == 1
    assert AuditEvent.objects.filter(action="needs.recompute.queue").count() == 1
    # another year, or another instansi, is not held up
    needs_recompute_enqueue(instansi=world.instansi, tahun=2027, acting_user=None)
    needs_recompute_enqueue(instansi=world.other_instansi, tahun=2026, acting_user=None)
    assert Recomputation.objects.filter(status="antre").count() == 3


def test_the_database_holds_one_active_recomputation_per_instansi_and_year(world: World) -> None:
    Recomputation.objects.create(instansi=world.instansi, tahun=2026, status="berjalan")
    Recomputation.objects.create(instansi=world.instansi, tahun=2026, status="gagal")
    with pytest.raises(IntegrityError):
        Recomputation.objects.create(instansi=world.instansi, tahun=2026, status="antre")


def test_a_failure_keeps_the_previous_results_and_records_the_error(
    client, world: World, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    _prepare(world)
    before = _needs_snapshot(world)
    last_done = Recomputation.objects.get(instansi=world.instansi, status="selesai")
    real_bulk_insert = services.bulk_insert

    def fail_on_priorities(model, columns, rows):  # type: ignore[no-untyped-def]
        if model.__name__ == "UnitPriority":  # after the inventories were written
            raise OSError("disk penuh")
        return real_bulk_insert(model, columns, rows)

    monkeypatch.setattr(services, "bulk_insert", fail_on_priorities)
    client.force_login(world.user("bkpsdm"))
    with django_capture_on_commit_callbacks(execute=True):
        _press(client, world)
    page = _overview(client)

    failed = Recomputation.objects.filter(instansi=world.instansi).first()
    assert failed is not None and failed.status == RecomputationStatus.FAILED
    assert failed.error == "OSError: disk penuh" and failed.finished_at
    assert _needs_snapshot(world) == before
    assert "Penghitungan ulang gagal; hasil sebelumnya tetap berlaku." in page
    assert "disk penuh" in page and "Kecamatan Alak" in page
    assert 'hx-trigger="every 2s"' not in page
    last_done.refresh_from_db()
    assert last_done.status == "selesai"

    monkeypatch.setattr(services, "bulk_insert", real_bulk_insert)
    with django_capture_on_commit_callbacks(execute=True):
        _press(client, world)  # a failure does not block a retry
    assert "Penghitungan ulang gagal" not in _overview(client)
    assert Recomputation.objects.filter(instansi=world.instansi).first().status == "selesai"


def test_progress_is_written_by_stage(world: World, monkeypatch) -> None:
    _prepare(world)
    job = Recomputation.objects.create(instansi=world.instansi, tahun=2026)
    seen: list[tuple[str, int, str]] = []
    real_need_rows = services.need_rows

    def watch(*args):  # type: ignore[no-untyped-def]
        seen.append(
            Recomputation.objects.values_list("status", "progress", "progress_note").get(pk=job.pk)
        )
        return real_need_rows(*args)

    monkeypatch.setattr(services, "need_rows", watch)
    done = services.recomputation_execute(job.pk)
    assert seen == [("berjalan", 40, "Menghitung kesenjangan dan skor: 4 pegawai, 1 faktor bobot")]
    assert done.status == "selesai" and done.progress == 100
    assert services.recomputation_execute(job.pk).finished_at == done.finished_at  # idempotent


def test_the_synchronous_service_records_a_done_recomputation(world: World) -> None:
    _prepare(world)
    result = needs_recompute(instansi=world.instansi, tahun=2026, acting_user=world.user("bkpsdm"))
    assert (result.status, result.requested_by) == ("selesai", world.user("bkpsdm"))
    assert Recomputation.objects.filter(instansi=world.instansi).count() == 2


def test_the_polling_partial_reloads_the_page_when_the_job_ends(
    client, world: World, django_capture_on_commit_callbacks
) -> None:
    _prepare(world)
    with django_capture_on_commit_callbacks():
        job = needs_recompute_enqueue(instansi=world.instansi, tahun=2026, acting_user=None)
    client.force_login(world.user("pimpinan"))  # leadership follows it too
    url = reverse("needs:recompute_status", args=[job.pk])
    polling = {"HTTP_HX_REQUEST": "true"}
    waiting = client.get(url, {"poll": "1"}, **polling)
    assert waiting.status_code == 200 and "HX-Refresh" not in waiting
    assert 'hx-trigger="every 2s"' in waiting.content.decode()
    assert "Menunggu giliran" in waiting.content.decode()

    services.recomputation_execute(job.pk)

    done = client.get(url, {"poll": "1"}, **polling)
    assert done["HX-Refresh"] == "true"
    assert "hx-trigger" not in done.content.decode()
    assert "Kebutuhan 2026 dihitung ulang: 4 pegawai" in done.content.decode()
    plain = client.get(url)  # opened directly, not polled: no reload loop
    assert "HX-Refresh" not in plain
    overview = client.get(reverse("needs:overview"), {"tahun": YEAR}).content.decode()
    assert "recompute-" not in overview  # the results in force are the latest


STATUS_OK = {"superadmin", "bkpsdm", "pimpinan", "opd_admin"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_status_access(client, world: World, persona: str) -> None:
    job = Recomputation.objects.create(instansi=world.instansi, tahun=2026)
    client.force_login(world.user(persona))
    response = client.get(reverse("needs:recompute_status", args=[job.pk]))
    assert response.status_code == (200 if persona in STATUS_OK else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_instansi_admins_queue(
    client, world: World, persona: str, django_capture_on_commit_callbacks
) -> None:
    client.force_login(world.user(persona))
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("needs:recompute"), {"instansi": world.instansi.pk, "tahun": YEAR}
        )
    queued = Recomputation.objects.filter(instansi=world.instansi).count()
    if persona in {"superadmin", "bkpsdm"}:
        assert response.status_code == 302 and queued == 1 and len(callbacks) == 1
    else:
        expected = {404} if persona == "outsider" else {403, 404}
        assert response.status_code in expected
        assert queued == 0 and callbacks == []
        assert not AuditEvent.objects.filter(action__startswith="needs.recompute").exists()


def test_the_progress_is_written_in_the_language_of_the_admin_who_pressed(
    client, world: World, django_capture_on_commit_callbacks, settings, monkeypatch
) -> None:
    _prepare(world)
    notes: list[str] = []
    real_need_rows = services.need_rows

    def watch(*args):  # type: ignore[no-untyped-def]
        notes.append(Recomputation.objects.values_list("progress_note", flat=True).first())
        return real_need_rows(*args)

    monkeypatch.setattr(services, "need_rows", watch)
    client.force_login(world.user("bkpsdm"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("needs:recompute"), {"instansi": world.instansi.pk, "tahun": YEAR})
    assert notes == ["Computing gaps and scores: 4 employees, 1 weight factors"]
    job = Recomputation.objects.filter(instansi=world.instansi).first()
    assert job.progress_note == "Finished"


def test_a_recomputation_whose_worker_died_does_not_block_a_new_one(world: World) -> None:
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    lost = Recomputation.objects.create(
        instansi=world.instansi, tahun=2026, status="berjalan", started_at=now - timedelta(hours=1)
    )
    fresh = Recomputation.objects.create(
        instansi=world.instansi,
        tahun=2027,
        status="berjalan",
        started_at=now - timedelta(minutes=5),
    )
    queued = needs_recompute_enqueue(instansi=world.instansi, tahun=2026, acting_user=None)
    lost.refresh_from_db()
    assert lost.status == "gagal" and "Tidak ada kabar dari pekerja" in lost.error
    assert queued.status == "antre"
    assert AuditEvent.objects.filter(action="needs.recompute.stale").count() == 1
    # one that is still within its time keeps blocking
    with pytest.raises(services.ServiceError):
        needs_recompute_enqueue(instansi=world.instansi, tahun=2027, acting_user=None)
    fresh.refresh_from_db()
    assert fresh.status == "berjalan"
