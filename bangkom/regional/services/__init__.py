"""Writes of regional needs. Every function is keyword-only, atomic and leaves an audit row;
public submissions are audited with the actor "publik"."""

from bangkom.regional.services.configuration import regional_settings_save
from bangkom.regional.services.guard import PublicRefused, RateLimited, challenge_issue
from bangkom.regional.services.indicators import (
    IndicatorData,
    indicator_save,
    value_delete,
    value_save,
)
from bangkom.regional.services.inputs import (
    PublicInputData,
    input_approve,
    input_reject,
    public_input_submit,
)
from bangkom.regional.services.priorities import (
    PriorityData,
    priority_apply,
    priority_delete,
    priority_save,
)
from bangkom.regional.services.rules import (
    EvaluationReport,
    RuleData,
    rule_delete,
    rule_evaluate,
    rule_save,
    signals_evaluate_all,
)
from bangkom.regional.services.skm import (
    SkmAnswers,
    skm_import,
    skm_import_delete,
    skm_settings_save,
    skm_signal_apply,
    skm_submit,
)

__all__ = [
    "EvaluationReport",
    "IndicatorData",
    "PriorityData",
    "PublicInputData",
    "PublicRefused",
    "RateLimited",
    "RuleData",
    "SkmAnswers",
    "challenge_issue",
    "indicator_save",
    "input_approve",
    "input_reject",
    "priority_apply",
    "priority_delete",
    "priority_save",
    "public_input_submit",
    "regional_settings_save",
    "rule_delete",
    "rule_evaluate",
    "rule_save",
    "signals_evaluate_all",
    "skm_import",
    "skm_import_delete",
    "skm_settings_save",
    "skm_signal_apply",
    "skm_submit",
    "value_delete",
    "value_save",
]
