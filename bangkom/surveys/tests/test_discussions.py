"""Discussion notes (FGD): validation, conclusions that become weight factors, and
attachments checked by type and size and served only through an access-checked view."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bangkom.competencies.models import Competency
from bangkom.core.errors import ServiceError
from bangkom.core.models import AuditEvent
from bangkom.factors.models import WeightFactor
from bangkom.surveys.discussions import (
    MAX_ATTACHMENT_BYTES,
    NoteData,
    attachment_add,
    attachment_delete,
    conclusion_add,
    conclusion_delete,
    note_factors_apply,
    note_save,
)
from bangkom.surveys.models import DiscussionAttachment, DiscussionConclusion, DiscussionNote
from bangkom.surveys.tests.conftest import make_note
from bangkom.testing.world import World

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% notulen FGD\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
ZIP = b"PK\x03\x04" + b"\x00" * 26


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _state() -> tuple[int, int, int, int]:
    return (
        DiscussionNote.objects.count(),
        DiscussionConclusion.objects.count(),
        DiscussionAttachment.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(
    "change,field",
    [
        ({"participant_count": 0}, "participant_count"),
        ({"fasilitator": " "}, "fasilitator"),
        ({"ringkasan": ""}, "ringkasan"),
        ({"judul": ""}, "judul"),
    ],
)
def test_note_validation(world: World, change: dict[str, Any], field: str) -> None:
    before = _state()
    with pytest.raises(ServiceError) as excinfo:
        make_note(world, **change)
    assert field in excinfo.value.message_dict
    assert _state() == before


def test_note_units_must_belong_to_the_instansi(world: World) -> None:
    with pytest.raises(ServiceError) as excinfo:
        make_note(world, units=[world.other_unit])
    assert "units" in excinfo.value.message_dict


def test_conclusion_factor_needs_a_competency_and_a_sane_value(world: World) -> None:
    note = make_note(world, units=[world.kecamatan])
    m5 = Competency.objects.get(kode="M.5")
    with pytest.raises(ServiceError) as excinfo:
        conclusion_add(
            note=note,
            teks="Perlu pelatihan",
            competencies=[],
            factor=Decimal("1.2"),
            acting_user=None,
        )
    assert "kompetensi" in excinfo.value.message_dict
    with pytest.raises(ServiceError) as excinfo:
        conclusion_add(
            note=note,
            teks="Perlu pelatihan",
            competencies=[m5],
            factor=Decimal("9"),
            acting_user=None,
        )
    assert "factor" in excinfo.value.message_dict
    assert not note.conclusions.exists()


def test_conclusions_become_weight_factors_for_the_note_units(world: World) -> None:
    note = make_note(world, units=[world.kecamatan, world.puskesmas])
    m5, m7 = Competency.objects.get(kode="M.5"), Competency.objects.get(kode="M.7")
    bkpsdm = world.user("bkpsdm")
    conclusion_add(
        note=note,
        teks="Staf belum percaya diri memakai SRIKANDI",
        competencies=[m7],
        factor=Decimal("1.2"),
        acting_user=bkpsdm,
    )
    second = conclusion_add(
        note=note,
        teks="Pelayanan daring sering tertunda",
        competencies=[m7, m5],
        factor=Decimal("1.3"),
        acting_user=bkpsdm,
    )
    conclusion_add(
        note=note,
        teks="Jadwal pelatihan di akhir pekan",
        competencies=[],
        factor=None,
        acting_user=bkpsdm,
    )
    note_factors_apply(note=note, acting_user=bkpsdm)
    factors = WeightFactor.objects.filter(source_key=f"fgd:{note.pk}").select_related(
        "unit", "competency"
    )
    assert {(f.unit and f.unit.nama, f.competency.kode, f.factor) for f in factors} == {
        ("Puskesmas Alak", "M.5", Decimal("1.3")),
        ("Puskesmas Alak", "M.7", Decimal("1.3")),
        ("Kecamatan Alak", "M.5", Decimal("1.3")),
        ("Kecamatan Alak", "M.7", Decimal("1.3")),
    }
    m7_factor = next(f for f in factors if f.competency == m7)
    assert m7_factor.source == "fgd" and m7_factor.tahun == 2027
    assert [c["teks"] for c in m7_factor.evidence["conclusions"]] == [
        "Staf belum percaya diri memakai SRIKANDI",
        "Pelayanan daring sering tertunda",
    ]
    assert m7_factor.evidence["participants"] == 12
    assert "Pelayanan daring sering tertunda" in m7_factor.title

    conclusion_delete(conclusion=second, acting_user=bkpsdm)
    note_factors_apply(note=note, acting_user=bkpsdm)
    factors = WeightFactor.objects.filter(source_key=f"fgd:{note.pk}")
    assert {(f.competency.kode, f.factor) for f in factors} == {("M.7", Decimal("1.2"))}
    assert factors.count() == 2  # one per unit


def test_note_without_units_weighs_the_whole_instansi(world: World) -> None:
    note = make_note(world)
    conclusion_add(
        note=note,
        teks="Perlu etika pelayanan",
        factor=Decimal("1.1"),
        competencies=[Competency.objects.get(kode="M.1")],
        acting_user=None,
    )
    (factor,) = note_factors_apply(note=note, acting_user=world.user("bkpsdm"))
    assert factor.unit is None and factor.instansi == world.instansi


# ----------------------------------------------------------------------------- attachments


@pytest.mark.parametrize(
    "name,content",
    [
        ("notulen.pdf", PDF),
        ("foto.PNG", PNG),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 8),
        ("daftar hadir.docx", ZIP),
        ("rekap.xlsx", ZIP),
    ],
)
def test_accepted_attachments_are_stored_privately_under_random_names(
    world: World, _private_media: Path, name: str, content: bytes
) -> None:
    note = make_note(world)
    attachment = attachment_add(
        note=note, upload=SimpleUploadedFile(name, content), acting_user=world.user("bkpsdm")
    )
    assert attachment.original_name == name and attachment.size == len(content)
    (stored,) = _files(_private_media)
    assert stored.read_bytes() == content
    assert stored.relative_to(_private_media).parts[:3] == (
        "private",
        "fgd",
        str(world.instansi.pk),
    )
    assert Path(name).stem not in stored.name
    assert AuditEvent.objects.filter(action="survey.discussion.attachment.create").exists()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("skrip.exe", b"MZ\x90\x00", "Jenis berkas .exe tidak diterima"),
        ("notulen", PDF, "tidak diterima"),
        ("halaman.html", b"<html>", "Jenis berkas .html tidak diterima"),
        ("palsu.pdf", b"MZ\x90\x00 not a pdf", "Isi berkas tidak sesuai"),
        ("kosong.pdf", b"", "Berkas kosong"),
    ],
)
def test_wrong_attachments_are_refused_and_nothing_is_kept(
    world: World, _private_media: Path, name: str, content: bytes, message: str
) -> None:
    note = make_note(world)
    before = _state()
    with pytest.raises(ServiceError) as excinfo:
        attachment_add(note=note, upload=SimpleUploadedFile(name, content), acting_user=None)
    assert message in excinfo.value.message_dict["file"][0]
    assert _state() == before and _files(_private_media) == []


def test_attachment_over_10_mb_is_refused(world: World, _private_media: Path) -> None:
    note = make_note(world)
    exactly = SimpleUploadedFile("besar.pdf", PDF + b"0" * (MAX_ATTACHMENT_BYTES - len(PDF)))
    attachment_add(note=note, upload=exactly, acting_user=None)
    before = _state()
    too_big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (MAX_ATTACHMENT_BYTES - len(PDF) + 1))
    with pytest.raises(ServiceError) as excinfo:
        attachment_add(note=note, upload=too_big, acting_user=None)
    assert "Berkas terlalu besar (10,0 MB); paling besar 10 MB." in str(excinfo.value)
    assert _state() == before and len(_files(_private_media)) == 1


def test_upload_page_shows_the_refusal(client, world: World, _private_media: Path) -> None:
    note = make_note(world)
    client.force_login(world.user("bkpsdm"))
    response = client.post(
        reverse("surveys:fgd_attachment_upload", args=[note.pk]),
        {"file": SimpleUploadedFile("virus.exe", b"MZ")},
    )
    assert response.status_code == 200
    assert "Jenis berkas .exe tidak diterima" in response.content.decode()
    assert _files(_private_media) == []


def test_download_is_access_checked(client, world: World) -> None:
    note = make_note(world, units=[world.kecamatan])
    attachment = attachment_add(
        note=note, upload=SimpleUploadedFile("notulen rapat.pdf", PDF), acting_user=None
    )
    url = reverse("surveys:fgd_attachment_download", args=[note.pk, attachment.pk])
    for persona in ("bkpsdm", "pimpinan", "superadmin"):
        client.force_login(world.user(persona))
        response = client.get(url)
        assert response.status_code == 200, persona
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "notulen rapat.pdf" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
    # the OPD admin of Dinas Kesehatan has nothing to do with the kecamatan's discussion
    for persona in (
        "opd_admin",
        "employee",
        "supervisor",
        "partner",
        "outsider",
        "outsider_employee",
    ):
        client.force_login(world.user(persona))
        assert client.get(url).status_code == 404, persona
    client.logout()
    assert client.get(url).status_code == 302


def test_attachment_of_another_note_is_not_found(client, world: World) -> None:
    note = make_note(world)
    other = make_note(world, judul="FGD lain")
    attachment = attachment_add(
        note=note, upload=SimpleUploadedFile("a.pdf", PDF), acting_user=None
    )
    client.force_login(world.user("bkpsdm"))
    url = reverse("surveys:fgd_attachment_download", args=[other.pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_media_url_does_not_serve_attachments(client, world: World) -> None:
    note = make_note(world)
    attachment = attachment_add(
        note=note, upload=SimpleUploadedFile("a.pdf", PDF), acting_user=None
    )
    client.force_login(world.user("bkpsdm"))
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_delete_removes_the_file_after_commit(
    world: World, _private_media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    note = make_note(world)
    attachment = attachment_add(
        note=note, upload=SimpleUploadedFile("a.pdf", PDF), acting_user=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(attachment=attachment, acting_user=world.user("bkpsdm"))
    assert _files(_private_media) == []
    assert not DiscussionAttachment.objects.exists()


def test_opd_admin_records_a_note_for_their_units_only(client, world: World) -> None:
    client.force_login(world.user("opd_admin"))
    url = reverse("surveys:fgd_create")
    data = {
        "judul": "FGD Puskesmas",
        "tanggal": "2026-05-04",
        "tahun": 2027,
        "participant_count": 8,
        "participant_description": "Perawat",
        "fasilitator": "Kepala Puskesmas",
        "ringkasan": "Perlu pelatihan e-Kinerja",
    }
    before = _state()
    refused = client.post(url, {**data, "units": [world.kecamatan.pk]})
    assert refused.status_code == 200 and _state() == before
    without_unit = client.post(url, data)
    assert without_unit.status_code == 200 and _state() == before
    created = client.post(url, {**data, "units": [world.puskesmas.pk]})
    assert created.status_code == 302
    note = DiscussionNote.objects.get(judul="FGD Puskesmas")
    assert note.instansi == world.instansi and list(note.units.all()) == [world.puskesmas]
    # they may add conclusions, but only BKPSDM turns them into weight factors
    response = client.post(reverse("surveys:fgd_apply_factors", args=[note.pk]))
    assert response.status_code == 403


def test_plan_year_is_fixed_once_the_note_weighs_competencies(world: World) -> None:
    note = make_note(world, units=[world.kecamatan])
    data = NoteData(
        judul=note.judul,
        tahun=2028,
        tanggal=note.tanggal,
        participant_count=note.participant_count,
        participant_description=note.participant_description,
        fasilitator=note.fasilitator,
        ringkasan=note.ringkasan,
        units=[world.kecamatan],
    )
    note_save(instansi=world.instansi, note=note, data=data, acting_user=None)  # no factors yet
    note.refresh_from_db()
    conclusion_add(
        note=note,
        teks="Perlu pelatihan",
        competencies=[Competency.objects.get(kode="M.5")],
        factor=Decimal("1.2"),
        acting_user=None,
    )
    note_factors_apply(note=note, acting_user=None)
    with pytest.raises(ServiceError) as excinfo:
        note_save(
            instansi=world.instansi, note=note, data=replace(data, tahun=2029), acting_user=None
        )
    assert "2028" in excinfo.value.message_dict["tahun"][0]
