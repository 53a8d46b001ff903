"""Internship (magang): eligibility by age from the NIP, the intern-only logbook, the mentor's
decisions, completion crediting JP once, activity logs, and the pages over every persona."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.delivery.models import (
    Internship,
    JpCredit,
    JpSource,
    LogbookEntry,
    LogbookStatus,
    Partner,
    PartnerStaff,
)
from bangkom.delivery.selectors_internship import eligible_for_internship
from bangkom.delivery.services import partner_save
from bangkom.delivery.services.internship import (
    ActivityData,
    InternshipData,
    activity_log_record,
    internship_complete,
    internship_create,
    internship_max_age,
    internship_report_upload,
    logbook_decide,
    logbook_submit,
)
from bangkom.delivery.tests.conftest import certificate
from bangkom.planning.models import DevelopmentForm
from bangkom.testing.world import PERSONAS, World

pytestmark = pytest.mark.django_db

ON = date(2026, 6, 1)


def names(rows: list[Any]) -> set[str]:
    return {row.employee.nama for row in rows}


def test_eligible_young_asn_by_age_from_the_nip(world: World) -> None:
    # Ages on 1 June 2026: Dewi 31, Yohanes 34, Agus 39, Maria 48.
    rows = eligible_for_internship(world.instansi.pk, ON)
    assert names(rows) == {"Dewi Lestari", "Yohanes Benu"}
    assert {row.employee.nama: row.age for row in rows} == {"Dewi Lestari": 31, "Yohanes Benu": 34}
    assert names(eligible_for_internship(world.instansi.pk, ON, max_age=39)) == {
        "Dewi Lestari",
        "Yohanes Benu",
        "Agus Setiawan",
    }
    # Yohanes (born 14 March 1992) is still 35 the day before turning 36.
    assert "Yohanes Benu" in names(eligible_for_internship(world.instansi.pk, date(2028, 3, 13)))
    assert "Yohanes Benu" not in names(
        eligible_for_internship(world.instansi.pk, date(2028, 3, 14))
    )
    # Another instansi's ASN never appear.
    assert "Budi Santoso" not in names(eligible_for_internship(world.instansi.pk, ON, max_age=60))


@pytest.mark.parametrize(
    ("value", "expected"), [(None, 35), (30, 30), (5, 18), (200, 60), ("x", 35)]
)
def test_the_maximum_age_setting_is_bounded(settings: Any, value: Any, expected: int) -> None:
    if value is None:
        del settings.DELIVERY_INTERNSHIP_MAX_AGE
    else:
        settings.DELIVERY_INTERNSHIP_MAX_AGE = value
    assert internship_max_age() == expected


@pytest.fixture
def partner(world: World) -> Partner:
    partner = partner_save(
        instansi=world.instansi,
        data={"name": "Universitas Uji", "type": "university"},
        acting_user=world.user("bkpsdm"),
    )
    PartnerStaff.objects.create(user=world.user("partner"), partner=partner)
    return partner


@pytest.fixture
def internship(world: World, partner: Partner) -> Internship:
    return internship_create(
        instansi=world.instansi,
        data=InternshipData(
            employee=world.employee,
            partner=partner,
            mentor=world.user("partner"),
            start_date=date(2026, 3, 2),
            end_date=date(2026, 4, 24),
            goals="Belajar tata kelola laboratorium.",
        ),
        acting_user=world.user("bkpsdm"),
    )


def test_an_older_asn_and_a_mentor_outside_the_partner_are_refused(
    world: World, partner: Partner
) -> None:
    with pytest.raises(ServiceError) as excinfo:
        internship_create(
            instansi=world.instansi,
            data=InternshipData(
                employee=world.kecamatan_staff,
                partner=partner,
                mentor=world.user("pimpinan"),
                start_date=ON,
                end_date=date(2026, 5, 1),
                goals="",
            ),
            acting_user=world.user("bkpsdm"),
        )
    errors = excinfo.value.message_dict
    assert set(errors) == {"employee", "mentor", "end_date", "goals"}
    assert "melebihi batas magang 35 tahun" in errors["employee"][0]
    assert not Internship.objects.exists()


def test_a_logbook_by_someone_who_is_not_the_intern_is_refused(
    world: World, internship: Internship
) -> None:
    for persona in ("partner", "bkpsdm", "colleague_user"):
        user = world.user(persona) if persona != "colleague_user" else world.user("supervisor")
        with pytest.raises(PermissionDenied, match="peserta magang sendiri"):
            logbook_submit(
                internship=internship,
                week_start=date(2026, 3, 2),
                activities="Menulis atas nama peserta.",
                acting_user=user,
            )
    assert not LogbookEntry.objects.exists()


def test_logbook_flow_return_resubmit_approve_and_complete_credits_jp_once(
    world: World, internship: Internship, forms: dict[str, DevelopmentForm]
) -> None:
    intern, mentor = world.user("employee"), world.user("partner")
    entry = logbook_submit(
        internship=internship,
        week_start=date(2026, 3, 4),  # a Wednesday: the week is its Monday
        activities="Orientasi laboratorium.",
        acting_user=intern,
    )
    assert entry.week_start == date(2026, 3, 2)
    with pytest.raises(ServiceError, match="sudah dikirim"):
        logbook_submit(
            internship=internship, week_start=date(2026, 3, 2), activities="x", acting_user=intern
        )
    with pytest.raises(PermissionDenied):
        logbook_decide(entry=entry, approve=True, comment="", acting_user=world.user("bkpsdm"))
    with pytest.raises(ServiceError):
        logbook_decide(entry=entry, approve=False, comment="", acting_user=mentor)
    entry = logbook_decide(
        entry=entry, approve=False, comment="Tambah rincian.", acting_user=mentor
    )
    assert entry.status == LogbookStatus.RETURNED
    with pytest.raises(ServiceError, match=r"menunggu pemeriksaan|Laporan akhir"):
        internship_complete(internship=internship, acting_user=mentor)
    entry = logbook_submit(
        internship=internship,
        week_start=date(2026, 3, 2),
        activities="Orientasi laboratorium, SOP sampel.",
        acting_user=intern,
    )
    logbook_decide(entry=entry, approve=True, comment="Baik.", acting_user=mentor)
    with pytest.raises(ServiceError, match="Laporan akhir belum"):
        internship_complete(internship=internship, acting_user=mentor)
    internship_report_upload(
        internship=internship, report=certificate("laporan.pdf"), acting_user=intern
    )
    internship = internship_complete(internship=internship, acting_user=mentor)
    credit = JpCredit.objects.get(employee=world.employee)
    assert (credit.source, credit.source_key) == (JpSource.INTERNSHIP, f"magang:{internship.pk}")
    assert credit.jp == Decimal(20)  # magang: 20 JP per activity
    internship_complete(internship=internship, acting_user=mentor)
    assert JpCredit.objects.filter(employee=world.employee).count() == 1


def test_a_week_outside_the_internship_is_refused(world: World, internship: Internship) -> None:
    with pytest.raises(ServiceError) as excinfo:
        logbook_submit(
            internship=internship,
            week_start=date(2026, 6, 1),
            activities="",
            acting_user=world.user("employee"),
        )
    assert set(excinfo.value.message_dict) == {"week_start", "activities"}


def test_activity_log_credits_each_participant_with_the_caps(
    world: World, forms: dict[str, DevelopmentForm]
) -> None:
    log = activity_log_record(
        instansi=world.instansi,
        data=ActivityData(
            kind="coaching",
            title="Coaching kinerja",
            date=date(2026, 2, 10),
            units=Decimal(5),  # coaching: 2 JP a session, at most 2 sessions a month
            participants=[world.employee, world.colleague],
            output_text="Rencana perbaikan kinerja.",
        ),
        acting_user=world.user("bkpsdm"),
    )
    credits = JpCredit.objects.filter(source=JpSource.COACHING, source_key=f"kegiatan:{log.pk}")
    assert sorted(c.jp for c in credits) == [Decimal(4), Decimal(4)]
    assert AuditEvent.objects.filter(action="delivery.activity.record").count() == 1
    with pytest.raises(ServiceError) as excinfo:
        activity_log_record(
            instansi=world.instansi,
            data=ActivityData(
                kind="seminar", title="", date=None, units="0", participants=[world.other_employee]
            ),
            acting_user=world.user("bkpsdm"),
        )
    assert set(excinfo.value.message_dict) == {
        "title",
        "date",
        "units",
        "participants",
        "output_text",
    }
    with pytest.raises(PermissionDenied):
        activity_log_record(
            instansi=world.instansi,
            data=ActivityData(
                kind="seminar",
                title="x",
                date=date(2026, 2, 1),
                units="1",
                participants=[world.employee],
                output_text="x",
            ),
            acting_user=world.user("opd_admin"),
        )
    assert JpCredit.objects.count() == 2


# --- pages -------------------------------------------------------------------------------

DETAIL_STATUS = {
    "superadmin": 200,
    "bkpsdm": 200,
    "opd_admin": 404,
    "supervisor": 404,
    "employee": 200,
    "partner": 200,
    "pimpinan": 200,
    "outsider": 404,
    "outsider_employee": 404,
}
LOGBOOK_POST_STATUS = {
    **DETAIL_STATUS,
    "superadmin": 403,
    "bkpsdm": 403,
    "partner": 403,
    "pimpinan": 403,
    "employee": 302,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_internship_page_and_logbook_over_personas(
    client: Client, world: World, internship: Internship, persona: str
) -> None:
    client.force_login(world.user(persona))
    url = reverse("delivery_internship:detail", args=[internship.pk])
    assert client.get(url).status_code == DETAIL_STATUS[persona]
    response = client.post(
        url, {"action": "logbook", "week_start": "2026-03-09", "activities": "Kegiatan minggu 2."}
    )
    assert response.status_code == LOGBOOK_POST_STATUS[persona]
    assert LogbookEntry.objects.exists() is (persona == "employee")


def test_the_logbook_form_keeps_what_was_typed(
    client: Client, world: World, internship: Internship
) -> None:
    client.force_login(world.user("employee"))
    response = client.post(
        reverse("delivery_internship:detail", args=[internship.pk]),
        {"action": "logbook", "week_start": "2027-01-04", "activities": "Catatan yang panjang."},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Minggu ini di luar masa magang." in body
    assert "Catatan yang panjang." in body
    assert not LogbookEntry.objects.exists()


ELIGIBLE_STATUS = {
    "superadmin": 200,
    "bkpsdm": 200,
    "opd_admin": 403,
    "supervisor": 403,
    "employee": 403,
    "partner": 403,
    "pimpinan": 200,
    "outsider": 200,
    "outsider_employee": 403,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_eligible_page_over_personas(client: Client, world: World, persona: str) -> None:
    client.force_login(world.user(persona))
    response = client.get(reverse("delivery_internship:eligible"))
    assert response.status_code == ELIGIBLE_STATUS[persona]
    if persona == "bkpsdm":
        assert "Yohanes Benu" in response.content.decode()
        assert "Maria Nahak" not in response.content.decode()
    if persona == "outsider":
        assert "Yohanes Benu" not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_mentor_decision_over_personas(
    client: Client, world: World, internship: Internship, persona: str
) -> None:
    entry = logbook_submit(
        internship=internship,
        week_start=date(2026, 3, 2),
        activities="Minggu 1.",
        acting_user=world.user("employee"),
    )
    client.force_login(world.user(persona))
    response = client.post(
        reverse("delivery_internship:logbook_decide", args=[entry.pk]), {"decision": "approve"}
    )
    expected = 302 if persona == "partner" else (403 if DETAIL_STATUS[persona] == 200 else 404)
    assert response.status_code == expected
    entry.refresh_from_db()
    assert (entry.status == LogbookStatus.APPROVED) is (persona == "partner")


ACTIVITY_STATUS = {
    "superadmin": (200, 302),
    "bkpsdm": (200, 302),
    "opd_admin": (403, 403),
    "supervisor": (403, 403),
    "employee": (403, 403),
    "partner": (403, 403),
    "pimpinan": (200, 403),
    "outsider": (200, 404),  # its own instansi shows; Kota Uji is outside its scope
    "outsider_employee": (403, 403),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_activity_log_page_over_personas(
    client: Client, world: World, forms: dict[str, DevelopmentForm], persona: str
) -> None:
    client.force_login(world.user(persona))
    url = reverse("delivery_internship:activity_list")
    get_status, post_status = ACTIVITY_STATUS[persona]
    assert client.get(url).status_code == get_status
    response = client.post(
        url,
        {
            "instansi": world.instansi.pk,
            "kind": "seminar",
            "title": "Seminar praktisi perizinan",
            "date": "2026-02-03",
            "units": "1",
            "participants": [world.employee.pk],
            "output_text": "Ringkasan seminar.",
        },
    )
    assert response.status_code == post_status
    assert JpCredit.objects.filter(source=JpSource.SEMINAR).exists() is (post_status == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_final_report_download_over_personas(
    client: Client, world: World, internship: Internship, persona: str
) -> None:
    internship_report_upload(
        internship=internship, report=certificate("laporan.pdf"), acting_user=world.user("employee")
    )
    client.force_login(world.user(persona))
    response = client.get(reverse("delivery_internship:report", args=[internship.pk]))
    assert response.status_code == DETAIL_STATUS[persona]
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
