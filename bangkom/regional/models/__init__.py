"""Regional needs (kebutuhan daerah): the region's own evidence that some competencies matter more.

- **Indicators** are time series per wilayah (Kemendagri region) or org unit: population, demand
  for a service (business-permit applications per month), SPM achievement (*standar pelayanan
  minimal*, the six basic services), IKM per element.
- **Signal rules** turn an indicator into weight factors when a condition holds (growth year on
  year, a threshold, SPM below target).
- **Plan priorities** are RPJMD/Renstra themes (the region's medium-term plan and each OPD's
  strategic plan) linked to competencies.
- **Public input** from the community, the private sector and academia counts once a moderator
  approves it.
- **SKM** (*survei kepuasan masyarakat*, PermenPANRB 14/2017): the community satisfaction survey
  of each service unit; low U6/U7 becomes a signal for that unit.

Every one of them becomes priority only through :func:`bangkom.factors.services.factors_replace`.
"""

# In the order the models were declared in, which is the order Django registers them.
# isort: off
from bangkom.regional.models.indicators import (
    IKM_ELEMENT_CHOICES,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Periodicity,
    SpmField,
)
from bangkom.regional.models.rules import (
    EvaluationOutcome,
    RuleCondition,
    SignalEvaluation,
    SignalRule,
)
from bangkom.regional.models.priorities import PlanDocument, PlanPriority
from bangkom.regional.models.configuration import (
    CONVENTION_CHOICES,
    RegionalSettings,
    default_frontline_classes,
)
from bangkom.regional.models.public import (
    InputStatus,
    PublicAttempt,
    PublicForm,
    PublicInput,
    StakeholderKind,
)
from bangkom.regional.models.skm import (
    SCORE_FIELDS,
    AnomalyFlag,
    Education,
    Occupation,
    ResponseSource,
    ResponseStatus,
    SkmImport,
    SkmResponse,
    SkmServiceCode,
    SkmUnitSettings,
)
# isort: on

__all__ = [
    "CONVENTION_CHOICES",
    "IKM_ELEMENT_CHOICES",
    "SCORE_FIELDS",
    "AnomalyFlag",
    "Education",
    "EvaluationOutcome",
    "Indicator",
    "IndicatorKind",
    "IndicatorValue",
    "InputStatus",
    "Occupation",
    "Periodicity",
    "PlanDocument",
    "PlanPriority",
    "PublicAttempt",
    "PublicForm",
    "PublicInput",
    "RegionalSettings",
    "ResponseSource",
    "ResponseStatus",
    "RuleCondition",
    "SignalEvaluation",
    "SignalRule",
    "SkmImport",
    "SkmResponse",
    "SkmServiceCode",
    "SkmUnitSettings",
    "SpmField",
    "StakeholderKind",
    "default_frontline_classes",
]
