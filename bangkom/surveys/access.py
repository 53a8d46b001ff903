"""Who may see and change surveys, answers and discussion notes.

- BKPSDM admins (and superadmins) of the instansi: everything, including individual answers.
- Pimpinan: published surveys and their aggregated results, discussion notes; read only.
- OPD admins: published surveys that reach their subtree, aggregated results of their subtree's
  respondents; discussion notes about their units, which they may also record.
- An ASN: the published surveys meant for them, and their own answers.

Reads outside the scope answer 404; writes on a visible object the user may not change 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bangkom.accounts.scope import Scope, scope_for
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.organisation.models import Employee
from bangkom.surveys.models import (
    DiscussionAttachment,
    DiscussionNote,
    Survey,
    SurveyStatus,
)
from bangkom.surveys.selectors import Viewer
from bangkom.surveys.services import is_targeted


def _ancestor_ids(path: str) -> list[int]:
    """The unit itself and every unit above it: the primary keys in its materialised path."""
    return [int(part) for part in path.split("/") if part]


def _reaches_subtree_q(path: str, field: str) -> Q:
    """Rows whose units (``field``) lie in the subtree at ``path`` or above it."""
    return Q(**{f"{field}__path__startswith": path}) | Q(
        **{f"{field}__pk__in": _ancestor_ids(path)}
    )


# ----------------------------------------------------------------------------- surveys


def _survey_q(scope: Scope) -> Q:
    q = Q(instansi_id__in=scope.admin_instansi_ids) if scope.admin_instansi_ids else NOTHING
    published = Q(status=SurveyStatus.PUBLISHED)
    readers = scope.read_instansi_ids - scope.admin_instansi_ids
    if readers:
        q |= published & Q(instansi_id__in=readers)
    for instansi_id, path in scope.opd_units:
        q |= (
            published
            & Q(instansi_id=instansi_id)
            & (Q(target_units__isnull=True) | _reaches_subtree_q(path, "target_units"))
        )
    return q


def can_see_surveys(user: Any) -> bool:
    scope = scope_for(user)
    return bool(scope.read_instansi_ids or scope.opd_units)


def surveys_for_user(user: Any) -> QuerySet[Survey]:
    """The surveys whose questionnaire and results the user may open (not as a respondent)."""
    ids = Survey.objects.filter(_survey_q(scope_for(user))).values("pk")
    return Survey.objects.filter(pk__in=ids).select_related("instansi")


def get_survey_for_user(user: Any, pk: object, *, for_write: bool = False) -> Survey:
    survey = get_visible_or_404(surveys_for_user(user), pk)
    if for_write and not scope_for(user).can_admin(survey.instansi_id):
        raise deny()
    return survey


def results_viewer(user: Any, survey: Survey) -> Viewer:
    """How much of the survey's results the user sees (see ``selectors.Viewer``)."""
    scope = scope_for(user)
    if scope.can_admin(survey.instansi_id):
        return Viewer(full=True)
    if scope.can_read_all(survey.instansi_id):
        return Viewer(full=False)
    return Viewer(full=False, paths=tuple(scope.opd_paths(survey.instansi_id)))


def can_see_individual_answers(user: Any, survey: Survey) -> bool:
    return scope_for(user).can_admin(survey.instansi_id)


# ----------------------------------------------------------------------------- respondents


def respondent(user: Any) -> Employee | None:
    """The active employee record behind the user, if any."""
    scope = scope_for(user)
    if not scope.employee_id:
        return None
    return (
        Employee.objects.select_related("unit", "position", "instansi")
        .filter(pk=scope.employee_id, is_active=True)
        .first()
    )


def surveys_for_respondent(employee: Employee) -> QuerySet[Survey]:
    """Published surveys of the employee's instansi that target them."""
    q = Q(target_units__isnull=True)
    if employee.unit is not None:
        q |= Q(target_units__pk__in=_ancestor_ids(employee.unit.path))
    ids = Survey.objects.filter(
        q, instansi_id=employee.instansi_id, status=SurveyStatus.PUBLISHED
    ).values("pk")
    return Survey.objects.filter(pk__in=ids).select_related("instansi")


def get_survey_for_respondent(user: Any, pk: object) -> tuple[Survey, Employee]:
    """The survey and the employee answering it; 404 when it is not meant for them."""
    employee = respondent(user)
    if employee is None:
        raise deny()
    survey = get_visible_or_404(surveys_for_respondent(employee), pk)
    if not is_targeted(survey, employee):  # pragma: no cover - the queryset already says so
        raise deny()
    return survey, employee


# ----------------------------------------------------------------------------- discussions


def _note_q(scope: Scope) -> Q:
    q = Q(instansi_id__in=scope.read_instansi_ids) if scope.read_instansi_ids else NOTHING
    for instansi_id, path in scope.opd_units:
        q |= Q(instansi_id=instansi_id) & Q(units__path__startswith=path)
    return q


def notes_for_user(user: Any) -> QuerySet[DiscussionNote]:
    ids = DiscussionNote.objects.filter(_note_q(scope_for(user))).values("pk")
    return DiscussionNote.objects.filter(pk__in=ids).select_related("instansi", "survey")


def can_record_notes(user: Any) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.is_opd_admin


def can_write_note(user: Any, note: DiscussionNote) -> bool:
    """BKPSDM admins of the instansi, or OPD admins when every unit of the note is theirs."""
    scope = scope_for(user)
    if scope.can_admin(note.instansi_id):
        return True
    units = list(note.units.all())
    return bool(units) and all(scope.manages_unit_path(note.instansi_id, u.path) for u in units)


def get_note_for_user(user: Any, pk: object, *, for_write: bool = False) -> DiscussionNote:
    note = get_visible_or_404(notes_for_user(user), pk)
    if for_write and not can_write_note(user, note):
        raise deny()
    return note


def can_apply_note_factors(user: Any, note: DiscussionNote) -> bool:
    """Weight factors change the instansi's priorities: BKPSDM admins only."""
    return scope_for(user).can_admin(note.instansi_id)


def get_attachment_for_user(user: Any, note_pk: object, pk: object) -> DiscussionAttachment:
    note = get_note_for_user(user, note_pk)
    return get_visible_or_404(note.attachments.select_related("note"), pk)
