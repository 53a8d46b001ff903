"""Certificate pages over the personas: who sees, who writes, and that a refused write changes
nothing; the bulk issue job with its progress."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bangkom.core.models import AuditEvent
from bangkom.recognition.models import Certificate, CertificateIssueJob, JobStatus
from bangkom.recognition.services import certificate_issue, certificate_job_run
from bangkom.testing.world import PERSONAS

from .conftest import SIGNATORY

pytestmark = pytest.mark.django_db

READERS_OF_EMPLOYEE = {"superadmin", "bkpsdm", "opd_admin", "supervisor", "employee", "pimpinan"}
ADMINS = {"superadmin", "bkpsdm"}


def _login(client, world, persona: str) -> None:
    client.force_login(world.user(persona))


@pytest.fixture
def certificate(world, credit):
    return certificate_issue(credit=credit(world.employee), signatory=SIGNATORY, acting_user=None)


@pytest.mark.parametrize("persona", PERSONAS)
def test_downloads_follow_who_may_read_the_employee(client, world, certificate, persona):
    _login(client, world, persona)
    expected = 200 if persona in READERS_OF_EMPLOYEE else 404
    credential = client.get(reverse("recognition:credential", args=[certificate.pk]))
    assert credential.status_code == expected
    if expected == 200:
        assert json.loads(credential.content) == json.loads(certificate.credential_json)
        assert "BKM-53.71-2026-000001.json" in credential["Content-Disposition"]


def test_pdf_download(client, world, certificate):
    _login(client, world, "employee")
    response = client.get(reverse("recognition:pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_my_certificates_lists_own_with_share_link(client, world, certificate, credit):
    certificate_issue(credit=credit(world.colleague), signatory=SIGNATORY, acting_user=None)
    _login(client, world, "employee")
    text = client.get(reverse("recognition:my_certificates")).content.decode()
    assert certificate.number in text
    assert f"https://bangkom.example.go.id/verifikasi/{certificate.code}/" in text
    assert reverse("recognition:pdf", args=[certificate.pk]) in text
    assert "BKM/53.71/2026/000002" not in text  # the colleague's
    _login(client, world, "bkpsdm")
    assert client.get(reverse("recognition:my_certificates")).status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_register_for_admins_and_leadership(client, world, certificate, persona):
    _login(client, world, persona)
    response = client.get(reverse("recognition:register"), {"instansi": world.instansi.pk})
    ok = {"superadmin", "bkpsdm", "pimpinan"}
    assert response.status_code == (200 if persona in ok else 404 if persona == "outsider" else 403)
    if persona in ok:
        text = response.content.decode()
        assert certificate.number in text
        assert (reverse("recognition:revoke", args=[certificate.pk]) in text) == (persona in ADMINS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_revoke_only_by_bkpsdm_and_refusals_change_nothing(client, world, certificate, persona):
    _login(client, world, persona)
    events = AuditEvent.objects.count()
    url = reverse("recognition:revoke", args=[certificate.pk])
    response = client.post(url, {"reason": "Data kehadiran keliru."})
    if persona in ADMINS:
        assert response.status_code == 302
        certificate.refresh_from_db()
        assert certificate.is_revoked
        return
    assert response.status_code == (403 if persona in READERS_OF_EMPLOYEE else 404)
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    assert AuditEvent.objects.count() == events


def test_revoke_form_without_reason_shows_the_error(client, world, certificate):
    _login(client, world, "bkpsdm")
    response = client.post(reverse("recognition:revoke", args=[certificate.pk]), {"reason": " "})
    assert response.status_code == 400
    assert "Alasan pencabutan wajib diisi." in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_register_query_count_does_not_grow(client, world, credit):
    _login(client, world, "bkpsdm")
    url = reverse("recognition:register")
    certificate_issue(credit=credit(world.employee), signatory=SIGNATORY, acting_user=None)
    client.get(url)  # the session's first request does its own bookkeeping
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i, employee in enumerate([world.colleague, world.supervisor, world.kecamatan_staff]):
        certificate_issue(
            credit=credit(employee, activity=f"Kegiatan {i}"),
            signatory=SIGNATORY,
            acting_user=None,
        )
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)


@pytest.mark.parametrize("persona", PERSONAS)
def test_bulk_issue_page_for_admins_only(client, world, credit, persona):
    credit(world.employee)
    _login(client, world, persona)
    response = client.post(
        reverse("recognition:bulk_issue") + f"?instansi={world.instansi.pk}",
        {
            "activity": "Pelatihan Pelayanan Prima",
            "date": "2026-03-14",
            "source": "angkatan",
            "signatory_name": SIGNATORY.name,
            "signatory_title": SIGNATORY.title,
        },
    )
    if persona in ADMINS:
        job = CertificateIssueJob.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("recognition:job_status", args=[job.pk])
    else:
        assert response.status_code == (404 if persona == "outsider" else 403)
        assert not CertificateIssueJob.objects.exists()


def test_bulk_issue_job_issues_a_group_with_progress_and_is_idempotent(client, world, credit):
    for employee in (world.employee, world.colleague, world.supervisor):
        credit(employee, activity="Pelatihan Pelayanan Prima")
    credit(world.kecamatan_staff, activity="Kegiatan lain")
    _login(client, world, "bkpsdm")
    page = client.get(reverse("recognition:bulk_issue")).content.decode()
    assert "Pelatihan Pelayanan Prima" in page and "Kegiatan lain" in page
    client.post(
        reverse("recognition:bulk_issue"),
        {
            "activity": "Pelatihan Pelayanan Prima",
            "date": "2026-03-14",
            "source": "angkatan",
            "signatory_name": SIGNATORY.name,
            "signatory_title": SIGNATORY.title,
        },
    )
    job = CertificateIssueJob.objects.get()
    assert job.total == 3 and job.status == JobStatus.QUEUED
    polled = client.get(
        reverse("recognition:job_status", args=[job.pk]) + "?poll=1", HTTP_HX_REQUEST="true"
    )
    assert 'hx-trigger="every 2s"' in polled.content.decode()
    done = certificate_job_run(job.pk)
    assert (done.status, done.processed, done.issued, done.skipped) == (JobStatus.DONE, 3, 3, 0)
    assert Certificate.objects.count() == 3
    # A retried task issues nothing twice.
    CertificateIssueJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    again = certificate_job_run(job.pk)
    assert (again.issued, again.skipped) == (0, 3)
    assert Certificate.objects.count() == 3
    finished = client.get(
        reverse("recognition:job_status", args=[job.pk]) + "?poll=1", HTTP_HX_REQUEST="true"
    )
    assert finished["HX-Refresh"] == "true"
    _login(client, world, "outsider")
    assert client.get(reverse("recognition:job_status", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("value", ["abc", "\x00", "-1", "9" * 40, "' OR 1=1 --"])
def test_hostile_query_values_never_fail(client, world, certificate, value):
    client.raise_request_exception = False
    client.force_login(world.user("bkpsdm"))
    for name in ("register", "bulk_issue", "verify"):
        response = client.get(
            reverse(f"recognition:{name}"),
            {"instansi": value, "tahun": value, "status": value, "kode": value, "page": value},
        )
        assert response.status_code < 500, name
