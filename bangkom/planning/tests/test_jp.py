"""JP rules: units, caps per month and per day, prorated targets, the seeded table, and how
editing a rule or overriding a program's JP works."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bangkom.core.audit import AuditEvent
from bangkom.core.errors import ServiceError
from bangkom.planning.jp import DEFAULT_FORMS, JpRule, jp_for, prorated_target
from bangkom.planning.models import DevelopmentForm, FormCategory
from bangkom.planning.services import form_rule_update, form_table_ensure
from bangkom.planning.tests.conftest import form_of, make_template


def test_classical_hours_count_one_jp_each() -> None:
    rule = JpRule(unit="jam", jp_per_unit=Decimal(1))
    assert jp_for(rule, units=Decimal(30), learning_days=4, months=1) == Decimal(30)


def test_workshop_five_jp_per_day() -> None:
    rule = JpRule(unit="hari", jp_per_unit=Decimal(5))
    assert jp_for(rule, units=Decimal(3), learning_days=3, months=1) == Decimal(15)


def test_coaching_capped_at_two_sessions_a_month() -> None:
    rule = JpRule(unit="sesi", jp_per_unit=Decimal(2), max_units_per_month=2)
    # 6 sessions in one month: only 2 count
    assert jp_for(rule, units=Decimal(6), learning_days=6, months=1) == Decimal(4)
    # the same 6 sessions over three months all count
    assert jp_for(rule, units=Decimal(6), learning_days=6, months=3) == Decimal(12)


def test_elearning_capped_at_three_jp_a_day() -> None:
    rule = JpRule(unit="jam", jp_per_unit=Decimal(1), max_jp_per_day=Decimal(3))
    assert jp_for(rule, units=Decimal(10), learning_days=2, months=1) == Decimal(6)
    assert jp_for(rule, units=Decimal(5), learning_days=2, months=1) == Decimal(5)


def test_degree_study_per_semester() -> None:
    rule = JpRule(unit="semester", jp_per_unit=Decimal(20))
    assert jp_for(rule, units=Decimal(2), learning_days=1, months=6) == Decimal(40)


@pytest.mark.parametrize(("month", "expected"), [(1, 20), (2, 19), (3, 17), (7, 10), (12, 2)])
def test_prorated_target_counts_the_tmt_month_and_rounds_up(month: int, expected: int) -> None:
    assert prorated_target(20, join_month=month) == expected


def test_default_table_has_every_form_of_lan_10_2018(world) -> None:
    created = form_table_ensure(instansi=world.instansi, acting_user=world.user("bkpsdm"))
    assert created == len(DEFAULT_FORMS) == 25
    assert form_table_ensure(instansi=world.instansi, acting_user=None) == 0  # idempotent
    forms = {f.kode: f for f in DevelopmentForm.objects.filter(instansi=world.instansi)}
    assert forms["coaching"].max_units_per_month == 2
    assert forms["e-learning"].max_jp_per_day == Decimal(3)
    assert forms["pendidikan"].jp_unit == "semester"
    assert forms["pendidikan"].jp_per_unit == Decimal(20)
    assert forms["magang"].kategori == FormCategory.NONKLASIKAL
    assert forms["project-based"].kategori == FormCategory.NONKLASIKAL
    assert forms["sosialisasi"].jp_per_unit == Decimal(4)
    # each instansi has its own table
    assert not DevelopmentForm.objects.filter(instansi=world.other_instansi).exists()


def test_editing_a_rule_recomputes_programs_but_not_manual_values(world) -> None:
    computed = make_template(world, "A", {"M.3": 1})
    manual = make_template(
        world,
        "B",
        {"M.3": 1},
        jp_override=Decimal(12),
        jp_override_reason="Keputusan Kepala BKPSDM",
    )
    assert computed.jp == Decimal(10)  # 2 days × 5 JP
    form_rule_update(
        form=form_of(world, "workshop"),
        data={"jp_per_unit": Decimal(6)},
        acting_user=world.user("bkpsdm"),
    )
    computed.refresh_from_db()
    manual.refresh_from_db()
    assert computed.jp == Decimal(12)
    assert manual.jp == Decimal(12) and manual.jp_override_reason == "Keputusan Kepala BKPSDM"
    assert AuditEvent.objects.filter(action="planning.form.update").exists()


def test_manual_jp_needs_a_reason(world) -> None:
    with pytest.raises(ServiceError) as caught:
        make_template(world, "C", {"M.3": 1}, jp_override=Decimal(8))
    assert "jp_override_reason" in caught.value.message_dict
