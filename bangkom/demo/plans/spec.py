"""The shapes of a region's planning data: its program catalogue and its 2026 plan, written as
plain frozen data.

Competencies are named by code (``T.2``, ``M.3``), development forms by their code in the JP
conversion table (``workshop``, ``e-learning``, ``magang``…, see ``planning.jp.DEFAULT_FORMS``)
and units as in the needs stories (``Parent/Child`` when a name alone is not unique).
:mod:`bangkom.demo.plans.stage` turns the data into service calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ProgramSpec:
    """A catalogue program (templat program). ``jumlah_satuan`` is counted in its form's JP
    unit (hours, days, sessions, activities); costs are rupiah."""

    kode: str
    judul: str
    bentuk: str  # DevelopmentForm.kode
    jumlah_satuan: Decimal
    hari_belajar: int
    hari_tinggal_kerja: int
    mode: str  # DeliveryMode value
    peserta: tuple[int, int]  # minimum and maximum per batch (angkatan)
    biaya_tetap: int  # per batch
    biaya_per_peserta: int
    competencies: tuple[tuple[str, int], ...]  # (code, levels it adds)
    penyelenggara: str
    bulan: int = 1
    kelas_jabatan: tuple[str, ...] = ()  # PositionClass values; empty: every class
    units: tuple[str, ...] = ()  # empty: the whole instansi
    prasyarat: str = ""
    catatan_kurikulum: str = ""


@dataclass(frozen=True)
class PlanProgramSpec:
    """What the plan decides about one catalogue program."""

    kode: str  # ProgramSpec.kode
    max_angkatan: int
    jadwal_bulan: str  # month of each batch, e.g. "3, 8"
    kesesuaian_kurikulum: str
    # The planner's steering: batches that must run (the flagship programs of the stories).
    min_angkatan: int = 0


@dataclass(frozen=True)
class PlanSpec:
    """A region's catalogue and its instansi plan for the plan year, approved by the PPK
    (*pejabat pembina kepegawaian*, the head of region)."""

    slug: str
    catalogue: tuple[ProgramSpec, ...]
    judul: str
    pagu: int  # budget ceiling (rupiah)
    max_hari: int  # most working days an ASN may be away for development in the year
    programs: tuple[PlanProgramSpec, ...]
    ppk_nama: str
    ppk_jabatan: str
    jp_target: int = 20
    # The objective's weight of an ASN reaching the JP target. The demo plans give it none:
    # every seat the pagu buys must close a gap of its ASN, so that each line can be defended;
    # JP compliance is still counted in the result (most programs carry 20 JP or more).
    jp_bonus: Decimal = Decimal(0)
    # Per-ASN caps of the plan (``None``: no cap), so no ASN is given far more than the target.
    # 48 JP is two programs of 24 JP; at 40 JP, Medan left 8 % of its pagu unspent.
    max_jp_per_asn: int | None = 48
    max_program_per_asn: int | None = 3
