"""iCalendar (RFC 5545) feeds of sessions: per ASN, per trainer, per venue.

Times are local to the instansi: Indonesia has three zones, and the province (the first two
digits of the Kemendagri region code) says which one. The ``icalendar`` package writes the
VTIMEZONE, escapes text and folds long lines as the RFC asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.delivery.models import Session

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"

# Provinces (Kemendagri codes) outside WIB. WITA (UTC+8): Bali, Nusa Tenggara, South, East and
# North Kalimantan, all of Sulawesi. WIT (UTC+9): Maluku, North Maluku and the Papua provinces.
# Everything else (Sumatra, Java, West and Central Kalimantan) is WIB (UTC+7).
_PROVINCE_ZONE = {
    **dict.fromkeys(("51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"), WITA),
    **dict.fromkeys(("81", "82", "91", "92", "93", "94", "95", "96"), WIT),
}

PRODID = "-//Bangkom//Pelaksanaan Pengembangan Kompetensi//ID"


def zone_for_region(code: str) -> str:
    """The IANA time zone of a region code such as ``53.71`` (Kota Kupang → Asia/Makassar)."""
    return _PROVINCE_ZONE.get(code[:2], WIB)


def session_summary(session: Session) -> str:
    batch = session.batch
    return _("%(program)s (angkatan %(n)d)") % {
        "program": batch.plan_program.template.judul,
        "n": batch.sequence,
    }


def session_location(session: Session) -> str:
    if session.batch.online:
        return _("Daring")
    if session.venue is None:
        return ""
    venue = session.venue
    return f"{venue.name}, {venue.address}" if venue.address else venue.name


def build_calendar(
    sessions: Iterable[Session], *, name: str, stamp: dt.datetime | None = None
) -> bytes:
    """A VCALENDAR with one VEVENT per session (sessions need batch, template, instansi's
    wilayah and venue loaded)."""
    stamp = stamp or timezone.now()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for session in sessions:
        zone = ZoneInfo(zone_for_region(session.batch.instansi.wilayah_id))
        event = icalendar.Event()
        event.add("uid", session.uid)
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", dt.datetime.combine(session.date, session.start_time, tzinfo=zone))
        event.add("dtend", dt.datetime.combine(session.date, session.end_time, tzinfo=zone))
        event.add("summary", session_summary(session))
        location = session_location(session)
        if location:
            event.add("location", location)
        event.add("last-modified", session.updated_at.astimezone(dt.UTC))
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
