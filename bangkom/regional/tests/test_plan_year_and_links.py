"""One current planning year per instansi on every page that defaults a year (issue 9, item 5),
and the moderation page's public-input address while the form is closed (item 7)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from bangkom.core.models import AuditEvent
from bangkom.organisation.models import Instansi
from bangkom.regional.models import PublicInput, RegionalSettings
from bangkom.testing.world import World


def _defaults(client: Any, world: World) -> dict[str, Any]:
    """The year each page offers by default."""
    item = PublicInput.objects.create(
        instansi=world.instansi,
        kategori="swasta",
        topik="Perizinan lambat",
        isi="Petugas perizinan perlu memahami OSS RBA.",
        content_hash="b" * 64,
    )
    detail = client.get(reverse("regional:input_detail", args=[item.pk]))
    rules = client.get(reverse("regional:rule_list"))
    skm = client.get(reverse("regional:skm_unit", args=[world.puskesmas.pk]))
    needs = client.get(reverse("needs:overview"))
    plan = client.get(reverse("planning:plan_create"))
    survey = client.get(reverse("surveys:create"))
    fgd = client.get(reverse("surveys:fgd_create"))
    item.delete()
    return {
        "moderation": detail.context["approve_form"]["tahun"].value(),
        "rules": rules.context["evaluate_form"]["tahun"].value(),
        "skm": skm.context["signal_form"]["tahun"].value(),
        "needs": needs.context["tahun"],
        "plan": plan.context["form"]["tahun"].value(),
        "survey": survey.context["form"]["tahun"].value(),
        "discussion": fgd.context["form"]["tahun"].value(),
    }


def test_every_page_defaults_to_the_instansi_planning_year(client, world: World) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("bkpsdm"))
    this_year = timezone.localdate().year
    assert set(_defaults(client, world).values()) == {this_year}

    page = client.get(reverse("planning:plan_list")).content.decode()
    assert f"Tahun rencana berjalan {world.instansi.nama}:" in page
    response = client.post(
        reverse("planning:plan_year"), {"instansi": world.instansi.pk, "tahun": "2031"}
    )
    assert response.status_code == 302
    assert Instansi.objects.get(pk=world.instansi.pk).tahun_rencana == 2031
    assert AuditEvent.objects.filter(action="organisation.instansi.plan_year").exists()
    assert set(_defaults(client, world).values()) == {2031}

    client.post(reverse("planning:plan_year"), {"instansi": world.instansi.pk, "tahun": ""})
    assert set(_defaults(client, world).values()) == {this_year}


def test_only_a_bkpsdm_admin_changes_the_planning_year(client, world: World) -> None:  # type: ignore[no-untyped-def]
    for persona in ("opd_admin", "pimpinan", "employee", "outsider"):
        client.force_login(world.user(persona))
        response = client.post(
            reverse("planning:plan_year"), {"instansi": world.instansi.pk, "tahun": "2031"}
        )
        assert response.status_code in (403, 404), persona
    assert Instansi.objects.get(pk=world.instansi.pk).tahun_rencana is None


def test_moderation_says_the_public_form_is_closed_and_how_to_open_it(client, world: World) -> None:  # type: ignore[no-untyped-def]
    public_url = reverse("regional:public_input", args=[world.instansi.wilayah_id])
    client.force_login(world.user("bkpsdm"))
    page = client.get(reverse("regional:moderation")).content.decode()
    assert client.get(public_url).status_code == 404
    assert "Formulir masukan publik sedang ditutup" in page
    assert f'href="http://testserver{public_url}"' not in page
    assert f"{reverse('regional:settings')}?instansi={world.instansi.pk}" in page

    RegionalSettings.objects.create(instansi=world.instansi, public_input_open=True)
    page = client.get(reverse("regional:moderation")).content.decode()
    assert "sedang ditutup" not in page
    assert f'href="http://testserver{public_url}"' in page
    assert client.get(public_url).status_code == 200
