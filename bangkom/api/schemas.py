"""What the API reads and writes, field by field.

Output schemas name every field on purpose (no model dumps): adding a model field never leaks it.
Input schemas forbid unknown fields, so that a misspelt field is a 422 rather than silently
ignored, and carry the model's length limits, so that the database never sees a value it would
refuse.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints, ValidationInfo, field_validator

from bangkom.competencies.models import CompetencyKind
from bangkom.lib.golongan import GOLONGAN_PNS, GolonganError, rank_name
from bangkom.organisation.models import EmployeeKind, PositionClass, Sex, UnitKind


def _text(max_length: int, min_length: int = 0) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, max_length=max_length, min_length=min_length)


# Stripped text with the model's length limit; the ``Required`` ones refuse an empty string.
Text20 = Annotated[str, _text(20)]
Text40 = Annotated[str, _text(40)]
Text60 = Annotated[str, _text(60)]
Text100 = Annotated[str, _text(100)]
Text150 = Annotated[str, _text(150)]
Text254 = Annotated[str, _text(254)]
LongText = Annotated[str, _text(20_000)]
RequiredKode = Annotated[str, _text(20, 1)]
RequiredNip = Annotated[str, _text(30, 1)]  # room for separators: "19860926 201505 1 001"
RequiredName150 = Annotated[str, _text(150, 1)]
RequiredName200 = Annotated[str, _text(200, 1)]
RequiredLongText = Annotated[str, _text(20_000, 1)]
RequiredLevelText = Annotated[str, _text(5_000, 1)]

# The largest number a database integer column holds (the 64-bit primary keys). A larger id in a
# filter would not find nothing: the database refuses the number outright, so it is a 422.
MAX_DATABASE_INTEGER = 2**63 - 1

# The id of an object, in a filter or in the body.
ObjectId = Annotated[int, Field(ge=1, le=MAX_DATABASE_INTEGER)]

# A planning year, within the bounds the web forms accept.
Year = Annotated[int, Field(ge=2000, le=2100, description="Tahun rencana.")]


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


def _null_only_where_clearable_in_openapi(schema: dict[str, Any], model: type) -> None:
    """The fields of a partial update are optional, so pydantic documents them as "value or
    null". Only ``nullable_fields`` take ``null``; elsewhere the schema says what is accepted."""
    nullable: frozenset[str] = getattr(model, "nullable_fields", frozenset())
    for name, field in schema.get("properties", {}).items():
        if name in nullable or "anyOf" not in field:
            continue
        field.pop("default", None)
        kinds = [kind for kind in field.pop("anyOf") if kind != {"type": "null"}]
        if len(kinds) == 1:
            field.update(kinds[0])
        else:
            field["anyOf"] = kinds


class UpdateSchema(InputSchema):
    """A partial update: a field left out keeps its value. ``null`` is accepted only for the
    fields listed in ``nullable_fields`` (it clears them); elsewhere it is a 422."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra=_null_only_where_clearable_in_openapi
    )

    nullable_fields: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*")
    @classmethod
    def _null_only_where_clearable(cls, value: Any, info: ValidationInfo) -> Any:
        # Validators do not run on defaults, so a None here was sent explicitly.
        if value is None and info.field_name not in cls.nullable_fields:
            raise ValueError(_("Tidak boleh null; hilangkan field ini bila tidak diubah."))
        return value

    def changes(self) -> dict[str, Any]:
        """The fields the client sent, with their values."""
        return {name: getattr(self, name) for name in self.model_fields_set}


# ----------------------------------------------------------------------------- list filters
# An id filter outside the user's scope finds nothing; it never widens what the user sees.


class UnitFilter(Schema):
    instansi: ObjectId | None = Field(None, description="Hanya unit instansi ini.")
    parent: ObjectId | None = Field(None, description="Hanya unit langsung di bawah unit ini.")
    q: str | None = Field(None, max_length=100, description="Cari pada nama atau singkatan.")


class PositionFilter(Schema):
    instansi: ObjectId | None = Field(None, description="Hanya jabatan instansi ini.")
    unit: ObjectId | None = Field(
        None, description="Jabatan di unit ini dan unit-unit di bawahnya."
    )
    kelas: PositionClass | None = Field(None, description="Kelas jabatan.")
    q: str | None = Field(None, max_length=100, description="Cari pada nama jabatan.")


class EmployeeFilter(Schema):
    instansi: ObjectId | None = Field(None, description="Hanya pegawai instansi ini.")
    unit: ObjectId | None = Field(
        None, description="Pegawai di unit ini dan unit-unit di bawahnya."
    )
    position: ObjectId | None = Field(None, description="Pemangku jabatan ini.")
    q: str | None = Field(None, max_length=100, description="Cari pada nama atau NIP.")
    jenis: EmployeeKind | None = Field(None, description="PNS atau PPPK.")
    active: bool | None = Field(None, description="true: hanya yang aktif; false: nonaktif.")


class CompetencyFilter(Schema):
    jenis: CompetencyKind | None = Field(None, description="manajerial, sosial_kultural, teknis.")
    q: str | None = Field(None, max_length=100, description="Cari pada kode atau nama.")
    instansi: ObjectId | None = Field(
        None, description="Hanya kompetensi teknis milik instansi ini (tanpa yang nasional)."
    )


# ----------------------------------------------------------------------------- references


class WilayahOut(Schema):
    kode: str
    nama: str


class InstansiRef(Schema):
    id: int
    nama: str


class UnitRef(Schema):
    id: int
    nama: str


class PositionRef(Schema):
    id: int
    nama: str
    kelas: str


class EmployeeRef(Schema):
    id: int
    nama: str
    nip: str


class CompetencyRef(Schema):
    id: int
    kode: str
    nama: str
    jenis: str


# ----------------------------------------------------------------------------- instansi


class InstansiOut(Schema):
    id: int
    kode: str = Field(description="Kode wilayah Kemendagri, misalnya 53.71.")
    nama: str
    jenis: str
    wilayah: WilayahOut
    is_active: bool


# ----------------------------------------------------------------------------- units


class UnitOut(Schema):
    id: int
    instansi: InstansiRef
    parent: UnitRef | None
    nama: str
    singkatan: str
    jenis: str
    wilayah: WilayahOut | None
    depth: int = Field(description="0 untuk OPD (unit teratas), 1 untuk unit di bawahnya, dst.")
    is_opd: bool


class UnitCreateIn(InputSchema):
    instansi: ObjectId
    parent: ObjectId | None = Field(None, description="Unit induk; kosong untuk OPD baru.")
    nama: RequiredName200
    singkatan: Text40 = ""
    jenis: UnitKind
    wilayah: str | None = Field(None, max_length=13, description="Kode wilayah, mis. 53.71.01.")


class UnitUpdateIn(UpdateSchema):
    """Only the fields sent are changed; ``parent: null`` makes the unit an OPD."""

    nullable_fields = frozenset({"parent", "wilayah"})

    parent: ObjectId | None = None
    nama: RequiredName200 | None = None
    singkatan: Text40 | None = None
    jenis: UnitKind | None = None
    wilayah: str | None = Field(None, max_length=13)


# ----------------------------------------------------------------------------- positions


class PositionOut(Schema):
    id: int
    instansi: InstansiRef
    unit: UnitRef
    nama: str
    kelas: str
    ikhtisar: str


class DutyCompetencyOut(Schema):
    competency: CompetencyRef
    level: int


class DutyOut(Schema):
    id: int
    urutan: int
    uraian: str
    competencies: list[DutyCompetencyOut]

    @staticmethod
    def resolve_competencies(obj: Any) -> list[Any]:
        return list(obj.competencies.all())


class StandardOut(Schema):
    competency: CompetencyRef
    required_level: int
    source: str = Field(description="kelas, tugas atau manual.")


class PositionDetailOut(PositionOut):
    duties: list[DutyOut]
    standards: list[StandardOut]

    @staticmethod
    def resolve_duties(obj: Any) -> list[Any]:
        return list(obj.duties.all())

    @staticmethod
    def resolve_standards(obj: Any) -> list[Any]:
        return list(obj.standards.all())


class PositionCreateIn(InputSchema):
    unit: ObjectId
    nama: RequiredName200
    kelas: PositionClass
    ikhtisar: LongText = ""


class PositionUpdateIn(UpdateSchema):
    unit: ObjectId | None = None
    nama: RequiredName200 | None = None
    kelas: PositionClass | None = None
    ikhtisar: LongText | None = None


class StandardIn(InputSchema):
    level: int | None = Field(
        ..., ge=1, le=5, description="Level 1–5; null mengembalikan baris ke turunan otomatis."
    )


class DutyCompetencyIn(InputSchema):
    competency: ObjectId
    level: int = Field(..., ge=1, le=5)


class DutyIn(InputSchema):
    uraian: RequiredLongText
    urutan: int | None = Field(None, ge=1, le=32_767)
    competencies: list[DutyCompetencyIn] = Field(default_factory=list, max_length=50)


# ----------------------------------------------------------------------------- employees


class GolonganOut(Schema):
    kode: str
    pangkat: str | None = Field(description="Nama pangkat PNS; kosong untuk PPPK.")


def golongan_out(code: str) -> GolonganOut | None:
    if not code:
        return None
    try:
        pangkat: str | None = rank_name(code) if code in GOLONGAN_PNS else None
    except GolonganError:
        pangkat = None
    return GolonganOut(kode=code, pangkat=pangkat)


class EmployeeOut(Schema):
    id: int
    instansi: InstansiRef
    nip: str
    nama: str
    display_name: str = Field(description="Nama dengan gelar, seperti pada surat resmi.")
    gelar_depan: str
    gelar_belakang: str
    jenis: str
    jenis_kelamin: str
    tanggal_lahir: date | None
    tmt_cpns: date | None
    golongan: GolonganOut | None
    pendidikan_tingkat: str
    pendidikan_nama: str
    unit: UnitRef | None
    position: PositionRef | None
    supervisor: EmployeeRef | None
    email: str
    phone: str
    is_active: bool

    @staticmethod
    def resolve_golongan(obj: Any) -> GolonganOut | None:
        return golongan_out(obj.golongan)


def _check_email(value: str | None) -> str | None:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as exc:
            raise ValueError(_("Alamat email tidak valid.")) from exc
    return value


class EmployeeCreateIn(InputSchema):
    instansi: ObjectId
    nip: RequiredNip
    nama: RequiredName150
    jenis: EmployeeKind = EmployeeKind.PNS
    gelar_depan: Text40 = ""
    gelar_belakang: Text60 = ""
    tanggal_lahir: date | None = Field(
        None, description="Untuk PNS boleh kosong: diambil dari NIP (dan harus sama dengannya)."
    )
    jenis_kelamin: Sex | None = None
    golongan: Text40 = Field(
        "", description="III/a (PNS) atau IX (PPPK); ejaan lain seperti 'Penata Muda' dibaca."
    )
    pendidikan_tingkat: Text40 = ""
    pendidikan_nama: Text150 = ""
    unit: ObjectId | None = None
    position: ObjectId | None = None
    supervisor: ObjectId | None = None
    email: Text254 = ""
    phone: Text20 = ""
    is_active: bool = True

    _email = field_validator("email")(_check_email)


class EmployeeUpdateIn(UpdateSchema):
    """Only the fields sent are changed; ``null`` clears unit, position, supervisor or the
    birth date and sex of a PPPK."""

    nullable_fields = frozenset(
        {"unit", "position", "supervisor", "tanggal_lahir", "jenis_kelamin"}
    )

    nip: RequiredNip | None = None
    nama: RequiredName150 | None = None
    jenis: EmployeeKind | None = None
    gelar_depan: Text40 | None = None
    gelar_belakang: Text60 | None = None
    tanggal_lahir: date | None = None
    jenis_kelamin: Sex | None = None
    golongan: Text40 | None = None
    pendidikan_tingkat: Text40 | None = None
    pendidikan_nama: Text150 | None = None
    unit: ObjectId | None = None
    position: ObjectId | None = None
    supervisor: ObjectId | None = None
    email: Text254 | None = None
    phone: Text20 | None = None
    is_active: bool | None = None

    _email = field_validator("email")(_check_email)


# ----------------------------------------------------------------------------- competencies


class CompetencyOut(Schema):
    id: int
    kode: str
    nama: str
    jenis: str
    sektor: str
    instansi: InstansiRef | None = Field(description="Kosong untuk kompetensi nasional.")
    is_official: bool


class CompetencyLevelOut(Schema):
    level: int
    deskripsi: str
    indikator: list[str]

    @staticmethod
    def resolve_indikator(obj: Any) -> list[str]:
        value = obj.indikator
        return [str(item) for item in value] if isinstance(value, list) else []


class CompetencyDetailOut(CompetencyOut):
    uraian: str
    levels: list[CompetencyLevelOut]

    @staticmethod
    def resolve_levels(obj: Any) -> list[Any]:
        return list(obj.levels.all())


Levels = Annotated[
    list[RequiredLevelText],
    Field(min_length=5, max_length=5, description="Deskripsi level 1 sampai 5, berurutan."),
]


class CompetencyCreateIn(InputSchema):
    instansi: ObjectId | None = Field(
        ..., description="Instansi pemilik; null untuk kompetensi teknis nasional (superadmin)."
    )
    kode: RequiredKode
    nama: RequiredName200
    sektor: Text100 = ""
    uraian: LongText = ""
    levels: Levels


class CompetencyUpdateIn(UpdateSchema):
    kode: RequiredKode | None = None
    nama: RequiredName200 | None = None
    sektor: Text100 | None = None
    uraian: LongText | None = None
    levels: Levels | None = None
