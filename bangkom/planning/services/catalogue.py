"""The program catalogue: checking and saving the program templates plans choose from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Instansi, PositionClass, Unit
from bangkom.planning.models import DevelopmentForm, ProgramCompetency, ProgramTemplate
from bangkom.planning.services.jp_table import template_jp


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
