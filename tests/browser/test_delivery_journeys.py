"""Delivery journeys in Debian's Chromium: a supervisor approves the team's nominations in one
go; an ASN checks in to a session by its QR link on a phone-sized screen; a planner moves a
session onto a busy venue and sees the conflict before saving."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from bangkom.delivery.models import Batch, Enrolment, EnrolmentStatus, Session
from bangkom.delivery.services import batches_from_plan
from bangkom.delivery.services.enrolment import enrolment_decide
from bangkom.delivery.tests.conftest import (  # noqa: F401 - fixtures used below
    Setup,
    approve,
    delivery_settings,
    draft_plan,
    setup,
)
from bangkom.testing.world import PASSWORD, World, build_world
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _world_with_batches() -> tuple[World, Batch]:
    world = build_world()
    plan, workshop, _online, run = draft_plan(world)
    plan = approve(plan, run, world)
    batches_from_plan(plan=plan, acting_user=None)
    return world, Batch.objects.get(plan_program=workshop, sequence=1)


def test_supervisor_approves_the_team_nominations(live_server, page: Page) -> None:
    world, batch = _world_with_batches()
    login(page, live_server.url, "supervisor", PASSWORD)
    page.goto(f"{live_server.url}/pelaksanaan/pencalonan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pencalonan tim saya")
    pending = page.locator("#bulk-approve tbody tr")
    # Yohanes and Dewi in the workshop, Yohanes in the online course too
    expect(pending).to_have_count(3)
    expect(pending.filter(has_text="Dewi Lestari")).to_have_count(1)
    for box in page.locator("#bulk-approve input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Setujui yang dipilih").click()
    expect(page.get_by_text("3 pencalonan disetujui.")).to_be_visible()
    expect(page.get_by_text("Tidak ada pencalonan yang menunggu.")).to_be_visible()
    assert set(Enrolment.objects.filter(batch=batch).values_list("status", flat=True)) == {
        EnrolmentStatus.APPROVED
    }
    # the ASN sees the decision in the bell and on "Pelatihan saya"
    page.context.clear_cookies()
    login(page, live_server.url, "employee", PASSWORD)
    expect(page.locator(".notif-badge span")).to_have_text("2")
    page.goto(f"{live_server.url}/pelaksanaan/pelatihan-saya/")
    card = page.locator(
        f"#enrolment-{Enrolment.objects.get(batch=batch, employee=world.employee).pk}"
    )
    expect(card.locator(".enrolment-status")).to_have_text("Disetujui atasan")
    card.get_by_role("button", name="Konfirmasi kehadiran").click()
    expect(card.locator(".enrolment-status")).to_have_text("Dikonfirmasi peserta")


def _session_now(batch: Batch) -> Session:
    """A session running now, in local time (the check-in window is the session's day)."""
    now = timezone.localtime()
    start = max(now - dt.timedelta(minutes=30), now.replace(hour=0, minute=0))
    end = min(now + dt.timedelta(hours=2), now.replace(hour=23, minute=59))
    return Session.objects.create(
        batch=batch,
        date=now.date(),
        start_time=start.time().replace(second=0, microsecond=0),
        end_time=end.time().replace(second=0, microsecond=0),
    )


def test_asn_checks_in_by_qr_on_a_phone(live_server, browser: Browser, phone_page: Page) -> None:
    world, batch = _world_with_batches()
    mine = Enrolment.objects.get(batch=batch, employee=world.employee)
    enrolment_decide(enrolment=mine, approve=True, acting_user=None)
    session = _session_now(batch)

    # the organiser shows the session's QR code; its link is what a phone camera opens
    admin = browser.new_context(locale="id-ID")
    organiser = admin.new_page()
    login(organiser, live_server.url, "bkpsdm", PASSWORD)
    organiser.goto(f"{live_server.url}/pelaksanaan/sesi/{session.pk}/presensi/")
    expect(organiser.locator("figure.qr svg")).to_be_visible()
    link = organiser.locator("#checkin-link").get_attribute("href")
    assert link and f"/pelaksanaan/sesi/{session.pk}/hadir/?t=" in link
    admin.close()

    login(phone_page, live_server.url, "employee", PASSWORD)
    phone_page.goto(link)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Presensi")
    button = phone_page.get_by_role("button", name="Catat kehadiran saya")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44
    button.click()
    expect(phone_page.locator("#checkin-result")).to_contain_text("Kehadiran tercatat")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    assert mine.attendances.count() == 1

    # the same code a second time is refused, clearly
    phone_page.goto(link)
    phone_page.get_by_role("button", name="Catat kehadiran saya").click()
    expect(phone_page.locator("#checkin-result")).to_contain_text("sudah tercatat hadir")
    assert mine.attendances.count() == 1


def test_planner_moves_a_session_onto_a_busy_venue_and_sees_the_conflict(
    live_server,
    page: Page,
    setup: Setup,  # noqa: F811 - the delivery fixture, imported above
) -> None:
    batches_from_plan(plan=setup.plan, acting_user=None)
    first = Batch.objects.get(plan_program=setup.workshop, sequence=1)
    second = Batch.objects.get(plan_program=setup.workshop, sequence=2)
    hours = {"start_time": dt.time(8), "end_time": dt.time(16)}
    mine = Session.objects.create(batch=first, date=dt.date(2027, 3, 8), venue=setup.aula, **hours)
    Session.objects.create(batch=second, date=dt.date(2027, 3, 10), venue=setup.kampus, **hours)

    login(page, live_server.url, "bkpsdm", PASSWORD)
    page.goto(f"{live_server.url}/pelaksanaan/sesi/{mine.pk}/pindah/")
    page.get_by_label("Tempat").select_option(label="Kampus Uji")
    page.get_by_label("Tanggal").fill("2027-03-10")
    # The conflict shows while the planner edits, before anything is saved.
    conflicts = page.locator("#conflicts")
    expect(conflicts.get_by_role("alert")).to_contain_text(
        "Tempat Kampus Uji pada 10-03-2027 sudah dipakai"
    )
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert").first).to_contain_text("sudah dipakai")
    expect(page.get_by_label("Tanggal")).to_have_value("2027-03-10")  # what was typed stays
    mine.refresh_from_db()
    assert (mine.date, mine.venue_id) == (dt.date(2027, 3, 8), setup.aula.pk)

    # A free day clears the conflict and the move is saved (and pinned).
    page.get_by_label("Tempat").select_option(label="Aula BKPSDM")
    page.get_by_label("Tanggal").fill("2027-03-11")
    expect(conflicts).to_contain_text("Tidak ada bentrok")
    page.get_by_role("button", name="Simpan").click()
    expect(page).not_to_have_url(re.compile(r"/pindah/"))
    mine.refresh_from_db()
    assert (mine.date, mine.venue_id, mine.pinned) == (dt.date(2027, 3, 11), setup.aula.pk, True)
