"""Public SKM answers that cannot move a unit's IKM without review (issue 10, defect 5): every
attempt counts against the rate limit, the unit's kode layanan, and anomaly flags that hold answers
until an admin approves them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.lib.ikm import compute_ikm
from bangkom.regional.models import (
    PublicAttempt,
    ResponseStatus,
    SkmResponse,
    SkmServiceCode,
    SkmUnitSettings,
)
from bangkom.regional.periods import Period
from bangkom.regional.selectors import skm_unit_result
from bangkom.regional.services import SkmAnswers, skm_submit
from bangkom.regional.services.guard import RateLimited
from bangkom.regional.services.skm import form_key
from bangkom.regional.services.skm_moderation import skm_code_rotate, skm_responses_moderate
from bangkom.regional.tests.helpers import passing_guard, skm_post
from bangkom.testing.world import PERSONAS, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_unit(world: World) -> SkmUnitSettings:
    return SkmUnitSettings.objects.create(
        unit=world.puskesmas, is_open=True, populasi_tahunan=1000, jenis_layanan="Poli umum"
    )


def _answers(scores: list[int], **changes: Any) -> SkmAnswers:
    data: dict[str, Any] = {
        "scores": scores,
        "tanggal": timezone.localdate(),
        "umur": 40,
        "jenis_kelamin": "L",
        "pendidikan": "s1",
        "pekerjaan": "pns",
        "jenis_layanan": "Poli umum",
    }
    data.update(changes)
    return SkmAnswers(**data)


def _guard(world: World) -> dict[str, Any]:
    fields = passing_guard(form_key(world.puskesmas))
    return {"token": fields["token"], "answer": fields["jawaban"], "honeypot": ""}


def _submit(world: World, scores: list[int], address: str, **kwargs: Any) -> SkmResponse:
    now = kwargs.pop("now", None)
    return skm_submit(
        unit=world.puskesmas,
        answers=_answers(scores, **kwargs),
        address=address,
        now=now,
        **_guard(world),
    )


HONEST = [
    [4, 4, 3, 4, 3, 4, 4, 3, 4],
    [3, 4, 4, 3, 4, 3, 4, 4, 3],
    [4, 3, 4, 4, 4, 4, 3, 4, 4],
    [3, 3, 4, 4, 3, 4, 4, 3, 3],
    [4, 4, 4, 3, 3, 3, 4, 4, 4],
    [3, 4, 3, 4, 4, 4, 3, 3, 4],
    [4, 3, 3, 3, 4, 4, 4, 4, 3],
    [4, 4, 4, 4, 3, 3, 3, 4, 4],
    [3, 3, 3, 4, 4, 4, 4, 3, 4],
]


def _honest(world: World) -> None:
    for number, scores in enumerate(HONEST):
        _submit(world, scores, f"10.2.0.{number}", umur=20 + number)


def _fake_sheets(world: World) -> None:
    """15 fake sheets from three addresses, 5 each (the hourly limit), all U6 = 1."""
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        for number in range(5):
            _submit(world, [2, 1, 2, 1, 2, 1, 2, 1, 2], address, umur=30 + number)


def _year() -> Period:
    return Period.year(timezone.localdate().year)


def test_fifteen_fake_sheets_are_held_and_do_not_move_the_ikm(world: World, open_unit) -> None:
    _honest(world)
    before = skm_unit_result(world.puskesmas, _year())
    assert before.result == compute_ikm(HONEST)
    assert not before.low

    _fake_sheets(world)

    after = skm_unit_result(world.puskesmas, _year())
    assert after.result == before.result  # the IKM, U1–U9 and hence the U6 signal are unchanged
    held = SkmResponse.objects.filter(status=ResponseStatus.HELD)
    assert held.count() == 15
    assert SkmResponse.objects.filter(status=ResponseStatus.COUNTED).count() == len(HONEST)
    flags = set().union(*(set(r.flags) for r in held))
    assert {"alamat", "identik"} <= flags

    # the admin approves them: now they count, exactly as compute_ikm over all 24 sheets
    count = skm_responses_moderate(
        unit=world.puskesmas,
        response_ids=list(held.values_list("pk", flat=True)),
        approve=True,
        acting_user=world.user("bkpsdm"),
    )
    assert count == 15
    approved = skm_unit_result(world.puskesmas, _year())
    assert approved.result == compute_ikm(HONEST + [[2, 1, 2, 1, 2, 1, 2, 1, 2]] * 15)
    assert "U6" in approved.low
    assert AuditEvent.objects.filter(action="skm.approve").count() == 15


def test_rejected_answers_never_count_and_are_not_held_again(world: World, open_unit) -> None:
    _honest(world)
    _fake_sheets(world)
    ids = list(SkmResponse.objects.filter(status=ResponseStatus.HELD).values_list("pk", flat=True))
    skm_responses_moderate(
        unit=world.puskesmas, response_ids=ids, approve=False, acting_user=world.user("bkpsdm")
    )
    assert SkmResponse.objects.filter(status=ResponseStatus.REJECTED).count() == 15
    assert skm_unit_result(world.puskesmas, _year()).result == compute_ikm(HONEST)
    assert AuditEvent.objects.filter(action="skm.reject").count() == 15


def test_a_single_answer_per_address_counts_at_once(world: World, open_unit) -> None:
    response = _submit(world, [3] * 9, "10.9.9.9")
    assert response.status == ResponseStatus.COUNTED and response.flags == []


def test_burst_across_addresses_is_held(world: World, open_unit, settings) -> None:
    settings.REGIONAL_SKM_BURST = 4
    statuses = [_submit(world, HONEST[n], f"10.3.0.{n}", umur=20 + n).status for n in range(5)]
    assert statuses == [ResponseStatus.COUNTED] * 3 + [ResponseStatus.HELD] * 2
    assert [r.flags for r in SkmResponse.objects.order_by("pk")][3:] == [["lonjakan"]] * 2


def test_an_approved_answer_is_not_held_again(world: World, open_unit) -> None:
    first = _submit(world, HONEST[0], "10.4.0.1")
    second = _submit(world, HONEST[0], "10.4.0.2")  # identical sheet: both held
    first.refresh_from_db()
    assert first.status == second.status == ResponseStatus.HELD
    assert first.flags == second.flags == ["identik"]
    skm_responses_moderate(
        unit=world.puskesmas,
        response_ids=[first.pk, second.pk],
        approve=True,
        acting_user=world.user("bkpsdm"),
    )
    _submit(world, HONEST[0], "10.4.0.3")
    first.refresh_from_db()
    assert first.status == ResponseStatus.COUNTED


# ----------------------------------------------------------------------------- rate limit


def test_refusals_at_the_limit_count_and_keep_the_address_out(
    world: World, open_unit, settings
) -> None:
    settings.REGIONAL_PUBLIC_LIMIT_PER_HOUR = 5
    settings.REGIONAL_PUBLIC_ATTEMPTS_PER_HOUR = 30
    start = timezone.now()
    for number in range(5):
        _submit(world, HONEST[number], "198.51.100.7", umur=20 + number, now=start)
    # half an hour later the robot posts 40 more times: every one refused and counted
    later = start + timedelta(minutes=30)
    for number in range(40):
        with pytest.raises(RateLimited):
            _submit(world, HONEST[0], "198.51.100.7", umur=60 + number % 40, now=later)
    assert PublicAttempt.objects.filter(accepted=False).count() == 40
    # an hour after the accepted ones, the refusals still keep it out
    after_hour = start + timedelta(minutes=61)
    with pytest.raises(RateLimited) as err:
        _submit(world, HONEST[1], "198.51.100.7", umur=99, now=after_hour)
    assert err.value.code == "attempts"
    assert SkmResponse.objects.count() == 5


def test_every_refused_post_on_the_page_counts(client, world: World, open_unit, settings) -> None:
    settings.REGIONAL_PUBLIC_ATTEMPTS_PER_HOUR = 6
    url = reverse("regional:public_skm", args=[world.puskesmas.pk])
    for _i in range(3):  # incomplete sheets
        assert client.post(url, {"umur": "30"}).status_code == 200
    for _i in range(3):  # wrong sum
        data = {**skm_post(), **passing_guard(form_key(world.puskesmas)), "jawaban": "0"}
        assert client.post(url, data).status_code == 400
    assert PublicAttempt.objects.filter(accepted=False).count() == 6
    good = {**skm_post(), **passing_guard(form_key(world.puskesmas))}
    response = client.post(url, good)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert PublicAttempt.objects.filter(accepted=False).count() == 7
    assert not SkmResponse.objects.exists()


# ----------------------------------------------------------------------------- kode layanan


def test_a_unit_that_requires_the_code_refuses_answers_without_it(world: World, open_unit) -> None:
    SkmUnitSettings.objects.filter(pk=open_unit.pk).update(wajib_kode=True)
    with pytest.raises(ServiceError) as err:
        _submit(world, [3] * 9, "10.5.0.1")
    assert "belum menerbitkan kode layanan" in err.value.message_dict["kode_layanan"][0]
    code = skm_code_rotate(
        unit=world.puskesmas, day=timezone.localdate(), acting_user=world.user("opd_admin")
    )
    assert len(code.kode) == 6
    with pytest.raises(ServiceError) as err:
        _submit(world, [3] * 9, "10.5.0.1", kode_layanan="")
    assert "Tulis kode layanan" in err.value.message_dict["kode_layanan"][0]
    with pytest.raises(ServiceError) as err:
        _submit(world, [3] * 9, "10.5.0.1", kode_layanan="ZZZZZ0")
    assert "tidak cocok" in err.value.message_dict["kode_layanan"][0]
    assert not SkmResponse.objects.exists()
    assert PublicAttempt.objects.filter(accepted=False).count() == 3

    saved = _submit(world, [3] * 9, "10.5.0.1", kode_layanan=f" {code.kode.lower()} ")
    assert saved.status == ResponseStatus.COUNTED

    old = code.kode
    rotated = skm_code_rotate(
        unit=world.puskesmas, day=timezone.localdate(), acting_user=world.user("bkpsdm")
    )
    assert SkmServiceCode.objects.count() == 1 and rotated.kode != old
    with pytest.raises(ServiceError):
        _submit(world, [4] * 9, "10.5.0.2", kode_layanan=old)
    assert AuditEvent.objects.filter(action="skm.code_rotate").count() == 2


def test_the_public_form_asks_for_the_code_and_keeps_the_answers(
    client, world: World, open_unit
) -> None:
    SkmUnitSettings.objects.filter(pk=open_unit.pk).update(wajib_kode=True)
    code = skm_code_rotate(unit=world.puskesmas, day=timezone.localdate(), acting_user=None)
    url = reverse("regional:public_skm", args=[world.puskesmas.pk])
    assert 'name="kode_layanan"' in client.get(url).content.decode()
    data = {**skm_post(jenis_layanan="Poli gigi"), **passing_guard(form_key(world.puskesmas))}
    page = client.post(url, {**data, "kode_layanan": "XXXX"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "tidak cocok" in text and 'value="Poli gigi"' in text
    assert not SkmResponse.objects.exists()
    data = {**skm_post(), **passing_guard(form_key(world.puskesmas)), "kode_layanan": code.kode}
    assert client.post(url, data).status_code == 302
    assert SkmResponse.objects.count() == 1


def test_printable_code_page(client, world: World, open_unit) -> None:
    client.force_login(world.user("opd_admin"))
    page_url = reverse("regional:skm_code", args=[world.puskesmas.pk])
    assert "Belum ada kode layanan" in client.get(page_url).content.decode()
    response = client.post(reverse("regional:skm_code_rotate", args=[world.puskesmas.pk]))
    assert response.status_code == 302
    code = SkmServiceCode.objects.get()
    page = client.get(page_url).content.decode()
    assert code.kode in page and "<svg" in page
    assert reverse("regional:public_skm", args=[world.puskesmas.pk]) in page


# ----------------------------------------------------------------------------- pages, access


def test_the_queue_count_shows_and_the_page_approves(client, world: World, open_unit) -> None:
    _fake_sheets(world)
    client.force_login(world.user("bkpsdm"))
    overview = client.get(
        reverse("regional:skm_results") + f"?instansi={world.instansi.pk}"
    ).content.decode()
    assert "15 jawaban publik ditahan" in overview
    unit_page = client.get(reverse("regional:skm_unit", args=[world.puskesmas.pk])).content.decode()
    assert "15 jawaban ditahan menunggu moderasi" in unit_page
    url = reverse("regional:skm_moderation", args=[world.puskesmas.pk])
    queue = client.get(url).content.decode()
    assert "Banyak jawaban dari satu alamat" in queue
    ids = list(SkmResponse.objects.values_list("pk", flat=True)[:4])
    assert client.post(url, {"ids": ids, "aksi": "setujui"}).status_code == 302
    assert SkmResponse.objects.filter(status=ResponseStatus.COUNTED).count() == 4
    assert skm_unit_result(world.puskesmas, _year()).result is not None


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_units_admins_moderate(client, world: World, open_unit, persona: str) -> None:
    _fake_sheets(world)
    client.force_login(world.user(persona))
    url = reverse("regional:skm_moderation", args=[world.puskesmas.pk])
    ids = list(SkmResponse.objects.values_list("pk", flat=True))
    before = (
        list(SkmResponse.objects.order_by("pk").values_list("status", flat=True)),
        AuditEvent.objects.count(),
        SkmServiceCode.objects.count(),
    )
    moderation = client.post(url, {"ids": ids, "aksi": "setujui"})
    rotate = client.post(reverse("regional:skm_code_rotate", args=[world.puskesmas.pk]))
    page = client.get(url)
    if persona in {"superadmin", "bkpsdm", "opd_admin"}:
        assert moderation.status_code == 302 and rotate.status_code == 302
        assert page.status_code == 200
        assert not SkmResponse.objects.filter(status=ResponseStatus.HELD).exists()
    else:
        assert moderation.status_code in (403, 404)
        assert rotate.status_code in (403, 404)
        assert page.status_code in (403, 404)
        after = (
            list(SkmResponse.objects.order_by("pk").values_list("status", flat=True)),
            AuditEvent.objects.count(),
            SkmServiceCode.objects.count(),
        )
        assert after == before


def test_moderation_never_reaches_another_units_answers(world: World, open_unit) -> None:
    _fake_sheets(world)
    ids = list(SkmResponse.objects.values_list("pk", flat=True))
    assert (
        skm_responses_moderate(
            unit=world.dinkes, response_ids=ids, approve=True, acting_user=world.user("bkpsdm")
        )
        == 0
    )
    assert SkmResponse.objects.filter(status=ResponseStatus.HELD).count() == 15
