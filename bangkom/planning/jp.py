"""JP (jam pelajaran) rules: how much learning credit a program earns, and the default
conversion table. Pure Python; the instansi's editable table lives in ``DevelopmentForm``.

1 JP = 45 minutes of classical learning. Non-classical forms are credited per day, session,
activity or semester by each instansi; the defaults follow the BPS 2019 example (DOMAIN.md §5).
Forms the example does not name are credited per 45-minute hour (1 JP), marked "tanpa acuan"
so the instansi knows to set its own value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class JpRule:
    unit: str  # jam, hari, sesi, kegiatan, semester
    jp_per_unit: Decimal
    max_units_per_month: int | None = None
    max_jp_per_day: Decimal | None = None


def jp_for(rule: JpRule, *, units: Decimal, learning_days: int, months: int) -> Decimal:
    """JP credited for ``units`` of a form over ``learning_days`` days and ``months`` months.

    Units beyond ``max_units_per_month × months`` earn nothing (coaching: 2 sessions a month);
    JP beyond ``max_jp_per_day × learning_days`` earn nothing (e-learning: 3 JP a day).
    """
    counted = max(Decimal(0), Decimal(units))
    if rule.max_units_per_month is not None:
        counted = min(counted, Decimal(rule.max_units_per_month * max(1, months)))
    jp = counted * rule.jp_per_unit
    if rule.max_jp_per_day is not None:
        jp = min(jp, rule.max_jp_per_day * max(1, learning_days))
    return jp.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def prorated_target(target: int, *, join_month: int) -> int:
    """The JP target of an ASN whose TMT falls in month ``join_month`` of the plan year:
    ``target × remaining months / 12``, rounded up, the TMT month counting as remaining
    (TMT 1 March → 10 months → 20 × 10 / 12 = 16.7 → 17 JP)."""
    remaining = 12 - join_month + 1
    return math.ceil(target * remaining / 12)


@dataclass(frozen=True)
class DefaultForm:
    kode: str
    nama: str
    kategori: str
    unit: str
    jp_per_unit: Decimal
    max_units_per_month: int | None = None
    max_jp_per_day: Decimal | None = None
    catatan: str = ""


_BPS = "Contoh BPS 2019"
_NONE = "Tanpa acuan terbit: 1 JP per 45 menit; sesuaikan"
_CLASSICAL = "1 JP = 45 menit pembelajaran klasikal"

# Peraturan LAN 10/2018 forms, plus project-based learning (seed 003).
DEFAULT_FORMS: tuple[DefaultForm, ...] = (
    DefaultForm(
        "pendidikan",
        "Pendidikan (tugas belajar/izin belajar)",
        "pendidikan",
        "semester",
        Decimal(20),
        catatan=_BPS,
    ),
    DefaultForm(
        "pelatihan-struktural",
        "Pelatihan struktural kepemimpinan",
        "klasikal",
        "jam",
        Decimal(1),
        catatan=_CLASSICAL,
    ),
    DefaultForm(
        "pelatihan-manajerial",
        "Pelatihan manajerial",
        "klasikal",
        "jam",
        Decimal(1),
        catatan=_CLASSICAL,
    ),
    DefaultForm(
        "pelatihan-teknis", "Pelatihan teknis", "klasikal", "jam", Decimal(1), catatan=_CLASSICAL
    ),
    DefaultForm(
        "pelatihan-fungsional",
        "Pelatihan fungsional",
        "klasikal",
        "jam",
        Decimal(1),
        catatan=_CLASSICAL,
    ),
    DefaultForm(
        "pelatihan-sosial-kultural",
        "Pelatihan sosial kultural",
        "klasikal",
        "jam",
        Decimal(1),
        catatan=_CLASSICAL,
    ),
    DefaultForm(
        "seminar", "Seminar/konferensi/sarasehan", "klasikal", "hari", Decimal(4), catatan=_BPS
    ),
    DefaultForm("workshop", "Workshop/lokakarya", "klasikal", "hari", Decimal(5), catatan=_BPS),
    DefaultForm("kursus", "Kursus", "klasikal", "jam", Decimal(1), catatan=_CLASSICAL),
    DefaultForm("penataran", "Penataran", "klasikal", "jam", Decimal(1), catatan=_CLASSICAL),
    DefaultForm("bimtek", "Bimbingan teknis", "klasikal", "jam", Decimal(1), catatan=_CLASSICAL),
    DefaultForm("sosialisasi", "Sosialisasi", "klasikal", "hari", Decimal(4), catatan=_BPS),
    DefaultForm("coaching", "Coaching", "nonklasikal", "sesi", Decimal(2), 2, catatan=_BPS),
    DefaultForm("mentoring", "Mentoring", "nonklasikal", "sesi", Decimal(2), 2, catatan=_BPS),
    DefaultForm(
        "e-learning",
        "E-learning",
        "nonklasikal",
        "jam",
        Decimal(1),
        max_jp_per_day=Decimal(3),
        catatan=_BPS,
    ),
    DefaultForm(
        "pelatihan-jarak-jauh",
        "Pelatihan jarak jauh",
        "nonklasikal",
        "jam",
        Decimal(1),
        catatan=_NONE,
    ),
    DefaultForm(
        "detasering",
        "Detasering (secondment)",
        "nonklasikal",
        "kegiatan",
        Decimal(20),
        catatan=_BPS,
    ),
    DefaultForm(
        "alam-terbuka",
        "Pembelajaran alam terbuka (outbound)",
        "nonklasikal",
        "jam",
        Decimal(1),
        catatan=_NONE,
    ),
    DefaultForm(
        "patok-banding",
        "Patok banding (benchmarking)",
        "nonklasikal",
        "kegiatan",
        Decimal(10),
        catatan=_BPS + " (per kunjungan)",
    ),
    DefaultForm(
        "pertukaran",
        "Pertukaran PNS dengan swasta/BUMN/BUMD",
        "nonklasikal",
        "kegiatan",
        Decimal(20),
        catatan=_BPS,
    ),
    DefaultForm(
        "belajar-mandiri",
        "Belajar mandiri (self development)",
        "nonklasikal",
        "jam",
        Decimal(1),
        max_jp_per_day=Decimal(2),
        catatan=_BPS,
    ),
    DefaultForm(
        "komunitas-belajar",
        "Komunitas belajar (community of practice)",
        "nonklasikal",
        "jam",
        Decimal(1),
        max_jp_per_day=Decimal(2),
        catatan=_BPS,
    ),
    DefaultForm(
        "bimbingan-tempat-kerja",
        "Bimbingan di tempat kerja",
        "nonklasikal",
        "jam",
        Decimal(1),
        catatan=_NONE,
    ),
    DefaultForm(
        "magang", "Magang/praktik kerja", "nonklasikal", "kegiatan", Decimal(20), catatan=_BPS
    ),
    DefaultForm(
        "project-based",
        "Pembelajaran berbasis proyek (project-based learning)",
        "nonklasikal",
        "jam",
        Decimal(1),
        catatan=_NONE,
    ),
)
