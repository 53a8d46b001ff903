"""Signal rules: save them, evaluate them into weight factors, evaluate a whole plan year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.factors.services import FactorSpec, factors_replace
from bangkom.organisation.models import Instansi, Unit, Wilayah
from bangkom.regional import signals
from bangkom.regional.models import (
    EvaluationOutcome,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Periodicity,
    PlanPriority,
    RuleCondition,
    SignalEvaluation,
    SignalRule,
)
from bangkom.regional.periods import Period
from bangkom.regional.services.common import (
    check_competencies,
    check_factor,
    check_position_classes,
    clear_factors,
    wilayah_in_instansi,
    wilayah_label,
)

MIN_PLAN_YEAR, MAX_PLAN_YEAR = 2000, 2100
SOURCE = FactorSource.SIGNAL.value

_OUTCOMES = {
    signals.MET: EvaluationOutcome.MET,
    signals.NOT_MET: EvaluationOutcome.NOT_MET,
    signals.NO_DATA: EvaluationOutcome.NO_DATA,
}


def check_plan_year(tahun: int) -> int:
    if not isinstance(tahun, int) or not MIN_PLAN_YEAR <= tahun <= MAX_PLAN_YEAR:
        raise ServiceError({"tahun": _("Tahun rencana harus antara 2000 dan 2100.")})
    return tahun


@dataclass(frozen=True)
class RuleData:
    nama: str
    indicator: Indicator
    kondisi: str
    competencies: Sequence[Competency]
    factor: Decimal
    unit: Unit | None = None
    wilayah: Wilayah | None = None
    ambang: Decimal | None = None
    target_unit: Unit | None = None
    position_classes: Sequence[str] = ()
    position_keyword: str = ""
    is_active: bool = True


def _check_rule(instansi: Instansi, data: RuleData) -> tuple[list[Competency], list[str], Decimal]:
    errors: dict[str, str] = {}
    if not data.nama.strip():
        errors["nama"] = _("Nama aturan wajib diisi.")
    if data.indicator.instansi_id != instansi.pk:
        errors["indicator"] = _("Indikator bukan milik instansi ini.")
    if (data.unit is None) == (data.wilayah is None):
        errors["tempat"] = _("Pilih data satu unit kerja atau satu wilayah.")
    elif data.unit is not None and data.unit.instansi_id != instansi.pk:
        errors["tempat"] = _("Unit %s bukan milik instansi ini.") % data.unit.nama
    elif data.wilayah is not None and not wilayah_in_instansi(instansi, data.wilayah):
        errors["tempat"] = _("Wilayah %s berada di luar wilayah instansi ini.") % data.wilayah
    if data.kondisi not in RuleCondition.values:
        errors["kondisi"] = _("Kondisi tidak dikenal.")
    elif data.kondisi == RuleCondition.SPM_BELOW_TARGET:
        if data.indicator.jenis != IndicatorKind.SPM:
            errors["kondisi"] = _("Kondisi capaian SPM hanya untuk indikator capaian SPM.")
        elif data.ambang is None and data.indicator.target is None:
            errors["ambang"] = _("Isi target, atau isi target pada indikatornya.")
    elif data.ambang is None:
        errors["ambang"] = _("Isi ambang kondisi.")
    if data.target_unit is not None and data.target_unit.instansi_id != instansi.pk:
        errors["target_unit"] = _("Unit sasaran bukan milik instansi ini.")
    if errors:
        raise ServiceError(errors)
    competencies = check_competencies(instansi, data.competencies)
    classes = check_position_classes(data.position_classes)
    factor = check_factor(data.factor)
    return competencies, classes, factor


def rule_save(
    *,
    instansi: Instansi,
    data: RuleData,
    rule: SignalRule | None = None,
    acting_user: Any,
) -> SignalRule:
    """Create or change a rule. A changed rule is evaluated again for every plan year it has
    produced factors for, so its factors never describe an older version of it."""
    competencies, classes, factor = _check_rule(instansi, data)
    fields = {
        "nama": data.nama.strip(),
        "indicator": data.indicator,
        "unit": data.unit,
        "wilayah": data.wilayah,
        "kondisi": data.kondisi,
        "ambang": data.ambang,
        "target_unit": data.target_unit,
        "position_classes": classes,
        "position_keyword": data.position_keyword.strip(),
        "factor": factor,
        "is_active": data.is_active,
    }
    with transaction.atomic():
        if rule is None:
            rule = SignalRule.objects.create(instansi=instansi, **fields)
            rule.competencies.set(competencies)
            audit_event(
                actor=acting_user,
                action="signal_rule.create",
                target=rule,
                instansi=instansi,
                after={**snapshot(rule), "competencies": [c.kode for c in competencies]},
            )
            return rule
        rule = SignalRule.objects.select_for_update().get(pk=rule.pk)
        before = {
            **snapshot(rule, fields=[*fields, "instansi"]),
            "competencies": sorted(rule.competencies.values_list("kode", flat=True)),
        }
        for name, value in fields.items():
            setattr(rule, name, value)
        rule.save()
        rule.competencies.set(competencies)
        after = {
            **snapshot(rule, fields=[*fields, "instansi"]),
            "competencies": sorted(c.kode for c in competencies),
        }
        if before != after:
            audit_event(
                actor=acting_user,
                action="signal_rule.update",
                target=rule,
                instansi=instansi,
                before=before,
                after=after,
            )
        years = set(
            WeightFactor.objects.filter(instansi=instansi, source_key=rule.source_key).values_list(
                "tahun", flat=True
            )
        )
        for tahun in sorted(years):
            rule_evaluate(rule=rule, tahun=tahun, acting_user=acting_user)
    return rule


def rule_delete(*, rule: SignalRule, acting_user: Any) -> None:
    with transaction.atomic():
        clear_factors(
            instansi=rule.instansi,
            source=SOURCE,
            source_key=rule.source_key,
            acting_user=acting_user,
        )
        audit_event(
            actor=acting_user,
            action="signal_rule.delete",
            target=rule,
            instansi=rule.instansi,
            before=snapshot(rule),
        )
        SignalRule.objects.filter(pk=rule.pk).update(last_evaluation=None)
        rule.delete()


# ----------------------------------------------------------------------------- evaluation


def place_label(rule: SignalRule) -> str:
    if rule.unit is not None:
        return rule.unit.nama
    assert rule.wilayah is not None
    return wilayah_label(rule.wilayah)


def rule_series(rule: SignalRule) -> dict[date, Decimal]:
    values = IndicatorValue.objects.filter(indicator=rule.indicator)
    if rule.unit_id is not None:
        values = values.filter(unit_id=rule.unit_id)
    else:
        values = values.filter(wilayah_id=rule.wilayah_id)
    return dict(values.values_list("periode", "nilai"))


def rule_verdict(rule: SignalRule, tahun: int) -> signals.Verdict:
    """What the rule's data say for plan year ``tahun``; pure once the series is read."""
    subject = signals.Subject(
        indicator=rule.indicator.nama,
        satuan=rule.indicator.satuan,
        place=place_label(rule),
        monthly=rule.indicator.periodisitas == Periodicity.MONTHLY,
    )
    series = rule_series(rule)
    cutoff = date(tahun, 12, 31)
    if rule.kondisi == RuleCondition.GROWTH:
        assert rule.ambang is not None
        return signals.growth(series, subject=subject, threshold=rule.ambang, cutoff=cutoff)
    if rule.kondisi in (RuleCondition.AT_LEAST, RuleCondition.AT_MOST):
        assert rule.ambang is not None
        return signals.threshold(
            series,
            subject=subject,
            limit=rule.ambang,
            at_least=rule.kondisi == RuleCondition.AT_LEAST,
            cutoff=cutoff,
        )
    target = rule.ambang if rule.ambang is not None else rule.indicator.target
    if target is None:
        raise ServiceError(_("Aturan %s tidak memiliki target SPM.") % rule.nama)
    return signals.spm_below_target(series, subject=subject, target=target, cutoff=cutoff)


def rule_target_units(rule: SignalRule) -> list[Unit | None]:
    """The units whose positions the rule weighs (``None`` = the whole instansi).

    The chosen target unit; else the unit the data belong to; else, for data of a wilayah, the
    whole instansi when it is the instansi's own region, or the top-most units whose wilayah
    lies inside it (a kecamatan's data reach the kecamatan office and its kelurahan).
    """
    if rule.target_unit is not None:
        return [rule.target_unit]
    if rule.unit is not None:
        return [rule.unit]
    assert rule.wilayah is not None
    if rule.wilayah_id == rule.instansi.wilayah_id:
        return [None]
    kode = rule.wilayah_id
    units = list(
        Unit.objects.filter(instansi_id=rule.instansi_id)
        .filter(Q(wilayah_id=kode) | Q(wilayah__kode__startswith=f"{kode}."))
        .order_by("path")
    )
    chosen: list[Unit] = []
    for unit in units:
        if not any(unit.path.startswith(top.path) for top in chosen):
            chosen.append(unit)
    return list(chosen)


def rule_specs(
    rule: SignalRule, verdict: signals.Verdict, targets: Sequence[Unit | None], tahun: int
) -> list[FactorSpec]:
    specs = []
    for unit in targets:
        evidence = {
            **verdict.evidence,
            "unit": unit.nama if unit is not None else rule.instansi.nama,
            "aturan": rule.nama,
            "tahun_rencana": tahun,
        }
        for competency in rule.competencies.all():
            specs.append(
                FactorSpec(
                    competency=competency,
                    factor=rule.factor,
                    title=verdict.title,
                    evidence=evidence,
                    unit=unit,
                    position_classes=tuple(rule.position_classes),
                    position_keyword=rule.position_keyword,
                )
            )
    return specs


def rule_evaluate(*, rule: SignalRule, tahun: int, acting_user: Any) -> SignalEvaluation:
    """Evaluate ``rule`` for plan year ``tahun`` and replace its factors for that year: the
    specs when the condition holds, none when it does not (or the data cannot tell)."""
    check_plan_year(tahun)
    with transaction.atomic():
        rule = (
            SignalRule.objects.select_for_update(of=("self",))
            .select_related("instansi", "indicator", "unit", "wilayah", "target_unit")
            .get(pk=rule.pk)
        )
        specs: list[FactorSpec] = []
        if not rule.is_active:
            outcome, summary, evidence = (
                EvaluationOutcome.INACTIVE,
                _("Aturan nonaktif; faktornya dihapus."),
                {},
            )
        else:
            verdict = rule_verdict(rule, tahun)
            outcome, summary, evidence = _OUTCOMES[verdict.outcome], verdict.title, verdict.evidence
            if verdict.met:
                targets = rule_target_units(rule)
                if not targets:
                    outcome = EvaluationOutcome.NO_TARGET
                    summary = _(
                        "%(title)s; tetapi tidak ada unit kerja di %(place)s: tetapkan unit sasaran"
                    ) % {"title": verdict.title, "place": place_label(rule)}
                else:
                    specs = rule_specs(rule, verdict, targets, tahun)
        factors_replace(
            instansi=rule.instansi,
            tahun=tahun,
            source=SOURCE,
            source_key=rule.source_key,
            specs=specs,
            acting_user=acting_user,
        )
        evaluation = SignalEvaluation.objects.create(
            rule=rule,
            tahun=tahun,
            actor_label=(
                acting_user.get_username()
                if getattr(acting_user, "is_authenticated", False)
                else "sistem"
            ),
            outcome=outcome,
            summary=summary[:255],
            evidence=evidence,
            factor_count=len(specs),
        )
        rule.last_evaluation = evaluation
        rule.save(update_fields=["last_evaluation", "updated_at"])
        audit_event(
            actor=acting_user,
            action="signal_rule.evaluate",
            target=rule,
            instansi=rule.instansi,
            after={"tahun": tahun, "hasil": str(outcome), "faktor": len(specs)},
            note=summary[:500],
        )
    return evaluation


@dataclass
class EvaluationReport:
    """What evaluating a plan year did, source by source."""

    tahun: int
    rules: list[SignalEvaluation] = field(default_factory=list)
    priorities: list[tuple[str, int]] = field(default_factory=list)
    skm: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def factor_count(self) -> int:
        return (
            sum(e.factor_count for e in self.rules)
            + sum(n for _name, n in self.priorities)
            + sum(n for _name, n, _title in self.skm)
        )


def signals_evaluate_all(*, instansi: Instansi, tahun: int, acting_user: Any) -> EvaluationReport:
    """Evaluate every signal of ``instansi`` for plan year ``tahun``: each signal rule, each plan
    priority, and the SKM of every unit with responses in the year before (the survey of 2025
    informs the plan for 2026)."""
    from bangkom.regional.services.priorities import priority_apply
    from bangkom.regional.services.skm import skm_signal_apply, units_with_responses

    check_plan_year(tahun)
    report = EvaluationReport(tahun=tahun)
    for rule in SignalRule.objects.filter(instansi=instansi).order_by("nama", "pk"):
        report.rules.append(rule_evaluate(rule=rule, tahun=tahun, acting_user=acting_user))
    for priority in PlanPriority.objects.filter(instansi=instansi).order_by("tema", "pk"):
        count = priority_apply(priority=priority, tahun=tahun, acting_user=acting_user)
        report.priorities.append((priority.tema, count))
    survey_year = Period.year(tahun - 1)
    for unit in units_with_responses(instansi, survey_year):
        outcome = skm_signal_apply(
            unit=unit, period=survey_year, tahun=tahun, acting_user=acting_user
        )
        report.skm.append((unit.nama, outcome.factor_count, outcome.title))
    return report
