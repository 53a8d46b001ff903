"""Writes on the organisation: every function is atomic and leaves an audit row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.lib.nip import NipError, parse_nip
from bangkom.organisation.models import (
    Employee,
    EmployeeKind,
    Instansi,
    InstansiKind,
    Position,
    Unit,
    Wilayah,
    WilayahLevel,
)

# ----------------------------------------------------------------------------- instansi


def instansi_create(*, wilayah: Wilayah, nama: str, acting_user: Any) -> Instansi:
    """A regional government for a province or regency/city code, with its default tables."""
    from bangkom.competencies.services import class_defaults_ensure

    if wilayah.tingkat not in (WilayahLevel.PROVINSI, WilayahLevel.KABUPATEN_KOTA):
        raise ServiceError(
            _("Instansi daerah harus berada di wilayah provinsi atau kabupaten/kota, bukan %s.")
            % wilayah.get_tingkat_display()
        )
    if Instansi.objects.filter(wilayah=wilayah).exists():
        raise ServiceError(_("Wilayah %s sudah memiliki instansi.") % wilayah)
    if wilayah.tingkat == WilayahLevel.PROVINSI:
        jenis = InstansiKind.PROVINSI
    elif int(wilayah.kode.split(".")[1]) >= 71:  # kota codes are 71–99
        jenis = InstansiKind.KOTA
    else:
        jenis = InstansiKind.KABUPATEN
    with transaction.atomic():
        instansi = Instansi.objects.create(wilayah=wilayah, nama=nama.strip(), jenis=jenis)
        class_defaults_ensure(instansi=instansi)
        audit_event(
            actor=acting_user,
            action="instansi.create",
            target=instansi,
            instansi=instansi,
            after=snapshot(instansi),
        )
    return instansi


# ----------------------------------------------------------------------------- units


def _check_unit_parent(instansi: Instansi, parent: Unit | None, unit: Unit | None = None) -> None:
    if parent is None:
        return
    if parent.instansi_id != instansi.pk:
        raise ServiceError({"parent": _("Unit induk harus dari instansi yang sama.")})
    if unit is not None and unit.pk and parent.path.startswith(unit.path):
        raise ServiceError({"parent": _("Unit tidak boleh menjadi induk dari dirinya sendiri.")})


def unit_create(
    *,
    instansi: Instansi,
    nama: str,
    jenis: str,
    parent: Unit | None = None,
    singkatan: str = "",
    wilayah: Wilayah | None = None,
    acting_user: Any,
) -> Unit:
    _check_unit_parent(instansi, parent)
    nama = nama.strip()
    if not nama:
        raise ServiceError({"nama": _("Nama unit wajib diisi.")})
    if Unit.objects.filter(instansi=instansi, parent=parent, nama__iexact=nama).exists():
        raise ServiceError(
            {"nama": _("Sudah ada unit bernama “%s” di bawah induk yang sama.") % nama}
        )
    with transaction.atomic():
        unit = Unit.objects.create(
            instansi=instansi,
            parent=parent,
            nama=nama,
            jenis=jenis,
            singkatan=singkatan.strip(),
            wilayah=wilayah,
            depth=(parent.depth + 1) if parent else 0,
        )
        unit.path = f"{parent.path if parent else ''}{unit.pk}/"
        unit.save(update_fields=["path"])
        audit_event(
            actor=acting_user,
            action="unit.create",
            target=unit,
            instansi=instansi,
            after=snapshot(unit),
        )
    return unit


def unit_update(
    *,
    unit: Unit,
    nama: str,
    jenis: str,
    parent: Unit | None,
    singkatan: str = "",
    wilayah: Wilayah | None = None,
    acting_user: Any,
) -> Unit:
    _check_unit_parent(unit.instansi, parent, unit)
    nama = nama.strip()
    if not nama:
        raise ServiceError({"nama": _("Nama unit wajib diisi.")})
    clash = Unit.objects.filter(instansi=unit.instansi, parent=parent, nama__iexact=nama).exclude(
        pk=unit.pk
    )
    if clash.exists():
        raise ServiceError(
            {"nama": _("Sudah ada unit bernama “%s” di bawah induk yang sama.") % nama}
        )
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        before = snapshot(unit)
        old_path = unit.path
        unit.nama, unit.jenis, unit.singkatan, unit.wilayah = (
            nama,
            jenis,
            singkatan.strip(),
            wilayah,
        )
        if parent != unit.parent:
            unit.parent = parent
            new_path = f"{parent.path if parent else ''}{unit.pk}/"
            depth_shift = ((parent.depth + 1) if parent else 0) - unit.depth
            Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
                depth=F("depth") + depth_shift,
            )
            unit.path, unit.depth = new_path, unit.depth + depth_shift
        unit.save()
        audit_event(
            actor=acting_user,
            action="unit.update",
            target=unit,
            instansi=unit.instansi,
            before=before,
            after=snapshot(unit),
        )
    return unit


# ----------------------------------------------------------------------------- positions


def position_save(
    *,
    instansi: Instansi,
    unit: Unit,
    nama: str,
    kelas: str,
    ikhtisar: str = "",
    position: Position | None = None,
    acting_user: Any,
) -> Position:
    """Create a position, or update ``position``; a class change re-derives its standard."""
    from bangkom.competencies.services import standard_rederive

    if unit.instansi_id != instansi.pk:
        raise ServiceError({"unit": _("Unit kerja harus dari instansi yang sama.")})
    nama = nama.strip()
    clash = Position.objects.filter(unit=unit, nama__iexact=nama)
    if position is not None:
        clash = clash.exclude(pk=position.pk)
    if clash.exists():
        raise ServiceError({"nama": _("Jabatan “%s” sudah ada di unit ini.") % nama})
    with transaction.atomic():
        before = snapshot(position) if position is not None else None
        if position is None:
            position = Position(instansi=instansi)
        position.unit, position.nama, position.kelas, position.ikhtisar = (
            unit,
            nama,
            kelas,
            ikhtisar.strip(),
        )
        position.save()
        audit_event(
            actor=acting_user,
            action="position.update" if before else "position.create",
            target=position,
            instansi=instansi,
            before=before,
            after=snapshot(position),
        )
        standard_rederive(position=position, acting_user=acting_user)
    return position


# ----------------------------------------------------------------------------- employees


@dataclass(frozen=True)
class EmployeeData:
    """What a form, an API call or an import row says about one employee."""

    nip: str
    nama: str
    jenis: str = EmployeeKind.PNS
    gelar_depan: str = ""
    gelar_belakang: str = ""
    tanggal_lahir: date | None = None
    jenis_kelamin: str = ""
    golongan: str = ""
    pendidikan_tingkat: str = ""
    pendidikan_nama: str = ""
    unit: Unit | None = None
    position: Position | None = None
    supervisor: Employee | None = None
    email: str = ""
    phone: str = ""
    is_active: bool = True


EMPLOYEE_FIELDS = (
    "nama",
    "jenis",
    "gelar_depan",
    "gelar_belakang",
    "tanggal_lahir",
    "jenis_kelamin",
    "golongan",
    "pendidikan_tingkat",
    "pendidikan_nama",
    "unit",
    "position",
    "supervisor",
    "email",
    "phone",
    "is_active",
)


def normalise_nip(raw: str) -> str:
    """NIP as stored: digits only, without the spaces, dots, dashes or the leading apostrophe
    that spreadsheets add."""
    return re.sub(r"[\s.\-\u2010-\u2015']", "", raw or "")


def employee_validate(
    *, instansi: Instansi, data: EmployeeData, employee: Employee | None = None
) -> dict[str, Any]:
    """Check one employee's data; returns the derived NIP fields or raises ``ServiceError``
    with a message per field."""
    errors: dict[str, str] = {}
    derived: dict[str, Any] = {}
    nip = normalise_nip(data.nip)
    if data.jenis == EmployeeKind.PNS:
        try:
            info = parse_nip(nip, today=date.today())
        except NipError as exc:
            errors["nip"] = str(exc)
        else:
            nip = info.nip
            derived = {
                "tanggal_lahir": info.birth_date,
                "jenis_kelamin": info.sex,
                "tmt_cpns": info.appointment_month,
            }
            if data.tanggal_lahir and data.tanggal_lahir != info.birth_date:
                errors["tanggal_lahir"] = _(
                    "Tanggal lahir %(given)s tidak sama dengan tanggal lahir pada NIP (%(nip)s)."
                ) % {"given": data.tanggal_lahir.isoformat(), "nip": info.birth_date.isoformat()}
            if data.jenis_kelamin and data.jenis_kelamin != info.sex:
                errors["jenis_kelamin"] = _("Jenis kelamin tidak sama dengan digit ke-15 NIP.")
    elif data.jenis == EmployeeKind.PPPK:
        if not re.fullmatch(instansi.pppk_number_pattern, nip):
            errors["nip"] = _("Nomor induk PPPK tidak sesuai pola instansi (%s).") % (
                instansi.pppk_number_pattern
            )
        derived = {"tanggal_lahir": data.tanggal_lahir, "jenis_kelamin": data.jenis_kelamin}
    else:
        errors["jenis"] = _("Jenis pegawai harus PNS atau PPPK.")
    if not data.nama.strip():
        errors["nama"] = _("Nama wajib diisi.")
    for field, obj in (
        ("unit", data.unit),
        ("position", data.position),
        ("supervisor", data.supervisor),
    ):
        if obj is not None and obj.instansi_id != instansi.pk:
            errors[field] = _("Harus dari instansi yang sama.")
    if (
        data.position is not None
        and data.unit is not None
        and data.position.unit_id != data.unit.pk
    ):
        errors["position"] = _("Jabatan %(position)s tidak berada di unit %(unit)s.") % {
            "position": data.position.nama,
            "unit": data.unit.nama,
        }
    if data.supervisor is not None and employee is not None:
        boss: Employee | None = data.supervisor
        seen = 0
        while boss is not None and seen < 50:
            if boss.pk == employee.pk:
                errors["supervisor"] = _(
                    "Atasan langsung tidak boleh diri sendiri atau bawahannya."
                )
                break
            boss, seen = boss.supervisor, seen + 1
    clash = Employee.objects.filter(nip=nip)
    if employee is not None:
        clash = clash.exclude(pk=employee.pk)
    if "nip" not in errors and clash.exists():
        errors["nip"] = _("NIP %s sudah terdaftar.") % nip
    if errors:
        raise ServiceError(errors)
    return {"nip": nip, **derived}


def employee_save(
    *,
    instansi: Instansi,
    data: EmployeeData,
    employee: Employee | None = None,
    acting_user: Any,
) -> Employee:
    """Create an employee or update ``employee``; NIP-derived fields come from the NIP."""
    derived = employee_validate(instansi=instansi, data=data, employee=employee)
    with transaction.atomic():
        before = snapshot(employee) if employee is not None else None
        if employee is None:
            employee = Employee(instansi=instansi)
        for field in EMPLOYEE_FIELDS:
            setattr(employee, field, getattr(data, field))
        if data.unit is None and data.position is not None:
            employee.unit = data.position.unit
        for field, value in derived.items():
            setattr(employee, field, value)
        employee.save()
        audit_event(
            actor=acting_user,
            action="employee.update" if before else "employee.create",
            target=employee,
            instansi=instansi,
            before=before,
            after=snapshot(employee),
        )
    return employee
