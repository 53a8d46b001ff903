"""Writes of the discussion notes (FGD, *diskusi kelompok terarah*): the note, its conclusions,
its attachments, and the weight factors its conclusions propose.

Attachments are checked by extension, size and first bytes, stored under MEDIA_ROOT with random
names in a private folder, and served only through an access-checked view.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.factors.models import FactorSource, WeightFactor
from bangkom.factors.services import FactorSpec, factors_replace
from bangkom.organisation.models import Instansi, Unit
from bangkom.surveys.models import (
    DiscussionAttachment,
    DiscussionConclusion,
    DiscussionNote,
    Survey,
    attachment_path,
)
from bangkom.surveys.services import MAX_FACTOR, usable_competencies

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ZIP_MAGIC = (b"PK\x03\x04",)
# extension → (content type, accepted first bytes)
ATTACHMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP_MAGIC,
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP_MAGIC),
}


def content_type_for(name: str) -> str:
    return ATTACHMENT_TYPES.get(PurePath(name).suffix.lower(), ("application/octet-stream",))[0]


# ----------------------------------------------------------------------------- notes


@dataclass(frozen=True)
class NoteData:
    judul: str
    tahun: int
    tanggal: datetime.date
    participant_count: int
    participant_description: str
    fasilitator: str
    ringkasan: str
    units: Sequence[Unit] = ()
    survey: Survey | None = None


def _check_note(instansi: Instansi, data: NoteData, note: DiscussionNote | None) -> None:
    errors: dict[str, list[str]] = {}
    if note is not None and data.tahun != note.tahun:
        applied = WeightFactor.objects.filter(
            instansi=instansi, tahun=note.tahun, source_key=f"fgd:{note.pk}"
        )
        if applied.exists():
            errors["tahun"] = [
                _(
                    "Tahun rencana tidak dapat diubah: kesimpulan catatan ini sudah menjadi "
                    "faktor bobot tahun %s."
                )
                % note.tahun
            ]
    required = {
        "judul": (data.judul, _("Tema diskusi wajib diisi.")),
        "participant_description": (
            data.participant_description,
            _("Keterangan peserta wajib diisi."),
        ),
        "fasilitator": (data.fasilitator, _("Nama fasilitator wajib diisi.")),
        "ringkasan": (data.ringkasan, _("Ringkasan diskusi wajib diisi.")),
    }
    for key, (value, message) in required.items():
        if not value.strip():
            errors[key] = [message]
    if data.participant_count < 1:
        errors["participant_count"] = [_("Jumlah peserta paling sedikit 1.")]
    if not 2000 <= data.tahun <= 2100:
        errors["tahun"] = [_("Tahun rencana harus antara 2000 dan 2100.")]
    foreign = [u.nama for u in data.units if u.instansi_id != instansi.pk]
    if foreign:
        errors["units"] = [_("Unit berikut bukan milik instansi ini: %s") % ", ".join(foreign)]
    if data.survey is not None and data.survey.instansi_id != instansi.pk:
        errors["survey"] = [_("Survei bukan milik instansi ini.")]
    if errors:
        raise ServiceError(errors)


def _note_snapshot(note: DiscussionNote) -> dict[str, Any]:
    data = snapshot(note)
    data["units"] = sorted(u.pk for u in note.units.all())
    return data


def note_save(
    *,
    instansi: Instansi,
    data: NoteData,
    note: DiscussionNote | None = None,
    acting_user: Any,
) -> DiscussionNote:
    _check_note(instansi, data, note)
    with transaction.atomic():
        before = None
        if note is None:
            note = DiscussionNote(
                instansi=instansi,
                created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
            )
        else:
            note = DiscussionNote.objects.select_for_update().get(pk=note.pk)
            before = _note_snapshot(note)
        note.judul = data.judul.strip()
        note.tahun = data.tahun
        note.tanggal = data.tanggal
        note.participant_count = data.participant_count
        note.participant_description = data.participant_description.strip()
        note.fasilitator = data.fasilitator.strip()
        note.ringkasan = data.ringkasan.strip()
        note.survey = data.survey
        note.save()
        note.units.set(data.units)
        audit_event(
            actor=acting_user,
            action="survey.discussion.create" if before is None else "survey.discussion.update",
            target=note,
            instansi=instansi,
            before=before,
            after=_note_snapshot(note),
        )
    return note


# ----------------------------------------------------------------------------- conclusions


def conclusion_add(
    *,
    note: DiscussionNote,
    teks: str,
    competencies: Sequence[Competency],
    factor: Decimal | None,
    acting_user: Any,
) -> DiscussionConclusion:
    errors: dict[str, list[str]] = {}
    if not teks.strip():
        errors["teks"] = [_("Kesimpulan wajib diisi.")]
    usable = set(usable_competencies(note.instansi).values_list("pk", flat=True))
    foreign = [c.kode for c in competencies if c.pk not in usable]
    if foreign:
        errors["kompetensi"] = [_("Kompetensi bukan milik instansi ini: %s") % ", ".join(foreign)]
    if factor is not None:
        if not Decimal(0) < factor <= MAX_FACTOR:
            errors["factor"] = [_("Faktor harus lebih dari 0 dan paling besar %s.") % MAX_FACTOR]
        elif not competencies:
            errors["kompetensi"] = [_("Faktor bobot memerlukan paling sedikit satu kompetensi.")]
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        last = note.conclusions.order_by("-urutan").values_list("urutan", flat=True).first()
        conclusion = DiscussionConclusion.objects.create(
            note=note, urutan=(last or 0) + 1, teks=teks.strip(), factor=factor
        )
        conclusion.competencies.set(competencies)
        audit_event(
            actor=acting_user,
            action="survey.discussion.conclusion.create",
            target=conclusion,
            instansi=note.instansi,
            after={
                **snapshot(conclusion),
                "competencies": sorted(c.kode for c in competencies),
            },
            note=str(note),
        )
    return conclusion


def conclusion_delete(*, conclusion: DiscussionConclusion, acting_user: Any) -> None:
    note = conclusion.note
    with transaction.atomic():
        audit_event(
            actor=acting_user,
            action="survey.discussion.conclusion.delete",
            target=conclusion,
            instansi=note.instansi,
            before=snapshot(conclusion),
            note=str(note),
        )
        conclusion.delete()


def note_factor_specs(note: DiscussionNote) -> list[FactorSpec]:
    """A factor for every competency of every conclusion with a factor, in every unit of the
    note (the whole instansi when it names no unit). When two conclusions weigh the same
    competency, the larger factor counts once and both conclusions are kept as evidence."""
    units: list[Unit | None] = list(note.units.order_by("path")) or [None]
    attachments = [a.original_name for a in note.attachments.all()]
    chosen: dict[int, tuple[Decimal, Competency, list[DiscussionConclusion]]] = {}
    for conclusion in note.conclusions.prefetch_related("competencies"):
        if conclusion.factor is None:
            continue
        for competency in conclusion.competencies.all():
            factor, _competency, reasons = chosen.get(competency.pk, (Decimal(0), competency, []))
            reasons.append(conclusion)
            chosen[competency.pk] = (max(factor, conclusion.factor), competency, reasons)
    specs = []
    tanggal = date_format(note.tanggal, "j F Y")
    for factor, competency, reasons in sorted(chosen.values(), key=lambda row: row[1].kode):
        strongest = max(reasons, key=lambda c: c.factor or 0)
        for unit in units:
            specs.append(
                FactorSpec(
                    competency=competency,
                    factor=factor,
                    unit=unit,
                    title=_("Diskusi “%(judul)s” (%(tanggal)s): %(kesimpulan)s")
                    % {"judul": note.judul, "tanggal": tanggal, "kesimpulan": strongest.teks},
                    evidence={
                        "discussion": note.pk,
                        "judul": note.judul,
                        "tanggal": note.tanggal.isoformat(),
                        "participants": note.participant_count,
                        "participant_description": note.participant_description,
                        "fasilitator": note.fasilitator,
                        "conclusions": [{"teks": c.teks, "factor": str(c.factor)} for c in reasons],
                        "attachments": attachments,
                    },
                )
            )
    return specs


def note_factors_apply(*, note: DiscussionNote, acting_user: Any) -> list[WeightFactor]:
    """Replace the note's weight factors (``source_key="fgd:<pk>"``) with its conclusions'."""
    return factors_replace(
        instansi=note.instansi,
        tahun=note.tahun,
        source=FactorSource.DISCUSSION,
        source_key=f"fgd:{note.pk}",
        specs=note_factor_specs(note),
        acting_user=acting_user,
    )


# ----------------------------------------------------------------------------- attachments


def check_attachment(upload: UploadedFile) -> str:
    """The upload's lower-case extension, or a ServiceError saying what is wrong with it."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower()
    if extension not in ATTACHMENT_TYPES:
        raise ServiceError(
            {
                "file": _(
                    "Jenis berkas %s tidak diterima. Unggah PDF, gambar (PNG/JPG), DOCX atau XLSX."
                )
                % (extension or _("tanpa ekstensi"))
            }
        )
    size = upload.size or 0
    if size == 0:
        raise ServiceError({"file": _("Berkas kosong.")})
    if size > MAX_ATTACHMENT_BYTES:
        raise ServiceError(
            {
                "file": _("Berkas terlalu besar (%(size)s MB); paling besar %(max)s MB.")
                % {
                    "size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
                    "max": MAX_ATTACHMENT_BYTES // (1024 * 1024),
                }
            }
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in ATTACHMENT_TYPES[extension][1]):
        raise ServiceError({"file": _("Isi berkas tidak sesuai dengan jenisnya (%s).") % extension})
    return extension


def attachment_add(
    *, note: DiscussionNote, upload: UploadedFile, acting_user: Any
) -> DiscussionAttachment:
    extension = check_attachment(upload)
    original = PurePath(upload.name or "").name[:200]
    attachment = DiscussionAttachment(
        note=note,
        original_name=original,
        size=upload.size or 0,
        uploaded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    stored = default_storage.save(
        attachment_path(attachment, f"{uuid.uuid4().hex}{extension}"), upload
    )
    try:
        with transaction.atomic():
            attachment.file.name = stored
            attachment.save()
            audit_event(
                actor=acting_user,
                action="survey.discussion.attachment.create",
                target=attachment,
                instansi=note.instansi,
                after={"original_name": original, "size": attachment.size},
                note=str(note),
            )
    except Exception:
        default_storage.delete(stored)
        raise
    return attachment


def attachment_delete(*, attachment: DiscussionAttachment, acting_user: Any) -> None:
    note = attachment.note
    stored = attachment.file.name
    with transaction.atomic():
        audit_event(
            actor=acting_user,
            action="survey.discussion.attachment.delete",
            target=attachment,
            instansi=note.instansi,
            before={"original_name": attachment.original_name, "size": attachment.size},
            note=str(note),
        )
        attachment.delete()
        transaction.on_commit(lambda: default_storage.delete(stored))
