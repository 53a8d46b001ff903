"""Public input without login: spam checks, rate limits, duplicates, and moderation (only
approved input produces weight factors)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bangkom.competencies.models import Competency
from bangkom.core.models import AuditEvent
from bangkom.factors.models import WeightFactor
from bangkom.regional.models import InputStatus, PublicAttempt, PublicInput, RegionalSettings
from bangkom.regional.services import input_approve, input_reject
from bangkom.regional.services.inputs import form_key
from bangkom.regional.tests.helpers import passing_guard
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(world: World) -> str:
    RegionalSettings.objects.create(instansi=world.instansi, public_input_open=True)
    return reverse("regional:public_input", args=[world.instansi.wilayah_id])


def fields(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "kategori": "akademisi",
        "topik": "Literasi digital petugas kelurahan",
        "isi": "Petugas kelurahan perlu pelatihan layanan daring agar warga tidak perlu datang.",
        "nama": "Dr. Maria Lay",
        "organisasi": "Universitas Nusa Cendana",
        "email": "maria@undana.ac.id",
        "telepon": "+62 812 3456 7890",
        **passing_guard(form_key(world.instansi)),
    }
    data.update(overrides)
    return data


def test_a_citizen_sends_input_pending_moderation(client, world: World, url: str) -> None:
    page = client.get(url)
    assert page.status_code == 200
    assert "Pertanyaan pengaman" in page.content.decode()
    response = client.post(url, fields(world))
    assert response.status_code == 302
    item = PublicInput.objects.get()
    assert item.status == InputStatus.PENDING
    assert item.email == "maria@undana.ac.id"
    event = AuditEvent.objects.get(action="public_input.submit")
    assert event.actor_label == "publik" and event.actor is None
    assert "maria@undana.ac.id" not in str(event.changes)  # contact stays out of the audit log
    assert not WeightFactor.objects.exists()  # nothing counts before moderation


def test_anti_spam_fields_appear_once_and_the_honeypot_is_hidden(
    client, world: World, url: str
) -> None:
    page = client.get(url).content.decode()
    assert page.count('name="jawaban"') == 1
    assert page.count('name="token"') == 1
    assert page.count('name="website"') == 1
    honeypot = page.split('class="hp-field"')[1].split("</div>")[0]
    assert (
        'name="website"' in honeypot
        and 'aria-hidden="true"' in page.split('class="hp-field"')[1][:30]
    )


def _refused(client, url: str, data: dict[str, Any], status: int, message: str) -> None:
    before = (PublicInput.objects.count(), AuditEvent.objects.count())
    response = client.post(url, data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert (PublicInput.objects.count(), AuditEvent.objects.count()) == before


def test_honeypot_filled_is_refused(client, world: World, url: str) -> None:
    _refused(client, url, fields(world, website="http://spam.example"), 400, "tidak dapat diterima")


def test_too_fast_is_refused(client, world: World, url: str) -> None:
    data = fields(world, **passing_guard(form_key(world.instansi), seconds_ago=1))
    _refused(client, url, data, 400, "terlalu cepat")


def test_form_posted_right_after_loading_is_too_fast(client, world: World, url: str) -> None:
    page = client.get(url).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    data = fields(world, token=token, jawaban="99")
    _refused(client, url, data, 400, "terlalu cepat")


def test_wrong_challenge_answer_is_refused(client, world: World, url: str) -> None:
    data = fields(world)
    data["jawaban"] = str(int(data["jawaban"]) + 1)
    _refused(client, url, data, 400, "Jawaban pertanyaan pengaman salah")


def test_missing_or_foreign_token_is_refused(client, world: World, url: str) -> None:
    _refused(client, url, fields(world, token=""), 400, "tidak sah")
    other = passing_guard(form_key(world.other_instansi))
    _refused(client, url, fields(world, **other), 400, "tidak sah")


def test_expired_form_is_refused(client, world: World, url: str) -> None:
    data = fields(world, **passing_guard(form_key(world.instansi), seconds_ago=3 * 3600))
    _refused(client, url, data, 400, "kedaluwarsa")


def test_the_same_form_cannot_be_sent_twice(client, world: World, url: str) -> None:
    data = fields(world)
    assert client.post(url, data).status_code == 302
    _refused(client, url, {**data, "topik": "Topik lain sama sekali"}, 400, "sudah terkirim")


def test_identical_input_within_the_hour_is_refused(client, world: World, url: str) -> None:
    assert client.post(url, fields(world)).status_code == 302
    _refused(client, url, fields(world), 400, "Masukan yang sama sudah kami terima")


def test_rate_limit_per_address_and_form(client, world: World, url: str, settings) -> None:
    settings.REGIONAL_PUBLIC_LIMIT_PER_HOUR = 5
    for number in range(5):
        response = client.post(url, fields(world, topik=f"Masukan nomor {number + 1}"))
        assert response.status_code == 302
    _refused(client, url, fields(world, topik="Masukan keenam"), 429, "batas 5")
    # another address is not limited
    other = client.post(url, fields(world, topik="Dari warnet lain"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
    # an hour later the address may send again
    PublicAttempt.objects.update(at=timezone.now() - timedelta(minutes=61))
    assert client.post(url, fields(world, topik="Sejam kemudian")).status_code == 302
    assert PublicInput.objects.count() == 7


def test_repeated_refusals_also_count(client, world: World, url: str, settings) -> None:
    settings.REGIONAL_PUBLIC_ATTEMPTS_PER_HOUR = 3
    for _ in range(3):
        client.post(url, fields(world, website="spam"))
    _refused(client, url, fields(world), 429, "Terlalu banyak percobaan")


def test_address_is_stored_only_as_a_hash(client, world: World, url: str) -> None:
    client.post(url, fields(world), REMOTE_ADDR="203.0.113.7")
    attempt = PublicAttempt.objects.get()
    assert "203.0.113.7" not in attempt.ip_hash and len(attempt.ip_hash) == 32


def test_bad_fields_are_shown_and_nothing_saved(client, world: World, url: str) -> None:
    response = client.post(url, fields(world, isi="pendek", email="bukan-email"))
    assert response.status_code == 200
    assert not PublicInput.objects.exists()
    assert not PublicAttempt.objects.exists()  # a typo is not a spam attempt


def test_closed_form_is_not_found(client, world: World, url: str) -> None:
    RegionalSettings.objects.filter(instansi=world.instansi).update(public_input_open=False)
    assert client.get(url).status_code == 404
    assert client.post(url, fields(world)).status_code == 404
    assert not PublicInput.objects.exists()


def test_settings_share_the_form_link_only_while_it_is_open(client, world: World, url: str) -> None:
    client.force_login(world.user("bkpsdm"))
    settings_page = reverse("regional:settings") + f"?instansi={world.instansi.pk}"
    assert f'href="{url}"' in client.get(settings_page).content.decode()
    RegionalSettings.objects.filter(instansi=world.instansi).update(public_input_open=False)
    closed = client.get(settings_page).content.decode()
    assert f'href="{url}"' not in closed and "sedang ditutup" in closed


# ----------------------------------------------------------------------------- moderation


def _item(world: World) -> PublicInput:
    return PublicInput.objects.create(
        instansi=world.instansi,
        kategori="swasta",
        topik="Perizinan lambat",
        isi="Petugas perizinan perlu memahami OSS RBA agar permohonan tidak bolak-balik.",
        content_hash="a" * 64,
    )


def test_only_approved_input_produces_factors(world: World) -> None:
    approved, rejected, pending = _item(world), _item(world), _item(world)
    m5 = Competency.objects.get(kode="M.5")
    input_approve(
        item=approved,
        tahun=2026,
        competencies=[m5],
        units=[world.kecamatan],
        position_keyword="perizinan",
        factor=Decimal("1.25"),
        acting_user=world.user("bkpsdm"),
    )
    input_reject(
        item=rejected, reason="Di luar kewenangan daerah.", acting_user=world.user("bkpsdm")
    )
    factors = list(WeightFactor.objects.all())
    assert [f.source_key for f in factors] == [f"public-input:{approved.pk}"]
    factor = factors[0]
    assert factor.source == "masukan"
    assert factor.unit == world.kecamatan
    assert factor.position_keyword == "perizinan"
    assert factor.evidence["masukan"] == approved.isi
    assert factor.evidence["disetujui_oleh"] == "bkpsdm"
    assert factor.title == "Masukan sektor swasta / dunia usaha: Perizinan lambat"
    pending.refresh_from_db()
    assert pending.status == InputStatus.PENDING
    rejected.refresh_from_db()
    assert rejected.alasan_penolakan == "Di luar kewenangan daerah."


def test_rejecting_an_approved_input_removes_its_factors(world: World) -> None:
    item = _item(world)
    input_approve(
        item=item,
        tahun=2026,
        competencies=[Competency.objects.get(kode="M.3")],
        factor=Decimal("1.2"),
        acting_user=world.user("bkpsdm"),
    )
    assert WeightFactor.objects.filter(source_key=item.source_key).exists()
    input_reject(item=item, reason="Ternyata iklan.", acting_user=world.user("bkpsdm"))
    assert not WeightFactor.objects.filter(source_key=item.source_key).exists()


def test_reapproving_for_another_year_moves_the_factors(world: World) -> None:
    item = _item(world)
    m3 = Competency.objects.get(kode="M.3")
    input_approve(item=item, tahun=2026, competencies=[m3], factor=Decimal("1.2"), acting_user=None)
    input_approve(item=item, tahun=2027, competencies=[m3], factor=Decimal("1.2"), acting_user=None)
    assert set(WeightFactor.objects.values_list("tahun", flat=True)) == {2027}


def test_moderation_page_approves_with_the_form(client, world: World) -> None:
    item = _item(world)
    client.force_login(world.user("bkpsdm"))
    m5 = Competency.objects.get(kode="M.5")
    page = client.get(reverse("regional:moderation") + f"?instansi={world.instansi.pk}")
    assert "Perizinan lambat" in page.content.decode()
    response = client.post(
        reverse("regional:input_approve", args=[item.pk]),
        {"aksi": "setujui", "tahun": "2026", "competencies": [m5.pk], "factor": "1,5"},
    )
    assert response.status_code == 302
    factor = WeightFactor.objects.get()
    assert factor.factor == Decimal("1.500") and factor.unit is None


def test_opd_admin_must_aim_at_their_own_units(client, world: World) -> None:
    item = _item(world)
    client.force_login(world.user("opd_admin"))
    m5 = Competency.objects.get(kode="M.5")
    url = reverse("regional:input_approve", args=[item.pk])
    whole = client.post(
        url, {"aksi": "setujui", "tahun": "2026", "competencies": [m5.pk], "factor": "1,5"}
    )
    assert whole.status_code == 200
    assert "lingkupnya sendiri" in whole.content.decode()
    outside = client.post(
        url,
        {
            "aksi": "setujui",
            "tahun": "2026",
            "competencies": [m5.pk],
            "units": [world.kecamatan.pk],
            "factor": "1,5",
        },
    )
    assert outside.status_code == 200  # not one of the choices offered
    assert not WeightFactor.objects.exists()
    inside = client.post(
        url,
        {
            "aksi": "setujui",
            "tahun": "2026",
            "competencies": [m5.pk],
            "units": [world.puskesmas.pk],
            "factor": "1,5",
        },
    )
    assert inside.status_code == 302
    assert WeightFactor.objects.get().unit == world.puskesmas


def test_reject_needs_a_reason(client, world: World) -> None:
    item = _item(world)
    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("regional:input_reject", args=[item.pk]), {"aksi": "tolak", "alasan": ""}
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == InputStatus.PENDING
