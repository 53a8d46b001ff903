"""Survey evidence → weight factors: what a survey's answers say about each unit, written as
``WeightFactor`` rows through ``factors.services.factors_replace`` (see docs/surveys.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.factors.services import FactorSpec, factors_replace
from bangkom.organisation.models import Unit
from bangkom.surveys.models import QuestionItem, Survey
from bangkom.surveys.selectors import factor_evidence
from bangkom.surveys.services import decimal_id
from bangkom.surveys.stats import FactorRule, Proposal, propose_factors


def survey_rule(survey: Survey) -> FactorRule:
    return FactorRule(
        confidence_threshold=survey.confidence_threshold,
        very_low_threshold=survey.very_low_threshold,
        min_answers=survey.min_answers,
        factor_low=survey.factor_low,
        factor_very_low=survey.factor_very_low,
        topic_share_percent=survey.topic_share_percent,
        topic_factor=survey.topic_factor,
    )


def _reason_evidence(proposal: Proposal, items: Mapping[int, QuestionItem]) -> list[dict[str, Any]]:
    evidence = []
    for reason in proposal.reasons:
        label = items[reason.item_id].label
        if reason.stats is not None:
            evidence.append(
                {
                    "kind": "kepercayaan",
                    "task": label,
                    "mean": str(reason.stats.mean),
                    "answers": reason.stats.n,
                    "distribution": dict(zip("1234", reason.stats.distribution, strict=True)),
                    "factor": str(reason.factor),
                }
            )
        else:
            evidence.append(
                {
                    "kind": "topik",
                    "topic": label,
                    "chosen_by": reason.count,
                    "respondents": reason.respondents,
                    "factor": str(reason.factor),
                }
            )
    return evidence


def _title(proposal: Proposal, items: Mapping[int, QuestionItem], unit: Unit) -> str:
    reason = proposal.strongest
    label = items[reason.item_id].label
    if reason.stats is not None and reason.stats.mean is not None:
        title = _(
            "Kepercayaan diri “%(task)s” rendah (rerata %(mean)s dari 4; "
            "%(n)s responden) di %(unit)s"
        ) % {
            "task": label,
            "mean": decimal_id(reason.stats.mean),
            "n": reason.stats.n,
            "unit": unit.nama,
        }
    else:
        title = _("Topik “%(topic)s” diminta %(count)s dari %(n)s responden di %(unit)s") % {
            "topic": label,
            "count": reason.count,
            "n": reason.respondents,
            "unit": unit.nama,
        }
    others = len(proposal.reasons) - 1
    if others:
        title += _(" (dan %s alasan lain)") % others
    return title


def survey_factor_specs(survey: Survey) -> list[FactorSpec]:
    """What the survey's answers say, as weight factors: see docs/surveys.md."""
    evidence = factor_evidence(survey)
    rule = survey_rule(survey)
    proposals = propose_factors(
        evidence.groups,
        task_competencies=evidence.task_competencies,
        topic_competencies=evidence.topic_competencies,
        rule=rule,
    )
    competencies = Competency.objects.in_bulk({p.competency_id for p in proposals})
    respondents = {group.group_id: group.respondents for group in evidence.groups}
    specs = []
    for proposal in proposals:
        unit = evidence.units[proposal.group_id]
        specs.append(
            FactorSpec(
                competency=competencies[proposal.competency_id],
                factor=proposal.factor,
                unit=unit,
                title=_title(proposal, evidence.items, unit),
                evidence={
                    "survey": survey.pk,
                    "survey_title": survey.judul,
                    "unit": unit.nama,
                    "level": survey.factor_level,
                    "respondents": respondents[proposal.group_id],
                    "rule": {
                        "confidence_threshold": str(rule.confidence_threshold),
                        "very_low_threshold": str(rule.very_low_threshold),
                        "min_answers": rule.min_answers,
                        "topic_share_percent": rule.topic_share_percent,
                    },
                    "reasons": _reason_evidence(proposal, evidence.items),
                },
            )
        )
    return specs


def survey_factors_recompute(*, survey: Survey, acting_user: Any) -> list[WeightFactor]:
    """Replace the survey's weight factors (``source_key="survey:<pk>"``) with what its
    answers say now."""
    return factors_replace(
        instansi=survey.instansi,
        tahun=survey.tahun,
        source=FactorSource.SURVEY,
        source_key=f"survey:{survey.pk}",
        specs=survey_factor_specs(survey),
        acting_user=acting_user,
    )
