"""Pemerintah Kota Pontianak (61.71), seed 002: knowledge, skills and attitude.

IT in public service for citizens who want fast digital services; project-management training
run by BKPSDM so that infrastructure projects stay on plan and on budget (supervision and
budget management); e-learning so that health staff learn public health without leaving the
field; attitude and professional ethics; regular evaluation that continues what works and
adjusts the method where there is no improvement.
"""

from __future__ import annotations

from bangkom.demo.common import bkpsdm, sekretariat_daerah
from bangkom.demo.regions.pontianak.opd import (
    DINAS_KESEHATAN,
    DINAS_PENDIDIKAN,
    DINAS_PUPR,
    DISKOMINFO,
)
from bangkom.demo.spec import NameGroup, RegionSpec, duty, listed

NAMES = (
    NameGroup(  # Pontianak Malay families; Syarif/Syarifah, Uray and Utin are inherited titles
        5,
        male=listed(
            "Syarif, Uray, Gusti, Muhammad, Ahmad, Rizki, Hendri, Zulkifli, Yusri, Fadly, Hairul, "
            "Rahmat, Abang, Mahmud, Syahrul, Edi"
        ),
        female=listed(
            "Syarifah, Utin, Nurhasanah, Siti, Dayang, Rahmi, Nurul, Fitri, Wahyuni, Mariana, "
            "Rosmini, Juliana, Sri"
        ),
        male_family=listed(
            "Alkadrie, Hidayat, Ramadhan, Firmansyah, Saputra, Effendi, Harun, Hamzah, Arief, "
            "Kurniawan, Iskandar, Hasan"
        ),
        female_family=listed(
            "Aini, Hasanah, Rahmawati, Fitriani, Wulandari, Mardiana, Safitri, Zulaikha, "
            "Rahmadani, Yuliana"
        ),
        hajj=0.35,
    ),
    NameGroup(  # Dayak families, Catholic and Protestant
        3,
        male=listed(
            "Yohanes, Agustinus, Paulus, Antonius, Yakobus, Dominikus, Stefanus, Herkulanus, "
            "Yosef, Fransiskus, Kristianus, Lukas, Petrus, Markus"
        ),
        female=listed(
            "Kristina, Maria, Veronika, Yuliana, Lusia, Agnes, Theresia, Margareta, Elisabeth, "
            "Katarina, Rosalia, Natalia"
        ),
        male_family=listed(
            "Alui, Juweng, Ngadi, Ajong, Bujang, Lejo, Tingang, Unyang, Mering, Jelani, Ahui, "
            "Kanyan, Uju, Luan"
        ),
    ),
    NameGroup(  # Chinese-Indonesian (Tionghoa) families
        2,
        male=listed("Hendra, Rudy, Andi, Budi, Steven, Sutanto, Hartono, Edy, Suryadi, Jimmy"),
        female=listed("Yanti, Lily, Meliana, Susanti, Fenny, Wendy, Lina, Vivi, Sherly, Melisa"),
        male_family=listed(
            "Wijaya, Halim, Tan, Lim, Gunawan, Lie, Chandra, Setiawan, Tjhai, Tjong, Sanjaya"
        ),
    ),
    NameGroup(  # Javanese and Madurese families
        1,
        male=listed("Agus, Slamet, Bambang, Joko, Heri, Eko, Wahyu, Teguh"),
        female=listed("Sri, Endang, Dwi, Ratna, Sulastri, Yuni"),
        male_family=listed("Santoso, Prasetyo, Wibowo, Susanto, Hariyadi, Purnomo"),
        female_family=listed("Lestari, Wahyuni, Rahayu, Handayani, Astuti, Ningsih"),
        hajj=0.2,
    ),
)

REGION = RegionSpec(
    slug="pontianak",
    wilayah="61.71",
    nama="Pemerintah Kota Pontianak",
    seed=61_71,
    cerita=(
        "Pontianak (seed 002): TIK dalam pelayanan publik, pelatihan manajemen proyek oleh "
        "BKPSDM, e-learning kesehatan masyarakat, sikap dan etika, evaluasi berkala"
    ),
    names=NAMES,
    email_domain="pontianak.test",
    phone_prefixes=("0811", "0812", "0813", "0852", "0896", "0857"),
    mitra_nama="Herkulanus Ngadi",
    mitra_keterangan="widyaiswara mitra lembaga pelatihan",
    units=(
        sekretariat_daerah(
            duty(
                "Menegakkan budaya kerja berintegritas dan etika ASN di seluruh perangkat daerah",
                ("M.1", 5),
            ),
        ),
        bkpsdm(
            kepala=(
                duty(
                    "Memastikan pengembangan kompetensi membentuk sikap dan etika kerja "
                    "profesional, bukan hanya pengetahuan dan keterampilan",
                    ("M.1", 5),
                    ("M.6", 4),
                ),
            ),
            kabid=(
                duty(
                    "Menyelenggarakan pelatihan manajemen proyek bagi ASN perangkat daerah "
                    "pelaksana proyek pembangunan infrastruktur",
                    ("T.4", 3),
                    ("T.20", 3),
                ),
                duty(
                    "Mengelola platform e-learning agar ASN dapat belajar secara fleksibel tanpa "
                    "meninggalkan tugas",
                    ("T.12", 4),
                    ("M.7", 3),
                ),
                duty(
                    "Menanamkan sikap dan etika kerja profesional melalui pembinaan integritas "
                    "dalam setiap pelatihan",
                    ("M.1", 4),
                ),
            ),
            analis=(
                duty(
                    "Mengevaluasi secara berkala peningkatan kompetensi ASN setelah pelatihan: "
                    "program yang berhasil dilanjutkan, yang tidak menunjukkan peningkatan "
                    "disesuaikan metodenya",
                    ("T.16", 4),
                    ("M.4", 3),
                ),
                duty(
                    "Menyusun modul e-learning kesehatan masyarakat bersama Dinas Kesehatan",
                    ("T.12", 3),
                    ("T.10", 1),
                ),
            ),
        ),
        DINAS_KESEHATAN,
        DINAS_PENDIDIKAN,
        DINAS_PUPR,
        DISKOMINFO,
    ),
)
