"""The shapes of a region's needs story: what its supervisors, ASN, plans, figures and
stakeholders say, written as plain frozen data.

Units are named as in the region module, with ``/`` between a unit and its parent when a name
alone is not unique (``Kecamatan Cakranegara/Seksi Pelayanan Umum``). Competencies are named by
code (``T.2``, ``M.3``). :mod:`bangkom.demo.needs.stage` turns the data into service calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class WeakSpot:
    """Competencies that supervisors of a unit rate lower than elsewhere: the story's gap.

    ``strong``: most holders one level below the standard, a third two below; otherwise mild:
    about half one below. ``keyword`` narrows it to positions whose name contains it.
    """

    unit: str
    codes: tuple[str, ...]
    strong: bool = False
    keyword: str = ""


@dataclass(frozen=True)
class PrioritySpec:
    """An RPJMD/Renstra theme (``regional.PlanPriority``)."""

    tema: str
    dokumen: str  # PlanDocument value
    referensi: str
    codes: tuple[str, ...]
    factor: Decimal
    units: tuple[str, ...] = ()  # empty: the whole instansi
    years: tuple[int, int] = (2025, 2029)
    uraian: str = ""
    position_classes: tuple[str, ...] = ()
    position_keyword: str = ""


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator with its series, at one unit or one wilayah (Kemendagri code)."""

    kode: str
    nama: str
    satuan: str
    jenis: str  # IndicatorKind value
    periodisitas: str  # Periodicity value
    values: tuple[tuple[date, int], ...]
    sumber: str
    unit: str = ""
    wilayah: str = ""
    uraian: str = ""


@dataclass(frozen=True)
class RuleSpec:
    """A signal rule on an indicator's data at the indicator's place."""

    nama: str
    indicator: str  # IndicatorSpec.kode
    kondisi: str  # RuleCondition value
    ambang: Decimal
    codes: tuple[str, ...]
    factor: Decimal
    target_unit: str = ""
    position_classes: tuple[str, ...] = ()
    position_keyword: str = ""


@dataclass(frozen=True)
class InputSpec:
    """A stakeholder's input through the public form, and how the BKPSDM admin approves it."""

    kategori: str  # StakeholderKind value
    topik: str
    isi: str
    received: date
    codes: tuple[str, ...]
    factor: Decimal
    nama: str = ""
    organisasi: str = ""
    wilayah: str = ""
    units: tuple[str, ...] = ()
    position_classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkmSpec:
    """A year of SKM answer sheets of one service unit, imported as the unit's CSV file.

    ``profiles`` gives, per element U1…U9, the shares of the answers 1, 2, 3 and 4.
    """

    unit: str
    tahun: int
    populasi_tahunan: int
    jenis_layanan: str
    profiles: tuple[tuple[int, int, int, int], ...]


@dataclass(frozen=True)
class SurveyStory:
    """How the region's ASN answer the training-needs survey.

    Confidence tasks and topics are named by a competency they are linked to (``T.1`` is the
    e-government task and topic). ``low_tasks`` lowers a task's confidence in a unit's subtree;
    ``topics`` weighs topics for a unit's subtree (``""``: everyone).
    """

    low_tasks: tuple[tuple[str, str], ...] = ()  # (task code, unit)
    topics: tuple[tuple[str, str, int], ...] = ()  # (topic code, unit, weight)
    forms: tuple[int, ...] = (4, 4, 2, 3, 2, 3, 1, 1, 1, 1, 2)  # weights, template order
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class NeedsStory:
    """Everything that makes one region's needs for the plan year come out of its story."""

    slug: str
    weak_spots: tuple[WeakSpot, ...]
    survey: SurveyStory
    priorities: tuple[PrioritySpec, ...] = ()
    indicators: tuple[IndicatorSpec, ...] = ()
    rules: tuple[RuleSpec, ...] = ()
    inputs: tuple[InputSpec, ...] = ()
    skm: tuple[SkmSpec, ...] = field(default=())
    public_input_open: bool = False
