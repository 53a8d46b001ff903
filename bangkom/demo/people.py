"""Believable demo employees, drawn from a seeded ``random.Random``: no database here.

Every employee gets a name from the region's communities, a birth date and an appointment month
that fit the position class, a NIP composed with :func:`bangkom.lib.nip.make_nip` (or an 18-digit
PPPK number), a golongan that fits both the years of service and the class, an education with
its academic titles, and an e-mail address and phone number.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bangkom.demo.spec import NameGroup, PositionSpec
from bangkom.lib.golongan import GOLONGAN_PNS
from bangkom.lib.nip import make_nip
from bangkom.organisation.models import EmployeeKind, PositionClass

# The demo's "today": ages, appointment months and golongan are computed against it, so the data
# are identical whenever and wherever the demo is loaded.
DEMO_TODAY = date(2025, 7, 1)
YOUNG_ASN_BORN_FROM = 1996  # "ASN muda" of seed 004: in their twenties on DEMO_TODAY


@dataclass(frozen=True)
class Education:
    tingkat: str
    nama: str
    gelar_depan: str = ""
    gelar_belakang: str = ""
    # Titles of graduates from before the 1990s reform (Drs./Ir.), for holders born before 1970.
    old_titles: tuple[str, str] | None = None


EDUCATION: dict[str, Education] = {
    "sma": Education("SLTA", "SMA"),
    "smk": Education("SLTA", "SMK Administrasi Perkantoran"),
    "d3_adm": Education("D-III", "D-III Administrasi Perkantoran", "", "A.Md."),
    "d3_kep": Education("D-III", "D-III Keperawatan", "", "A.Md.Kep."),
    "d3_keb": Education("D-III", "D-III Kebidanan", "", "A.Md.Keb."),
    "d3_kesling": Education("D-III", "D-III Kesehatan Lingkungan", "", "A.Md.K.L."),
    "d3_ti": Education("D-III", "D-III Teknik Informatika", "", "A.Md.Kom."),
    "d3_sipil": Education("D-III", "D-III Teknik Sipil", "", "A.Md.T."),
    "d4_ipdn": Education("D-IV", "D-IV Ilmu Pemerintahan (IPDN)", "", "S.STP."),
    "ners": Education("Profesi", "Profesi Ners", "", "S.Kep., Ns."),
    "dokter": Education("Profesi", "Profesi Dokter", "dr."),
    "s1_km": Education("S-1", "S-1 Kesehatan Masyarakat", "", "S.K.M."),
    "s1_gizi": Education("S-1", "S-1 Ilmu Gizi", "", "S.Gz."),
    "s1_an": Education(
        "S-1", "S-1 Ilmu Administrasi Negara", "", "S.Sos.", old_titles=("Drs.", "")
    ),
    "s1_ip": Education("S-1", "S-1 Ilmu Pemerintahan", "", "S.IP."),
    "s1_hukum": Education("S-1", "S-1 Ilmu Hukum", "", "S.H."),
    "s1_ekonomi": Education("S-1", "S-1 Manajemen", "", "S.E.", old_titles=("Drs.", "")),
    "s1_akuntansi": Education("S-1", "S-1 Akuntansi", "", "S.Ak."),
    "s1_psikologi": Education("S-1", "S-1 Psikologi", "", "S.Psi."),
    "s1_komunikasi": Education("S-1", "S-1 Ilmu Komunikasi", "", "S.I.Kom."),
    "s1_ti": Education("S-1", "S-1 Teknik Informatika", "", "S.Kom."),
    "s1_si": Education("S-1", "S-1 Sistem Informasi", "", "S.Kom."),
    "s1_sipil": Education("S-1", "S-1 Teknik Sipil", "", "S.T.", old_titles=("Ir.", "")),
    "s1_statistika": Education("S-1", "S-1 Statistika", "", "S.Stat."),
    "s1_pendidikan": Education("S-1", "S-1 Pendidikan", "", "S.Pd."),
    "s1_tekpend": Education("S-1", "S-1 Teknologi Pendidikan", "", "S.Pd."),
    "s1_pwk": Education("S-1", "S-1 Perencanaan Wilayah dan Kota", "", "S.T."),
    "s2_ap": Education(
        "S-2", "S-2 Administrasi Publik", "", "S.Sos., M.A.P.", old_titles=("Drs.", "M.A.P.")
    ),
    "s2_ipdn": Education("S-2", "S-2 Ilmu Pemerintahan", "", "S.STP., M.Si."),
    "s2_mm": Education("S-2", "S-2 Manajemen", "", "S.E., M.M.", old_titles=("Drs.", "M.M.")),
    "s2_sdm": Education("S-2", "S-2 Manajemen Sumber Daya Manusia", "", "S.Psi., M.M."),
    "s2_kes": Education("S-2", "S-2 Ilmu Kesehatan Masyarakat", "dr.", "M.Kes."),
    "s2_km": Education("S-2", "S-2 Kesehatan Masyarakat", "", "S.K.M., M.Kes."),
    "s2_epid": Education("S-2", "S-2 Epidemiologi", "", "S.K.M., M.Epid."),
    "s2_sipil": Education("S-2", "S-2 Teknik Sipil", "", "S.T., M.T.", old_titles=("Ir.", "M.T.")),
    "s2_ti": Education("S-2", "S-2 Ilmu Komputer", "", "S.Kom., M.Kom."),
    "s2_pendidikan": Education("S-2", "S-2 Manajemen Pendidikan", "", "S.Pd., M.Pd."),
    "s2_hukum": Education("S-2", "S-2 Ilmu Hukum", "", "S.H., M.H."),
    "s2_pwk": Education("S-2", "S-2 Perencanaan Wilayah dan Kota", "", "S.T., M.T."),
    "s2_komunikasi": Education("S-2", "S-2 Ilmu Komunikasi", "", "S.I.Kom., M.I.Kom."),
}

DEFAULT_EDUCATION: dict[str, tuple[str, ...]] = {
    PositionClass.JPT_PRATAMA: ("s2_ap", "s2_mm", "s2_ipdn"),
    PositionClass.ADMINISTRATOR: ("s2_ap", "s1_an", "s2_mm", "s1_ekonomi"),
    PositionClass.PENGAWAS: ("s1_an", "s1_ip", "s1_ekonomi", "s1_hukum", "d4_ipdn"),
    PositionClass.PELAKSANA: ("sma", "smk", "d3_adm", "s1_an", "s1_ekonomi"),
}

BIRTH_YEARS: dict[str, tuple[int, int]] = {
    PositionClass.JPT_PRATAMA: (1966, 1976),
    PositionClass.ADMINISTRATOR: (1968, 1983),
    PositionClass.PENGAWAS: (1970, 1990),
    PositionClass.PELAKSANA: (1972, 2000),
    PositionClass.AHLI_MADYA: (1968, 1980),
    PositionClass.AHLI_MUDA: (1976, 1990),
    PositionClass.AHLI_PERTAMA: (1988, 2000),
    PositionClass.PENYELIA: (1970, 1982),
    PositionClass.MAHIR: (1975, 1990),
    PositionClass.TERAMPIL: (1982, 1999),
    PositionClass.PEMULA: (1990, 2000),
}

# Golongan/ruang a class can plausibly hold (lowest, highest).
GOLONGAN_BOUNDS: dict[str, tuple[str, str]] = {
    PositionClass.JPT_PRATAMA: ("IV/b", "IV/d"),
    PositionClass.ADMINISTRATOR: ("III/d", "IV/b"),
    PositionClass.PENGAWAS: ("III/b", "III/d"),
    PositionClass.PELAKSANA: ("II/a", "III/d"),
    PositionClass.AHLI_MADYA: ("IV/a", "IV/c"),
    PositionClass.AHLI_MUDA: ("III/c", "III/d"),
    PositionClass.AHLI_PERTAMA: ("III/a", "III/b"),
    PositionClass.PENYELIA: ("III/c", "III/d"),
    PositionClass.MAHIR: ("III/a", "III/b"),
    PositionClass.TERAMPIL: ("II/c", "II/d"),
    PositionClass.PEMULA: ("II/a", "II/a"),
}
ENTRY_GOLONGAN = {
    "SLTA": "II/a",
    "D-III": "II/c",
    "D-IV": "III/a",
    "S-1": "III/a",
    "Profesi": "III/a",
    "S-2": "III/b",
}
PPPK_GOLONGAN = {
    "SLTA": "V",
    "D-III": "VII",
    "D-IV": "IX",
    "S-1": "IX",
    "Profesi": "IX",
    "S-2": "X",
}
# Age at CPNS appointment by education (youngest, oldest).
CPNS_AGE = {
    "SLTA": (19, 27),
    "D-III": (22, 30),
    "D-IV": (22, 26),
    "S-1": (23, 31),
    "Profesi": (25, 32),
    "S-2": (25, 33),
}
SENIOR_CLASSES = {PositionClass.JPT_PRATAMA, PositionClass.ADMINISTRATOR, PositionClass.AHLI_MADYA}
CPNS_MONTHS = (1, 2, 3, 4, 12)
PPPK_YEARS = (2022, 2023, 2024)
_GOLONGAN_ORDER = list(GOLONGAN_PNS)
_NAME_PARTICLES = {"i", "ni", "h", "hj", "anak", "agung", "gusti", "lalu", "baiq", "syarif"}


@dataclass(frozen=True)
class Person:
    nip: str
    jenis: str  # EmployeeKind
    nama: str
    gelar_depan: str
    gelar_belakang: str
    tanggal_lahir: date
    jenis_kelamin: str  # "L" or "P"
    tmt: date  # TMT CPNS (PNS) or first day of the PPPK contract
    golongan: str
    pendidikan_tingkat: str
    pendidikan_nama: str
    email: str
    phone: str


def pppk_number(birth: date, year: int, sex: str, serial: int) -> str:
    """An 18-digit PPPK number in the layout regions print on PPPK decrees: birth date, year of
    appointment, ``21``, sex digit, serial. Instansi validate it with their own pattern."""
    return f"{birth:%Y%m%d}{year:04d}21{1 if sex == 'L' else 2}{serial:03d}"


class PeopleFactory:
    """Makes the employees of one region; names, NIPs and e-mail addresses never repeat."""

    def __init__(
        self,
        rng: random.Random,
        *,
        names: tuple[NameGroup, ...],
        email_domain: str,
        phone_prefixes: tuple[str, ...],
        today: date = DEMO_TODAY,
        taken_numbers: set[str] | None = None,
        reserved_names: set[str] | None = None,
    ) -> None:
        self.rng = rng
        self.names = names
        self.email_domain = email_domain
        self.phone_prefixes = phone_prefixes
        self.today = today
        self.numbers: set[str] = set(taken_numbers or ())
        self.full_names: set[str] = set(reserved_names or ())
        self.emails: set[str] = set()

    def make(self, spec: PositionSpec, *, pppk: bool = False) -> Person:
        rng = self.rng
        sex = "P" if rng.random() < spec.female else "L"
        first_year, last_year = spec.born or BIRTH_YEARS[spec.kelas]
        birth = date(rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 28))
        education = EDUCATION[rng.choice(spec.education or DEFAULT_EDUCATION[spec.kelas])]
        nama, group = self._name(sex)
        gelar_depan, gelar_belakang = education.gelar_depan, education.gelar_belakang
        if education.old_titles and birth.year < 1970:
            gelar_depan, gelar_belakang = education.old_titles
            if gelar_depan == "Drs." and sex == "P":
                gelar_depan = "Dra."
        if self.today.year - birth.year >= 45 and rng.random() < group.hajj:
            gelar_depan = f"{gelar_depan} {'H.' if sex == 'L' else 'Hj.'}".strip()
        if pppk:
            tmt = date(rng.choice(PPPK_YEARS), rng.choice(CPNS_MONTHS), 1)
            golongan = PPPK_GOLONGAN[education.tingkat]
            number = self._unique(lambda serial: pppk_number(birth, tmt.year, sex, serial))
            jenis = EmployeeKind.PPPK
        else:
            tmt = self._appointment(birth, spec.kelas, education.tingkat)
            golongan = self._golongan(spec.kelas, education.tingkat, tmt)
            number = self._unique(lambda serial: make_nip(birth, tmt, sex, serial))
            jenis = EmployeeKind.PNS
        return Person(
            nip=number,
            jenis=jenis,
            nama=nama,
            gelar_depan=gelar_depan,
            gelar_belakang=gelar_belakang,
            tanggal_lahir=birth,
            jenis_kelamin=sex,
            tmt=tmt,
            golongan=golongan,
            pendidikan_tingkat=education.tingkat,
            pendidikan_nama=education.nama,
            email=self._email(nama),
            phone=f"{rng.choice(self.phone_prefixes)}{rng.randint(10**7, 10**8 - 1)}",
        )

    def _name(self, sex: str) -> tuple[str, NameGroup]:
        rng = self.rng
        for _attempt in range(200):
            group = rng.choices(self.names, weights=[g.weight for g in self.names])[0]
            given = rng.choice(group.male if sex == "L" else group.female)
            family = (group.male_family if sex == "L" else group.female_family) or (
                group.male_family
            )
            last = rng.choice(family) if family else ""
            nama = f"{given} {last}".strip()
            if last not in given.split() and nama not in self.full_names:
                self.full_names.add(nama)
                return nama, group
        raise ValueError("name pool too small for the number of employees")

    def _appointment(self, birth: date, kelas: str, tingkat: str) -> date:
        youngest, oldest = CPNS_AGE[tingkat]
        if kelas in SENIOR_CLASSES:
            oldest = min(oldest, youngest + 4)
        year = birth.year + self.rng.randint(youngest, oldest)
        tmt = date(year, self.rng.choice(CPNS_MONTHS), 1)
        while tmt > self.today:
            tmt = tmt.replace(year=tmt.year - 1)
        return tmt

    def _golongan(self, kelas: str, tingkat: str, tmt: date) -> str:
        years = (self.today - tmt).days // 365
        index = _GOLONGAN_ORDER.index(ENTRY_GOLONGAN[tingkat]) + years // 4
        lowest, highest = GOLONGAN_BOUNDS[kelas]
        index = max(_GOLONGAN_ORDER.index(lowest), min(index, _GOLONGAN_ORDER.index(highest)))
        return _GOLONGAN_ORDER[index]

    def _unique(self, compose: Callable[[int], str]) -> str:
        for _attempt in range(50):
            number = compose(self.rng.randint(1, 400))
            if number not in self.numbers:
                self.numbers.add(number)
                return number
        raise ValueError("no free serial for this NIP")

    def _email(self, nama: str) -> str:
        words = [
            re.sub(r"[^a-z]", "", word.lower())
            for word in nama.split()
            if word.lower().strip(".") not in _NAME_PARTICLES
        ]
        words = [word for word in words if word] or ["pegawai"]
        local = ".".join([words[0], words[-1]] if len(words) > 1 else words)
        candidate, number = local, 1
        while f"{candidate}@{self.email_domain}" in self.emails:
            number += 1
            candidate = f"{local}{number}"
        email = f"{candidate}@{self.email_domain}"
        self.emails.add(email)
        return email
