"""Writes of a plan: creating and editing it, its programs and pins, and its way from draft
through submitted to approved (and back). Every write names the ``version`` it was based on
(see :func:`_claim`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ConflictError, ServiceError
from bangkom.organisation.models import Employee, Instansi, Unit
from bangkom.planning.bounds import PLAN_BOUNDS, PROGRAM_BOUNDS, bound_errors
from bangkom.planning.models import Plan, PlanPin, PlanProgram, PlanRun, PlanStatus, ProgramTemplate
from bangkom.planning.selectors import plan_overlaps


def conflict(plan: Plan) -> ConflictError:
    current = Plan.objects.filter(pk=plan.pk).values_list("version", flat=True).first()
    return ConflictError(
        _(
            "Rencana ini sudah diubah orang lain sejak Anda membukanya (versi Anda %(mine)s, "
            "versi sekarang %(now)s). Isian Anda belum disimpan dan masih ada di formulir; "
            "periksa data terbaru, lalu simpan lagi bila tetap ingin mengubahnya."
        )
        % {"mine": plan.version, "now": current if current is not None else "—"},
        code="conflict",
    )


def _claim(plan: Plan, expected_version: int, **changes: Any) -> None:
    """Apply ``changes`` and bump the version iff the row still has ``expected_version``."""
    updated = Plan.objects.filter(pk=plan.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        plan.version = expected_version
        raise conflict(plan)
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.version = expected_version + 1


def _require_draft(plan: Plan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise ServiceError(
            _("Rencana berstatus %s; kembalikan ke draf dulu untuk mengubahnya.")
            % plan.get_status_display()
        )


PLAN_FIELDS = (
    "judul",
    "pagu",
    "jp_target",
    "jp_bonus",
    "max_hari",
    "max_jp_per_asn",
    "max_program_per_asn",
)


def plan_errors(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every rule the known plan values break, by field (values not given are not checked)."""
    errors = bound_errors(data, PLAN_BOUNDS)
    if "judul" in data and not str(data["judul"]).strip():
        errors["judul"] = [_("Judul wajib diisi.")]
    return errors


def _plan_checks(data: dict[str, Any]) -> None:
    errors = plan_errors(data)
    if errors:
        raise ServiceError(errors)


def plan_create(
    *,
    instansi: Instansi,
    tahun: int,
    judul: str,
    pagu: int,
    max_hari: int,
    unit: Unit | None = None,
    jp_target: int = 20,
    jp_bonus: Decimal = Decimal(1),
    max_jp_per_asn: int | None = None,
    max_program_per_asn: int | None = None,
    acting_user: Any,
) -> Plan:
    errors = plan_errors(
        {
            "tahun": tahun,
            "judul": judul,
            "pagu": pagu,
            "jp_target": jp_target,
            "jp_bonus": jp_bonus,
            "max_hari": max_hari,
            "max_jp_per_asn": max_jp_per_asn,
            "max_program_per_asn": max_program_per_asn,
        }
    )
    if unit is not None and unit.instansi_id != instansi.pk:
        errors["unit"] = [_("Unit bukan milik instansi ini.")]
    with transaction.atomic():
        if Plan.objects.filter(instansi=instansi, tahun=tahun, unit=unit).exists():
            errors.setdefault("tahun", []).append(
                _("Rencana tahun %d untuk lingkup ini sudah ada.") % tahun
            )
        if errors:
            raise ServiceError(errors)
        plan = Plan.objects.create(
            instansi=instansi,
            tahun=tahun,
            unit=unit,
            judul=judul.strip(),
            pagu=pagu,
            jp_target=jp_target,
            jp_bonus=jp_bonus,
            max_hari=max_hari,
            max_jp_per_asn=max_jp_per_asn,
            max_program_per_asn=max_program_per_asn,
        )
        audit_event(
            actor=acting_user,
            action="planning.plan.create",
            target=plan,
            instansi=instansi,
            after=snapshot(plan),
        )
    return plan


def plan_update(
    *, plan: Plan, expected_version: int, data: dict[str, Any], acting_user: Any
) -> Plan:
    _require_draft(plan)
    _plan_checks(data)
    changes = {name: data[name] for name in PLAN_FIELDS if name in data}
    if "judul" in changes:
        changes["judul"] = str(changes["judul"]).strip()
    with transaction.atomic():
        before = snapshot(plan, PLAN_FIELDS)
        _claim(plan, expected_version, **changes)
        audit_event(
            actor=acting_user,
            action="planning.plan.update",
            target=plan,
            instansi=plan.instansi,
            before=before,
            after=snapshot(plan, PLAN_FIELDS),
        )
    return plan


def _months_checked(jadwal: str) -> str:
    parts = [p.strip() for p in jadwal.split(",") if p.strip()]
    if any(not p.isdigit() or not 1 <= int(p) <= 12 for p in parts):
        raise ServiceError(
            {"jadwal_bulan": [_("Tulis nomor bulan 1–12 dipisah koma, misalnya 3, 7, 10.")]}
        )
    return ", ".join(parts)


def plan_program_errors(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every rule the known values of a plan's program break (values not given are not checked)."""
    errors = bound_errors(data, PROGRAM_BOUNDS)
    low, high = data.get("min_angkatan"), data.get("max_angkatan")
    if (
        "min_angkatan" not in errors
        and "max_angkatan" not in errors
        and isinstance(low, int)
        and isinstance(high, int)
        and low > high
    ):
        errors["min_angkatan"] = [
            _(
                "Paling sedikit angkatan (%(low)d) melebihi paling banyak angkatan (%(high)d); "
                "turunkan minimumnya atau naikkan batasnya."
            )
            % {"low": low, "high": high}
        ]
    if data.get("jadwal_bulan") is not None:
        try:
            _months_checked(data["jadwal_bulan"])
        except ServiceError as exc:
            errors.update(exc.message_dict)
    return errors


def plan_program_save(
    *,
    plan: Plan,
    expected_version: int,
    template: ProgramTemplate,
    max_angkatan: int = 4,
    min_angkatan: int = 0,
    jadwal_bulan: str = "",
    kesesuaian_kurikulum: str = "",
    acting_user: Any,
) -> PlanProgram:
    """Add a catalogue program to the plan, or change what the plan says about it."""
    _require_draft(plan)
    if template.instansi_id != plan.instansi_id:
        raise ServiceError({"template": [_("Program bukan dari katalog instansi ini.")]})
    errors = plan_program_errors(
        {"max_angkatan": max_angkatan, "min_angkatan": min_angkatan, "jadwal_bulan": jadwal_bulan}
    )
    if errors:
        raise ServiceError(errors)
    jadwal = _months_checked(jadwal_bulan)
    with transaction.atomic():
        _claim(plan, expected_version)
        program, created = PlanProgram.objects.update_or_create(
            plan=plan,
            template=template,
            defaults={
                "max_angkatan": max_angkatan,
                "min_angkatan": min_angkatan,
                "jadwal_bulan": jadwal,
                "kesesuaian_kurikulum": kesesuaian_kurikulum.strip(),
            },
        )
        audit_event(
            actor=acting_user,
            action="planning.plan.program_add" if created else "planning.plan.program_update",
            target=plan,
            instansi=plan.instansi,
            after={
                "program": template.kode,
                "max_angkatan": max_angkatan,
                "min_angkatan": min_angkatan,
                "jadwal_bulan": jadwal,
            },
        )
    return program


def plan_program_remove(
    *, plan: Plan, expected_version: int, program: PlanProgram, acting_user: Any
) -> None:
    _require_draft(plan)
    with transaction.atomic():
        _claim(plan, expected_version)
        kode = program.template.kode
        program.delete()
        audit_event(
            actor=acting_user,
            action="planning.plan.program_remove",
            target=plan,
            instansi=plan.instansi,
            before={"program": kode},
        )


def pin_set(
    *,
    plan: Plan,
    expected_version: int,
    employee: Employee,
    program: PlanProgram,
    assign: bool | None,
    acting_user: Any,
) -> PlanPin | None:
    """Pin (``assign=True``), forbid (``False``) or release (``None``) an ASN–program pair."""
    _require_draft(plan)
    if program.plan_id != plan.pk:
        raise ServiceError(_("Program bukan bagian dari rencana ini."))
    if employee.instansi_id != plan.instansi_id or (
        plan.unit is not None
        and (employee.unit is None or not employee.unit.path.startswith(plan.unit.path))
    ):
        raise ServiceError(_("Pegawai di luar lingkup rencana ini."))
    with transaction.atomic():
        _claim(plan, expected_version)
        existing = PlanPin.objects.filter(plan=plan, employee=employee, program=program).first()
        before = {"assign": existing.assign} if existing else {}
        pin: PlanPin | None = None
        if assign is None:
            if existing:
                existing.delete()
        elif existing:
            existing.assign = assign
            existing.save(update_fields=["assign"])
            pin = existing
        else:
            pin = PlanPin.objects.create(
                plan=plan,
                employee=employee,
                program=program,
                assign=assign,
                created_by=acting_user if getattr(acting_user, "pk", None) else None,
            )
        audit_event(
            actor=acting_user,
            action="planning.plan.pin",
            target=plan,
            instansi=plan.instansi,
            before=before,
            after={"assign": assign} if assign is not None else {},
            note=f"{employee.nip} → {program.template.kode}",
        )
    return pin


def plan_submit(*, plan: Plan, expected_version: int, run: PlanRun, acting_user: Any) -> Plan:
    """Draft → submitted, adopting ``run`` as the plan's allocation."""
    _require_draft(plan)
    if run.plan_id != plan.pk or not run.has_plan:
        raise ServiceError(_("Pilih hasil optimasi yang selesai dan layak untuk diajukan."))
    if run.is_empty:
        raise ServiceError(
            _(
                "Hasil optimasi ini tidak menempatkan seorang ASN pun; rencana kosong tidak "
                "dapat diajukan."
            )
        )
    with transaction.atomic():
        _claim(plan, expected_version, status=PlanStatus.SUBMITTED, adopted_run=run)
        audit_event(
            actor=acting_user,
            action="planning.plan.submit",
            target=plan,
            instansi=plan.instansi,
            before={"status": PlanStatus.DRAFT},
            after={"status": plan.status, "adopted_run": run.pk},
        )
    return plan


def plan_approve(
    *,
    plan: Plan,
    expected_version: int,
    nama: str,
    jabatan: str,
    acting_user: Any,
    confirm_overlaps: bool = False,
) -> Plan:
    """Submitted → approved. The approving official (PPK for the instansi plan, the head of
    BKPSDM for a sub-plan) is named; the BKPSDM admin records it. When the adopted run places an
    ASN in a program another approved plan of the same instansi and year already places them in
    (``selectors.plan_overlaps``), the approval needs ``confirm_overlaps``."""
    if plan.status != PlanStatus.SUBMITTED:
        raise ServiceError(_("Hanya rencana yang diajukan yang dapat disetujui."))
    overlaps = plan_overlaps(plan)
    if overlaps and not confirm_overlaps:
        raise ServiceError(
            {
                "konfirmasi": [
                    _(
                        "%d penempatan ASN sudah ada di rencana lain yang disetujui untuk tahun "
                        "ini. Periksa daftarnya, lalu centang konfirmasi untuk tetap menyetujui."
                    )
                    % len(overlaps)
                ]
            }
        )
    if not nama.strip() or not jabatan.strip():
        raise ServiceError(
            {
                "nama": [_("Nama pejabat yang menyetujui wajib diisi.")]
                if not nama.strip()
                else [],
                "jabatan": [_("Jabatan pejabat yang menyetujui wajib diisi.")]
                if not jabatan.strip()
                else [],
            }
        )
    with transaction.atomic():
        _claim(
            plan,
            expected_version,
            status=PlanStatus.APPROVED,
            disetujui_oleh_nama=nama.strip(),
            disetujui_oleh_jabatan=jabatan.strip(),
            approved_at=timezone.now(),
            approved_by=acting_user,
            return_reason="",
        )
        audit_event(
            actor=acting_user,
            action="planning.plan.approve",
            target=plan,
            instansi=plan.instansi,
            before={"status": PlanStatus.SUBMITTED},
            after={
                "status": plan.status,
                "disetujui_oleh": f"{nama} ({jabatan})",
                **({"tumpang_tindih": len(overlaps)} if overlaps else {}),
            },
        )
    return plan


def plan_return_to_draft(
    *, plan: Plan, expected_version: int, reason: str, acting_user: Any
) -> Plan:
    if plan.status == PlanStatus.DRAFT:
        raise ServiceError(_("Rencana sudah berstatus draf."))
    if not reason.strip():
        raise ServiceError({"reason": [_("Tulis alasan mengembalikan rencana ke draf.")]})
    previous = plan.status
    with transaction.atomic():
        _claim(
            plan,
            expected_version,
            status=PlanStatus.DRAFT,
            return_reason=reason.strip(),
            approved_at=None,
            approved_by=None,
            disetujui_oleh_nama="",
            disetujui_oleh_jabatan="",
        )
        audit_event(
            actor=acting_user,
            action="planning.plan.return",
            target=plan,
            instansi=plan.instansi,
            before={"status": previous},
            after={"status": plan.status},
            note=reason.strip(),
        )
    return plan
