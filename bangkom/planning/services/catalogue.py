"""The program catalogue: checking and saving the program templates plans choose from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Instansi, PositionClass, Unit
from bangkom.planning.bounds import TEMPLATE_BOUNDS, TEMPLATE_JP, bound_errors
from bangkom.planning.jp import jp_for
from bangkom.planning.models import DevelopmentForm, ProgramCompetency, ProgramTemplate
from bangkom.planning.services.jp_table import rule_of, template_jp


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
    return template_value_errors(instansi, vars(data), template)


def template_value_errors(
    instansi: Instansi, values: Mapping[str, Any], template: ProgramTemplate | None = None
) -> dict[str, list[str]]:
    """Every rule the known ``values`` (``TemplateData`` names) break, by field. A value that is
    missing (a form field that did not parse) skips the rules that need it, so a form shows these
    errors together with its own instead of one after the other."""
    errors: dict[str, list[str]] = bound_errors(values, TEMPLATE_BOUNDS)

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    def known(*names: str) -> bool:
        return all(values.get(name) is not None and name not in errors for name in names)

    kode = values.get("kode")
    if kode is not None and not kode.strip():
        add("kode", _("Kode wajib diisi."))
    elif (
        kode is not None
        and ProgramTemplate.objects.filter(instansi=instansi, kode=kode.strip())
        .exclude(pk=template.pk if template else 0)
        .exists()
    ):
        add("kode", _("Kode %s sudah dipakai program lain.") % kode)
    if values.get("judul") is not None and not values["judul"].strip():
        add("judul", _("Judul wajib diisi."))
    bentuk = values.get("bentuk")
    if bentuk is not None and bentuk.instansi_id != instansi.pk:
        add("bentuk", _("Bentuk pengembangan bukan milik instansi ini."))
    computed = "jp_override" in values and values["jp_override"] is None
    if computed and known("bentuk", "jumlah_satuan", "hari_belajar", "bulan"):
        problem = _computed_jp_problem(values)
        if problem:
            add("jumlah_satuan", _("JP hasil hitung dari durasi ini di luar batas. %s") % problem)
    if known("min_peserta", "max_peserta") and values["min_peserta"] > values["max_peserta"]:
        add("min_peserta", _("Peserta minimum melebihi peserta maksimum."))
    if values.get("jp_override") is not None and not values.get("jp_override_reason", "").strip():
        add("jp_override_reason", _("JP yang ditetapkan manual perlu alasan."))
    competencies = values.get("competencies")
    if competencies is not None and not competencies:
        add("competencies", _("Sebutkan paling sedikit satu kompetensi yang dikembangkan."))
    for competency, gain in competencies or ():
        if competency.instansi_id not in (None, instansi.pk):
            add("competencies", _("Kompetensi %s bukan milik instansi ini.") % competency.kode)
        if not 1 <= gain <= 4:
            add("competencies", _("Kenaikan level %s harus 1–4.") % competency.kode)
    unknown = set(values.get("kelas_jabatan") or ()) - set(PositionClass.values)
    if unknown:
        add("kelas_jabatan", _("Kelas jabatan tidak dikenal: %s") % ", ".join(sorted(unknown)))
    for unit in values.get("units") or ():
        if unit.instansi_id != instansi.pk:
            add("units", _("Unit %s bukan milik instansi ini.") % unit.nama)
    return errors


def _computed_jp_problem(values: Mapping[str, Any]) -> str | None:
    """The bound the JP computed by the form's rule breaks, if any (an overflow breaks it too)."""
    try:
        jp = jp_for(
            rule_of(values["bentuk"]),
            units=values["jumlah_satuan"],
            learning_days=values["hari_belajar"],
            months=values["bulan"],
        )
    except ArithmeticError:  # decimal.InvalidOperation and Overflow are ArithmeticErrors
        return TEMPLATE_JP.message()
    return TEMPLATE_JP.check(jp)


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
