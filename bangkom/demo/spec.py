"""The shapes of the demo data: a region is a tree of units holding positions with duties.

Region modules (``bangkom/demo/regions/*.py``) write their data with these small frozen types and
the helpers below; :mod:`bangkom.demo.builder` walks them and calls the services.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Need = tuple[str, int]  # (competency code, required level), e.g. ("T.3", 2)


@dataclass(frozen=True)
class DutySpec:
    """One duty (uraian tugas) and the competencies, with levels, that it needs."""

    uraian: str
    needs: tuple[Need, ...]


@dataclass(frozen=True)
class PositionSpec:
    nama: str
    kelas: str  # PositionClass value
    duties: tuple[DutySpec, ...]
    holders: int = 1
    head: bool = False  # heads its unit: the direct supervisor of the unit's other staff
    reports_to: str = ""  # a position of the same unit that supervises this one instead
    pppk: int = 0  # how many of the holders are PPPK (contract ASN)
    education: tuple[str, ...] = ()  # keys of people.EDUCATION; empty: the class default
    female: float = 0.5  # share of women among the holders
    born: tuple[int, int] | None = None  # birth-year range; None: the class default
    login: str = ""  # demo login given to the first holder (see logins.LOGIN_ROLES)
    ikhtisar: str = ""


@dataclass(frozen=True)
class UnitSpec:
    nama: str
    jenis: str  # UnitKind value
    positions: tuple[PositionSpec, ...] = ()
    children: tuple[UnitSpec, ...] = ()
    singkatan: str = ""
    wilayah: str = ""  # Kemendagri code of the area the unit governs or serves
    wilayah_nama: str = ""  # the name that code has in the region list (checked when loading)


@dataclass(frozen=True)
class NameGroup:
    """Names of one community of the region. ``*_family`` are surnames (marga) or, for
    communities without them, second given names."""

    weight: int
    male: tuple[str, ...]
    female: tuple[str, ...]
    male_family: tuple[str, ...] = ()
    female_family: tuple[str, ...] = ()
    hajj: float = 0.0  # share of the over-45s who carry the H./Hj. title


@dataclass(frozen=True)
class RegionSpec:
    slug: str  # login prefix: kupang → kupang.bkpsdm
    wilayah: str  # Kemendagri code of the kota
    nama: str
    seed: int
    cerita: str  # the story this region tells, one line (which seed document)
    names: tuple[NameGroup, ...]
    email_domain: str
    phone_prefixes: tuple[str, ...]
    mitra_nama: str  # the partner-staff login: a person outside the instansi
    mitra_keterangan: str  # who they are, e.g. "dosen mitra perguruan tinggi"
    units: tuple[UnitSpec, ...] = field(default=())


def duty(uraian: str, *needs: Need) -> DutySpec:
    return DutySpec(uraian=uraian, needs=needs)


def position(
    nama: str,
    kelas: str,
    *duties: DutySpec,
    holders: int = 1,
    head: bool = False,
    reports_to: str = "",
    pppk: int = 0,
    education: tuple[str, ...] = (),
    female: float = 0.5,
    born: tuple[int, int] | None = None,
    login: str = "",
    ikhtisar: str = "",
) -> PositionSpec:
    return PositionSpec(
        nama=nama,
        kelas=kelas,
        duties=duties,
        holders=holders,
        head=head,
        reports_to=reports_to,
        pppk=pppk,
        education=education,
        female=female,
        born=born,
        login=login,
        ikhtisar=ikhtisar,
    )


def unit(
    nama: str,
    jenis: str,
    *positions: PositionSpec,
    children: tuple[UnitSpec, ...] = (),
    singkatan: str = "",
    wilayah: str = "",
    wilayah_nama: str = "",
) -> UnitSpec:
    return UnitSpec(
        nama=nama,
        jenis=jenis,
        positions=positions,
        children=children,
        singkatan=singkatan,
        wilayah=wilayah,
        wilayah_nama=wilayah_nama,
    )


def walk(units: tuple[UnitSpec, ...]) -> list[tuple[UnitSpec, tuple[UnitSpec, ...]]]:
    """Every unit with its ancestors (outermost first), parents before children."""
    result: list[tuple[UnitSpec, tuple[UnitSpec, ...]]] = []

    def visit(spec: UnitSpec, ancestors: tuple[UnitSpec, ...]) -> None:
        result.append((spec, ancestors))
        for child in spec.children:
            visit(child, (*ancestors, spec))

    for top in units:
        visit(top, ())
    return result


def listed(text: str) -> tuple[str, ...]:
    """``"Yohanes, Maria Goreti, Petrus"`` → a tuple of names (keeps long pools compact)."""
    return tuple(part.strip() for part in text.split(",") if part.strip())
