"""Current levels and calibration flags, derived from the ratings.

:class:`CurrentLevel` of an employee × competency follows the instansi's combination rule
(:mod:`.combination`, docs/needs.md "Level saat ini"); a :class:`CalibrationFlag` marks a round's
self and supervisor ratings that differ by the instansi's threshold or more. The services call
these inside their own transaction after every rating write; nothing here writes an audit row,
since the rows are derived from audited ratings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from bangkom.assessments import combination
from bangkom.assessments.models import (
    Assessment,
    AssessmentRound,
    AssessmentSource,
    CalibrationFlag,
    CombinationRule,
    CurrentLevel,
)
from bangkom.organisation.models import Employee, Instansi

Pair = tuple[int, int]  # (employee id, competency id)

# Lists of ids sent to the database in one query stay below SQLite's limit on parameters.
CHUNK = 500


# ----------------------------------------------------------------------------- rules


def rule_for(instansi: Instansi | int) -> combination.Rule:
    """The instansi's combination rule, or the default one when it has not set its own."""
    instansi_id = instansi if isinstance(instansi, int) else instansi.pk
    stored = CombinationRule.objects.filter(instansi_id=instansi_id).first()
    if stored is None:
        return combination.Rule()
    return combination.Rule(
        order=tuple(stored.source_order) or combination.DEFAULT_ORDER,
        ac_max_age_months=stored.ac_max_age_months,
        threshold=stored.disagreement_threshold,
    )


# ----------------------------------------------------------------------------- current level


def _ratings_by_pair(
    *, pairs: set[Pair] | None = None, instansi_id: int = 0
) -> dict[Pair, list[combination.Rating]]:
    """The ratings of the given pairs (or of every employee of an instansi) as the rule sees
    them, read in chunks."""
    fields = (
        "employee_id",
        "competency_id",
        "source",
        "level",
        "assessed_on",
        "round_id",
        "round__opens_on",
        "id",
    )
    result: dict[Pair, list[combination.Rating]] = defaultdict(list)

    def add(rows: Iterable[tuple[Any, ...]]) -> None:
        for employee_id, competency_id, source, level, day, round_id, opens_on, pk in rows:
            pair = (employee_id, competency_id)
            if pairs is not None and pair not in pairs:
                continue
            result[pair].append(
                combination.Rating(
                    source=source,
                    level=level,
                    assessed_on=day,
                    round_key=(opens_on, round_id) if round_id else None,
                    sequence=pk,
                )
            )

    if pairs is None:
        add(Assessment.objects.filter(employee__instansi_id=instansi_id).values_list(*fields))
    else:
        employee_ids = sorted({e for e, _c in pairs})
        for start in range(0, len(employee_ids), CHUNK):
            add(
                Assessment.objects.filter(
                    employee_id__in=employee_ids[start : start + CHUNK]
                ).values_list(*fields)
            )
    return result


def current_levels_refresh(*, pairs: set[Pair], bulk: bool | None = None) -> dict[str, int]:
    """Bring :class:`CurrentLevel` of ``pairs`` in line with their ratings and their
    instansi's rule. Single writes go pair by pair (``update_or_create``); imports and
    recomputations (``bulk``, or more than a screenful of pairs) in bulk statements.

    Returns counts of rows ``set`` and ``removed`` (a pair whose ratings no longer count).
    """
    if not pairs:
        return {"set": 0, "removed": 0}
    today = timezone.localdate()
    ratings = _ratings_by_pair(pairs=pairs)
    instansi_of = dict(
        Employee.objects.filter(pk__in={e for e, _c in pairs}).values_list("pk", "instansi_id")
    )
    rules = {pk: rule_for(pk) for pk in set(instansi_of.values())}
    return _apply_levels(ratings, instansi_of, rules, today, bulk=bulk)


def current_levels_recompute(*, instansi: Instansi) -> dict[str, int]:
    """Recompute every current level of an instansi from its ratings (after a rule change, or
    regularly when the age limit of assessment-centre results is set). Pairs without any
    rating are left as they are."""
    today = timezone.localdate()
    with transaction.atomic():
        ratings = _ratings_by_pair(instansi_id=instansi.pk)
        instansi_of = {employee_id: instansi.pk for employee_id, _c in ratings}
        return _apply_levels(
            ratings, instansi_of, {instansi.pk: rule_for(instansi)}, today, bulk=True
        )


def _apply_levels(
    ratings: Mapping[Pair, list[combination.Rating]],
    instansi_of: Mapping[int, int],
    rules: Mapping[int, combination.Rule],
    today: date,
    *,
    bulk: bool | None,
) -> dict[str, int]:
    wanted: dict[Pair, combination.Rating] = {}
    empty: set[Pair] = set()
    for pair, pair_ratings in ratings.items():
        rule = rules.get(instansi_of.get(pair[0], 0), combination.Rule())
        chosen = combination.combine(pair_ratings, rule, today)
        if chosen is None:
            empty.add(pair)
        else:
            wanted[pair] = chosen
    removed = 0
    if bulk is None:
        bulk = len(ratings) > 50
    if not bulk:
        for (employee_id, competency_id), chosen in wanted.items():
            CurrentLevel.objects.update_or_create(
                employee_id=employee_id,
                competency_id=competency_id,
                defaults={
                    "level": chosen.level,
                    "source": chosen.source,
                    "assessed_on": chosen.assessed_on,
                },
            )
        for employee_id, competency_id in empty:
            removed += CurrentLevel.objects.filter(
                employee_id=employee_id, competency_id=competency_id
            ).delete()[0]
        return {"set": len(wanted), "removed": removed}
    now = timezone.now()
    rows = [
        CurrentLevel(
            employee_id=employee_id,
            competency_id=competency_id,
            level=chosen.level,
            source=chosen.source,
            assessed_on=chosen.assessed_on,
            updated_at=now,
        )
        for (employee_id, competency_id), chosen in wanted.items()
    ]
    CurrentLevel.objects.bulk_create(
        rows,
        batch_size=CHUNK,
        update_conflicts=True,
        unique_fields=["employee", "competency"],
        update_fields=["level", "source", "assessed_on", "updated_at"],
    )
    by_employee: dict[int, set[int]] = defaultdict(set)
    for employee_id, competency_id in empty:
        by_employee[employee_id].add(competency_id)
    for employee_id, competency_ids in by_employee.items():
        removed += CurrentLevel.objects.filter(
            employee_id=employee_id, competency_id__in=competency_ids
        ).delete()[0]
    return {"set": len(wanted), "removed": removed}


# ----------------------------------------------------------------------------- calibration flags


def flags_refresh(
    *, assessment_round: AssessmentRound, pairs: set[Pair] | None = None
) -> dict[str, int]:
    """Bring the round's calibration flags in line with its latest self and supervisor ratings:
    a flag where they differ by the instansi's threshold or more; an open flag goes when they no
    longer do; a settled flag stays (with the new levels) as the record of its calibration.

    ``pairs`` limits the work to those employee × competency pairs (a single write).
    """
    threshold = rule_for(assessment_round.instansi_id).threshold
    self_levels: dict[Pair, int] = {}
    supervisor_levels: dict[Pair, int] = {}
    ratings = Assessment.objects.filter(
        round=assessment_round,
        source__in=[AssessmentSource.SELF, AssessmentSource.SUPERVISOR],
    ).order_by("assessed_on", "id")
    flags = CalibrationFlag.objects.filter(round=assessment_round)
    if pairs is None:
        chunks = [(ratings, flags)]
    else:
        employee_ids = sorted({e for e, _c in pairs})
        chunks = [
            (
                ratings.filter(employee_id__in=employee_ids[i : i + CHUNK]),
                flags.filter(employee_id__in=employee_ids[i : i + CHUNK]),
            )
            for i in range(0, len(employee_ids), CHUNK)
        ]
    existing: dict[Pair, CalibrationFlag] = {}
    for rating_qs, flag_qs in chunks:
        for employee_id, competency_id, source, level in rating_qs.values_list(
            "employee_id", "competency_id", "source", "level"
        ):
            target = self_levels if source == AssessmentSource.SELF else supervisor_levels
            target[(employee_id, competency_id)] = level
        existing.update({(f.employee_id, f.competency_id): f for f in flag_qs})
    considered = set(self_levels) | set(supervisor_levels) | set(existing)
    if pairs is not None:
        considered &= pairs
    create: list[CalibrationFlag] = []
    update: list[CalibrationFlag] = []
    delete: list[int] = []
    for pair in considered:
        self_level = self_levels.get(pair)
        supervisor_level = supervisor_levels.get(pair)
        flag = existing.get(pair)
        if self_level is None or supervisor_level is None:
            if flag is not None and flag.calibration_id is None:
                delete.append(flag.pk)
            continue
        disagreeing = combination.disagree(self_level, supervisor_level, threshold)
        if flag is None:
            if disagreeing:
                create.append(
                    CalibrationFlag(
                        instansi_id=assessment_round.instansi_id,
                        round=assessment_round,
                        employee_id=pair[0],
                        competency_id=pair[1],
                        self_level=self_level,
                        supervisor_level=supervisor_level,
                        difference=abs(self_level - supervisor_level),
                    )
                )
        elif not disagreeing and flag.calibration_id is None:
            delete.append(flag.pk)
        elif (flag.self_level, flag.supervisor_level) != (self_level, supervisor_level):
            flag.self_level, flag.supervisor_level = self_level, supervisor_level
            flag.difference = abs(self_level - supervisor_level)
            update.append(flag)
    now = timezone.now()
    for flag in update:
        flag.updated_at = now
    CalibrationFlag.objects.bulk_create(create, batch_size=CHUNK)
    CalibrationFlag.objects.bulk_update(
        update, ["self_level", "supervisor_level", "difference", "updated_at"], batch_size=CHUNK
    )
    for start in range(0, len(delete), CHUNK):
        CalibrationFlag.objects.filter(pk__in=delete[start : start + CHUNK]).delete()
    return {"created": len(create), "updated": len(update), "removed": len(delete)}
