"""Signal rules into weight factors: the Marelan example end to end, thresholds, missing
periods, and factors removed when the condition stops holding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from bangkom.competencies.models import Competency
from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.factors.models import WeightFactor
from bangkom.regional.models import EvaluationOutcome, IndicatorValue, SignalEvaluation
from bangkom.regional.selectors import positions_for_factor
from bangkom.regional.services import RuleData, rule_delete, rule_evaluate, rule_save
from bangkom.regional.tests.helpers import Medan, build_medan, monthly_values, split

pytestmark = pytest.mark.django_db

LAST = date(2025, 9, 1)


@pytest.fixture
def medan() -> Medan:
    from bangkom.competencies.services import dictionary_load

    dictionary_load()
    return build_medan()


def marelan_rule(medan: Medan, **changes: object) -> RuleData:
    data = {
        "nama": "Lonjakan izin usaha Marelan",
        "indicator": medan.indicator,
        "wilayah": medan.wilayah_marelan,
        "kondisi": "pertumbuhan",
        "ambang": Decimal(20),
        "competencies": [
            medan.regulasi,
            Competency.objects.get(kode="M.3"),
            Competency.objects.get(kode="M.5"),
        ],
        "position_keyword": "perizinan",
        "factor": Decimal("1.5"),
    }
    data.update(changes)
    return RuleData(**data)  # type: ignore[arg-type]


def test_marelan_example_end_to_end(medan: Medan) -> None:
    monthly_values(
        medan.indicator,
        wilayah=medan.wilayah_marelan,
        last_month=LAST,
        previous=split(1480),
        current=split(1812),
    )
    # Medan Labuhan's applications doubled too, but the rule only reads Marelan's figures
    monthly_values(
        medan.indicator,
        wilayah=medan.wilayah_labuhan,
        last_month=LAST,
        previous=split(500),
        current=split(1000),
    )
    rule = rule_save(instansi=medan.instansi, data=marelan_rule(medan), acting_user=None)
    evaluation = rule_evaluate(rule=rule, tahun=2026, acting_user=None)

    assert evaluation.outcome == EvaluationOutcome.MET
    assert evaluation.summary == "Permohonan izin usaha naik 22,4% (≥ 20%)"
    factors = list(WeightFactor.objects.filter(source_key=f"signal-rule:{rule.pk}"))
    assert {f.competency.kode for f in factors} == {"T.PRZ.1", "M.3", "M.5"}
    for factor in factors:
        assert factor.source == "sinyal"
        assert factor.tahun == 2026
        assert factor.unit == medan.marelan
        assert factor.position_keyword == "perizinan"
        assert factor.factor == Decimal("1.500")
        assert factor.title == "Permohonan izin usaha naik 22,4% (≥ 20%)"
        assert factor.evidence["indikator"] == "Permohonan izin usaha"
        assert factor.evidence["periode_lalu"] == 1480
        assert factor.evidence["periode_kini"] == 1812
        assert factor.evidence["pertumbuhan_persen"] == 22.4
        assert factor.evidence["ambang_persen"] == 20
        assert factor.evidence["unit"] == "Kecamatan Medan Marelan"
        assert factor.evidence["lokasi_data"] == "Kecamatan Medan Marelan"
        # the licensing positions of Marelan only: not the camat, not Labuhan, not the dinas
        assert list(positions_for_factor(factor)) == [medan.perizinan_marelan]
    assert AuditEvent.objects.filter(action="weight_factor.replace").exists()
    assert AuditEvent.objects.filter(action="signal_rule.evaluate").exists()


def test_factors_removed_when_the_condition_stops_holding(medan: Medan) -> None:
    monthly_values(
        medan.indicator,
        wilayah=medan.wilayah_marelan,
        last_month=LAST,
        previous=split(1480),
        current=split(1812),
    )
    rule = rule_save(instansi=medan.instansi, data=marelan_rule(medan), acting_user=None)
    rule_evaluate(rule=rule, tahun=2026, acting_user=None)
    assert WeightFactor.objects.filter(source_key=rule.source_key).count() == 3

    # September corrected from 151 to 39: the current year is 1.700, up only 14,9%
    IndicatorValue.objects.filter(periode=LAST).update(nilai=Decimal(39))
    evaluation = rule_evaluate(rule=rule, tahun=2026, acting_user=None)
    assert evaluation.outcome == EvaluationOutcome.NOT_MET
    assert not WeightFactor.objects.filter(source_key=rule.source_key).exists()
    assert evaluation.factor_count == 0


def test_missing_periods_leave_no_factor(medan: Medan) -> None:
    monthly_values(
        medan.indicator,
        wilayah=medan.wilayah_marelan,
        last_month=LAST,
        previous=split(1000),
        current=split(2000),
    )
    IndicatorValue.objects.filter(periode=date(2024, 2, 1)).delete()
    rule = rule_save(instansi=medan.instansi, data=marelan_rule(medan), acting_user=None)
    evaluation = rule_evaluate(rule=rule, tahun=2026, acting_user=None)
    assert evaluation.outcome == EvaluationOutcome.NO_DATA
    assert "2024-02" in evaluation.summary
    assert not WeightFactor.objects.filter(source_key=rule.source_key).exists()


@pytest.mark.parametrize(
    "current,outcome,count",
    [(1200, EvaluationOutcome.MET, 3), (1199, EvaluationOutcome.NOT_MET, 0)],
)
def test_growth_at_and_below_threshold(
    medan: Medan, current: int, outcome: str, count: int
) -> None:
    monthly_values(
        medan.indicator,
        unit=medan.marelan,
        last_month=LAST,
        previous=split(1000),
        current=split(current),
    )
    rule = rule_save(
        instansi=medan.instansi,
        data=marelan_rule(medan, wilayah=None, unit=medan.marelan),
        acting_user=None,
    )
    evaluation = rule_evaluate(rule=rule, tahun=2026, acting_user=None)
    assert evaluation.outcome == outcome
    assert WeightFactor.objects.filter(source_key=rule.source_key).count() == count


def test_inactive_rule_removes_its_factors_and_edits_reevaluate(medan: Medan) -> None:
    monthly_values(
        medan.indicator,
        wilayah=medan.wilayah_marelan,
        last_month=LAST,
        previous=split(1480),
        current=split(1812),
    )
    rule = rule_save(instansi=medan.instansi, data=marelan_rule(medan), acting_user=None)
    rule_evaluate(rule=rule, tahun=2026, acting_user=None)
    # raising the factor re-evaluates the years it has factors for
    rule_save(
        instansi=medan.instansi,
        data=marelan_rule(medan, factor=Decimal(2)),
        rule=rule,
        acting_user=None,
    )
    assert set(
        WeightFactor.objects.filter(source_key=rule.source_key).values_list("factor", flat=True)
    ) == {Decimal("2.000")}
    rule_save(
        instansi=medan.instansi,
        data=marelan_rule(medan, is_active=False),
        rule=rule,
        acting_user=None,
    )
    assert not WeightFactor.objects.filter(source_key=rule.source_key).exists()
    rule.refresh_from_db()
    assert rule.last_evaluation is not None
    assert rule.last_evaluation.outcome == EvaluationOutcome.INACTIVE


def test_a_city_wide_wilayah_rule_weighs_the_whole_instansi(medan: Medan) -> None:
    kota = medan.instansi.wilayah
    IndicatorValue.objects.create(
        indicator=medan.indicator, wilayah=kota, periode=LAST, nilai=Decimal(900)
    )
    rule = rule_save(
        instansi=medan.instansi,
        data=marelan_rule(
            medan, wilayah=kota, kondisi="minimal", ambang=Decimal(800), position_keyword=""
        ),
        acting_user=None,
    )
    rule_evaluate(rule=rule, tahun=2026, acting_user=None)
    assert set(
        WeightFactor.objects.filter(source_key=rule.source_key).values_list("unit", flat=True)
    ) == {None}


def test_spm_rule_uses_the_indicator_target(medan: Medan) -> None:
    from bangkom.regional.models import Indicator

    spm = Indicator.objects.create(
        instansi=medan.instansi,
        kode="SPM-KES",
        nama="Capaian SPM kesehatan",
        satuan="persen",
        jenis="spm",
        bidang_spm="kesehatan",
        periodisitas="tahunan",
        target=Decimal(100),
    )
    IndicatorValue.objects.create(
        indicator=spm, unit=medan.marelan, periode=date(2025, 1, 1), nilai=Decimal("92.5")
    )
    rule = rule_save(
        instansi=medan.instansi,
        data=marelan_rule(
            medan,
            indicator=spm,
            wilayah=None,
            unit=medan.marelan,
            kondisi="spm_di_bawah_target",
            ambang=None,
        ),
        acting_user=None,
    )
    evaluation = rule_evaluate(rule=rule, tahun=2026, acting_user=None)
    assert evaluation.outcome == EvaluationOutcome.MET
    assert evaluation.evidence["target"] == 100


def test_rule_refuses_bad_setup_and_saves_nothing(medan: Medan) -> None:
    from bangkom.testing.world import build_world

    world = build_world()
    with pytest.raises(ServiceError) as err:
        rule_save(
            instansi=medan.instansi,
            data=marelan_rule(medan, ambang=None, target_unit=world.kecamatan),
            acting_user=None,
        )
    assert "ambang" in err.value.message_dict
    assert "target_unit" in err.value.message_dict
    with pytest.raises(ServiceError):
        rule_save(
            instansi=medan.instansi,
            data=marelan_rule(medan, competencies=[]),
            acting_user=None,
        )
    assert not SignalEvaluation.objects.exists()
    from bangkom.regional.models import SignalRule

    assert not SignalRule.objects.exists()


def test_delete_removes_factors(medan: Medan) -> None:
    monthly_values(
        medan.indicator,
        wilayah=medan.wilayah_marelan,
        last_month=LAST,
        previous=split(1480),
        current=split(1812),
    )
    rule = rule_save(instansi=medan.instansi, data=marelan_rule(medan), acting_user=None)
    rule_evaluate(rule=rule, tahun=2026, acting_user=None)
    rule_evaluate(rule=rule, tahun=2027, acting_user=None)
    key = rule.source_key
    assert WeightFactor.objects.filter(source_key=key).count() == 6
    rule_delete(rule=rule, acting_user=None)
    assert not WeightFactor.objects.filter(source_key=key).exists()


def test_evaluate_signals_command(medan: Medan, capsys: pytest.CaptureFixture[str]) -> None:
    monthly_values(
        medan.indicator,
        wilayah=medan.wilayah_marelan,
        last_month=LAST,
        previous=split(1480),
        current=split(1812),
    )
    rule = rule_save(instansi=medan.instansi, data=marelan_rule(medan), acting_user=None)
    call_command("evaluate_signals", "--instansi", "12.71", "--tahun", "2026")
    out = capsys.readouterr().out
    assert "Permohonan izin usaha naik 22,4% (≥ 20%)" in out
    assert WeightFactor.objects.filter(source_key=rule.source_key, tahun=2026).count() == 3


def test_a_wilayah_without_units_gives_no_target_and_no_factor(medan: Medan) -> None:
    from bangkom.organisation.models import Wilayah

    kelurahan = Wilayah.objects.get(kode="12.71.12.1001")
    IndicatorValue.objects.create(
        indicator=medan.indicator, wilayah=kelurahan, periode=LAST, nilai=Decimal(900)
    )
    rule = rule_save(
        instansi=medan.instansi,
        data=marelan_rule(medan, wilayah=kelurahan, kondisi="minimal", ambang=Decimal(800)),
        acting_user=None,
    )
    evaluation = rule_evaluate(rule=rule, tahun=2026, acting_user=None)
    assert evaluation.outcome == EvaluationOutcome.NO_TARGET
    assert "Kelurahan Rengas Pulau" in evaluation.summary
    assert not WeightFactor.objects.filter(source_key=rule.source_key).exists()
