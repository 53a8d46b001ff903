"""Employee import with units and positions named in the file: unknown ones are errors, or
are created (with their unit tree) when the user asks; dry run names what would be created."""

from __future__ import annotations

from bangkom.core.models import AuditEvent
from bangkom.organisation.models import (
    Employee,
    Position,
    PositionClass,
    Unit,
    UnitKind,
    Wilayah,
    WilayahLevel,
)
from bangkom.organisation.tests.test_import_employees import (
    rejected,
    run,
    siasn_rows,
    state,
    to_csv,
    with_cell,
)
from bangkom.testing.world import World


def _new_units_file(header: list[str], rows: list[list[str]]) -> bytes:
    template = rows[2]

    def row(nip: str, birth: str, jabatan: str, jenis: str, unit: str, induk: str) -> list[str]:
        values = list(template)
        for column, value in (
            ("NIP BARU", nip),
            ("TANGGAL LAHIR", birth),
            ("JABATAN NAMA", jabatan),
            ("JENIS JABATAN NAMA", jenis),
            ("UNOR NAMA", unit),
            ("UNOR INDUK NAMA", induk),
            ("JENIS KELAMIN NAMA", ""),
        ):
            values[header.index(column)] = value
        return values

    return to_csv(
        header,
        [
            row(
                "197501012000031001",
                "01-01-1975",
                "Camat Maulafa",
                "Struktural",
                "Kecamatan Maulafa",
                "Kecamatan Maulafa",
            ),
            row(
                "198002022005012002",
                "02-02-1980",
                "Kepala Seksi Pelayanan Umum",
                "Struktural",
                "Seksi Pelayanan Umum",
                "KECAMATAN  maulafa",
            ),
            row(
                "199003032015031003",
                "03-03-1990",
                "Pranata Komputer Ahli Muda",
                "Fungsional Tertentu",
                "Bidang Pelayanan Kesehatan",
                "Dinas Kesehatan",
            ),
            row(
                "199104042016042004",
                "04-04-1991",
                "Pengadministrasi Umum",
                "Pelaksana",
                "Bidang Pelayanan Kesehatan",
                "dinas kesehatan",
            ),
        ],
    )


def test_unknown_units_are_errors_without_the_option(world: World) -> None:
    header, rows = siasn_rows()

    errors = rejected(world, _new_units_file(header, rows))

    assert set(errors) == {
        (2, "UNOR NAMA"),
        (3, "UNOR INDUK NAMA"),
        (4, "UNOR NAMA"),
        (5, "UNOR NAMA"),
    }
    assert "Buat unit dan jabatan yang belum ada" in errors[4, "UNOR NAMA"].message


def test_create_units_builds_the_unit_tree_and_positions(world: World) -> None:
    header, rows = siasn_rows()
    maulafa = Wilayah.objects.create(
        kode="53.71.05",
        nama="Maulafa",
        tingkat=WilayahLevel.KECAMATAN,
        parent_id="53.71",
    )
    last_event = AuditEvent.objects.latest("id").pk

    summary = run(world, _new_units_file(header, rows), create_units=True)

    assert summary.counts["units_created"] == 3
    assert summary.counts["positions_created"] == 4
    kecamatan = Unit.objects.get(nama="Kecamatan Maulafa")
    assert (kecamatan.parent, kecamatan.jenis, kecamatan.wilayah) == (
        None,
        UnitKind.KECAMATAN,
        maulafa,
    )
    seksi = Unit.objects.get(nama="Seksi Pelayanan Umum")
    assert (seksi.parent, seksi.jenis) == (kecamatan, UnitKind.SEKSI)
    assert seksi.path == f"{kecamatan.pk}/{seksi.pk}/"
    bidang = Unit.objects.get(nama="Bidang Pelayanan Kesehatan")
    assert (bidang.parent, bidang.jenis) == (world.dinkes, UnitKind.BIDANG)
    classes = dict(
        Position.objects.filter(unit__in=[kecamatan, seksi, bidang]).values_list("nama", "kelas")
    )
    assert classes == {
        "Camat Maulafa": PositionClass.ADMINISTRATOR,
        "Kepala Seksi Pelayanan Umum": PositionClass.PENGAWAS,
        "Pranata Komputer Ahli Muda": PositionClass.AHLI_MUDA,
        "Pengadministrasi Umum": PositionClass.PELAKSANA,
    }
    camat = Position.objects.get(nama="Camat Maulafa")
    assert camat.standards.count() == 9  # derived from the class: M.1–M.8 and SK.1
    assert set(camat.standards.values_list("required_level", flat=True)) == {3}
    assert Employee.objects.get(nip="198002022005012002").unit == seksi
    actions = list(AuditEvent.objects.filter(id__gt=last_event).values_list("action", flat=True))
    assert actions.count("unit.create") == 3 and actions.count("position.create") == 4
    assert actions.count("employee.create") == 4

    again = run(world, _new_units_file(header, rows), create_units=True)
    assert again.counts["units_created"] == 0 and again.counts["unchanged"] == 4


def test_create_units_dry_run_names_what_would_be_created(world: World) -> None:
    header, rows = siasn_rows()
    before = state()

    summary = run(world, _new_units_file(header, rows), create_units=True, dry_run=True)

    assert state() == before
    assert summary.names["units_created"] == [
        "Kecamatan Maulafa",
        "Seksi Pelayanan Umum (Kecamatan Maulafa)",
        "Bidang Pelayanan Kesehatan (Dinas Kesehatan)",
    ]


def test_a_position_class_that_cannot_be_guessed_is_an_error(world: World) -> None:
    header, rows = siasn_rows()
    rows = with_cell(rows, header, 2, "JABATAN NAMA", "Analis Data")

    errors = rejected(world, to_csv(header, rows), create_units=True)

    assert set(errors) == {(4, "JABATAN NAMA")}
    assert "kelas_jabatan" in errors[4, "JABATAN NAMA"].message
