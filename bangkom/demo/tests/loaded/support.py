"""What the tests of the loaded demo share: the models a second load must not change, and
lookups by region."""

from __future__ import annotations

from django.db import models

from bangkom.accounts.models import RoleAssignment, User
from bangkom.assessments.models import Assessment, AssessmentRound, CalibrationFlag, CurrentLevel
from bangkom.competencies.models import Competency, CompetencyLevel, PositionStandard
from bangkom.core.models import AuditEvent
from bangkom.demo.regions import REGIONS
from bangkom.factors.models import WeightFactor
from bangkom.needs.models import EmployeeNeeds, Recomputation, UnitPriority
from bangkom.organisation.models import (
    Duty,
    DutyCompetency,
    Employee,
    Instansi,
    Position,
    Unit,
    Wilayah,
)
from bangkom.planning.models import (
    DevelopmentForm,
    Plan,
    PlanPin,
    PlanProgram,
    PlanRun,
    ProgramCompetency,
    ProgramTemplate,
    RunAssignment,
)
from bangkom.regional.models import (
    IndicatorValue,
    PlanPriority,
    PublicInput,
    SignalEvaluation,
    SignalRule,
    SkmResponse,
)
from bangkom.surveys.models import Answer, Survey, SurveyResponse

# Argon2 is deliberately slow; the login checks would dominate the test time.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
COUNTED: tuple[type[models.Model], ...] = (
    Wilayah,
    Instansi,
    Unit,
    Position,
    Duty,
    DutyCompetency,
    PositionStandard,
    Employee,
    User,
    RoleAssignment,
    Competency,
    CompetencyLevel,
    AuditEvent,
    AssessmentRound,
    Assessment,
    CurrentLevel,
    CalibrationFlag,
    Survey,
    SurveyResponse,
    Answer,
    IndicatorValue,
    SignalRule,
    SignalEvaluation,
    PlanPriority,
    PublicInput,
    SkmResponse,
    WeightFactor,
    EmployeeNeeds,
    UnitPriority,
    Recomputation,
    DevelopmentForm,
    ProgramTemplate,
    ProgramCompetency,
    Plan,
    PlanProgram,
    PlanPin,
    PlanRun,
    RunAssignment,
)


def instansi(slug: str) -> Instansi:
    region = next(region for region in REGIONS if region.slug == slug)
    return Instansi.objects.get(wilayah_id=region.wilayah)


def counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in COUNTED}
