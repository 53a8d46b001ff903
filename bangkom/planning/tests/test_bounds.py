"""Bounds of the catalogue and plan values (issue 9, items 1 and 3): absurd entries are refused
with the bound named, the database refuses them too, rows stored before the bounds are clamped,
a stored value outside the bounds is shown as invalid instead of breaking the page, and a form
shows all its errors in one response."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from bangkom.core.errors import ServiceError
from bangkom.planning import bounds
from bangkom.planning.models import DevelopmentForm, Plan, ProgramTemplate
from bangkom.planning.services import form_rule_update
from bangkom.planning.tests.conftest import form_of, make_template
from bangkom.testing.world import World


def _template_post(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "kode": "ABS-01",
        "judul": "Program absurd",
        "bentuk": form_of(world, "workshop").pk,
        "kompetensi": "M.3:1",
        "jumlah_satuan": "2",
        "hari_belajar": "2",
        "bulan": "1",
        "hari_tinggal_kerja": "2",
        "mode": "tatap_muka",
        "min_peserta": "5",
        "max_peserta": "30",
        "biaya_tetap": "1000000",
        "biaya_per_peserta": "100000",
        "penyelenggara": "Universitas Uji",
    }
    data.update(overrides)
    return data


def test_absurd_catalogue_entry_is_refused_naming_each_bound(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("planning:template_create"),
        _template_post(
            world,
            jumlah_satuan="99999",
            hari_belajar="500",
            bulan="40",
            hari_tinggal_kerja="999",
            biaya_tetap="999999999999999",
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "harus antara 0,01 dan 1.000" in errors["jumlah_satuan"][0]
    assert errors["hari_belajar"] == ["Hari belajar harus antara 1 dan 60."]
    assert errors["bulan"] == ["Lama (bulan) harus antara 1 dan 24."]
    assert errors["hari_tinggal_kerja"] == ["Hari meninggalkan pekerjaan harus antara 0 dan 260."]
    assert "100.000.000.000" in errors["biaya_tetap"][0]
    assert not ProgramTemplate.objects.filter(kode="ABS-01").exists()
    # the catalogue still answers
    assert client.get(reverse("planning:catalogue")).status_code == 200


def test_service_and_import_refuse_a_computed_jp_out_of_bounds(world) -> None:  # type: ignore[no-untyped-def]
    # 1000 days of a workshop at 5 JP a day is 5000 JP: each value within its bound, the JP not.
    with pytest.raises(ServiceError) as caught:
        make_template(world, "BIG", {"M.3": 1}, jumlah_satuan=Decimal(1000))
    assert "JP program harus antara 0 dan 2.000" in caught.value.message_dict["jumlah_satuan"][0]
    with pytest.raises(ServiceError) as caught:
        make_template(world, "DAYS", {"M.3": 1}, hari_belajar=500, bulan=40)
    assert set(caught.value.message_dict) == {"hari_belajar", "bulan"}


def test_database_refuses_out_of_range_values(world) -> None:  # type: ignore[no-untyped-def]
    template = make_template(world, "A", {"M.3": 1})
    for changes in (
        {"hari_belajar": 500},
        {"bulan": 40},
        {"hari_tinggal_kerja": 999},
        {"jumlah_satuan": Decimal(99999)},
        {"jp": Decimal("99999.99")},
        {"max_peserta": 5000},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            ProgramTemplate.objects.filter(pk=template.pk).update(**changes)
    plan_values = {"pagu": 10**15, "max_hari": 400, "jp_target": 500}
    for name, value in plan_values.items():
        with pytest.raises(IntegrityError), transaction.atomic():
            Plan.objects.create(
                instansi=world.instansi,
                tahun=2026,
                judul="x",
                **{"pagu": 1, "max_hari": 1, "jp_target": 20, name: value},
            )


def test_rule_change_that_would_push_a_program_jp_out_of_bounds_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    template = make_template(world, "A", {"M.3": 1}, jumlah_satuan=Decimal(30), hari_belajar=30)
    workshop = DevelopmentForm.objects.get(pk=template.bentuk_id)
    with pytest.raises(ServiceError) as caught:
        form_rule_update(form=workshop, data={"jp_per_unit": Decimal(100)}, acting_user=None)
    assert "A" in caught.value.message_dict["jp_per_unit"][0]
    workshop.refresh_from_db()
    template.refresh_from_db()
    assert workshop.jp_per_unit == Decimal(5)
    assert template.jp == Decimal(150)
    with pytest.raises(ServiceError) as caught:
        form_rule_update(form=workshop, data={"jp_per_unit": Decimal(500)}, acting_user=None)
    assert caught.value.message_dict["jp_per_unit"] == ["JP per satuan harus antara 0 dan 100."]


def test_a_stored_value_outside_a_bound_shows_as_invalid_with_a_way_to_fix_it(  # type: ignore[no-untyped-def]
    client, world, monkeypatch
) -> None:
    # A row kept from before a bound was tightened: the pages go on and say what to fix.
    template = make_template(world, "A", {"M.3": 1}, hari_belajar=10)
    monkeypatch.setitem(bounds.TEMPLATE_BOUNDS, "hari_belajar", bounds.Bound("hari belajar", 1, 5))
    client.force_login(world.user("bkpsdm"))
    response = client.get(reverse("planning:catalogue"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nilai tidak valid: Hari belajar harus antara 1 dan 5." in page
    assert reverse("planning:template_edit", args=[template.pk]) in page
    response = client.get(reverse("planning:template_edit", args=[template.pk]))
    assert response.status_code == 200
    assert "Hari belajar harus antara 1 dan 5." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_migration_clamps_rows_stored_before_the_bounds(world) -> None:  # type: ignore[no-untyped-def]
    template = make_template(world, "A", {"M.3": 1})
    plan = Plan.objects.create(
        instansi=world.instansi, tahun=2026, judul="x", pagu=1, max_hari=1, jp_target=20
    )
    executor = MigrationExecutor(connection)
    executor.migrate([("planning", "0002_run_started_at")])
    try:
        old = executor.loader.project_state([("planning", "0002_run_started_at")]).apps
        old.get_model("planning", "ProgramTemplate").objects.filter(pk=template.pk).update(
            hari_belajar=500,
            bulan=40,
            hari_tinggal_kerja=999,
            jumlah_satuan=Decimal(99999),
            jp=Decimal("99999.99"),
            min_peserta=3000,
            max_peserta=5000,
        )
        old.get_model("planning", "Plan").objects.filter(pk=plan.pk).update(
            pagu=10**15, max_hari=400, jp_target=500
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    template.refresh_from_db()
    plan.refresh_from_db()
    assert (template.hari_belajar, template.bulan, template.hari_tinggal_kerja) == (60, 24, 260)
    assert (template.jumlah_satuan, template.jp) == (Decimal(1000), Decimal(2000))
    assert (template.min_peserta, template.max_peserta) == (1000, 1000)
    assert (plan.pagu, plan.max_hari, plan.jp_target) == (bounds.RUPIAH_MAX, 260, 200)


# ----------------------------------------------------------------------------- item 3


def test_plan_form_shows_every_error_at_once_and_keeps_the_input(client, world, make_plan) -> None:  # type: ignore[no-untyped-def]
    plan = make_plan()
    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("planning:plan_edit", args=[plan.pk]),
        {
            "version": plan.version,
            "judul": "   ",
            "pagu": "999999999999999999",
            "jp_target": "500",
            "jp_bonus": "1",
            "max_hari": "400",
        },
    )
    assert response.status_code == 200
    errors = response.context["edit_form"].errors
    assert set(errors) == {"judul", "pagu", "jp_target", "max_hari"}
    assert errors["jp_target"] == ["Target JP per ASN harus antara 0 dan 200."]
    page = response.content.decode()
    assert 'value="999999999999999999"' in page
    assert 'value="400"' in page
    plan.refresh_from_db()
    assert plan.pagu == 50_000_000


def test_plan_create_form_shows_every_error_at_once(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("planning:plan_create"),
        {"tahun": "2026", "judul": "Rencana", "pagu": "-5", "jp_target": "500", "max_hari": "400"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"pagu", "jp_target", "max_hari"}
    assert not Plan.objects.exists()


def test_catalogue_form_shows_field_and_rule_errors_together(client, world) -> None:  # type: ignore[no-untyped-def]
    make_template(world, "TAKEN", {"M.3": 1})
    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("planning:template_create"),
        _template_post(
            world,
            kode="TAKEN",  # a rule of the service
            hari_belajar="abc",  # does not parse
            min_peserta="40",  # a rule across two fields
            max_peserta="30",
            jp_override="12",  # a manual JP needs a reason
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"kode", "hari_belajar", "min_peserta", "jp_override_reason"}
    page = response.content.decode()
    assert 'value="TAKEN"' in page and 'value="abc"' in page and 'value="40"' in page
    assert ProgramTemplate.objects.count() == 1


def test_import_refuses_absurd_rows_naming_cell_and_bound(world) -> None:  # type: ignore[no-untyped-def]
    from bangkom.core.imports.report import ImportRejected
    from bangkom.planning.imports import catalogue_import
    from bangkom.planning.tests.test_imports import GOOD, workbook

    rows = [
        {**GOOD, "durasi": 99999, "hari_belajar": 500, "bulan": 40},
        {**GOOD, "kode": "B", "hari_tinggal_kerja": 999, "biaya_tetap": 10**15},
    ]
    with pytest.raises(ImportRejected) as caught:
        catalogue_import(
            data=workbook(rows), filename="k.xlsx", instansi=world.instansi, acting_user=None
        )
    found = {(e.row, e.column): e.message for e in caught.value.errors}
    assert set(found) == {
        (2, "durasi"),
        (2, "hari_belajar"),
        (2, "bulan"),
        (3, "hari_tinggal_kerja"),
        (3, "biaya_tetap"),
    }
    assert found[(2, "bulan")] == "Lama (bulan) harus antara 1 dan 24."
    assert not ProgramTemplate.objects.exists()


def test_plan_program_form_shows_batches_and_schedule_errors_together(  # type: ignore[no-untyped-def]
    client, world, make_plan
) -> None:
    template = make_template(world, "A", {"M.3": 1})
    plan = make_plan()
    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("planning:plan_program_add", args=[plan.pk]),
        {
            "version": plan.version,
            "template": template.pk,
            "max_angkatan": "500",
            "jadwal_bulan": "3, 13",
        },
    )
    assert response.status_code == 200
    errors = response.context["program_form"].errors
    assert set(errors) == {"max_angkatan", "jadwal_bulan"}
    assert errors["max_angkatan"] == ["Paling banyak angkatan harus antara 1 dan 100."]
