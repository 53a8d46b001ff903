"""Writes on competencies and position standards; each is atomic and audited."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from bangkom.competencies.models import (
    ClassDefaultLevel,
    Competency,
    CompetencyKind,
    CompetencyLevel,
    PositionStandard,
    StandardSource,
)
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.organisation.models import Duty, DutyCompetency, Instansi, Position, PositionClass

DICTIONARY_PATH = Path(__file__).parent / "data" / "kamus_kompetensi_permenpanrb_38_2017.json"

# DOMAIN.md §3, marked configurable: seeded per instansi, then editable.
DEFAULT_CLASS_LEVELS: dict[str, int] = {
    PositionClass.JPT_UTAMA: 5,
    PositionClass.JPT_MADYA: 5,
    PositionClass.JPT_PRATAMA: 4,
    PositionClass.ADMINISTRATOR: 3,
    PositionClass.PENGAWAS: 2,
    PositionClass.PELAKSANA: 1,
    PositionClass.AHLI_UTAMA: 4,
    PositionClass.AHLI_MADYA: 3,
    PositionClass.AHLI_MUDA: 2,
    PositionClass.AHLI_PERTAMA: 1,
    PositionClass.PENYELIA: 2,
    PositionClass.MAHIR: 1,
    PositionClass.TERAMPIL: 1,
    PositionClass.PEMULA: 1,
}


def dictionary_load(*, acting_user: Any = None, path: Path = DICTIONARY_PATH) -> int:
    """Load (or refresh) the official managerial and socio-cultural dictionary. Idempotent."""
    data = json.loads(path.read_text(encoding="utf-8"))
    kinds = {
        "manajerial": CompetencyKind.MANAJERIAL,
        "sosial_kultural": CompetencyKind.SOSIAL_KULTURAL,
    }
    count = 0
    with transaction.atomic():
        for item in data["kompetensi"]:
            competency, created = Competency.objects.update_or_create(
                instansi=None,
                kode=item["kode"],
                defaults={
                    "nama": item["nama"],
                    "jenis": kinds[item["jenis"]],
                    "uraian": item["uraian"],
                    "is_official": True,
                },
            )
            for level in item["level"]:
                CompetencyLevel.objects.update_or_create(
                    competency=competency,
                    level=level["level"],
                    defaults={"deskripsi": level["deskripsi"], "indikator": level["indikator"]},
                )
            if created:
                audit_event(
                    actor=acting_user,
                    action="competency.load",
                    target=competency,
                    after=snapshot(competency),
                    note=data.get("sumber", ""),
                )
            count += 1
    return count


def class_defaults_ensure(*, instansi: Instansi) -> None:
    existing = set(
        ClassDefaultLevel.objects.filter(instansi=instansi).values_list("kelas", flat=True)
    )
    ClassDefaultLevel.objects.bulk_create(
        [
            ClassDefaultLevel(instansi=instansi, kelas=kelas, level=level)
            for kelas, level in DEFAULT_CLASS_LEVELS.items()
            if kelas not in existing
        ]
    )


def class_default_set(*, instansi: Instansi, kelas: str, level: int, acting_user: Any) -> None:
    """Change the default required level of a position class and re-derive its positions."""
    if not 1 <= level <= 5:
        raise ServiceError({"level": _("Level harus 1 sampai 5.")})
    with transaction.atomic():
        row, _created = ClassDefaultLevel.objects.select_for_update().get_or_create(
            instansi=instansi, kelas=kelas, defaults={"level": level}
        )
        before = snapshot(row)
        row.level = level
        row.save()
        audit_event(
            actor=acting_user,
            action="class_default.update",
            target=row,
            instansi=instansi,
            before=before,
            after=snapshot(row),
            target_type="competencies.classdefaultlevel",
        )
        for position in Position.objects.filter(instansi=instansi, kelas=kelas):
            standard_rederive(position=position, acting_user=acting_user)


def _class_level(position: Position) -> int:
    row = ClassDefaultLevel.objects.filter(
        instansi_id=position.instansi_id, kelas=position.kelas
    ).first()
    return row.level if row else DEFAULT_CLASS_LEVELS[position.kelas]


def derived_standard(position: Position) -> dict[int, tuple[int, str]]:
    """competency id → (level, source) from the class default and the position's duties.

    Every managerial and socio-cultural competency gets the class default level; a duty that
    names a competency raises it to the highest level any duty asks for.
    """
    result: dict[int, tuple[int, str]] = {}
    class_level = _class_level(position)
    for competency_id in Competency.objects.filter(
        instansi__isnull=True,
        is_official=True,
        jenis__in=[CompetencyKind.MANAJERIAL, CompetencyKind.SOSIAL_KULTURAL],
    ).values_list("id", flat=True):
        result[competency_id] = (class_level, StandardSource.KELAS)
    duty_levels = (
        DutyCompetency.objects.filter(duty__position=position)
        .values("competency_id")
        .annotate(level=Max("level"))
    )
    for row in duty_levels:
        current = result.get(row["competency_id"], (0, ""))[0]
        result[row["competency_id"]] = (max(current, row["level"]), StandardSource.TUGAS)
    return result


def standard_rederive(*, position: Position, acting_user: Any) -> None:
    """Bring the position's standard in line with its duties and class, keeping manual lines."""
    with transaction.atomic():
        current = {s.competency_id: s for s in PositionStandard.objects.filter(position=position)}
        wanted = derived_standard(position)
        before = {str(cid): s.required_level for cid, s in current.items()}
        created, changed = [], []
        for competency_id, (level, source) in wanted.items():
            line = current.get(competency_id)
            if line is None:
                created.append(
                    PositionStandard(
                        position=position,
                        competency_id=competency_id,
                        required_level=level,
                        source=source,
                    )
                )
            elif line.source != StandardSource.MANUAL and (line.required_level, line.source) != (
                level,
                source,
            ):
                line.required_level, line.source = level, source
                changed.append(line)
        PositionStandard.objects.bulk_create(created)
        PositionStandard.objects.bulk_update(changed, ["required_level", "source"])
        stale = [
            cid
            for cid, line in current.items()
            if cid not in wanted and line.source != StandardSource.MANUAL
        ]
        PositionStandard.objects.filter(position=position, competency_id__in=stale).delete()
        after = {
            str(s.competency_id): s.required_level
            for s in PositionStandard.objects.filter(position=position)
        }
        if before != after:
            audit_event(
                actor=acting_user,
                action="standard.derive",
                target=position,
                instansi=position.instansi,
                before=before,
                after=after,
            )


def standard_set(
    *, position: Position, competency: Competency, level: int | None, acting_user: Any
) -> None:
    """Edit one line by hand (kept on re-derivation); ``level=None`` returns it to derivation."""
    _check_competency_usable(position.instansi, competency)
    if level is not None and not 1 <= level <= 5:
        raise ServiceError({"level": _("Level harus 1 sampai 5.")})
    with transaction.atomic():
        line = PositionStandard.objects.filter(position=position, competency=competency).first()
        before = (line.required_level, line.source) if line else None
        if level is None:
            if line is not None and line.source == StandardSource.MANUAL:
                line.delete()
                standard_rederive(position=position, acting_user=acting_user)
        else:
            PositionStandard.objects.update_or_create(
                position=position,
                competency=competency,
                defaults={"required_level": level, "source": StandardSource.MANUAL},
            )
        line = PositionStandard.objects.filter(position=position, competency=competency).first()
        after = (line.required_level, line.source) if line else None
        if after == before:
            return  # nothing changed: no audit row
        audit_event(
            actor=acting_user,
            action="standard.set",
            target=position,
            instansi=position.instansi,
            before={competency.kode: before[0] if before else None},
            after={competency.kode: after[0] if after else None},
        )


def _check_competency_usable(instansi: Instansi, competency: Competency) -> None:
    if competency.instansi_id not in (None, instansi.pk):
        raise ServiceError(
            {"competency": _("Kompetensi %s bukan milik instansi ini.") % competency.kode}
        )


def duty_save(
    *,
    position: Position,
    uraian: str,
    competencies: Iterable[tuple[Competency, int]],
    urutan: int | None = None,
    duty: Duty | None = None,
    acting_user: Any,
) -> Duty:
    """Create or update a duty with the competencies (and levels) it needs; re-derives."""
    uraian = uraian.strip()
    if not uraian:
        raise ServiceError({"uraian": _("Uraian tugas wajib diisi.")})
    links = list(competencies)
    errors = []
    for competency, level in links:
        _check_competency_usable(position.instansi, competency)
        if not 1 <= int(level) <= 5:
            errors.append(
                _("Level %(kode)s harus 1 sampai 5, bukan %(level)s.")
                % {"kode": competency.kode, "level": level}
            )
    if len({c.pk for c, _level in links}) != len(links):
        errors.append(_("Setiap kompetensi hanya boleh disebut sekali per uraian tugas."))
    if errors:
        raise ServiceError({"competencies": errors})
    with transaction.atomic():
        before = _duty_snapshot(duty) if duty else None
        if duty is None:
            next_order = (position.duties.aggregate(m=Max("urutan"))["m"] or 0) + 1
            duty = Duty.objects.create(
                position=position, uraian=uraian, urutan=urutan or next_order
            )
        else:
            duty.uraian = uraian
            if urutan:
                duty.urutan = urutan
            duty.save()
            duty.competencies.all().delete()
        DutyCompetency.objects.bulk_create(
            [DutyCompetency(duty=duty, competency=c, level=int(level)) for c, level in links]
        )
        audit_event(
            actor=acting_user,
            action="duty.update" if before else "duty.create",
            target=duty,
            instansi=position.instansi,
            before=before,
            after=_duty_snapshot(duty),
        )
        standard_rederive(position=position, acting_user=acting_user)
    return duty


def duty_delete(*, duty: Duty, acting_user: Any) -> None:
    position = duty.position
    with transaction.atomic():
        before = _duty_snapshot(duty)
        audit_event(
            actor=acting_user,
            action="duty.delete",
            target=duty,
            instansi=position.instansi,
            before=before,
        )
        duty.delete()
        standard_rederive(position=position, acting_user=acting_user)


def _duty_snapshot(duty: Duty) -> dict[str, Any]:
    return {
        "uraian": duty.uraian,
        "urutan": duty.urutan,
        "kompetensi": {
            link.competency.kode: link.level
            for link in duty.competencies.select_related("competency")
        },
    }


def technical_competency_save(
    *,
    instansi: Instansi | None,
    kode: str,
    nama: str,
    sektor: str,
    uraian: str,
    levels: Sequence[str],
    competency: Competency | None = None,
    acting_user: Any,
) -> Competency:
    """Create or edit a technical competency (T.x) with its five level descriptions."""
    errors: dict[str, Any] = {}
    kode = kode.strip().upper()
    if not kode.startswith("T."):
        errors["kode"] = _("Kode kompetensi teknis harus diawali “T.”, misalnya T.12.")
    if not nama.strip():
        errors["nama"] = _("Nama kompetensi wajib diisi.")
    if len(levels) != 5 or any(not text.strip() for text in levels):
        errors["levels"] = _("Isi deskripsi kelima level (1 sampai 5).")
    if competency is not None and competency.is_official:
        errors["kode"] = _("Kompetensi dari kamus resmi tidak dapat diubah.")
    clash = Competency.objects.filter(Q(instansi=instansi) | Q(instansi__isnull=True), kode=kode)
    if competency is not None:
        clash = clash.exclude(pk=competency.pk)
    if "kode" not in errors and clash.exists():
        errors["kode"] = _("Kode %s sudah dipakai.") % kode
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        before = snapshot(competency) if competency else None
        if competency is None:
            competency = Competency(instansi=instansi, jenis=CompetencyKind.TEKNIS)
        competency.kode, competency.nama = kode, nama.strip()
        competency.sektor, competency.uraian = sektor.strip(), uraian.strip()
        competency.save()
        for number, text in enumerate(levels, start=1):
            CompetencyLevel.objects.update_or_create(
                competency=competency, level=number, defaults={"deskripsi": text.strip()}
            )
        audit_event(
            actor=acting_user,
            action="competency.update" if before else "competency.create",
            target=competency,
            instansi=instansi,
            before=before,
            after={**snapshot(competency), "levels": [t.strip() for t in levels]},
        )
    return competency
