"""Writes of the catalogue and the plans. Each is atomic and writes its audit row.

Plans use optimistic locking: every write names the ``version`` it was based on and succeeds
only if the row still has it (``UPDATE … WHERE version = n``), so two planners never silently
overwrite each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ConflictError, ServiceError
from bangkom.organisation.models import Employee, Instansi, PositionClass, Unit
from bangkom.planning.jp import DEFAULT_FORMS, JpRule, jp_for
from bangkom.planning.models import (
    DevelopmentForm,
    Plan,
    PlanPin,
    PlanProgram,
    PlanRun,
    PlanStatus,
    ProgramCompetency,
    ProgramTemplate,
    RunStatus,
)

# ----------------------------------------------------------------------------- JP table


def form_table_ensure(*, instansi: Instansi, acting_user: Any) -> int:
    """Seed the instansi's JP conversion table with the defaults it does not have yet.

    Idempotent: rows the instansi already has (edited or not) are left alone.
    """
    with transaction.atomic():
        existing = set(
            DevelopmentForm.objects.filter(instansi=instansi).values_list("kode", flat=True)
        )
        missing = [item for item in DEFAULT_FORMS if item.kode not in existing]
        if not missing:
            return 0
        DevelopmentForm.objects.bulk_create(
            [
                DevelopmentForm(
                    instansi=instansi,
                    kode=item.kode,
                    nama=item.nama,
                    kategori=item.kategori,
                    jp_unit=item.unit,
                    jp_per_unit=item.jp_per_unit,
                    max_units_per_month=item.max_units_per_month,
                    max_jp_per_day=item.max_jp_per_day,
                    catatan=item.catatan,
                    urutan=DEFAULT_FORMS.index(item) + 1,
                )
                for item in missing
            ]
        )
        audit_event(
            actor=acting_user,
            action="planning.form_table.seed",
            target=None,
            target_type="planning.developmentform",
            instansi=instansi,
            after={"kode": [item.kode for item in missing]},
        )
    return len(missing)


def rule_of(form: DevelopmentForm) -> JpRule:
    return JpRule(
        unit=form.jp_unit,
        jp_per_unit=form.jp_per_unit,
        max_units_per_month=form.max_units_per_month,
        max_jp_per_day=form.max_jp_per_day,
    )


def template_jp(template: ProgramTemplate, form: DevelopmentForm | None = None) -> Decimal:
    """The JP a template earns by its form's rule (before any manual value)."""
    return jp_for(
        rule_of(form or template.bentuk),
        units=template.jumlah_satuan,
        learning_days=template.hari_belajar,
        months=template.bulan,
    )


RULE_FIELDS = (
    "nama",
    "kategori",
    "jp_unit",
    "jp_per_unit",
    "max_units_per_month",
    "max_jp_per_day",
    "catatan",
)


def form_rule_update(
    *, form: DevelopmentForm, data: dict[str, Any], acting_user: Any
) -> DevelopmentForm:
    """Change one row of the JP table; the JP of its programs is recomputed (manual values stay)."""
    with transaction.atomic():
        form = DevelopmentForm.objects.select_for_update().get(pk=form.pk)
        before = snapshot(form, RULE_FIELDS)
        for name in RULE_FIELDS:
            if name in data:
                setattr(form, name, data[name])
        if form.jp_per_unit < 0:
            raise ServiceError({"jp_per_unit": _("JP per satuan tidak boleh negatif.")})
        form.save()
        changed = 0
        for template in ProgramTemplate.objects.filter(bentuk=form).select_for_update():
            jp = (
                template.jp_override
                if template.jp_override is not None
                else template_jp(template, form)
            )
            if jp != template.jp:
                template.jp = jp
                template.save(update_fields=["jp", "updated_at"])
                changed += 1
        audit_event(
            actor=acting_user,
            action="planning.form.update",
            target=form,
            instansi=form.instansi,
            before=before,
            after=snapshot(form, RULE_FIELDS),
            note=_("%d program dihitung ulang JP-nya") % changed if changed else "",
        )
    return form


# ----------------------------------------------------------------------------- catalogue


@dataclass
class TemplateData:
    kode: str
    judul: str
    bentuk: DevelopmentForm
    jumlah_satuan: Decimal
    hari_belajar: int
    bulan: int
    hari_tinggal_kerja: int
    mode: str
    min_peserta: int
    max_peserta: int
    biaya_tetap: int
    biaya_per_peserta: int
    competencies: Sequence[tuple[Competency, int]]
    kelas_jabatan: Sequence[str] = ()
    units: Sequence[Unit] = ()
    jp_override: Decimal | None = None
    jp_override_reason: str = ""
    penyelenggara: str = ""
    prasyarat: str = ""
    catatan_kurikulum: str = ""
    is_active: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


TEMPLATE_FIELDS = (
    "kode", "judul", "bentuk", "jumlah_satuan", "hari_belajar", "bulan", "jp", "jp_override",
    "jp_override_reason", "hari_tinggal_kerja", "mode", "min_peserta", "max_peserta",
    "biaya_tetap", "biaya_per_peserta", "kelas_jabatan", "penyelenggara", "prasyarat",
    "catatan_kurikulum", "is_active",
)  # fmt: skip


def template_errors(
    instansi: Instansi, data: TemplateData, template: ProgramTemplate | None = None
) -> dict[str, list[str]]:
    """Every rule a template breaks, by field (shared by the form page and the import)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not data.kode.strip():
        add("kode", _("Kode wajib diisi."))
    elif (
        ProgramTemplate.objects.filter(instansi=instansi, kode=data.kode.strip())
        .exclude(pk=template.pk if template else 0)
        .exists()
    ):
        add("kode", _("Kode %s sudah dipakai program lain.") % data.kode)
    if not data.judul.strip():
        add("judul", _("Judul wajib diisi."))
    if data.bentuk.instansi_id != instansi.pk:
        add("bentuk", _("Bentuk pengembangan bukan milik instansi ini."))
    if data.jumlah_satuan <= 0:
        add("jumlah_satuan", _("Durasi harus lebih dari 0."))
    if data.max_peserta < 1:
        add("max_peserta", _("Peserta maksimum paling sedikit 1."))
    if data.min_peserta > data.max_peserta:
        add("min_peserta", _("Peserta minimum melebihi peserta maksimum."))
    if data.jp_override is not None:
        if data.jp_override < 0:
            add("jp_override", _("JP tidak boleh negatif."))
        if not data.jp_override_reason.strip():
            add("jp_override_reason", _("JP yang ditetapkan manual perlu alasan."))
    if not data.competencies:
        add("competencies", _("Sebutkan paling sedikit satu kompetensi yang dikembangkan."))
    for competency, gain in data.competencies:
        if competency.instansi_id not in (None, instansi.pk):
            add("competencies", _("Kompetensi %s bukan milik instansi ini.") % competency.kode)
        if not 1 <= gain <= 4:
            add("competencies", _("Kenaikan level %s harus 1–4.") % competency.kode)
    unknown = set(data.kelas_jabatan) - set(PositionClass.values)
    if unknown:
        add("kelas_jabatan", _("Kelas jabatan tidak dikenal: %s") % ", ".join(sorted(unknown)))
    for unit in data.units:
        if unit.instansi_id != instansi.pk:
            add("units", _("Unit %s bukan milik instansi ini.") % unit.nama)
    return errors


def template_save(
    *,
    instansi: Instansi,
    data: TemplateData,
    template: ProgramTemplate | None = None,
    acting_user: Any,
    audit: bool = True,
) -> ProgramTemplate:
    errors = template_errors(instansi, data, template)
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        before = snapshot(template, TEMPLATE_FIELDS) if template else None
        if template is None:
            template = ProgramTemplate(instansi=instansi)
        else:
            template = ProgramTemplate.objects.select_for_update().get(pk=template.pk)
        for name in TEMPLATE_FIELDS:
            if name != "jp":
                value = getattr(data, name)
                setattr(template, name, value.strip() if isinstance(value, str) else value)
        template.kelas_jabatan = sorted(set(data.kelas_jabatan))
        template.jp_override_reason = (
            data.jp_override_reason.strip() if data.jp_override is not None else ""
        )
        template.jp = data.jp_override if data.jp_override is not None else template_jp(template)
        template.save()
        template.units.set(data.units)
        ProgramCompetency.objects.filter(template=template).delete()
        ProgramCompetency.objects.bulk_create(
            [
                ProgramCompetency(template=template, competency=competency, gain=gain)
                for competency, gain in data.competencies
            ]
        )
        if audit:
            after = snapshot(template, TEMPLATE_FIELDS)
            after["kompetensi"] = {c.kode: g for c, g in data.competencies}
            audit_event(
                actor=acting_user,
                action="planning.template.update" if before else "planning.template.create",
                target=template,
                instansi=instansi,
                before=before,
                after=after,
            )
    return template


# ----------------------------------------------------------------------------- plans


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


PLAN_FIELDS = ("judul", "pagu", "jp_target", "jp_bonus", "max_hari")


def _plan_checks(data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if "judul" in data and not str(data["judul"]).strip():
        errors["judul"] = [_("Judul wajib diisi.")]
    if "jp_target" in data and not 0 <= int(data["jp_target"]) <= 200:
        errors["jp_target"] = [_("Target JP harus 0–200.")]
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
    acting_user: Any,
) -> Plan:
    _plan_checks({"judul": judul, "jp_target": jp_target})
    if unit is not None and unit.instansi_id != instansi.pk:
        raise ServiceError({"unit": [_("Unit bukan milik instansi ini.")]})
    with transaction.atomic():
        if Plan.objects.filter(instansi=instansi, tahun=tahun, unit=unit).exists():
            raise ServiceError(
                {"tahun": [_("Rencana tahun %d untuk lingkup ini sudah ada.") % tahun]}
            )
        plan = Plan.objects.create(
            instansi=instansi,
            tahun=tahun,
            unit=unit,
            judul=judul.strip(),
            pagu=pagu,
            jp_target=jp_target,
            jp_bonus=jp_bonus,
            max_hari=max_hari,
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


def plan_program_save(
    *,
    plan: Plan,
    expected_version: int,
    template: ProgramTemplate,
    max_angkatan: int = 4,
    jadwal_bulan: str = "",
    kesesuaian_kurikulum: str = "",
    acting_user: Any,
) -> PlanProgram:
    """Add a catalogue program to the plan, or change what the plan says about it."""
    _require_draft(plan)
    if template.instansi_id != plan.instansi_id:
        raise ServiceError({"template": [_("Program bukan dari katalog instansi ini.")]})
    if max_angkatan < 1:
        raise ServiceError({"max_angkatan": [_("Paling sedikit 1 angkatan.")]})
    jadwal = _months_checked(jadwal_bulan)
    with transaction.atomic():
        _claim(plan, expected_version)
        program, created = PlanProgram.objects.update_or_create(
            plan=plan,
            template=template,
            defaults={
                "max_angkatan": max_angkatan,
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
    *, plan: Plan, expected_version: int, nama: str, jabatan: str, acting_user: Any
) -> Plan:
    """Submitted → approved. The approving official (PPK for the instansi plan, the head of
    BKPSDM for a sub-plan) is named; the BKPSDM admin records it."""
    if plan.status != PlanStatus.SUBMITTED:
        raise ServiceError(_("Hanya rencana yang diajukan yang dapat disetujui."))
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
            after={"status": plan.status, "disetujui_oleh": f"{nama} ({jabatan})"},
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


# ----------------------------------------------------------------------------- runs


def _enqueue(run: PlanRun) -> None:
    from bangkom.planning.tasks import plan_run_execute

    def send() -> None:
        result = plan_run_execute.enqueue(run.pk)
        PlanRun.objects.filter(pk=run.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(send)


def plan_run_start(*, plan: Plan, expected_version: int, acting_user: Any) -> PlanRun:
    """Queue an optimiser run of the plan as it is at ``expected_version``.

    The version is checked (the planner optimises the plan they saw) but not bumped: a run
    records a result, it does not change the plan.
    """
    _require_draft(plan)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.version != expected_version:
            plan.version = expected_version
            raise conflict(plan)
        if not PlanProgram.objects.filter(plan=plan).exists():
            raise ServiceError(_("Pilih dulu program dari katalog untuk rencana ini."))
        run = PlanRun.objects.create(
            plan=plan,
            budget=locked.pagu,
            label=_("Pagu penuh"),
            progress_note=_("Menunggu giliran"),
            created_by=acting_user if getattr(acting_user, "pk", None) else None,
        )
        audit_event(
            actor=acting_user,
            action="planning.run.start",
            target=run,
            instansi=plan.instansi,
            after={"budget": run.budget, "plan_version": expected_version},
        )
        _enqueue(run)
    return run


def scenario_create(*, run: PlanRun, budget: int, label: str, acting_user: Any) -> PlanRun:
    """A copy of a finished run's instance with another budget, solved again."""
    if run.status != RunStatus.DONE or not run.instance_json:
        raise ServiceError(_("Skenario hanya dapat dibuat dari hasil optimasi yang selesai."))
    if budget < 0:
        raise ServiceError({"budget": [_("Anggaran tidak boleh negatif.")]})
    with transaction.atomic():
        instance = dict(run.instance_json)
        instance["budget"] = budget
        scenario = PlanRun.objects.create(
            plan=run.plan,
            parent=run,
            label=label.strip() or _("Skenario"),
            budget=budget,
            instance_json=instance,
            evidence_json=run.evidence_json,
            progress_note=_("Menunggu giliran"),
            created_by=acting_user if getattr(acting_user, "pk", None) else None,
        )
        audit_event(
            actor=acting_user,
            action="planning.run.scenario",
            target=scenario,
            instansi=run.plan.instansi,
            after={"parent": run.pk, "budget": budget, "label": scenario.label},
        )
        _enqueue(scenario)
    return scenario
