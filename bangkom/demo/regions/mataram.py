"""Pemerintah Kota Mataram (52.71), seed 003: development built on regional needs in
Cakranegara.

A growing population asks for more and better public services; the community, the private
sector and academia say which competencies are needed; ICT training for front-line service
staff so they use information systems to serve citizens; workshops, seminars and project-based
learning in local government buildings or with education institutions; feedback from
participants and citizens adjusts the curriculum.
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
    NameGroup(  # Sasak families; Lalu and Baiq are inherited noble titles
        6,
        male=listed(
            "Lalu Ahmad, Lalu Muhammad, Lalu Satria, Lalu Herman, Lalu Wirajaya, Muhammad, "
            "Ahmad, Zainul, Hairul, Saparudin, Rusdi, Zulkarnain, Muhaimin, Hamdani, Ahyar, "
            "Suhardi, Burhanudin, Sahabudin, Mahsun, Junaidi, Irwan, Syamsul"
        ),
        female=listed(
            "Baiq Nurul, Baiq Rina, Baiq Dewi, Baiq Suryani, Baiq Fitria, Nurhidayah, Sri, "
            "Nurul, Rabiatul, Husnul, Nurjannah, Saodah, Mulyani, Halimah, Eni, Rohani"
        ),
        male_family=listed(
            "Zaini, Hakim, Fauzi, Rahman, Hidayat, Saputra, Sahnan, Mansyur, Rizal, Azhar, "
            "Maulana, Hamzanwadi, Ridwan, Jayadi"
        ),
        female_family=listed(
            "Aini, Fitriani, Hayati, Rahmawati, Adawiyah, Apriani, Kurniasih, Safitri, Zuhriah, "
            "Wahyuni, Hikmah, Yuliana"
        ),
        hajj=0.45,
    ),
    NameGroup(  # Balinese families of Cakranegara, which has been Balinese since the 1700s
        3,
        male=listed(
            "I Made, I Wayan, I Ketut, I Nyoman, I Komang, I Gusti Ngurah, I Gusti Bagus, "
            "Anak Agung Gede"
        ),
        female=listed(
            "Ni Made, Ni Luh, Ni Wayan, Ni Ketut, Ni Komang, Ni Nyoman, Anak Agung Istri, Ni Putu"
        ),
        male_family=listed(
            "Suarta, Sudiarta, Wirawan, Adnyana, Sukerta, Arsana, Wiguna, Budiasa, Parwata, "
            "Astawa, Mertayasa, Sujana, Suardana"
        ),
        female_family=listed(
            "Sukerti, Ariani, Suastini, Purnamasari, Sumerti, Astiti, Wulandari, Adnyani, "
            "Suryani, Kartini, Sriasih"
        ),
    ),
    NameGroup(  # Javanese, Bima and Sumbawa families
        1,
        male=listed("Agus, Budi, Eko, Joko, Dwi, Syarifuddin, Abdul Haris, Muhammad Nur"),
        female=listed("Sri, Dewi, Endang, Rina, Siti, Nurfitriani"),
        male_family=listed("Santoso, Prasetyo, Wibowo, Susanto, Ramli, Ishaka"),
        female_family=listed("Lestari, Wahyuni, Rahayu, Handayani, Hasanah, Jamilah"),
        hajj=0.3,
    ),
)

REGION = RegionSpec(
    slug="mataram",
    wilayah="52.71",
    nama="Pemerintah Kota Mataram",
    seed=52_71,
    cerita=(
        "Cakranegara (seed 003): pertumbuhan penduduk dan kebutuhan layanan, TIK bagi petugas "
        "layanan, masukan masyarakat, swasta dan akademisi, workshop, seminar dan "
        "pembelajaran berbasis proyek"
    ),
    names=NAMES,
    email_domain="mataramkota.test",
    phone_prefixes=("0817", "0818", "0819", "0877", "0878", "0812", "0823"),
    mitra_nama="Lalu Gede Suparman",
    mitra_keterangan="akademisi mitra perguruan tinggi",
    units=(
        sekretariat_daerah(),
        bkpsdm(
            kabid=(
                duty(
                    "Menghimpun masukan masyarakat, sektor swasta dan akademisi untuk analisis "
                    "kebutuhan kompetensi berbasis kebutuhan daerah",
                    ("T.20", 4),
                    ("T.15", 4),
                ),
                duty(
                    "Menyelenggarakan workshop, seminar dan pembelajaran berbasis proyek di "
                    "gedung pemerintah setempat atau bersama lembaga pendidikan",
                    ("T.20", 3),
                    ("M.2", 3),
                ),
            ),
            analis=(
                duty(
                    "Menganalisis dampak pertumbuhan penduduk terhadap kebutuhan kompetensi ASN "
                    "pelayanan publik",
                    ("T.15", 3),
                    ("T.13", 1),
                ),
                duty(
                    "Mengumpulkan umpan balik peserta dan masyarakat untuk menyesuaikan "
                    "kurikulum atau metode pelatihan",
                    ("T.16", 3),
                    ("M.3", 2),
                ),
            ),
        ),
        unit(
            "Badan Perencanaan Pembangunan Daerah",
            UK.BADAN,
            position(
                "Kepala Badan Perencanaan Pembangunan Daerah",
                PC.JPT_PRATAMA,
                duty(
                    "Memimpin penyusunan RPJMD dan rencana kerja pemerintah daerah yang "
                    "menjawab pertumbuhan penduduk",
                    ("M.8", 4),
                    ("T.20", 4),
                ),
                head=True,
                education=("s2_pwk", "s2_ap"),
            ),
            children=(
                unit(
                    "Bidang Pemerintahan dan Pembangunan Manusia",
                    UK.BIDANG,
                    position(
                        "Kepala Bidang Pemerintahan dan Pembangunan Manusia",
                        PC.ADMINISTRATOR,
                        duty(
                            "Menyusun prioritas pembangunan pelayanan dasar berdasarkan proyeksi "
                            "penduduk dan capaian SPM",
                            ("T.13", 2),
                            ("M.8", 3),
                        ),
                        duty(
                            "Memfasilitasi forum konsultasi publik bersama masyarakat, sektor "
                            "swasta dan perguruan tinggi",
                            ("T.20", 4),
                            ("M.3", 3),
                        ),
                        head=True,
                        education=("s2_pwk", "s2_ap"),
                    ),
                    position(
                        "Perencana Ahli Muda",
                        PC.AHLI_MUDA,
                        duty(
                            "Menganalisis data kependudukan dan kebutuhan layanan publik per "
                            "kecamatan",
                            ("T.13", 2),
                            ("M.4", 2),
                        ),
                        duty(
                            "Merangkum masukan pemangku kepentingan hasil musrenbang",
                            ("T.20", 3),
                        ),
                        education=("s1_pwk", "s2_pwk", "s1_statistika"),
                    ),
                    position(
                        "Perencana Ahli Pertama",
                        PC.AHLI_PERTAMA,
                        duty(
                            "Mengolah data capaian SPM dan indikator kinerja daerah",
                            ("T.1", 2),
                            ("T.7", 2),
                        ),
                        duty(
                            "Menyiapkan bahan konsultasi publik dan musrenbang kecamatan",
                            ("T.20", 2),
                            ("M.3", 2),
                        ),
                        education=("s1_pwk", "s1_statistika"),
                        born=(1996, 2000),
                    ),
                ),
            ),
            singkatan="Bappeda",
        ),
        unit(
            "Dinas Kependudukan dan Pencatatan Sipil",
            UK.DINAS,
            position(
                "Kepala Dinas Kependudukan dan Pencatatan Sipil",
                PC.JPT_PRATAMA,
                duty(
                    "Memimpin pelayanan administrasi kependudukan bagi penduduk yang terus "
                    "bertambah",
                    ("T.13", 4),
                    ("M.5", 4),
                ),
                duty(
                    "Mendorong pelayanan kependudukan daring dan jemput bola",
                    ("T.9", 3),
                    ("M.7", 4),
                ),
                head=True,
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
                            "Menghimpun usulan pelatihan TIK petugas layanan kependudukan",
                            ("T.15", 2),
                        ),
                        head=True,
                    ),
                    pengadministrasi_perkantoran(),
                ),
                unit(
                    "Bidang Pelayanan Pendaftaran Penduduk",
                    UK.BIDANG,
                    position(
                        "Kepala Bidang Pelayanan Pendaftaran Penduduk",
                        PC.ADMINISTRATOR,
                        duty(
                            "Mengendalikan pelayanan KTP-el, kartu keluarga dan pindah datang "
                            "sesuai standar pelayanan",
                            ("T.13", 4),
                            ("M.5", 3),
                        ),
                        duty(
                            "Menata antrean dan layanan daring agar waktu tunggu warga berkurang",
                            ("T.9", 3),
                            ("T.7", 3),
                        ),
                        head=True,
                    ),
                    position(
                        "Pengadministrasi Kependudukan",
                        PC.PELAKSANA,
                        duty(
                            "Memverifikasi berkas dan memproses dokumen kependudukan melalui SIAK",
                            ("T.13", 2),
                            ("T.1", 2),
                        ),
                        duty(
                            "Melayani warga di loket dengan ramah dan menjelaskan persyaratan",
                            ("M.5", 2),
                            ("M.3", 2),
                        ),
                        holders=3,
                        pppk=1,
                        education=("sma", "d3_adm", "s1_an"),
                    ),
                ),
                unit(
                    "Bidang Pencatatan Sipil",
                    UK.BIDANG,
                    position(
                        "Kepala Bidang Pencatatan Sipil",
                        PC.ADMINISTRATOR,
                        duty(
                            "Mengendalikan pencatatan kelahiran, kematian, perkawinan dan "
                            "perceraian",
                            ("T.13", 4),
                            ("M.1", 3),
                        ),
                        head=True,
                        education=("s1_hukum", "s2_hukum"),
                    ),
                    position(
                        "Pengadministrasi Pencatatan Sipil",
                        PC.PELAKSANA,
                        duty(
                            "Memproses penerbitan akta pencatatan sipil sesuai persyaratan",
                            ("T.13", 2),
                            ("M.1", 2),
                        ),
                        duty(
                            "Mengarsipkan dokumen pencatatan sipil secara elektronik",
                            ("T.1", 2),
                        ),
                        holders=2,
                    ),
                ),
                unit(
                    "Bidang Pengelolaan Informasi Administrasi Kependudukan",
                    UK.BIDANG,
                    position(
                        "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan",
                        PC.ADMINISTRATOR,
                        duty(
                            "Mengelola basis data kependudukan dan pemanfaatannya oleh "
                            "perangkat daerah",
                            ("T.13", 3),
                            ("T.18", 3),
                        ),
                        head=True,
                        education=("s1_ti", "s2_ti"),
                    ),
                    position(
                        "Administrator Database Kependudukan Ahli Pertama",
                        PC.AHLI_PERTAMA,
                        duty(
                            "Memelihara basis data kependudukan dan jaringan SIAK",
                            ("T.18", 2),
                            ("T.13", 2),
                        ),
                        duty(
                            "Menyajikan data agregat penduduk untuk perencanaan pembangunan",
                            ("T.13", 2),
                            ("T.1", 3),
                        ),
                        education=("s1_ti", "s1_si"),
                        born=(1995, 2000),
                    ),
                ),
            ),
            singkatan="Disdukcapil",
        ),
        unit(
            "Dinas Komunikasi dan Informatika",
            UK.DINAS,
            position(
                "Kepala Dinas Komunikasi dan Informatika",
                PC.JPT_PRATAMA,
                duty(
                    "Memimpin penerapan SPBE dan layanan publik digital kota",
                    ("T.9", 4),
                    ("M.7", 4),
                ),
                head=True,
                education=("s2_ti", "s2_komunikasi"),
            ),
            children=(
                unit(
                    "Bidang Aplikasi Informatika",
                    UK.BIDANG,
                    position(
                        "Kepala Bidang Aplikasi Informatika",
                        PC.ADMINISTRATOR,
                        duty(
                            "Mengembangkan sistem informasi pelayanan kecamatan dan kelurahan",
                            ("T.9", 4),
                            ("T.1", 4),
                        ),
                        duty(
                            "Menyelenggarakan pelatihan TIK berbasis proyek bagi petugas "
                            "layanan garis depan",
                            ("T.20", 3),
                            ("M.6", 3),
                        ),
                        head=True,
                        education=("s2_ti",),
                    ),
                    position(
                        "Pranata Komputer Ahli Muda",
                        PC.AHLI_MUDA,
                        duty(
                            "Merancang aplikasi layanan terpadu kecamatan yang terhubung dengan "
                            "data kependudukan",
                            ("T.9", 3),
                            ("T.18", 3),
                        ),
                        duty(
                            "Menjadi mentor proyek pembelajaran TIK petugas kecamatan",
                            ("M.6", 3),
                            ("T.1", 4),
                        ),
                        education=("s1_ti", "s2_ti"),
                    ),
                    position(
                        "Pranata Komputer Ahli Pertama",
                        PC.AHLI_PERTAMA,
                        duty(
                            "Memasang dan memelihara aplikasi layanan di kecamatan dan kelurahan",
                            ("T.18", 2),
                            ("T.9", 2),
                        ),
                        duty(
                            "Mendampingi petugas layanan menggunakan sistem informasi",
                            ("T.1", 3),
                            ("M.3", 2),
                        ),
                        pppk=1,
                        education=("s1_ti", "d3_ti"),
                    ),
                ),
            ),
            singkatan="Diskominfo",
        ),
        unit(
            "Kecamatan Cakranegara",
            UK.KECAMATAN,
            camat(
                "Cakranegara",
                duty(
                    "Menggalang masukan masyarakat, pelaku usaha dan akademisi tentang kebutuhan "
                    "layanan di kecamatan",
                    ("T.20", 3),
                    ("M.3", 3),
                ),
            ),
            sekretaris_kecamatan(
                duty(
                    "Mengusulkan pelatihan TIK bagi petugas layanan kecamatan dan kelurahan",
                    ("T.9", 2),
                ),
                login="opd",
            ),
            children=(
                unit(
                    "Seksi Pelayanan Umum",
                    UK.SEKSI,
                    position(
                        "Kepala Seksi Pelayanan Umum",
                        PC.PENGAWAS,
                        duty(
                            "Mengoordinasikan pelayanan administrasi terpadu kecamatan bagi "
                            "penduduk yang terus bertambah",
                            ("T.19", 3),
                            ("M.5", 3),
                        ),
                        duty(
                            "Menerapkan sistem informasi pelayanan dan memantau waktu layanan",
                            ("T.9", 3),
                            ("T.7", 2),
                        ),
                        duty(
                            "Membimbing petugas layanan menerapkan hasil pelatihan TIK di meja "
                            "layanan",
                            ("M.6", 2),
                            ("T.16", 2),
                        ),
                        head=True,
                        login="atasan",
                    ),
                    position(
                        "Pengelola Layanan Operasional",
                        PC.PELAKSANA,
                        duty(
                            "Melayani permohonan administrasi warga menggunakan sistem "
                            "informasi pelayanan kecamatan",
                            ("T.9", 2),
                            ("T.19", 2),
                        ),
                        duty(
                            "Menjelaskan persyaratan dan status layanan kepada warga",
                            ("M.5", 2),
                            ("M.3", 2),
                        ),
                        duty(
                            "Mencatat masukan dan pengaduan warga tentang layanan",
                            ("T.14", 2),
                        ),
                        holders=2,
                        login="asn",
                        born=(1994, 2000),
                        education=("d3_adm", "s1_an", "smk"),
                    ),
                    position(
                        "Pengadministrasi Kependudukan",
                        PC.PELAKSANA,
                        duty(
                            "Menerima dan memeriksa berkas kependudukan warga untuk diteruskan "
                            "ke Disdukcapil",
                            ("T.13", 2),
                            ("T.1", 2),
                        ),
                        duty("Melayani warga dengan sopan dan tepat waktu", ("M.5", 2)),
                        pppk=1,
                        education=("sma", "smk"),
                    ),
                ),
                unit(
                    "Seksi Pemberdayaan Masyarakat",
                    UK.SEKSI,
                    position(
                        "Kepala Seksi Pemberdayaan Masyarakat",
                        PC.PENGAWAS,
                        duty(
                            "Menyelenggarakan musyawarah dan forum warga untuk menjaring "
                            "kebutuhan layanan",
                            ("T.20", 3),
                            ("M.3", 3),
                        ),
                        duty(
                            "Mendampingi kelurahan dalam kegiatan pemberdayaan bersama "
                            "perguruan tinggi",
                            ("T.20", 2),
                            ("M.2", 2),
                        ),
                        head=True,
                    ),
                    position(
                        "Pengelola Pemberdayaan Masyarakat",
                        PC.PELAKSANA,
                        duty(
                            "Menyiapkan forum warga dan merangkum masukan masyarakat",
                            ("T.20", 2),
                            ("M.3", 2),
                        ),
                        duty(
                            "Mendokumentasikan kegiatan pemberdayaan dalam aplikasi",
                            ("T.1", 2),
                        ),
                    ),
                ),
                kelurahan(
                    "52.71.03.1006",
                    "Cakranegara Timur",
                    lengkap=True,
                    staf=2,
                    staf_pppk=1,
                    lurah=(
                        duty(
                            "Menghimpun masukan warga tentang kebutuhan layanan di kelurahan "
                            "yang penduduknya terus bertambah",
                            ("T.20", 3),
                        ),
                    ),
                ),
                kelurahan("52.71.03.1005", "Cakranegara Barat"),
                kelurahan("52.71.03.1012", "Cilinaya"),
                kelurahan("52.71.03.1013", "Mayura"),
                kelurahan("52.71.03.1011", "Sapta Marga"),
            ),
            singkatan="Kec. Cakranegara",
            wilayah="52.71.03",
            wilayah_nama="Cakranegara",
        ),
    ),
)
