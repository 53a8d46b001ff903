"""Pemerintah Kota Kupang (53.71), seed 001: ASN development in Alak.

Needs start from tasks and functions: health staff need the newest health policies and the
ability to apply health protocols; training in time management, IT and e-government
applications, and workshops on effective communication; awards for improvement; seminars and
workshops with a local university and NGOs.
"""

from __future__ import annotations

from bangkom.demo.common import (
    bkpsdm,
    camat,
    kelurahan,
    pengadministrasi_perkantoran,
    sekretariat_daerah,
    sekretaris_kecamatan,
)
from bangkom.demo.spec import NameGroup, RegionSpec, duty, listed, position, unit
from bangkom.organisation.models import PositionClass as PC
from bangkom.organisation.models import UnitKind as UK

NAMES = (
    NameGroup(  # Timor, Rote and Sabu families, mostly Protestant
        8,
        male=listed(
            "Yohanes, Fransiskus, Yosef, Marthen, Daniel, Petrus, Agustinus, Melkianus, "
            "Yeremias, Obed, Simon, Adrianus, Aloysius, Paulus, Stefanus, Herman, Frederik, "
            "Jefri, Arnold, Semuel, Markus, Dominggus, Ferdinand, Roni, Imanuel, Yakob, Lukas"
        ),
        female=listed(
            "Maria, Yuliana, Elisabeth, Yasinta, Margaretha, Agustina, Florentina, Marselina, "
            "Veronika, Selfina, Adriana, Debora, Novita, Christin, Ester, Fransiska, Imelda, "
            "Yunita, Ribka, Orpa, Dorkas, Susana, Theresia, Kristina, Mariana, Yanti"
        ),
        male_family=listed(
            "Nahak, Benu, Tefa, Ndun, Lay, Tallo, Bunga, Pello, Manafe, Ratu, Riwu, Kana, Lona, "
            "Fanggidae, Messakh, Kore, Seran, Bria, Nenobais, Tanono, Toelle, Ndoen, Mooy, "
            "Dethan, Ludji, Haba, Taneo, Sinlae, Bani, Foeh, Amalo, Pah, Adoe, Tamonob, Koroh, "
            "Lakapu, Saudale, Liufeto, Ully, Kolo, Missa, Nubatonis"
        ),
    ),
    NameGroup(  # Flores and Lembata families, mostly Catholic
        3,
        male=listed("Yohanes, Fransiskus, Aloysius, Kornelis, Vinsensius, Antonius, Laurens"),
        female=listed("Maria, Yosefina, Theresia, Bernadeta, Skolastika, Anastasia, Lusia"),
        male_family=listed(
            "Parera, Fernandez, da Costa, Wangge, Bere, Sogen, Lewar, Kerans, Making, Kleden, "
            "Tukan, Manuk"
        ),
    ),
    NameGroup(  # Muslim families of the coast (Solor, Bugis, Bajo descent)
        2,
        male=listed("Abdul Rahman, Muhammad Arif, Ismail, Hasan, Sulaiman, Syamsudin"),
        female=listed("Siti Aminah, Nurhayati, Fatimah, Hasnah, Rahmawati, Salma"),
        male_family=listed("Abdullah, Bahrudin, Djawa, Lamuri, Beda, Lado"),
        hajj=0.4,
    ),
)

REGION = RegionSpec(
    slug="kupang",
    wilayah="53.71",
    nama="Pemerintah Kota Kupang",
    seed=53_71,
    cerita=(
        "Alak (seed 001): kebijakan dan protokol kesehatan, manajemen waktu, aplikasi "
        "e-government, komunikasi efektif, kerja sama universitas dan LSM"
    ),
    names=NAMES,
    email_domain="kupangkota.test",
    phone_prefixes=("0812", "0813", "0821", "0822", "0852", "0853"),
    mitra_nama="Godlief Amalo",
    mitra_keterangan="dosen mitra perguruan tinggi",
    units=(
        sekretariat_daerah(),
        bkpsdm(
            kabid=(
                duty(
                    "Menyelenggarakan pelatihan manajemen waktu dan pelatihan teknologi "
                    "informasi, termasuk penggunaan aplikasi e-government, bagi ASN Kecamatan "
                    "Alak",
                    ("T.7", 3),
                    ("T.1", 3),
                ),
                duty(
                    "Menjalin kerja sama dengan universitas lokal dan organisasi nonpemerintah "
                    "untuk seminar dan lokakarya bagi ASN",
                    ("T.20", 4),
                    ("M.3", 3),
                ),
            ),
            analis=(
                duty(
                    "Mengidentifikasi kebutuhan kompetensi dari analisis tugas dan fungsi setiap "
                    "jabatan di Alak, dimulai dari bidang kesehatan",
                    ("T.15", 3),
                    ("T.2", 1),
                ),
                duty(
                    "Menyusun usulan sertifikat dan penghargaan bagi ASN yang menunjukkan "
                    "peningkatan kompetensi dan kinerja",
                    ("T.16", 3),
                    ("M.1", 3),
                ),
            ),
        ),
        unit(
            "Dinas Kesehatan",
            UK.DINAS,
            position(
                "Kepala Dinas Kesehatan",
                PC.JPT_PRATAMA,
                duty(
                    "Menetapkan penerapan kebijakan kesehatan terbaru dan protokol kesehatan di "
                    "seluruh fasilitas kesehatan kota",
                    ("T.2", 4),
                    ("M.8", 4),
                ),
                duty(
                    "Memimpin program kesehatan masyarakat dan pemenuhan SPM bidang kesehatan",
                    ("T.10", 4),
                    ("M.4", 4),
                ),
                head=True,
                education=("s2_kes",),
            ),
            children=(
                unit(
                    "Sekretariat",
                    UK.SEKRETARIAT,
                    position(
                        "Sekretaris Dinas",
                        PC.ADMINISTRATOR,
                        duty(
                            "Mengoordinasikan perencanaan, keuangan dan kepegawaian dinas",
                            ("T.5", 3),
                            ("M.4", 3),
                        ),
                        duty(
                            "Menghimpun usulan kebutuhan pengembangan kompetensi tenaga "
                            "kesehatan dari puskesmas",
                            ("T.15", 2),
                            ("M.6", 3),
                        ),
                        head=True,
                        education=("s2_km", "s1_km"),
                    ),
                    pengadministrasi_perkantoran(),
                ),
                unit(
                    "Bidang Pencegahan dan Pengendalian Penyakit",
                    UK.BIDANG,
                    position(
                        "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
                        PC.ADMINISTRATOR,
                        duty(
                            "Menjabarkan kebijakan kesehatan terbaru menjadi pedoman pencegahan "
                            "dan pengendalian penyakit bagi puskesmas",
                            ("T.2", 4),
                            ("M.7", 3),
                        ),
                        duty(
                            "Mengendalikan respons kejadian luar biasa bersama puskesmas dan "
                            "lintas sektor",
                            ("T.10", 3),
                            ("M.8", 3),
                        ),
                        head=True,
                        education=("s2_epid", "s2_kes"),
                    ),
                    position(
                        "Epidemiolog Kesehatan Ahli Muda",
                        PC.AHLI_MUDA,
                        duty(
                            "Menganalisis data surveilans penyakit menular dan menyusun "
                            "rekomendasi kewaspadaan dini",
                            ("T.10", 3),
                            ("T.2", 3),
                        ),
                        duty(
                            "Melatih petugas puskesmas menerapkan protokol penyelidikan "
                            "epidemiologi",
                            ("T.2", 3),
                            ("M.6", 3),
                        ),
                        education=("s2_epid", "s1_km"),
                    ),
                ),
                unit(
                    "Puskesmas Alak",
                    UK.PUSKESMAS,
                    position(
                        "Kepala Puskesmas Alak",
                        PC.PENGAWAS,
                        duty(
                            "Memastikan seluruh petugas puskesmas menerapkan protokol kesehatan "
                            "dan kebijakan kesehatan terbaru",
                            ("T.2", 3),
                            ("M.1", 3),
                        ),
                        duty(
                            "Menyusun jadwal pelayanan dan pembagian tugas agar antrean pasien "
                            "terkendali",
                            ("T.7", 3),
                            ("M.4", 2),
                        ),
                        duty(
                            "Mengevaluasi penerapan hasil pelatihan oleh petugas dan "
                            "mengusulkan penghargaan bagi yang berprestasi",
                            ("T.16", 2),
                            ("M.6", 3),
                        ),
                        head=True,
                        login="atasan",
                        education=("dokter", "s2_km"),
                    ),
                    position(
                        "Dokter Ahli Pertama",
                        PC.AHLI_PERTAMA,
                        duty(
                            "Memberikan pelayanan medis dasar sesuai pedoman klinis dan protokol "
                            "kesehatan terbaru",
                            ("T.2", 3),
                            ("M.5", 2),
                        ),
                        duty(
                            "Menjelaskan diagnosis dan rencana pengobatan kepada pasien dan "
                            "keluarganya",
                            ("T.6", 2),
                            ("M.3", 2),
                        ),
                        education=("dokter",),
                        born=(1992, 1998),
                    ),
                    position(
                        "Perawat Ahli Pertama",
                        PC.AHLI_PERTAMA,
                        duty(
                            "Melaksanakan asuhan keperawatan dengan menerapkan protokol "
                            "pencegahan dan pengendalian infeksi",
                            ("T.2", 2),
                            ("M.5", 2),
                        ),
                        duty(
                            "Mencatat asuhan keperawatan pada rekam medis elektronik dan "
                            "aplikasi pelaporan puskesmas",
                            ("T.1", 2),
                        ),
                        duty(
                            "Memberikan edukasi kesehatan kepada pasien dan keluarga dengan "
                            "komunikasi yang efektif",
                            ("M.3", 2),
                            ("T.10", 1),
                        ),
                        holders=3,
                        pppk=1,
                        female=0.7,
                        login="asn",
                        education=("ners",),
                    ),
                    position(
                        "Perawat Terampil",
                        PC.TERAMPIL,
                        duty(
                            "Melaksanakan tindakan keperawatan dasar sesuai protokol kesehatan",
                            ("T.2", 2),
                        ),
                        duty(
                            "Menyiapkan ruang tindakan dan alat kesehatan sesuai standar "
                            "sterilisasi",
                            ("T.2", 1),
                            ("T.7", 1),
                        ),
                        holders=2,
                        pppk=1,
                        female=0.7,
                        education=("d3_kep",),
                    ),
                    position(
                        "Bidan Terampil",
                        PC.TERAMPIL,
                        duty(
                            "Melaksanakan pelayanan kesehatan ibu dan anak serta imunisasi "
                            "sesuai protokol",
                            ("T.2", 2),
                            ("T.10", 2),
                        ),
                        duty(
                            "Mendampingi kader posyandu di kelurahan wilayah kerja puskesmas",
                            ("T.20", 1),
                            ("M.3", 2),
                        ),
                        holders=2,
                        female=1.0,
                        education=("d3_keb",),
                    ),
                    position(
                        "Sanitarian Terampil",
                        PC.TERAMPIL,
                        duty(
                            "Melakukan inspeksi kesehatan lingkungan rumah tangga dan tempat umum",
                            ("T.10", 2),
                        ),
                        duty(
                            "Melaporkan hasil inspeksi melalui aplikasi pelaporan kesehatan "
                            "lingkungan",
                            ("T.1", 2),
                        ),
                        education=("d3_kesling",),
                    ),
                    position(
                        "Penyuluh Kesehatan Masyarakat Ahli Pertama",
                        PC.AHLI_PERTAMA,
                        duty(
                            "Menyelenggarakan penyuluhan protokol kesehatan dan perilaku hidup "
                            "bersih dan sehat di kelurahan",
                            ("T.10", 2),
                            ("T.6", 2),
                        ),
                        duty(
                            "Menyusun materi promosi kesehatan untuk media sosial puskesmas",
                            ("T.6", 2),
                            ("T.1", 2),
                        ),
                        education=("s1_km",),
                        born=(1996, 2000),
                    ),
                    pengadministrasi_perkantoran(),
                    wilayah="53.71.01",
                    wilayah_nama="Alak",
                ),
            ),
            singkatan="Dinkes",
        ),
        unit(
            "Kecamatan Alak",
            UK.KECAMATAN,
            camat(
                "Alak",
                duty(
                    "Mendorong penggunaan aplikasi e-government untuk efisiensi kerja dan "
                    "transparansi pelayanan di kecamatan dan kelurahan",
                    ("T.1", 3),
                    ("M.7", 3),
                ),
            ),
            sekretaris_kecamatan(
                duty(
                    "Menata jadwal kerja dan pelayanan kecamatan agar standar waktu layanan "
                    "terpenuhi",
                    ("T.7", 3),
                ),
                login="opd",
            ),
            children=(
                unit(
                    "Seksi Pemerintahan",
                    UK.SEKSI,
                    position(
                        "Kepala Seksi Pemerintahan",
                        PC.PENGAWAS,
                        duty(
                            "Membina administrasi pemerintahan kelurahan di Kecamatan Alak",
                            ("T.19", 2),
                            ("M.2", 2),
                        ),
                        duty(
                            "Mengoordinasikan pendataan penduduk bersama kelurahan",
                            ("T.13", 2),
                        ),
                        head=True,
                    ),
                    position(
                        "Pengadministrasi Pemerintahan",
                        PC.PELAKSANA,
                        duty(
                            "Mengolah data wilayah dan kependudukan kecamatan",
                            ("T.13", 1),
                            ("T.1", 2),
                        ),
                        duty(
                            "Menyiapkan laporan penyelenggaraan pemerintahan kecamatan",
                            ("T.7", 1),
                        ),
                    ),
                ),
                unit(
                    "Seksi Pelayanan Umum",
                    UK.SEKSI,
                    position(
                        "Kepala Seksi Pelayanan Umum",
                        PC.PENGAWAS,
                        duty(
                            "Mengoordinasikan pelayanan administrasi terpadu kecamatan sesuai "
                            "standar pelayanan",
                            ("T.19", 3),
                            ("M.5", 3),
                        ),
                        duty(
                            "Membina petugas layanan agar berkomunikasi efektif dengan warga",
                            ("M.3", 3),
                            ("T.6", 2),
                        ),
                        head=True,
                    ),
                    position(
                        "Pengelola Layanan Operasional",
                        PC.PELAKSANA,
                        duty(
                            "Melayani warga di meja layanan terpadu kecamatan",
                            ("T.19", 2),
                            ("M.5", 2),
                        ),
                        duty(
                            "Memproses permohonan layanan melalui aplikasi e-government kecamatan",
                            ("T.1", 2),
                            ("T.9", 1),
                        ),
                        duty(
                            "Menjelaskan persyaratan layanan kepada warga dengan komunikasi yang "
                            "efektif",
                            ("M.3", 2),
                        ),
                        holders=2,
                        born=(1994, 2000),
                    ),
                ),
                kelurahan(
                    "53.71.01.1008",
                    "Alak",
                    lengkap=True,
                    staf=2,
                    lurah=(
                        duty(
                            "Mendukung Puskesmas Alak dalam sosialisasi protokol kesehatan "
                            "kepada warga",
                            ("T.2", 1),
                            ("T.6", 2),
                        ),
                    ),
                ),
                kelurahan("53.71.01.1001", "Namosain"),
                kelurahan("53.71.01.1002", "Nunbaun Sabu", staf_pppk=1),
                kelurahan("53.71.01.1012", "Penkase Oeleta"),
            ),
            singkatan="Kec. Alak",
            wilayah="53.71.01",
            wilayah_nama="Alak",
        ),
    ),
)
