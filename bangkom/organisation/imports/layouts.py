"""The layout of each import file: its sheets and columns.

The importers read these definitions and the templates are written from them, so the template
always imports. A column is recognised under any of its ``aliases`` (compared in snake_case);
the first alias is the template's header and ``siasn`` the header of SIASN's "Export Data ASN".

Employees (one sheet; SIASN export or template "Pegawai"):
``nip``* (NIP BARU), ``nama``* (NAMA), ``gelar_depan``, ``gelar_belakang``, ``jenis_pegawai``,
``golongan`` (GOL AKHIR NAMA), ``tanggal_lahir``, ``jenis_kelamin`` (JENIS KELAMIN NAMA),
``jabatan`` (JABATAN NAMA), ``kelas_jabatan``, ``unit`` (UNOR NAMA), ``unit_induk``
(UNOR INDUK NAMA), ``nip_atasan``, ``pendidikan_tingkat`` (TINGKAT PENDIDIKAN NAMA),
``pendidikan_nama``, ``email``, ``nomor_hp``; SIASN's JENIS JABATAN NAMA helps guess a class.

Positions (workbook): sheet "Jabatan" (``unit``*, ``unit_induk``, ``nama_jabatan``*,
``kelas_jabatan``, ``ikhtisar``), sheet "Uraian Tugas" (``unit``*, ``nama_jabatan``*, ``urutan``,
``uraian_tugas``*, ``kompetensi`` as ``M.3:3; T.4:2``) and optional sheet "Standar" (``unit``*,
``nama_jabatan``*, ``kode_kompetensi``*, ``level``*). * = required.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from bangkom.core.imports.columns import EXAMPLE_PREFIX, Column

EMPLOYEE_COLUMNS: tuple[Column, ...] = (
    Column(
        "nip",
        ("nip", "nip_baru"),
        required=True,
        siasn="NIP BARU",
        help=gettext_lazy(
            "Wajib. NIP 18 digit tanpa spasi (PNS) atau nomor induk PPPK. Format "
            "sel sebagai Teks agar Excel tidak mengubahnya menjadi angka."
        ),
        example="199005172015031003",
    ),
    Column(
        "nama",
        ("nama",),
        required=True,
        siasn="NAMA",
        help=gettext_lazy("Wajib. Nama lengkap tanpa gelar."),
        example=f"{EXAMPLE_PREFIX}Agus Setiawan (hapus baris ini)",
    ),
    Column(
        "gelar_depan",
        ("gelar_depan",),
        siasn="GELAR DEPAN",
        help=gettext_lazy("Gelar di depan nama, misalnya dr. atau Ir."),
        example="",
    ),
    Column(
        "gelar_belakang",
        ("gelar_belakang",),
        siasn="GELAR BELAKANG",
        help=gettext_lazy("Gelar di belakang nama, misalnya S.Kom. atau M.Si."),
        example="S.Kom.",
    ),
    Column(
        "jenis_pegawai",
        ("jenis_pegawai", "jenis_pegawai_nama"),
        siasn="JENIS PEGAWAI NAMA",
        help=gettext_lazy("PNS atau PPPK (CPNS dihitung PNS). Kosong = PNS untuk pegawai baru."),
        example="PNS",
    ),
    Column(
        "golongan",
        ("golongan", "gol_akhir_nama", "golongan_ruang"),
        siasn="GOL AKHIR NAMA",
        help=gettext_lazy(
            "Golongan/ruang PNS seperti III/a (atau nama pangkat, misalnya "
            "Penata Muda); golongan PPPK I–XVII."
        ),
        example="III/b",
    ),
    Column(
        "tanggal_lahir",
        ("tanggal_lahir", "tgl_lahir"),
        siasn="TANGGAL LAHIR",
        help=gettext_lazy(
            "Tanggal lahir dd-mm-yyyy atau yyyy-mm-dd. Untuk PNS boleh kosong "
            "(dibaca dari NIP); bila diisi harus sama dengan NIP."
        ),
        example="",
    ),
    Column(
        "jenis_kelamin",
        ("jenis_kelamin", "jenis_kelamin_nama"),
        siasn="JENIS KELAMIN NAMA",
        help=gettext_lazy(
            "L/P, M/F atau Laki-laki/Perempuan. Untuk PNS boleh kosong (dibaca "
            "dari digit ke-15 NIP)."
        ),
        example="",
    ),
    Column(
        "jabatan",
        ("jabatan", "jabatan_nama", "nama_jabatan"),
        siasn="JABATAN NAMA",
        help=gettext_lazy(
            "Nama jabatan persis seperti di Bangkom (huruf besar/kecil dan spasi "
            "ganda diabaikan). Jabatan dicari di unit pada kolom unit; bila diisi, "
            "unit wajib diisi."
        ),
        example="Pranata Komputer Ahli Pertama",
    ),
    Column(
        "jenis_jabatan",
        ("jenis_jabatan", "jenis_jabatan_nama"),
        siasn="JENIS JABATAN NAMA",
        in_template=False,
    ),
    Column(
        "kelas_jabatan",
        ("kelas_jabatan",),
        help=gettext_lazy(
            "Hanya dipakai bila jabatan baru dibuat (opsi “Buat unit dan jabatan "
            "yang belum ada”): JPT Pratama, Administrator, Pengawas, Pelaksana, "
            "Ahli Utama/Madya/Muda/Pertama, Penyelia, Mahir, Terampil, Pemula. "
            "Kosong = ditebak dari nama jabatan."
        ),
        example="Ahli Pertama",
    ),
    Column(
        "unit",
        ("unit", "unor_nama", "unit_kerja"),
        siasn="UNOR NAMA",
        help=gettext_lazy(
            "Unit kerja tempat pegawai bekerja, misalnya Bidang Aplikasi "
            "Informatika atau Kelurahan Alak."
        ),
        example="Bidang Aplikasi Informatika",
    ),
    Column(
        "unit_induk",
        ("unit_induk", "unor_induk_nama"),
        siasn="UNOR INDUK NAMA",
        help=gettext_lazy(
            "Perangkat daerah (OPD) yang membawahi unit, misalnya Dinas "
            "Komunikasi dan Informatika. Unit dicari di bawah unit induk ini. "
            "Untuk pegawai yang bekerja langsung di OPD, isi unit = unit induk."
        ),
        example="Dinas Komunikasi dan Informatika",
    ),
    Column(
        "nip_atasan",
        ("nip_atasan",),
        help=gettext_lazy(
            "NIP atasan langsung. Dicari lebih dulu di berkas ini, lalu di data "
            "pegawai instansi yang sama."
        ),
        example="197805122003122002",
    ),
    Column(
        "pendidikan_tingkat",
        ("pendidikan_tingkat", "tingkat_pendidikan_nama", "tingkat_pendidikan"),
        siasn="TINGKAT PENDIDIKAN NAMA",
        help=gettext_lazy("Jenjang pendidikan terakhir, misalnya S-1/Sarjana."),
        example="S-1/Sarjana",
    ),
    Column(
        "pendidikan_nama",
        ("pendidikan_nama", "pendidikan"),
        siasn="PENDIDIKAN NAMA",
        help=gettext_lazy("Nama program studi pendidikan terakhir."),
        example="S1 Teknik Informatika",
    ),
    Column(
        "email",
        ("email",),
        siasn="EMAIL",
        help=gettext_lazy("Alamat email yang aktif."),
        example="agus@example.go.id",
    ),
    Column(
        "nomor_hp",
        ("nomor_hp", "no_hp"),
        siasn="NOMOR HP",
        help=gettext_lazy("Nomor HP, misalnya 081234567890."),
        example="081234567890",
    ),
)

SHEET_POSITIONS = "Jabatan"
SHEET_DUTIES = "Uraian Tugas"
SHEET_STANDARDS = "Standar"

_UNIT_HELP = gettext_lazy(
    "Wajib. Nama unit kerja yang sudah ada di Bangkom, misalnya Bidang Aplikasi Informatika."
)
_PARENT_HELP = gettext_lazy(
    "Perangkat daerah (OPD) yang membawahi unit; isi bila ada unit dengan nama yang sama di "
    "beberapa OPD."
)
_NAME_HELP = gettext_lazy("Wajib. Nama jabatan, sama dengan di sheet Jabatan.")

POSITION_COLUMNS: tuple[Column, ...] = (
    Column(
        "unit",
        ("unit", "unit_kerja", "unor_nama"),
        required=True,
        help=_UNIT_HELP,
        example="Bidang Aplikasi Informatika",
    ),
    Column(
        "unit_induk",
        ("unit_induk", "unor_induk_nama"),
        help=_PARENT_HELP,
        example="Dinas Komunikasi dan Informatika",
    ),
    Column(
        "nama_jabatan",
        ("nama_jabatan", "jabatan", "jabatan_nama"),
        required=True,
        help=gettext_lazy(
            "Wajib. Nama jabatan; jabatan dengan nama yang sama di unit yang "
            "sama diperbarui, yang belum ada dibuat."
        ),
        example=f"{EXAMPLE_PREFIX}Pranata Komputer Ahli Pertama",
    ),
    Column(
        "kelas_jabatan",
        ("kelas_jabatan", "kelas"),
        help=gettext_lazy(
            "JPT Utama/Madya/Pratama, Administrator, Pengawas, Pelaksana, Ahli "
            "Utama/Madya/Muda/Pertama, Penyelia, Mahir, Terampil atau Pemula "
            "(lihat sheet Referensi). Kosong = ditebak dari nama jabatan untuk "
            "jabatan baru, tidak diubah untuk jabatan yang ada. Kelas menentukan "
            "level bawaan kompetensi manajerial dan sosial kultural."
        ),
        example="Ahli Pertama",
    ),
    Column(
        "ikhtisar",
        ("ikhtisar", "ikhtisar_jabatan"),
        help=gettext_lazy("Ikhtisar (ringkasan) jabatan."),
        example="Melaksanakan pengelolaan aplikasi dan infrastruktur TIK.",
    ),
)
DUTY_COLUMNS: tuple[Column, ...] = (
    Column(
        "unit",
        ("unit", "unit_kerja", "unor_nama"),
        required=True,
        help=_UNIT_HELP,
        example="Bidang Aplikasi Informatika",
    ),
    Column("unit_induk", ("unit_induk", "unor_induk_nama"), help=_PARENT_HELP, in_template=False),
    Column(
        "nama_jabatan",
        ("nama_jabatan", "jabatan", "jabatan_nama"),
        required=True,
        help=_NAME_HELP,
        example=f"{EXAMPLE_PREFIX}Pranata Komputer Ahli Pertama",
    ),
    Column(
        "urutan",
        ("urutan", "no", "nomor"),
        help=gettext_lazy(
            "Nomor urut tugas dalam jabatan (1, 2, 3 …). Kosong = nomor "
            "berikutnya. Uraian tugas jabatan di berkas menggantikan uraian "
            "tugas yang ada, dicocokkan per nomor urut."
        ),
        example="1",
    ),
    Column(
        "uraian_tugas",
        ("uraian_tugas", "uraian"),
        required=True,
        help=gettext_lazy("Wajib. Uraian satu tugas."),
        example="Menyusun rencana kebutuhan aplikasi perangkat daerah",
    ),
    Column(
        "kompetensi",
        ("kompetensi", "kompetensi_level"),
        help=gettext_lazy(
            "Kompetensi yang dibutuhkan tugas ini dengan levelnya (1–5), "
            "dipisah titik koma: M.3:3; T.4:2. Kode lihat sheet Referensi. "
            "Standar jabatan memakai level tertinggi yang diminta tugasnya."
        ),
        example="M.3:3; M.4:2",
    ),
)
STANDARD_COLUMNS: tuple[Column, ...] = (
    Column(
        "unit",
        ("unit", "unit_kerja", "unor_nama"),
        required=True,
        help=_UNIT_HELP,
        example="Bidang Aplikasi Informatika",
    ),
    Column("unit_induk", ("unit_induk", "unor_induk_nama"), help=_PARENT_HELP, in_template=False),
    Column(
        "nama_jabatan",
        ("nama_jabatan", "jabatan", "jabatan_nama"),
        required=True,
        help=_NAME_HELP,
        example=f"{EXAMPLE_PREFIX}Pranata Komputer Ahli Pertama",
    ),
    Column(
        "kode_kompetensi",
        ("kode_kompetensi", "kode", "kompetensi"),
        required=True,
        help=gettext_lazy("Wajib. Kode kompetensi, misalnya M.1, SK.1 atau T.4."),
        example="M.1",
    ),
    Column(
        "level",
        ("level", "level_dipersyaratkan"),
        required=True,
        help=gettext_lazy(
            "Wajib. Level yang dipersyaratkan, 1–5. Baris ini diubah manual dan "
            "tidak ditimpa oleh penurunan otomatis dari kelas atau tugas."
        ),
        example="3",
    ),
)
