"""The iCalendar feeds parse back (icalendar), carry stable UIDs and local time zones; the
personal feed URL works with its secret token until renewed."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import icalendar
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bangkom.delivery.ical import WIB, WIT, WITA, zone_for_region
from bangkom.delivery.models import Batch, CalendarFeed, Session
from bangkom.delivery.services import batches_from_plan, calendar_token_renew, session_move
from bangkom.delivery.tests.conftest import Setup


@pytest.fixture
def scheduled(setup: Setup) -> Session:
    batches_from_plan(plan=setup.plan, acting_user=None)
    batch = Batch.objects.get(plan_program=setup.workshop, sequence=1)
    return Session.objects.create(
        batch=batch,
        date=dt.date(2027, 3, 8),
        start_time=dt.time(8),
        end_time=dt.time(16),
        venue=setup.kampus,
    )


def events(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def command(*args: str) -> bytes:
    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue().encode()


def test_zones_by_province() -> None:
    assert zone_for_region("53.71") == WITA  # Kota Kupang, NTT
    assert zone_for_region("61.71") == WIB  # Kota Pontianak, Kalimantan Barat
    assert zone_for_region("12.71") == WIB  # Kota Medan
    assert zone_for_region("91.71") == WIT  # Kota Jayapura


def test_employee_feed_by_command_and_uid_kept_on_move(setup: Setup, scheduled: Session) -> None:
    nip = setup.world.employee.nip
    body = command("--employee", nip, "--year", "2027")
    assert b"BEGIN:VTIMEZONE" in body and b"TZID:Asia/Makassar" in body
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    (event,) = events(body)
    assert str(event["UID"]) == scheduled.uid
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2027, 3, 8, 8, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Asia/Makassar"
    assert event.decoded("DTEND").hour == 16
    assert "DTSTAMP" in event
    assert str(event["SUMMARY"]) == "Program WS (angkatan 1)"
    assert str(event["LOCATION"]) == "Kampus Uji, Jl. Adisucipto, Penfui"
    assert b"Kampus Uji\\, Jl. Adisucipto\\, Penfui" in body.replace(b"\r\n ", b"")

    session_move(session=scheduled, date=dt.date(2027, 3, 10), venue=setup.aula, acting_user=None)
    (moved,) = events(command("--employee", nip, "--year", "2027"))
    assert str(moved["UID"]) == scheduled.uid
    assert moved.decoded("DTSTART").date() == dt.date(2027, 3, 10)
    assert str(moved["LOCATION"]) == "Aula BKPSDM"
    # Someone not enrolled sees nothing; trainer and venue feeds by command too.
    assert events(command("--employee", setup.world.supervisor.nip, "--year", "2027")) == []
    assert len(events(command("--venue", str(setup.aula.pk), "--year", "2027"))) == 1
    assert events(command("--venue", str(setup.kampus.pk), "--year", "2027")) == []


def test_personal_feed_token_renew(setup: Setup, scheduled: Session) -> None:
    user = setup.world.user("employee")
    old = calendar_token_renew(user=user, acting_user=user)
    assert len(old) >= 43 and CalendarFeed.objects.get(user=user).token_hash != old
    client = Client()
    response = client.get(reverse("delivery:calendar_feed", args=[old]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    new = calendar_token_renew(user=user, acting_user=user)
    assert client.get(reverse("delivery:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("delivery:calendar_feed", args=[new])).status_code == 200
    assert client.get(reverse("delivery:calendar_feed", args=["x" * 43])).status_code == 404


def test_my_calendar_page_shows_new_url_once(setup: Setup) -> None:
    client = Client()
    client.force_login(setup.world.user("employee"))
    page = client.post(reverse("delivery:my_calendar"))
    assert page.status_code == 200
    url = page.context["feed_url"]
    assert "/pelaksanaan/kalender/" in url and url.endswith(".ics")
    token = url.rsplit("/", 1)[1][:-4]
    assert CalendarFeed.objects.get(user=setup.world.user("employee")).token_hash == (
        CalendarFeed.hash_token(token)
    )
    assert client.get(reverse("delivery:my_calendar")).context["feed_url"] == ""


def test_my_calendar_download(client, setup: Setup, scheduled: Session) -> None:  # type: ignore[no-untyped-def]
    client.force_login(setup.world.user("employee"))
    response = client.get(reverse("delivery:my_calendar_ics") + "?tahun=2027")
    assert response.status_code == 200
    assert [str(e["UID"]) for e in events(response.content)] == [scheduled.uid]
    client.force_login(setup.world.user("pimpinan"))  # no employee record: an empty calendar
    assert events(client.get(reverse("delivery:my_calendar_ics") + "?tahun=2027").content) == []
    client.logout()
    assert client.get(reverse("delivery:my_calendar_ics")).status_code == 302
