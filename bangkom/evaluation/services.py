"""Writes of evaluation. Keyword-only, atomic, each with its audit row (``evaluation.*``).

- ``reaction_submit``: one anonymous answer per eligible enrolment; the audit row names the
  enrolment's marker, never the answers.
- ``scores_import``: a partner's pre/post CSV through the statistics core; every problem at once,
  nothing saved when there is one; replaces the batch's earlier scores.
- ``decision_record``: the planner confirms or overrides the suggested decision (a reason when
  overriding).
- ``action_create`` / ``action_close``: follow-up actions (tindak lanjut) of a decision.
- ``follow_ups_schedule`` / ``follow_up_complete``: Level 3, the supervisor's follow-up some
  weeks after the batch.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery.models import Batch, Enrolment, EnrolmentStatus, Session
from bangkom.evaluation import selectors
from bangkom.evaluation.interpretation import input_error_text
from bangkom.evaluation.models import (
    DEFAULT_FOLLOW_UP_WEEKS,
    LIKERT_MAX,
    LIKERT_MIN,
    REACTION_ITEMS,
    ActionStatus,
    BatchDecision,
    BehaviourFollowUp,
    BehaviourRating,
    BehaviourStatus,
    Decision,
    FollowUpAction,
    LearningAssessment,
    LearningScore,
    ProgramEvaluationSetting,
    ReactionResponse,
    ReactionSubmission,
    ScoreSource,
)
from bangkom.evaluation.statistics import ScoresError, parse_scores
from bangkom.planning.models import ProgramCompetency

MAX_SCORE_LIMIT = 1000
SCORE_PLACES = 4  # decimal places a stored score keeps
COMMENT_MAX = 2000


# --- Level 1: reaction ---------------------------------------------------------------------


def reaction_submit(
    *, enrolment: Enrolment, answers: dict[str, Any], comment: str = "", acting_user: Any
) -> None:
    """Record an enrolment's anonymous answer. Refused (nothing saved) when the enrolment may
    not answer, has answered already, or an item is missing or outside 1–5."""
    errors: dict[str, list[str]] = {}
    values: dict[str, int] = {}
    for code in REACTION_ITEMS:
        raw = answers.get(code)
        try:
            value = int(str(raw))
        except (TypeError, ValueError):
            errors[code] = [_("Pilih nilai 1 sampai 5.")]
            continue
        if not LIKERT_MIN <= value <= LIKERT_MAX:
            errors[code] = [_("Pilih nilai 1 sampai 5.")]
            continue
        values[code] = value
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = [_("Paling banyak %(n)d karakter.") % {"n": COMMENT_MAX}]
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("batch__instansi")
            .get(pk=enrolment.pk)
        )
        if locked.status not in selectors.REACTION_ELIGIBLE_STATUSES:
            raise ServiceError(_("Hanya peserta angkatan ini yang dapat mengisi evaluasi."))
        if ReactionSubmission.objects.filter(enrolment=locked).exists():
            raise ServiceError(_("Anda sudah mengisi evaluasi angkatan ini."))
        try:
            with transaction.atomic():
                marker = ReactionSubmission.objects.create(enrolment=locked)
        except IntegrityError:
            raise ServiceError(_("Anda sudah mengisi evaluasi angkatan ini.")) from None
        ReactionResponse.objects.create(batch=locked.batch, comment=comment, **values)
        audit_event(
            actor=acting_user,
            action="evaluation.reaction_submit",
            target=marker,
            instansi=locked.batch.instansi,
        )


# --- Level 2: learning ---------------------------------------------------------------------


def _stored(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value.numerator) / Decimal(value.denominator)


def _exact(value: Fraction | None) -> bool:
    if value is None:
        return True
    scaled = value * 10**SCORE_PLACES
    return scaled.denominator == 1


def scores_import(
    *, batch: Batch, text: str, max_score: Fraction, file_name: str = "", acting_user: Any
) -> LearningAssessment:
    """Replace a batch's pre/post scores with those of a partner's CSV (the format of
    ``bangkom evaluation-report``). Every problem of the file at once, by row and column; a
    NIP that is not enrolled in the batch is one too. Nothing is saved when there is any."""
    if not 0 < max_score <= MAX_SCORE_LIMIT:
        raise ServiceError(
            {
                "max_score": [
                    _("Nilai maksimum harus lebih dari 0 dan paling besar %(n)d.")
                    % {"n": MAX_SCORE_LIMIT}
                ]
            }
        )
    maximum = str(max_score.numerator) if max_score.denominator == 1 else str(float(max_score))
    try:
        sheet = parse_scores(text, max_score=max_score)
    except ScoresError as exc:
        raise ServiceError(
            {"file": [input_error_text(e, max_score=maximum) for e in exc.errors]}
        ) from None
    enrolled = set(
        Enrolment.objects.filter(
            batch=batch, status__in=selectors.REACTION_ELIGIBLE_STATUSES
        ).values_list("employee__nip", flat=True)
    )
    problems: list[str] = []
    for row in sheet.rows:
        if row.nip not in enrolled:
            problems.append(
                _("Baris %(row)d, kolom nip: NIP %(nip)s bukan peserta angkatan ini")
                % {"row": row.row, "nip": row.nip}
            )
        if not (_exact(row.pre) and _exact(row.post)):
            problems.append(
                _("Baris %(row)d: nilai paling banyak %(n)d angka di belakang koma")
                % {"row": row.row, "n": SCORE_PLACES}
            )
    if not sheet.rows:
        problems.append(_("Berkas tidak berisi baris nilai."))
    if problems:
        raise ServiceError({"file": problems})
    with transaction.atomic():
        assessment, _created = LearningAssessment.objects.select_for_update().update_or_create(
            batch=batch,
            defaults={
                "max_score": _stored(max_score),
                "source": ScoreSource.IMPORT,
                "file_name": file_name[:255],
            },
        )
        before = assessment.scores.count()
        assessment.scores.all().delete()
        LearningScore.objects.bulk_create(
            [
                LearningScore(
                    assessment=assessment,
                    row=row.row,
                    nip=row.nip,
                    pre=_stored(row.pre),
                    post=_stored(row.post),
                )
                for row in sheet.rows
            ]
        )
        audit_event(
            actor=acting_user,
            action="evaluation.scores_import",
            target=assessment,
            instansi=batch.instansi,
            before={"rows": before},
            after={"rows": len(sheet.rows), "max_score": str(_stored(max_score))},
            note=file_name[:200],
        )
    return assessment


# --- decisions and follow-up ---------------------------------------------------------------


def decision_record(
    *, batch: Batch, decision: str, reason: str = "", acting_user: Any
) -> BatchDecision:
    """Confirm the suggested decision, or override it with a reason. The suggestion and its
    evidence are computed here, at the time of deciding, and kept with the decision."""
    reason = (reason or "").strip()
    if decision not in Decision.values:
        raise ServiceError({"decision": [_("Pilih keputusan.")]})
    suggestion, evidence = selectors.batch_suggestion(batch)
    suggested = suggestion.decision or ""
    if decision != suggested and not reason:
        raise ServiceError(
            {"reason": [_("Tuliskan alasan bila keputusan berbeda dari saran aturan.")]}
        )
    with transaction.atomic():
        Batch.objects.select_for_update().get(pk=batch.pk)
        existing = BatchDecision.objects.filter(batch=batch).first()
        before = snapshot(existing) if existing else None
        record, _created = BatchDecision.objects.update_or_create(
            batch=batch,
            defaults={
                "suggested": suggested,
                "rule": suggestion.rule,
                "evidence": evidence.as_dict(),
                "decision": decision,
                "reason": reason,
                "decided_by": acting_user if getattr(acting_user, "pk", None) else None,
            },
        )
        audit_event(
            actor=acting_user,
            action="evaluation.decision_record",
            target=record,
            instansi=batch.instansi,
            before=before,
            after=snapshot(record),
            note=reason[:200],
        )
    return record


def action_create(
    *, decision: BatchDecision, title: str, owner: Any, due_date: date | None, acting_user: Any
) -> FollowUpAction:
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Tuliskan tindak lanjutnya.")]
    if owner is None:
        errors["owner"] = [_("Pilih penanggung jawab.")]
    if due_date is None:
        errors["due_date"] = [_("Isi tenggat.")]
    if errors or due_date is None:
        raise ServiceError(errors)
    with transaction.atomic():
        action = FollowUpAction.objects.create(
            decision=decision, title=title[:255], owner=owner, due_date=due_date
        )
        audit_event(
            actor=acting_user,
            action="evaluation.action_create",
            target=action,
            instansi=decision.batch.instansi,
            after=snapshot(action),
        )
    return action


def action_close(
    *, action: FollowUpAction, note: str, closed_on: date, acting_user: Any
) -> FollowUpAction:
    note = (note or "").strip()
    if not note:
        raise ServiceError({"note": [_("Tuliskan catatan penyelesaian.")]})
    with transaction.atomic():
        locked = FollowUpAction.objects.select_for_update().get(pk=action.pk)
        if locked.status == ActionStatus.DONE:
            raise ServiceError(_("Tindak lanjut ini sudah selesai."))
        before = snapshot(locked)
        locked.status = ActionStatus.DONE
        locked.closing_note = note
        locked.closed_on = closed_on
        locked.save(update_fields=["status", "closing_note", "closed_on", "updated_at"])
        audit_event(
            actor=acting_user,
            action="evaluation.action_close",
            target=locked,
            instansi=locked.decision.batch.instansi,
            before=before,
            after=snapshot(locked),
        )
    return locked


# --- Level 3: behaviour follow-up ----------------------------------------------------------


def follow_up_weeks(template_id: int) -> int:
    setting = ProgramEvaluationSetting.objects.filter(template_id=template_id).first()
    return setting.follow_up_weeks if setting else DEFAULT_FOLLOW_UP_WEEKS


def follow_ups_schedule(*, batch: Batch, acting_user: Any) -> int:
    """One behaviour follow-up per completed enrolment of a batch, due the program's number of
    weeks (default 12) after the batch's last session, with the ASN's supervisor at the time.
    Idempotent: enrolments that have one keep it. Returns how many were created."""
    last = Session.objects.filter(batch=batch).aggregate(last=Max("date"))["last"]
    if last is None:
        raise ServiceError(_("Angkatan ini belum punya sesi, jadi belum dapat dijadwalkan."))
    due = last + timedelta(weeks=follow_up_weeks(batch.plan_program.template_id))
    with transaction.atomic():
        Batch.objects.select_for_update().get(pk=batch.pk)
        enrolments = (
            Enrolment.objects.filter(batch=batch, status=EnrolmentStatus.COMPLETED)
            .filter(behaviour_follow_up__isnull=True)
            .select_related("employee")
        )
        created = [
            BehaviourFollowUp(enrolment=e, supervisor_id=e.employee.supervisor_id, due_date=due)
            for e in enrolments
        ]
        BehaviourFollowUp.objects.bulk_create(created)
        if created:
            audit_event(
                actor=acting_user,
                action="evaluation.follow_ups_schedule",
                target=batch,
                instansi=batch.instansi,
                after={"created": len(created), "due_date": due.isoformat()},
            )
    return len(created)


def follow_up_competencies(follow_up: BehaviourFollowUp) -> list[Any]:
    """The competencies the follow-up's program targeted."""
    template_id = follow_up.enrolment.batch.plan_program.template_id
    return [
        pc.competency
        for pc in ProgramCompetency.objects.filter(template_id=template_id)
        .select_related("competency")
        .order_by("competency__kode")
    ]


def follow_up_complete(
    *,
    follow_up: BehaviourFollowUp,
    ratings: dict[int, Any],
    note: str = "",
    completed_on: date,
    acting_user: Any,
) -> BehaviourFollowUp:
    """The supervisor's ratings (1–5) of how the ASN applies each targeted competency. Every
    targeted competency must be rated; refused, nothing saved, otherwise or when already done."""
    competencies = follow_up_competencies(follow_up)
    errors: dict[str, list[str]] = {}
    values: dict[int, int] = {}
    for competency in competencies:
        try:
            value = int(str(ratings.get(competency.pk)))
        except (TypeError, ValueError):
            value = 0
        if not LIKERT_MIN <= value <= LIKERT_MAX:
            errors[f"competency_{competency.pk}"] = [_("Pilih nilai 1 sampai 5.")]
        else:
            values[competency.pk] = value
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        locked = BehaviourFollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if locked.status == BehaviourStatus.DONE:
            raise ServiceError(_("Evaluasi pasca pelatihan ini sudah selesai."))
        BehaviourRating.objects.bulk_create(
            [
                BehaviourRating(follow_up=locked, competency_id=pk, rating=value)
                for pk, value in values.items()
            ]
        )
        locked.status = BehaviourStatus.DONE
        locked.note = (note or "").strip()
        locked.completed_on = completed_on
        locked.save(update_fields=["status", "note", "completed_on", "updated_at"])
        audit_event(
            actor=acting_user,
            action="evaluation.follow_up_complete",
            target=locked,
            instansi=follow_up.enrolment.batch.instansi,
            after={"ratings": {str(k): v for k, v in values.items()}},
        )
    return locked
