"""Pemerintah Kota Medan (12.71), seed 004: a competency plan for the needs of Marelan.

More business-permit applications mean licensing staff must know the regulations and
communicate well (M.3, M.5); IT training for efficient administration; collaboration with
universities, training institutions and the private sector: internships for young ASN with a
local university and practitioner speakers; evaluation that adjusts material or method when
public-service training falls short.
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
    NameGroup(  # Batak Toba families, mostly Protestant
        4,
        male=listed(
            "Roy, Hotma, Rudi, Parulian, Benny, Jhonson, Marihot, Tumpal, Bonar, Sahat, Ronald, "
            "Poltak, Hendrik, Charles, Samuel, Freddy, Daniel, Jonner"
        ),
        female=listed(
            "Rina, Lamtiur, Hotmaida, Riris, Sondang, Tiurma, Rosdiana, Lasma, Dame, Nurmaida, "
            "Erni, Yohana, Ruth, Friska, Kristina, Melva"
        ),
        male_family=listed(
            "Simanjuntak, Sitorus, Hutapea, Panjaitan, Sinaga, Situmorang, Manurung, "
            "Simatupang, Tampubolon, Pardede, Silalahi, Siahaan, Hutagalung, Napitupulu, "
            "Sihombing, Pasaribu, Lumbantobing, Marpaung"
        ),
    ),
    NameGroup(  # Mandailing and Angkola families, Muslim
        3,
        male=listed(
            "Ahmad, Muhammad, Rahmat, Fauzi, Irwan, Syahrul, Zulfikar, Khairul, Ridwan, Amri, "
            "Rizky, Fadli, Sutan"
        ),
        female=listed(
            "Nurhayati, Siti, Rahmah, Nurul, Fitri, Aisyah, Rosmawati, Khairunnisa, Lely, Hafsah, "
            "Nurainun"
        ),
        male_family=listed(
            "Nasution, Lubis, Harahap, Hasibuan, Daulay, Rangkuti, Pulungan, Siregar, Batubara, "
            "Ritonga, Matondang, Dalimunthe"
        ),
        hajj=0.4,
    ),
    NameGroup(  # Javanese families of Deli ("Jawa Deli")
        3,
        male=listed(
            "Agus, Sugiarto, Joko, Bambang, Heri, Wahyu, Eko, Dedi, Suprapto, Slamet, Budi, Teguh"
        ),
        female=listed("Sri, Suriani, Wahyuni, Endang, Dwi, Sulastri, Ratna, Siti, Yuni, Rina"),
        male_family=listed(
            "Santoso, Prasetyo, Wibowo, Susanto, Hariyadi, Purnomo, Setiawan, Kurniawan, Saputra"
        ),
        female_family=listed(
            "Lestari, Wahyuni, Rahayu, Handayani, Astuti, Wulandari, Ningsih, Susanti"
        ),
        hajj=0.25,
    ),
    NameGroup(  # Deli Malay families of the coast (Marelan, Labuhan, Belawan)
        2,
        male=listed("Syahrial, Zulkifli, Azhar, Khairil, Fadhil, Iskandar, Syafrizal, Hamdan"),
        female=listed("Nurul, Rahmah, Syarifah, Zahara, Maimunah, Juliani"),
        male_family=listed("Azmi, Effendi, Syahputra, Hasan, Mahmud, Rizal"),
        female_family=listed("Aini, Hasanah, Fadhilah, Maharani, Zahara, Fitriani"),
        hajj=0.4,
    ),
    NameGroup(  # Karo families
        1,
        male=listed("Andreas, Dedi, Edison, Robert, Jaya, Ukur"),
        female=listed("Ribka, Seri, Dewi, Erna, Mariani"),
        male_family=listed(
            "Ginting, Tarigan, Sembiring, Sitepu, Karo-Karo, Perangin-angin, Barus, Surbakti"
        ),
    ),
)

REGION = RegionSpec(
    slug="medan",
    wilayah="12.71",
    nama="Pemerintah Kota Medan",
    seed=12_71,
    cerita=(
        "Marelan (seed 004): permohonan izin usaha meningkat, regulasi dan komunikasi petugas "
        "perizinan, TIK administrasi, magang ASN muda dengan universitas, narasumber praktisi"
    ),
    names=NAMES,
    email_domain="pemkomedan.test",
    phone_prefixes=("0812", "0813", "0821", "0822", "0852", "0853", "0878", "0896"),
    mitra_nama="Rahmat Nasution",
    mitra_keterangan="praktisi perizinan, narasumber mitra",
    units=(
        sekretariat_daerah(),
        bkpsdm(
            kabid=(
                duty(
                    "Menyelenggarakan program magang ASN muda bekerja sama dengan universitas "
                    "lokal",
                    ("T.20", 4),
                    ("M.6", 3),
                ),
                duty(
                    "Menghadirkan narasumber praktisi perizinan dan teknologi informasi dalam "
                    "pelatihan",
                    ("T.20", 3),
                    ("T.3", 2),
                ),
            ),
            analis=(
                duty(
                    "Menganalisis tugas dan fungsi petugas perizinan untuk mengidentifikasi "
                    "kebutuhan pemahaman regulasi dan keterampilan komunikasi",
                    ("T.15", 3),
                    ("T.3", 2),
                ),
                duty(
                    "Mengevaluasi pelatihan pelayanan publik dan mengusulkan penyesuaian materi "
                    "atau metode pengajaran bila kurang efektif",
                    ("T.16", 3),
                    ("M.5", 2),
                ),
            ),
        ),
        unit(
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            UK.DINAS,
            position(
                "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
                PC.JPT_PRATAMA,
                duty(
                    "Memimpin penyelenggaraan perizinan berusaha berbasis risiko di kota",
                    ("T.3", 4),
                    ("M.5", 4),
                ),
                duty(
                    "Menetapkan pelimpahan sebagian layanan perizinan ke kecamatan agar dekat "
                    "dengan pelaku usaha",
                    ("T.3", 4),
                    ("M.7", 4),
                ),
                head=True,
                education=("s2_ap", "s2_hukum"),
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
                            "Menghimpun kebutuhan pelatihan regulasi perizinan bagi pegawai dinas",
                            ("T.15", 2),
                        ),
                        head=True,
                    ),
                    pengadministrasi_perkantoran(),
                ),
                unit(
                    "Bidang Pelayanan Perizinan dan Nonperizinan",
                    UK.BIDANG,
                    position(
                        "Kepala Bidang Pelayanan Perizinan dan Nonperizinan",
                        PC.ADMINISTRATOR,
                        duty(
                            "Mengendalikan verifikasi permohonan perizinan berusaha melalui "
                            "OSS-RBA sesuai regulasi terbaru",
                            ("T.3", 4),
                            ("M.8", 3),
                        ),
                        duty(
                            "Memastikan petugas perizinan melayani pelaku usaha dengan "
                            "komunikasi yang baik",
                            ("M.3", 3),
                            ("M.5", 4),
                        ),
                        head=True,
                        education=("s2_hukum", "s1_hukum", "s2_ap"),
                    ),
                    position(
                        "Pengadministrasi Perizinan",
                        PC.PELAKSANA,
                        duty(
                            "Memeriksa kelengkapan persyaratan permohonan izin usaha melalui "
                            "OSS-RBA",
                            ("T.3", 2),
                            ("T.1", 2),
                        ),
                        duty(
                            "Menjelaskan ketentuan perizinan kepada pemohon dengan bahasa yang "
                            "mudah dipahami",
                            ("M.3", 2),
                            ("M.5", 2),
                        ),
                        holders=2,
                        pppk=1,
                        education=("s1_hukum", "s1_an", "d3_adm"),
                    ),
                    position(
                        "Pengelola Perizinan Berusaha",
                        PC.PELAKSANA,
                        duty(
                            "Memverifikasi persyaratan dasar perizinan usaha risiko menengah",
                            ("T.3", 3),
                            ("M.1", 2),
                        ),
                        duty(
                            "Mendampingi pelaku usaha mikro mengurus Nomor Induk Berusaha",
                            ("T.3", 2),
                            ("M.5", 2),
                            ("T.6", 2),
                        ),
                        education=("s1_hukum", "s1_ekonomi"),
                    ),
                ),
                unit(
                    "Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
                    UK.BIDANG,
                    position(
                        "Kepala Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
                        PC.ADMINISTRATOR,
                        duty(
                            "Mengelola pengaduan pelaku usaha dan menggunakannya untuk perbaikan "
                            "layanan perizinan",
                            ("T.14", 4),
                            ("T.3", 3),
                        ),
                        duty(
                            "Menyusun laporan tren permohonan izin usaha sebagai dasar perencanaan",
                            ("M.4", 3),
                            ("T.15", 2),
                        ),
                        head=True,
                    ),
                    position(
                        "Pengelola Pengaduan Masyarakat",
                        PC.PELAKSANA,
                        duty(
                            "Menerima dan menindaklanjuti pengaduan layanan perizinan melalui "
                            "SP4N-LAPOR!",
                            ("T.14", 2),
                            ("M.5", 2),
                        ),
                        duty(
                            "Menjelaskan perkembangan penanganan pengaduan kepada pelapor",
                            ("M.3", 2),
                        ),
                        born=(1996, 2000),
                        education=("s1_komunikasi", "s1_an"),
                    ),
                ),
            ),
            singkatan="DPMPTSP",
        ),
        unit(
            "Dinas Komunikasi dan Informatika",
            UK.DINAS,
            position(
                "Kepala Dinas Komunikasi dan Informatika",
                PC.JPT_PRATAMA,
                duty(
                    "Memimpin digitalisasi administrasi pemerintahan dan layanan publik kota",
                    ("T.9", 4),
                    ("M.7", 4),
                ),
                head=True,
                education=("s2_ti", "s2_ap"),
            ),
            children=(
                unit(
                    "Bidang Aplikasi Informatika",
                    UK.BIDANG,
                    position(
                        "Kepala Bidang Aplikasi Informatika",
                        PC.ADMINISTRATOR,
                        duty(
                            "Mengembangkan aplikasi administrasi perkantoran elektronik bagi "
                            "kecamatan",
                            ("T.1", 4),
                            ("T.9", 3),
                        ),
                        duty(
                            "Menyelenggarakan pelatihan teknologi informasi untuk efisiensi "
                            "administrasi bersama BKPSDM",
                            ("T.20", 3),
                            ("M.6", 3),
                        ),
                        head=True,
                        education=("s2_ti",),
                    ),
                    position(
                        "Pranata Komputer Ahli Pertama",
                        PC.AHLI_PERTAMA,
                        duty(
                            "Memelihara aplikasi naskah dinas elektronik dan jaringan kecamatan",
                            ("T.18", 2),
                            ("T.1", 3),
                        ),
                        duty(
                            "Menjadi narasumber pelatihan aplikasi bagi petugas kecamatan",
                            ("M.3", 2),
                            ("T.1", 3),
                        ),
                        holders=2,
                        pppk=1,
                        education=("s1_ti", "s1_si"),
                        born=(1995, 2000),
                    ),
                ),
            ),
            singkatan="Diskominfo",
        ),
        unit(
            "Kecamatan Medan Marelan",
            UK.KECAMATAN,
            camat(
                "Medan Marelan",
                duty(
                    "Menindaklanjuti peningkatan permohonan izin usaha dengan penguatan "
                    "pelayanan perizinan di kecamatan",
                    ("T.3", 3),
                    ("M.5", 3),
                ),
            ),
            sekretaris_kecamatan(
                duty(
                    "Mengusulkan ASN muda kecamatan untuk program magang di universitas lokal",
                    ("T.20", 2),
                    ("M.6", 3),
                ),
                login="opd",
            ),
            children=(
                unit(
                    "Seksi Pelayanan dan Perizinan",
                    UK.SEKSI,
                    position(
                        "Kepala Seksi Pelayanan dan Perizinan",
                        PC.PENGAWAS,
                        duty(
                            "Mengoordinasikan pelayanan perizinan usaha mikro dan kecil yang "
                            "dilimpahkan ke kecamatan sesuai regulasi",
                            ("T.3", 3),
                            ("T.19", 3),
                        ),
                        duty(
                            "Membina petugas perizinan agar berkomunikasi dengan baik dan "
                            "melayani pemohon secara optimal",
                            ("M.3", 3),
                            ("M.5", 3),
                        ),
                        duty(
                            "Menilai penerapan hasil pelatihan perizinan oleh petugas",
                            ("T.16", 2),
                            ("M.6", 2),
                        ),
                        head=True,
                        login="atasan",
                        education=("s1_hukum", "s1_an", "d4_ipdn"),
                    ),
                    position(
                        "Pengadministrasi Perizinan",
                        PC.PELAKSANA,
                        duty(
                            "Memeriksa kelengkapan persyaratan permohonan izin usaha sesuai "
                            "regulasi perizinan berusaha berbasis risiko",
                            ("T.3", 2),
                            ("M.1", 2),
                        ),
                        duty(
                            "Menjelaskan persyaratan dan alur perizinan kepada pemohon dengan "
                            "komunikasi yang baik",
                            ("M.3", 2),
                            ("M.5", 2),
                        ),
                        duty(
                            "Mencatat permohonan dan menerbitkan tanda terima melalui aplikasi "
                            "administrasi",
                            ("T.1", 2),
                        ),
                        holders=3,
                        pppk=1,
                        login="asn",
                        born=(1996, 2000),
                        education=("s1_hukum", "s1_an", "d3_adm"),
                    ),
                    position(
                        "Pengelola Layanan Operasional",
                        PC.PELAKSANA,
                        duty(
                            "Melayani permohonan administrasi kependudukan dan surat keterangan "
                            "di kecamatan",
                            ("T.19", 2),
                            ("M.5", 2),
                        ),
                        duty(
                            "Mengarsipkan berkas layanan secara elektronik",
                            ("T.1", 2),
                            ("T.7", 1),
                        ),
                    ),
                ),
                unit(
                    "Seksi Pemerintahan",
                    UK.SEKSI,
                    position(
                        "Kepala Seksi Pemerintahan",
                        PC.PENGAWAS,
                        duty(
                            "Membina administrasi pemerintahan kelurahan di Medan Marelan",
                            ("T.19", 2),
                            ("M.2", 2),
                        ),
                        duty(
                            "Mengoordinasikan pendataan penduduk dan usaha di kelurahan",
                            ("T.13", 2),
                        ),
                        head=True,
                    ),
                    position(
                        "Pengadministrasi Pemerintahan",
                        PC.PELAKSANA,
                        duty(
                            "Mengolah data usaha mikro dan penduduk per kelurahan",
                            ("T.1", 2),
                            ("T.13", 1),
                        ),
                        duty("Menyusun laporan bulanan kecamatan", ("T.7", 1)),
                    ),
                ),
                kelurahan(
                    "12.71.12.1002",
                    "Rengas Pulau",
                    lengkap=True,
                    staf=2,
                    lurah=(
                        duty(
                            "Menerbitkan surat keterangan usaha bagi pelaku usaha mikro sebagai "
                            "persyaratan perizinan berusaha",
                            ("T.3", 2),
                            ("M.5", 3),
                        ),
                    ),
                ),
                kelurahan("12.71.12.1001", "Labuhan Deli"),
                kelurahan("12.71.12.1003", "Terjun", staf_pppk=1),
                kelurahan("12.71.12.1004", "Tanah Enam Ratus"),
                kelurahan("12.71.12.1005", "Paya Pasir"),
            ),
            singkatan="Kec. Medan Marelan",
            wilayah="12.71.12",
            wilayah_nama="Medan Marelan",
        ),
    ),
)
