"""Writes of the catalogue and the plans. Each is atomic and writes its audit row.

Plans use optimistic locking: every write names the ``version`` it was based on and succeeds
only if the row still has it (``UPDATE … WHERE version = n``), so two planners never silently
overwrite each other.
"""

from bangkom.planning.services.catalogue import (
    TEMPLATE_FIELDS,
    TemplateData,
    template_errors,
    template_save,
    template_value_errors,
)
from bangkom.planning.services.jp_table import (
    RULE_FIELDS,
    form_rule_update,
    form_table_ensure,
    rule_of,
    template_jp,
)
from bangkom.planning.services.plans import (
    PLAN_FIELDS,
    conflict,
    pin_set,
    plan_approve,
    plan_create,
    plan_errors,
    plan_program_errors,
    plan_program_remove,
    plan_program_save,
    plan_return_to_draft,
    plan_submit,
    plan_update,
)
from bangkom.planning.services.runs import plan_run_start, scenario_create

__all__ = [
    "PLAN_FIELDS",
    "RULE_FIELDS",
    "TEMPLATE_FIELDS",
    "TemplateData",
    "conflict",
    "form_rule_update",
    "form_table_ensure",
    "pin_set",
    "plan_approve",
    "plan_create",
    "plan_errors",
    "plan_program_errors",
    "plan_program_remove",
    "plan_program_save",
    "plan_return_to_draft",
    "plan_run_start",
    "plan_submit",
    "plan_update",
    "rule_of",
    "scenario_create",
    "template_errors",
    "template_jp",
    "template_save",
    "template_value_errors",
]
