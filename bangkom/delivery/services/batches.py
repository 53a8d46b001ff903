"""From an approved plan to batches (angkatan) with their nominated participants, and the
edits of a batch (partner, trainers, venues) before it is scheduled."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.delivery.models import (
    BATCH_DAYS_MAX,
    Batch,
    Enrolment,
    EnrolmentStatus,
    Partner,
    Trainer,
    Venue,
)
from bangkom.planning.models import DeliveryMode, Plan, PlanProgram, PlanStatus, RunAssignment


@dataclass
class BatchesFromPlan:
    """What :func:`batches_from_plan` did: counts of new rows and warnings for the planner."""

    batches_created: int = 0
    enrolments_created: int = 0
    warnings: list[str] = field(default_factory=list)


def batch_window(program: PlanProgram, sequence: int) -> tuple[dt.date, dt.date]:
    """The dates a batch may run in: its planned month (PlanProgram.month_of_batch), or the
    plan's whole year when the program names no months."""
    year = program.plan.tahun
    month = program.month_of_batch(sequence)
    if month is None or not 1 <= month <= 12:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def batch_days(program: PlanProgram) -> int:
    template = program.template
    days = template.hari_tinggal_kerja or template.hari_belajar or 1
    return max(1, min(BATCH_DAYS_MAX, int(days)))


def agreement_warnings(partner: Partner | None, until: dt.date | None, label: str) -> list[str]:
    """Warn (never block) when a batch goes to a partner whose agreement has expired or ends
    before the batch's last possible day."""
    if partner is None:
        return []
    agreements = list(partner.agreements.all())
    if not agreements:
        return [
            _("%(batch)s: mitra %(partner)s belum memiliki perjanjian kerja sama (MoU/PKS).")
            % {"batch": label, "partner": partner.name}
        ]
    latest = max(agreements, key=lambda a: a.valid_until)
    if latest.is_expired():
        return [
            _("%(batch)s: perjanjian %(number)s dengan %(partner)s sudah berakhir pada %(date)s.")
            % {
                "batch": label,
                "number": latest.number,
                "partner": partner.name,
                "date": latest.valid_until.strftime("%d-%m-%Y"),
            }
        ]
    if until is not None and not latest.covers(until):
        return [
            _(
                "%(batch)s: perjanjian %(number)s dengan %(partner)s berakhir %(date)s, "
                "sebelum batas akhir angkatan %(until)s."
            )
            % {
                "batch": label,
                "number": latest.number,
                "partner": partner.name,
                "date": latest.valid_until.strftime("%d-%m-%Y"),
                "until": until.strftime("%d-%m-%Y"),
            }
        ]
    return []


def _partner_for(program: PlanProgram, partners: dict[str, Partner]) -> Partner | None:
    """The catalogue names its organiser in free text; take the partner of that name."""
    return partners.get(program.template.penyelenggara.strip().casefold())


def batches_from_plan(*, plan: Plan, acting_user: Any) -> BatchesFromPlan:
    """One batch per (program, angkatan) of the plan's adopted optimiser run, each with its
    participants nominated. Idempotent: batches and enrolments that exist are left alone."""
    if plan.status != PlanStatus.APPROVED:
        raise ServiceError(
            _("Angkatan hanya dapat dibuat dari rencana yang sudah disetujui (status: %s).")
            % plan.get_status_display()
        )
    if plan.adopted_run_id is None:
        raise ServiceError(_("Rencana ini belum memakai hasil optimasi, jadi belum ada peserta."))
    result = BatchesFromPlan()
    with transaction.atomic():
        # One writer per plan at a time, so two clicks cannot both create the batches.
        Plan.objects.select_for_update().filter(pk=plan.pk).get()
        groups: dict[tuple[int, int], list[int]] = defaultdict(list)
        rows = RunAssignment.objects.filter(run_id=plan.adopted_run_id).values_list(
            "program_id", "angkatan", "employee_id"
        )
        for program_id, angkatan, employee_id in rows:
            groups[(program_id, angkatan)].append(employee_id)
        programs = {
            p.pk: p
            for p in PlanProgram.objects.filter(plan=plan).select_related("template", "plan")
        }
        partners = {
            p.name.strip().casefold(): p
            for p in Partner.objects.filter(
                instansi_id=plan.instansi_id, is_active=True
            ).prefetch_related("agreements")
        }
        existing = {
            (b.plan_program_id, b.sequence): b
            for b in Batch.objects.filter(plan_program__plan=plan)
        }
        enrolled = set(
            Enrolment.objects.filter(batch__plan_program__plan=plan).values_list(
                "batch_id", "employee_id"
            )
        )
        new_enrolments: list[Enrolment] = []
        for (program_id, sequence), employee_ids in sorted(groups.items()):
            program = programs[program_id]
            batch = existing.get((program_id, sequence))
            if batch is None:
                earliest, latest = batch_window(program, sequence)
                batch = Batch.objects.create(
                    instansi_id=plan.instansi_id,
                    plan_program=program,
                    sequence=sequence,
                    year=plan.tahun,
                    partner=_partner_for(program, partners),
                    online=program.template.mode == DeliveryMode.DARING,
                    days=batch_days(program),
                    earliest=earliest,
                    latest=latest,
                )
                result.batches_created += 1
                result.warnings += agreement_warnings(batch.partner, batch.latest, str(batch))
                audit_event(
                    actor=acting_user,
                    action="delivery.batch.create",
                    target=batch,
                    instansi=plan.instansi,
                    after=snapshot(batch),
                    note=_("Dari rencana %s") % plan.pk,
                )
            for employee_id in employee_ids:
                if (batch.pk, employee_id) not in enrolled:
                    new_enrolments.append(
                        Enrolment(
                            batch=batch, employee_id=employee_id, status=EnrolmentStatus.NOMINATED
                        )
                    )
        Enrolment.objects.bulk_create(new_enrolments)
        result.enrolments_created = len(new_enrolments)
        if result.batches_created or result.enrolments_created:
            audit_event(
                actor=acting_user,
                action="delivery.batches_from_plan",
                target=plan,
                instansi=plan.instansi,
                note=_("%(b)d angkatan baru, %(e)d peserta dicalonkan")
                % {"b": result.batches_created, "e": result.enrolments_created},
            )
    return result


BATCH_FIELDS = ("partner", "online", "days", "earliest", "latest")


def batch_update(
    *,
    batch: Batch,
    partner: Partner | None,
    trainers: Iterable[Trainer],
    venues: Iterable[Venue],
    online: bool,
    days: int,
    earliest: dt.date | None,
    latest: dt.date | None,
    acting_user: Any,
) -> list[str]:
    """Change who delivers a batch and where it may run; returns agreement warnings."""
    trainers, venues = list(trainers), list(venues)
    errors: dict[str, list[str]] = {}
    if partner is not None and partner.instansi_id != batch.instansi_id:
        errors["partner"] = [_("Mitra bukan milik instansi ini.")]
    if any(t.instansi_id != batch.instansi_id for t in trainers):
        errors["trainers"] = [_("Ada pengajar yang bukan milik instansi ini.")]
    if any(v.instansi_id != batch.instansi_id for v in venues):
        errors["venues"] = [_("Ada tempat yang bukan milik instansi ini.")]
    if not 1 <= days <= BATCH_DAYS_MAX:
        errors["days"] = [_("Lama angkatan harus 1–%d hari kerja.") % BATCH_DAYS_MAX]
    if earliest and latest and latest < earliest:
        errors["latest"] = [_("Batas akhir tidak boleh sebelum batas awal.")]
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        before = snapshot(batch, BATCH_FIELDS)
        before["trainers"] = sorted(batch.trainers.values_list("pk", flat=True))
        before["venues"] = sorted(batch.venues.values_list("pk", flat=True))
        batch.partner = partner
        batch.online = online
        batch.days = days
        batch.earliest = earliest
        batch.latest = latest
        batch.save()
        batch.trainers.set(trainers)
        batch.venues.set(venues)
        after = snapshot(batch, BATCH_FIELDS)
        after["trainers"] = sorted(t.pk for t in trainers)
        after["venues"] = sorted(v.pk for v in venues)
        audit_event(
            actor=acting_user,
            action="delivery.batch.update",
            target=batch,
            instansi=batch.instansi,
            before=before,
            after=after,
        )
    return agreement_warnings(partner, latest, str(batch))


__all__ = [
    "BatchesFromPlan",
    "agreement_warnings",
    "batch_days",
    "batch_update",
    "batch_window",
    "batches_from_plan",
]
