"""Writes on assessments: rounds, self and supervisor ratings, calibration, the instansi's rules.

Every function is atomic and writes its audit row in the same transaction. Every rating write
also brings the current levels and the calibration flags of its pairs up to date in that
transaction (:mod:`.levels`, following the combination rule of :mod:`.combination`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.assessments import combination
from bangkom.assessments.levels import (
    CHUNK,
    Pair,
    current_levels_recompute,
    current_levels_refresh,
    flags_refresh,
)
from bangkom.assessments.models import (
    Assessment,
    AssessmentRound,
    AssessmentSource,
    CalibrationFlag,
    CombinationRule,
    CurrentLevel,
    RoundStatus,
)
from bangkom.competencies.models import Competency, PositionStandard
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Employee, Instansi


def check_level(level: object, label: str) -> int:
    """A level 1–5 as an int, or a :class:`ServiceError` naming what was rated."""
    try:
        value = int(str(level).strip())
    except (TypeError, ValueError):
        value = 0
    if str(level).strip() != str(value) or not 1 <= value <= 5:
        raise ServiceError(
            _("Level untuk %(what)s harus 1 sampai 5, bukan “%(value)s”.")
            % {"what": label, "value": level}
        )
    return value


# ----------------------------------------------------------------------------- rounds


def round_create(
    *,
    instansi: Instansi,
    tahun: int,
    nama: str,
    opens_on: date,
    closes_on: date,
    acting_user: Any,
) -> AssessmentRound:
    """Open a new round; an instansi has at most one open round at a time."""
    nama = " ".join((nama or "").split())
    errors: dict[str, list[str]] = defaultdict(list)
    if not nama:
        errors["nama"].append(_("Nama periode wajib diisi."))
    if not 2000 <= tahun <= 2100:
        errors["tahun"].append(_("Tahun harus antara 2000 dan 2100."))
    if closes_on < opens_on:
        errors["closes_on"].append(_("Tanggal tutup tidak boleh sebelum tanggal buka."))
    if nama and AssessmentRound.objects.filter(instansi=instansi, nama__iexact=nama).exists():
        errors["nama"].append(_("Periode dengan nama ini sudah ada."))
    with transaction.atomic():
        already_open = (
            AssessmentRound.objects.select_for_update()
            .filter(instansi=instansi, status=RoundStatus.OPEN)
            .first()
        )
        if already_open is not None:
            errors["__all__"].append(
                _("Periode “%s” masih dibuka; tutup dulu sebelum membuka periode baru.")
                % already_open.nama
            )
        if errors:
            raise ServiceError(dict(errors))
        assessment_round = AssessmentRound.objects.create(
            instansi=instansi, tahun=tahun, nama=nama, opens_on=opens_on, closes_on=closes_on
        )
        audit_event(
            actor=acting_user,
            action="assessment_round.create",
            target=assessment_round,
            instansi=instansi,
            after=snapshot(assessment_round),
        )
    return assessment_round


def round_close(*, assessment_round: AssessmentRound, acting_user: Any) -> AssessmentRound:
    with transaction.atomic():
        locked = AssessmentRound.objects.select_for_update().get(pk=assessment_round.pk)
        if locked.status == RoundStatus.CLOSED:
            raise ServiceError(_("Periode “%s” sudah ditutup.") % locked.nama)
        before = snapshot(locked)
        locked.status = RoundStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        audit_event(
            actor=acting_user,
            action="assessment_round.close",
            target=locked,
            instansi=locked.instansi,
            before=before,
            after=snapshot(locked),
        )
    return locked


def check_round_accepts(assessment_round: AssessmentRound, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if assessment_round.status == RoundStatus.CLOSED:
        raise ServiceError(
            _("Periode “%s” sudah ditutup; penilaian tidak dapat disimpan lagi.")
            % assessment_round.nama
        )
    if today < assessment_round.opens_on:
        raise ServiceError(
            _("Periode “%(nama)s” baru dibuka pada %(day)s; penilaian belum dapat disimpan.")
            % {"nama": assessment_round.nama, "day": assessment_round.opens_on.strftime("%d-%m-%Y")}
        )
    if today > assessment_round.closes_on:
        raise ServiceError(
            _("Periode “%(nama)s” berakhir pada %(day)s; penilaian tidak dapat disimpan lagi.")
            % {
                "nama": assessment_round.nama,
                "day": assessment_round.closes_on.strftime("%d-%m-%Y"),
            }
        )


# ----------------------------------------------------------------------------- ratings


@dataclass(frozen=True)
class RatingInput:
    """One rating to write: the employee's level in a competency, with an optional note."""

    employee: Employee
    competency: Competency
    level: object  # checked by the service: 1–5
    note: str = ""


def standard_competency_ids(employees: Iterable[Employee]) -> dict[int, set[int]]:
    """Per employee id, the competencies of their position's standard (one query)."""
    by_position: dict[int, set[int]] = defaultdict(set)
    employees = list(employees)
    position_ids = {e.position_id for e in employees if e.position_id}
    for position_id, competency_id in PositionStandard.objects.filter(
        position_id__in=position_ids
    ).values_list("position_id", "competency_id"):
        by_position[position_id].add(competency_id)
    return {e.pk: by_position.get(e.position_id or 0, set()) for e in employees}


def _latest_in_round(
    assessment_round: AssessmentRound, source: str, pairs: set[Pair]
) -> dict[Pair, Assessment]:
    latest: dict[Pair, Assessment] = {}
    employee_ids = sorted({e for e, _c in pairs})
    for start in range(0, len(employee_ids), CHUNK):
        rows = Assessment.objects.filter(
            round=assessment_round,
            source=source,
            employee_id__in=employee_ids[start : start + CHUNK],
        ).order_by("assessed_on", "id")
        for row in rows:
            pair = (row.employee_id, row.competency_id)
            if pair in pairs:
                latest[pair] = row
    return latest


def _write_round_ratings(
    *,
    assessment_round: AssessmentRound,
    source: str,
    entries: Sequence[RatingInput],
    acting_user: Any,
    action: str,
) -> list[Assessment]:
    """Check every entry, then add a row for each one that differs from the latest rating of
    the same source in the round. Nothing is written when any entry is refused."""
    check_round_accepts(assessment_round)
    errors: list[str] = []
    standards = standard_competency_ids({entry.employee for entry in entries})
    checked: list[tuple[RatingInput, int]] = []
    seen: set[Pair] = set()
    for entry in entries:
        employee, competency = entry.employee, entry.competency
        label = f"{competency.kode} ({employee.display_name})"
        if employee.instansi_id != assessment_round.instansi_id or not employee.is_active:
            errors.append(_("%s bukan pegawai aktif instansi periode ini.") % employee.display_name)
            continue
        if competency.pk not in standards.get(employee.pk, set()):
            errors.append(
                _("Kompetensi %(kode)s tidak termasuk standar kompetensi jabatan %(nama)s.")
                % {"kode": competency.kode, "nama": employee.display_name}
            )
            continue
        pair = (employee.pk, competency.pk)
        if pair in seen:
            errors.append(_("%s dinilai dua kali dalam satu kiriman.") % label)
            continue
        seen.add(pair)
        try:
            checked.append((entry, check_level(entry.level, label)))
        except ServiceError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ServiceError(errors)
    today = timezone.localdate()
    with transaction.atomic():
        # Lock the round: a close that races with this write either waits or is seen.
        locked = AssessmentRound.objects.select_for_update().get(pk=assessment_round.pk)
        check_round_accepts(locked, today)
        previous = _latest_in_round(locked, source, seen)
        created: list[Assessment] = []
        for entry, level in checked:
            note = (entry.note or "").strip()
            pair = (entry.employee.pk, entry.competency.pk)
            old = previous.get(pair)
            if old is not None and old.level == level and old.note == note:
                continue
            created.append(
                Assessment(
                    instansi_id=locked.instansi_id,
                    round=locked,
                    employee=entry.employee,
                    competency=entry.competency,
                    source=source,
                    level=level,
                    note=note,
                    assessed_on=today,
                    assessor=acting_user if getattr(acting_user, "pk", None) else None,
                )
            )
        if not created:
            return []
        Assessment.objects.bulk_create(created)
        by_employee: dict[int, list[Assessment]] = defaultdict(list)
        for row in created:
            by_employee[row.employee_id].append(row)
        for rows in by_employee.values():
            employee = rows[0].employee
            audit_event(
                actor=acting_user,
                action=action,
                target=employee,
                instansi=locked.instansi,
                before={
                    r.competency.kode: previous[(r.employee_id, r.competency_id)].level
                    for r in rows
                    if (r.employee_id, r.competency_id) in previous
                },
                after={r.competency.kode: r.level for r in rows},
                note=locked.nama,
            )
        pairs = {(row.employee_id, row.competency_id) for row in created}
        current_levels_refresh(pairs=pairs)
        flags_refresh(assessment_round=locked, pairs=pairs)
    return created


def self_assessment_submit(
    *,
    assessment_round: AssessmentRound,
    employee: Employee,
    ratings: Sequence[RatingInput],
    acting_user: Any,
) -> list[Assessment]:
    """The ASN's own ratings of the competencies of their position's standard.

    A rating equal to the latest one of the round is not repeated; a changed one adds a row.
    """
    if any(entry.employee.pk != employee.pk for entry in ratings):
        raise ServiceError(_("Penilaian mandiri hanya untuk diri sendiri."))
    return _write_round_ratings(
        assessment_round=assessment_round,
        source=AssessmentSource.SELF,
        entries=ratings,
        acting_user=acting_user,
        action="assessment.self",
    )


def supervisor_assessments_submit(
    *,
    assessment_round: AssessmentRound,
    supervisor: Employee,
    ratings: Sequence[RatingInput],
    acting_user: Any,
) -> list[Assessment]:
    """A supervisor's ratings of their direct subordinates, all or nothing: one rating of
    someone who is not a direct subordinate refuses the whole submission."""
    outsiders = sorted(
        {
            entry.employee.pk
            for entry in ratings
            if entry.employee.supervisor_id != supervisor.pk or not entry.employee.is_active
        }
    )
    if outsiders:
        raise ServiceError(
            _(
                "Anda hanya dapat menilai bawahan langsung Anda; kiriman berisi %d pegawai "
                "yang bukan bawahan langsung Anda, sehingga tidak ada penilaian yang disimpan."
            )
            % len(outsiders)
        )
    return _write_round_ratings(
        assessment_round=assessment_round,
        source=AssessmentSource.SUPERVISOR,
        entries=ratings,
        acting_user=acting_user,
        action="assessment.supervisor",
    )


def calibration_set(
    *, flag: CalibrationFlag, level: object, reason: str, acting_user: Any
) -> Assessment:
    """Settle a flagged disagreement with a calibrated level and its reason. It is a rating of
    its own source (``kalibrasi``) in the flag's round, so it keeps its history and feeds the
    current level through the instansi's order. Allowed after the round closes: calibration is
    what follows the collection."""
    label = f"{flag.competency.kode} ({flag.employee.display_name})"
    value = check_level(level, label)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ServiceError({"reason": _("Tuliskan alasan kalibrasi (paling sedikit 10 karakter).")})
    pair = (flag.employee_id, flag.competency_id)
    with transaction.atomic():
        locked = CalibrationFlag.objects.select_for_update().get(pk=flag.pk)
        current_before = CurrentLevel.objects.filter(
            employee_id=pair[0], competency_id=pair[1]
        ).first()
        row = Assessment.objects.create(
            instansi_id=locked.instansi_id,
            round_id=locked.round_id,
            employee_id=locked.employee_id,
            competency_id=locked.competency_id,
            source=AssessmentSource.CALIBRATION,
            level=value,
            note=reason,
            assessed_on=timezone.localdate(),
            assessor=acting_user if getattr(acting_user, "pk", None) else None,
        )
        previous = locked.calibration.level if locked.calibration else None
        locked.calibration = row
        locked.save(update_fields=["calibration", "updated_at"])
        current_levels_refresh(pairs={pair})
        current_after = CurrentLevel.objects.filter(
            employee_id=pair[0], competency_id=pair[1]
        ).first()
        audit_event(
            actor=acting_user,
            action="assessment.calibrate",
            target=row,
            instansi=locked.instansi,
            before={
                "kalibrasi": previous,
                "level_saat_ini": current_before.level if current_before else None,
            },
            after={
                "mandiri": locked.self_level,
                "atasan": locked.supervisor_level,
                "kalibrasi": value,
                "level_saat_ini": current_after.level if current_after else None,
            },
            note=reason,
        )
    flag.calibration = row
    return row


# ----------------------------------------------------------------------------- instansi rules


def _factor_text(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.001")))


@dataclass(frozen=True)
class RulesData:
    order: Sequence[str]
    ac_max_age_months: int | None
    threshold: int
    shortfall_factors: Mapping[str, Decimal]


def assessment_rules_set(
    *, instansi: Instansi, data: RulesData, acting_user: Any
) -> CombinationRule:
    """Set how the instansi reads current levels and weighs SKP shortfalls, then recompute
    what depends on them: current levels, calibration flags and SKP weight factors."""
    from bangkom.assessments import performance

    errors: dict[str, list[str]] = defaultdict(list)
    order = [str(s) for s in data.order]
    problems = combination.check_order(order)
    if "empty" in problems:
        errors["order"].append(_("Pilih paling sedikit satu sumber."))
    if "duplicate" in problems:
        errors["order"].append(_("Setiap sumber hanya boleh muncul sekali dalam urutan."))
    if "unknown" in problems:
        errors["order"].append(_("Urutan berisi sumber yang tidak dikenal."))
    if data.ac_max_age_months is not None and not 1 <= data.ac_max_age_months <= 240:
        errors["ac_max_age_months"].append(
            _("Umur maksimum harus 1 sampai 240 bulan, atau kosong.")
        )
    if not 1 <= data.threshold <= 4:
        errors["threshold"].append(_("Selisih kalibrasi harus 1 sampai 4 level."))
    factor_errors = performance.check_factors(data.shortfall_factors)
    if factor_errors:
        errors["shortfall_factors"].extend(factor_errors)
    if errors:
        raise ServiceError(dict(errors))
    with transaction.atomic():
        rule, _created = CombinationRule.objects.select_for_update().get_or_create(
            instansi=instansi,
            defaults={
                "source_order": list(combination.DEFAULT_ORDER),
                "disagreement_threshold": combination.DEFAULT_THRESHOLD,
            },
        )
        before = snapshot(rule)
        old_threshold = rule.disagreement_threshold
        rule.source_order = order
        rule.ac_max_age_months = data.ac_max_age_months
        rule.disagreement_threshold = data.threshold
        rule.save()
        factors_before = performance.shortfall_factors_for(instansi)
        performance.shortfall_factors_store(instansi=instansi, factors=data.shortfall_factors)
        factors_after = performance.shortfall_factors_for(instansi)
        audit_event(
            actor=acting_user,
            action="assessment_rule.update",
            target=rule,
            instansi=instansi,
            before={
                **before,
                **{f"faktor_{k}": _factor_text(v) for k, v in factors_before.items()},
            },
            after={
                **snapshot(rule),
                **{f"faktor_{k}": _factor_text(v) for k, v in factors_after.items()},
            },
        )
        current_levels_recompute(instansi=instansi)
        if old_threshold != rule.disagreement_threshold:
            for assessment_round in AssessmentRound.objects.filter(instansi=instansi):
                flags_refresh(assessment_round=assessment_round)
        if factors_before != factors_after:
            performance.skp_factors_refresh_instansi(instansi=instansi, acting_user=acting_user)
    return rule
