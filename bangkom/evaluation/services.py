"""Writes of evaluation. Keyword-only, atomic, each with its audit row (``evaluation.*``).

- ``reaction_submit``: one anonymous answer per eligible enrolment; the audit row names the
  enrolment's marker, never the answers.
- ``scores_import``: a partner's pre/post CSV through the statistics core; every problem at once,
  nothing saved when there is one; replaces the batch's earlier scores.
- ``decision_record``: the planner confirms or overrides the suggested decision (a reason when
  overriding).
- ``action_create`` / ``action_close``: follow-up actions (tindak lanjut) of a decision.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery.models import Batch, Enrolment
from bangkom.evaluation import selectors
from bangkom.evaluation.interpretation import input_error_text
from bangkom.evaluation.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    REACTION_ITEMS,
    ActionStatus,
    BatchDecision,
    Decision,
    FollowUpAction,
    LearningAssessment,
    LearningScore,
    ReactionResponse,
    ReactionSubmission,
    ScoreSource,
)
from bangkom.evaluation.statistics import ScoresError, parse_scores

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
