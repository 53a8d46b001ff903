"""Completed learning in the shape SIASN's *riwayat kursus* (training history) takes: one row per
completion, the columns of SIASN's ``kursus`` record, as CSV or XLSX (docs/siasn-training.md).

SIASN (*Sistem Informasi ASN*) is BKN's national civil service register. A completion is a line
of the JP ledger (``delivery.JpCredit``) of the year, except manual adjustments (no activity)
and lines whose certificate was revoked. The SIASN codes come from the instansi's editable
mapping of development forms (``SiasnCourseMapping``), else from :data:`DEFAULT_MAPPING`.

``pnsOrangId`` is SIASN's PNS ID. The employee import (organisation) does not keep it (SIASN's
"Export Data ASN" file it reads has no such column), so the column is left empty.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny
from bangkom.core.audit import audit_event
from bangkom.core.errors import ServiceError
from bangkom.delivery.models import Batch, ExternalLearningClaim, JpCredit, JpSource
from bangkom.lib.spreadsheet_safety import neutralise_formulas, safe_cell
from bangkom.organisation.models import Instansi
from bangkom.planning.jp import DEFAULT_FORMS
from bangkom.planning.models import DevelopmentForm
from bangkom.recognition.models import (
    CertificateStatus,
    RecognitionSetting,
    SiasnCourseMapping,
)

COLUMNS = (
    "pnsOrangId",
    "nipBaru",
    "instansiId",
    "jenisDiklatId",
    "jenisKursus",
    "jenisKursusSertipikat",
    "namaKursus",
    "institusiPenyelenggara",
    "jumlahJam",
    "lokasiId",
    "tahunKursus",
    "tanggalKursus",
    "tanggalSelesaiKursus",
    "nomorSertipikat",
)
DATE_FORMAT = "%d-%m-%Y"  # SIASN's web service writes dates as DD-MM-YYYY
CODE_MAX = 16
NAME_MAX = 64


@dataclass(frozen=True)
class Codes:
    """SIASN's codes for one development form."""

    jenis_diklat_id: str
    jenis_kursus: str
    jenis_kursus_sertipikat: str


# SIASN's reference of jenis diklat (ASSUMED ids, see docs/siasn-training.md: BKN publishes the
# reference only to connected instansi; each instansi checks and edits its mapping).
JENIS_DIKLAT = {
    "1": "Diklat Struktural",
    "2": "Diklat Fungsional",
    "3": "Diklat Teknis",
    "4": "Workshop",
    "5": "Pelatihan Manajerial",
    "6": "Pelatihan Sosial Kultural",
    "7": "Sosialisasi",
    "8": "Bimbingan Teknis",
    "9": "Seminar",
    "10": "Magang",
    "11": "Kursus",
    "12": "Penataran",
}
CERTIFICATE_KIND = "S"  # S: sertifikat (a certificate was issued); assumed code


def _codes(jenis_diklat_id: str) -> Codes:
    return Codes(jenis_diklat_id, JENIS_DIKLAT[jenis_diklat_id], CERTIFICATE_KIND)


# Every form of ``planning.jp.DEFAULT_FORMS`` with its default codes; a form the instansi added
# itself, or a line without a form, falls back to FALLBACK.
FALLBACK = _codes("3")
DEFAULT_MAPPING: dict[str, Codes] = {
    "pendidikan": _codes("11"),
    "pelatihan-struktural": _codes("1"),
    "pelatihan-manajerial": _codes("5"),
    "pelatihan-teknis": _codes("3"),
    "pelatihan-fungsional": _codes("2"),
    "pelatihan-sosial-kultural": _codes("6"),
    "seminar": _codes("9"),
    "workshop": _codes("4"),
    "kursus": _codes("11"),
    "penataran": _codes("12"),
    "bimtek": _codes("8"),
    "sosialisasi": _codes("7"),
    "coaching": _codes("3"),
    "mentoring": _codes("3"),
    "e-learning": _codes("3"),
    "pelatihan-jarak-jauh": _codes("3"),
    "detasering": _codes("10"),
    "alam-terbuka": _codes("3"),
    "patok-banding": _codes("3"),
    "pertukaran": _codes("10"),
    "belajar-mandiri": _codes("11"),
    "komunitas-belajar": _codes("3"),
    "bimbingan-tempat-kerja": _codes("3"),
    "magang": _codes("10"),
    "project-based": _codes("3"),
}
assert {form.kode for form in DEFAULT_FORMS} <= set(DEFAULT_MAPPING), "a default form lacks codes"


@dataclass(frozen=True)
class MappingRow:
    form_kode: str
    form_name: str
    codes: Codes
    is_default: bool


def mapping_for(instansi: Instansi) -> dict[str, Codes]:
    """Form kode -> codes: the instansi's rows over the defaults."""
    table = dict(DEFAULT_MAPPING)
    for row in SiasnCourseMapping.objects.filter(instansi=instansi):
        table[row.form_kode] = Codes(
            row.jenis_diklat_id, row.jenis_kursus, row.jenis_kursus_sertipikat
        )
    return table


def mapping_rows(instansi: Instansi) -> list[MappingRow]:
    """One row per development form of the instansi (its conversion table), defaults first."""
    own = {row.form_kode: row for row in SiasnCourseMapping.objects.filter(instansi=instansi)}
    names = {form.kode: form.nama for form in DEFAULT_FORMS}
    names.update(
        DevelopmentForm.objects.filter(instansi=instansi).values_list("kode", "nama").iterator()
    )
    rows = []
    for kode in sorted(names, key=lambda k: (k not in DEFAULT_MAPPING, names[k])):
        mine = own.get(kode)
        codes = (
            Codes(mine.jenis_diklat_id, mine.jenis_kursus, mine.jenis_kursus_sertipikat)
            if mine
            else DEFAULT_MAPPING.get(kode, FALLBACK)
        )
        rows.append(MappingRow(kode, names[kode], codes, mine is None))
    return rows


def _require_admin(user: Any, instansi: Instansi) -> None:
    if not getattr(user, "is_authenticated", False) or not scope_for(user).can_admin(instansi.pk):
        raise deny(_("Hanya admin BKPSDM instansi ini yang dapat mengubah pemetaan SIASN."))


def siasn_mapping_save(
    *, instansi: Instansi, codes: Mapping[str, Codes], acting_user: Any
) -> list[MappingRow]:
    """Save the instansi's codes per form kode (a form left at its default keeps no row).
    All or nothing; every error is named by its field ``<kode>-<column>``."""
    _require_admin(acting_user, instansi)
    known = {row.form_kode: row for row in mapping_rows(instansi)}
    errors: dict[str, str] = {}
    cleaned: dict[str, Codes] = {}
    for kode, value in codes.items():
        if kode not in known:
            errors[f"{kode}-jenis_diklat_id"] = _("Bentuk pengembangan %(kode)s tidak dikenal.") % {
                "kode": kode
            }
            continue
        diklat = (value.jenis_diklat_id or "").strip()
        kursus = (value.jenis_kursus or "").strip()
        kind = (value.jenis_kursus_sertipikat or "").strip()
        if not diklat:
            errors[f"{kode}-jenis_diklat_id"] = _("Jenis diklat SIASN wajib diisi.")
        elif len(diklat) > CODE_MAX:
            errors[f"{kode}-jenis_diklat_id"] = _("Paling banyak %(n)d karakter.") % {"n": CODE_MAX}
        if len(kursus) > NAME_MAX:
            errors[f"{kode}-jenis_kursus"] = _("Paling banyak %(n)d karakter.") % {"n": NAME_MAX}
        if len(kind) > CODE_MAX:
            errors[f"{kode}-jenis_kursus_sertipikat"] = _("Paling banyak %(n)d karakter.") % {
                "n": CODE_MAX
            }
        cleaned[kode] = Codes(diklat, kursus, kind)
    if errors:
        raise ServiceError(errors)
    changes: dict[str, list[Any]] = {}
    with transaction.atomic():
        for kode, value in cleaned.items():
            before = known[kode].codes
            if value == before:
                continue
            changes[kode] = [
                [before.jenis_diklat_id, before.jenis_kursus, before.jenis_kursus_sertipikat],
                [value.jenis_diklat_id, value.jenis_kursus, value.jenis_kursus_sertipikat],
            ]
            if value == DEFAULT_MAPPING.get(kode, FALLBACK):
                SiasnCourseMapping.objects.filter(instansi=instansi, form_kode=kode).delete()
            else:
                SiasnCourseMapping.objects.update_or_create(
                    instansi=instansi,
                    form_kode=kode,
                    defaults={
                        "jenis_diklat_id": value.jenis_diklat_id,
                        "jenis_kursus": value.jenis_kursus,
                        "jenis_kursus_sertipikat": value.jenis_kursus_sertipikat,
                    },
                )
        if changes:
            audit_event(
                actor=acting_user,
                action="recognition.siasn_mapping.save",
                target=instansi,
                instansi=instansi,
                before={k: v[0] for k, v in changes.items()},
                after={k: v[1] for k, v in changes.items()},
            )
    return mapping_rows(instansi)


def recognition_setting(instansi: Instansi) -> RecognitionSetting:
    """The instansi's settings (unsaved defaults when it has none)."""
    found = RecognitionSetting.objects.filter(instansi=instansi).first()
    return found or RecognitionSetting(instansi=instansi)


def recognition_setting_save(
    *,
    instansi: Instansi,
    siasn_instansi_id: str,
    siasn_lokasi_id: str,
    leaderboard_public: bool,
    acting_user: Any,
) -> RecognitionSetting:
    """Save the instansi's SIASN ids and whether its unit leaderboard is public."""
    if not getattr(acting_user, "is_authenticated", False) or not scope_for(acting_user).can_admin(
        instansi.pk
    ):
        raise deny(_("Hanya admin BKPSDM instansi ini yang dapat mengubah pengaturan ini."))
    values = {
        "siasn_instansi_id": (siasn_instansi_id or "").strip(),
        "siasn_lokasi_id": (siasn_lokasi_id or "").strip(),
        "leaderboard_public": bool(leaderboard_public),
    }
    errors = {
        name: _("Paling banyak 64 karakter.")
        for name in ("siasn_instansi_id", "siasn_lokasi_id")
        if len(str(values[name])) > 64
    }
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        setting = RecognitionSetting.objects.select_for_update().filter(instansi=instansi).first()
        before = (
            {name: getattr(setting, name) for name in values}
            if setting
            else dict.fromkeys(values, None)
        )
        setting, _created = RecognitionSetting.objects.update_or_create(
            instansi=instansi, defaults=values
        )
        audit_event(
            actor=acting_user,
            action="recognition.setting.save",
            target=setting,
            instansi=instansi,
            before=before,
            after=values,
        )
    return setting


# --- the rows ---------------------------------------------------------------------------------


def _jam(jp: Decimal) -> int:
    """SIASN's ``jumlahJam`` is a whole number: JP rounded half up (12.5 JP -> 13)."""
    return int(Decimal(jp).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _day(value: date) -> str:
    return value.strftime(DATE_FORMAT)


def _key_id(source_key: str, prefix: str) -> int | None:
    head, _sep, tail = source_key.partition(":")
    return int(tail) if head == prefix and tail.isdigit() else None


def training_rows(instansi: Instansi, year: int) -> list[dict[str, Any]]:
    """One dict per completion of ``year`` with the keys :data:`COLUMNS`, by date then NIP.
    A fixed number of queries whatever the number of lines."""
    setting = recognition_setting(instansi)
    mapping = mapping_for(instansi)
    credits = list(
        JpCredit.objects.filter(employee__instansi=instansi, year=year)
        .exclude(source=JpSource.MANUAL)
        .exclude(certificate__status=CertificateStatus.REVOKED)
        .select_related("employee", "form", "certificate")
        .order_by("date", "employee__nip", "pk")
    )
    batch_ids = {
        key
        for c in credits
        if c.source == JpSource.BATCH and (key := _key_id(c.source_key, "batch")) is not None
    }
    partners = dict(
        Batch.objects.filter(pk__in=batch_ids, partner__isnull=False).values_list(
            "pk", "partner__name"
        )
    )
    claims = {
        claim.credit_id: claim
        for claim in ExternalLearningClaim.objects.filter(
            credit__in=[c.pk for c in credits if c.source == JpSource.EXTERNAL_CLAIM]
        ).select_related("form")
    }
    rows = []
    for credit in credits:
        certificate = getattr(credit, "certificate", None)
        claim = claims.get(credit.pk)
        form = credit.form or (claim.form if claim else None)
        codes = mapping.get(form.kode, FALLBACK) if form else FALLBACK
        if claim is not None:
            name, organiser = claim.title, claim.organiser
            start, end = claim.start_date, claim.end_date
        elif certificate is not None:
            name, start, end = certificate.program, certificate.start_date, certificate.end_date
            organiser = instansi.nama
        else:
            name, start, end, organiser = credit.activity, credit.date, credit.date, instansi.nama
        batch_id = _key_id(credit.source_key, "batch") if credit.source == JpSource.BATCH else None
        if batch_id in partners:
            organiser = partners[batch_id]
        rows.append(
            {
                "pnsOrangId": "",
                "nipBaru": credit.employee.nip,
                "instansiId": setting.siasn_instansi_id,
                "jenisDiklatId": codes.jenis_diklat_id,
                "jenisKursus": codes.jenis_kursus,
                "jenisKursusSertipikat": codes.jenis_kursus_sertipikat,
                "namaKursus": name,
                "institusiPenyelenggara": organiser,
                "jumlahJam": _jam(credit.jp),
                "lokasiId": setting.siasn_lokasi_id,
                "tahunKursus": credit.year,
                "tanggalKursus": _day(start),
                "tanggalSelesaiKursus": _day(end),
                "nomorSertipikat": certificate.number if certificate is not None else "",
            }
        )
    return rows


# --- the files --------------------------------------------------------------------------------

FORMATS = ("csv", "xlsx")


def training_csv(rows: Iterable[Mapping[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark (Excel reads it as UTF-8), comma-separated; every cell
    through ``safe_cell`` so that a course name cannot run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(row[column]) for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def training_xlsx(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """One sheet ``riwayat_kursus``: the header row of :data:`COLUMNS`, then a row each.
    Codes and dates are text cells, as SIASN reads them."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "riwayat_kursus"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[column] for column in COLUMNS])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    neutralise_formulas(workbook).save(buffer)
    return buffer.getvalue()


def training_file(rows: Sequence[Mapping[str, Any]], file_format: str) -> bytes:
    if file_format == "xlsx":
        return training_xlsx(rows)
    if file_format == "csv":
        return training_csv(rows)
    raise ValueError(file_format)
