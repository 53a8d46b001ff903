"""SKM (survei kepuasan masyarakat, PermenPANRB 14/2017): public responses, imports of survey
files, and low U6/U7 as a signal for the unit's front-line positions."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.competencies.models import Competency, CompetencyKind, PositionStandard
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.core.imports.report import CellError, ImportRejected, ImportSummary
from bangkom.factors.models import FactorSource
from bangkom.factors.services import FactorSpec, factors_replace
from bangkom.lib.ikm import ELEMENTS
from bangkom.lib.skm_csv import SkmFileError, read_skm_csv
from bangkom.organisation.models import Instansi, Sex, Unit
from bangkom.regional.models import (
    SCORE_FIELDS,
    Education,
    Occupation,
    PublicForm,
    ResponseSource,
    ResponseStatus,
    SkmImport,
    SkmResponse,
    SkmUnitSettings,
)
from bangkom.regional.numbers import id_fixed, json_number
from bangkom.regional.periods import Period
from bangkom.regional.selectors import (
    SkmUnitResult,
    period_responses,
    settings_for,
    skm_unit_result,
)
from bangkom.regional.services import guard
from bangkom.regional.services.common import audit_public, national_competency
from bangkom.regional.services.rules import check_plan_year
from bangkom.regional.services.skm_moderation import (
    anomaly_flags,
    check_can_manage_unit,
    check_service_code,
    hold_earlier,
)

SOURCE = FactorSource.SKM.value
MIN_AGE, MAX_AGE = 10, 110
MAX_DAYS_BACK = 60
ELEMENT_NAMES = dict(ELEMENTS)


def form_key(unit: Unit) -> str:
    return f"{PublicForm.SKM}:{unit.pk}"


def skm_settings(unit: Unit) -> SkmUnitSettings:
    found = SkmUnitSettings.objects.filter(unit=unit).first()
    return found if found is not None else SkmUnitSettings(unit=unit)


def skm_settings_save(
    *,
    unit: Unit,
    is_open: bool,
    populasi_tahunan: int | None,
    jenis_layanan: str,
    acting_user: Any,
    wajib_kode: bool | None = None,
) -> SkmUnitSettings:
    """Save a unit's SKM settings; ``wajib_kode`` ``None`` keeps whether a kode layanan is
    required."""
    if populasi_tahunan is not None and populasi_tahunan < 1:
        raise ServiceError({"populasi_tahunan": _("Jumlah pengguna layanan harus lebih dari 0.")})
    services = "\n".join(
        " ".join(line.split())[:200] for line in jenis_layanan.splitlines() if line.strip()
    )
    with transaction.atomic():
        settings, created = SkmUnitSettings.objects.select_for_update().get_or_create(unit=unit)
        before = {} if created else snapshot(settings)
        settings.is_open = is_open
        settings.populasi_tahunan = populasi_tahunan
        settings.jenis_layanan = services
        if wajib_kode is not None:
            settings.wajib_kode = wajib_kode
        settings.save()
        after = snapshot(settings)
        if before != after:
            audit_event(
                actor=acting_user,
                action="skm_settings.save",
                target=settings,
                instansi=unit.instansi,
                before=before,
                after=after,
            )
    return settings


# ----------------------------------------------------------------------------- public responses


@dataclass(frozen=True)
class SkmAnswers:
    scores: Sequence[int]
    tanggal: date
    umur: int
    jenis_kelamin: str
    pendidikan: str
    pekerjaan: str
    jenis_layanan: str
    pekerjaan_lainnya: str = ""
    saran: str = ""
    kode_layanan: str = ""


def _clean(answers: SkmAnswers, today: date) -> dict[str, Any]:
    errors: dict[str, str] = {}
    scores = list(answers.scores)
    if len(scores) != len(SCORE_FIELDS):
        errors["scores"] = _("Jawab kesembilan pertanyaan U1 sampai U9.")
    for (code, name), score in zip(ELEMENTS, scores, strict=False):
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 4:
            errors[code.lower()] = _("Jawaban %(code)s %(name)s harus 1 sampai 4.") % {
                "code": code,
                "name": name,
            }
    if not isinstance(answers.umur, int) or not MIN_AGE <= answers.umur <= MAX_AGE:
        errors["umur"] = _("Umur %(min)d sampai %(max)d tahun.") % {"min": MIN_AGE, "max": MAX_AGE}
    if answers.jenis_kelamin not in Sex.values:
        errors["jenis_kelamin"] = _("Pilih jenis kelamin.")
    if answers.pendidikan not in Education.values:
        errors["pendidikan"] = _("Pilih pendidikan terakhir.")
    if answers.pekerjaan not in Occupation.values:
        errors["pekerjaan"] = _("Pilih pekerjaan.")
    service = " ".join(answers.jenis_layanan.split())
    if not service or len(service) > 200:
        errors["jenis_layanan"] = _(
            "Tulis jenis layanan yang Anda terima (paling banyak 200 huruf)."
        )
    if answers.tanggal > today:
        errors["tanggal"] = _("Tanggal layanan tidak boleh di masa depan.")
    elif answers.tanggal < today - timedelta(days=MAX_DAYS_BACK):
        errors["tanggal"] = _("Tanggal layanan paling lama %d hari yang lalu.") % MAX_DAYS_BACK
    if len(answers.saran) > 2000:
        errors["saran"] = _("Saran paling banyak 2000 huruf.")
    if errors:
        raise ServiceError(errors)
    return {
        **dict(zip(SCORE_FIELDS, scores, strict=True)),
        "tanggal": answers.tanggal,
        "periode_awal": answers.tanggal,
        "periode_akhir": answers.tanggal,
        "umur": answers.umur,
        "jenis_kelamin": answers.jenis_kelamin,
        "pendidikan": answers.pendidikan,
        "pekerjaan": answers.pekerjaan,
        "pekerjaan_lainnya": " ".join(answers.pekerjaan_lainnya.split())[:100]
        if answers.pekerjaan == Occupation.LAINNYA
        else "",
        "jenis_layanan": service,
        "saran": answers.saran.strip(),
    }


def skm_submit(
    *,
    unit: Unit,
    answers: SkmAnswers,
    address: str,
    token: str,
    answer: str,
    honeypot: str,
    now: datetime | None = None,
) -> SkmResponse:
    """Receive one public SKM response for ``unit``.

    Raises :class:`ServiceError` for answers outside the questionnaire or a missing/wrong kode
    layanan, and :class:`guard.PublicRefused` for spam checks, rate limits and a second identical
    response from the same address within the hour; nothing is saved then, and the refusal
    counts as an attempt of the address. An answer that trips an anomaly check is saved held
    (``ResponseStatus.HELD``): it counts only once a moderator approves it.
    """
    moment = now or timezone.now()
    ip_hash = guard.address_hash(address)
    target = str(unit.pk)
    with guard.counted_attempt(form=PublicForm.SKM, target=target, ip_hash=ip_hash, now=moment):
        guard.check_limits(form=PublicForm.SKM, target=target, ip_hash=ip_hash, now=moment)
        fields = _clean(answers, timezone.localdate(moment))
        nonce = guard.challenge_check(
            form_key=form_key(unit), token=token, answer=answer, honeypot=honeypot, now=moment
        )
        return _receive(
            unit=unit,
            fields=fields,
            code=answers.kode_layanan,
            nonce=nonce,
            ip_hash=ip_hash,
            moment=moment,
        )


def skm_count_invalid(*, unit: Unit, address: str, now: datetime | None = None) -> None:
    """Count a public post the form itself refused (missing answers) as an attempt."""
    guard.record_refusal(
        form=PublicForm.SKM, target=str(unit.pk), ip_hash=guard.address_hash(address), now=now
    )


def _receive(
    *,
    unit: Unit,
    fields: dict[str, Any],
    code: str,
    nonce: str,
    ip_hash: str,
    moment: datetime,
) -> SkmResponse:
    content_hash = hashlib.sha256(
        "\x1f".join([ip_hash, str(unit.pk), *(str(fields[k]) for k in sorted(fields))]).encode()
    ).hexdigest()
    try:
        with transaction.atomic():
            settings = SkmUnitSettings.objects.select_for_update().filter(unit=unit).first()
            if settings is None or not settings.is_open:
                raise guard.PublicRefused(
                    _("Survei unit layanan ini sedang ditutup."), code="closed"
                )
            if settings.wajib_kode:
                check_service_code(
                    unit=unit,
                    given=code,
                    service_day=fields["tanggal"],
                    today=timezone.localdate(moment),
                )
            guard.admit(
                form=PublicForm.SKM, target=str(unit.pk), ip_hash=ip_hash, nonce=nonce, now=moment
            )
            if SkmResponse.objects.filter(
                unit=unit, content_hash=content_hash, created_at__gte=moment - guard.WINDOW
            ).exists():
                raise guard.PublicRefused(
                    _(
                        "Jawaban yang sama persis sudah kami terima dari Anda dalam satu jam "
                        "terakhir. Terima kasih."
                    ),
                    code="duplicate",
                )
            flags, earlier = anomaly_flags(unit=unit, fields=fields, ip_hash=ip_hash, moment=moment)
            response = SkmResponse.objects.create(
                unit=unit,
                source=ResponseSource.PUBLIC,
                content_hash=content_hash,
                ip_hash=ip_hash,
                status=ResponseStatus.HELD if flags else ResponseStatus.COUNTED,
                flags=flags,
                created_at=moment,
                **fields,
            )
            held_too = hold_earlier(flag_of=earlier)
            audit_public(
                action="skm.submit",
                target=response,
                instansi=unit.instansi,
                after={
                    "unit": unit.pk,
                    "tanggal": fields["tanggal"].isoformat(),
                    **{name: fields[name] for name in SCORE_FIELDS},
                    "status": response.status,
                    "tanda": flags,
                    "ikut_ditahan": held_too,
                },
            )
    except IntegrityError:
        raise guard.PublicRefused(
            _("Formulir ini sudah terkirim. Muat ulang halaman untuk mengisi yang baru."),
            code="replay",
        ) from None
    return response


# ----------------------------------------------------------------------------- imports


def skm_import(
    *,
    unit: Unit,
    period: Period,
    data: bytes,
    filename: str,
    acting_user: Any,
    dry_run: bool = False,
) -> ImportSummary:
    """Import the answers of an SKM CSV file (columns U1…U9, as ``bangkom skm-report`` reads)
    into ``unit`` for ``period``. All or nothing; the same file twice into the same unit and
    period is refused."""
    check_can_manage_unit(acting_user, unit)
    try:
        rows = read_skm_csv(io.BytesIO(data))
    except SkmFileError as err:
        raise ImportRejected([CellError(None, "", "", message) for message in err.errors]) from err
    if not rows:
        raise ImportRejected([CellError(None, "", "", _("Berkas tidak berisi respons."))])
    complete = sum(1 for row in rows if all(score is not None for score in row))
    if complete == 0:
        raise ImportRejected(
            [CellError(None, "", "", _("Tidak ada respons yang mengisi U1 sampai U9 lengkap."))]
        )
    file_hash = hashlib.sha256(data).hexdigest()
    earlier = SkmImport.objects.filter(unit=unit, periode=period.key, file_hash=file_hash).first()
    if earlier is not None:
        raise ImportRejected(
            [
                CellError(
                    None,
                    "",
                    "",
                    _("Berkas yang sama sudah diimpor ke %(unit)s untuk %(period)s pada %(when)s.")
                    % {
                        "unit": unit.nama,
                        "period": period.label,
                        "when": timezone.localtime(earlier.created_at).strftime("%d-%m-%Y %H:%M"),
                    },
                )
            ]
        )
    summary = ImportSummary(
        dry_run=dry_run,
        rows=len(rows),
        counts={"complete": complete, "incomplete": len(rows) - complete},
        labels={
            "complete": _("Respons lengkap"),
            "incomplete": _("Respons tidak lengkap (tidak dihitung)"),
        },
    )
    if dry_run:
        return summary
    with transaction.atomic():
        batch = SkmImport.objects.create(
            unit=unit,
            periode=period.key,
            filename=filename[:255],
            file_hash=file_hash,
            rows=len(rows),
            actor_label=acting_user.get_username() if acting_user is not None else "sistem",
        )
        SkmResponse.objects.bulk_create(
            [
                SkmResponse(
                    unit=unit,
                    periode_awal=period.start,
                    periode_akhir=period.end,
                    source=ResponseSource.IMPORT,
                    import_batch=batch,
                    **dict(zip(SCORE_FIELDS, row, strict=True)),
                )
                for row in rows
            ],
            batch_size=500,
        )
        audit_event(
            actor=acting_user,
            action="skm.import",
            target=batch,
            instansi=unit.instansi,
            after={"unit": unit.pk, "periode": period.key, "berkas": filename, "baris": len(rows)},
        )
    return summary


def skm_import_delete(*, batch: SkmImport, acting_user: Any) -> None:
    check_can_manage_unit(acting_user, batch.unit)
    with transaction.atomic():
        audit_event(
            actor=acting_user,
            action="skm.import_delete",
            target=batch,
            instansi=batch.unit.instansi,
            before={"unit": batch.unit_id, "periode": batch.periode, "baris": batch.rows},
        )
        batch.delete()


# ----------------------------------------------------------------------------- signal


@dataclass
class SkmSignalOutcome:
    result: SkmUnitResult
    factor_count: int = 0
    title: str = ""
    competencies: list[str] = field(default_factory=list)


def units_with_responses(instansi: Instansi, period: Period) -> list[Unit]:
    ids = (
        period_responses(period)
        .filter(unit__instansi=instansi)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    return list(
        Unit.objects.filter(pk__in=list(ids))
        .select_related("instansi", "skm_settings")
        .order_by("path")
    )


def frontline_technical(unit: Unit, classes: Sequence[str]) -> list[Competency]:
    """Technical competencies the standards of the unit's front-line positions require."""
    ids = (
        PositionStandard.objects.filter(
            position__unit__path__startswith=unit.path,
            position__kelas__in=list(classes),
            competency__jenis=CompetencyKind.TEKNIS,
        )
        .values_list("competency_id", flat=True)
        .distinct()
    )
    return list(Competency.objects.filter(pk__in=list(ids)).order_by("kode"))


def skm_signal_apply(
    *, unit: Unit, period: Period, tahun: int, acting_user: Any
) -> SkmSignalOutcome:
    """Turn low U6/U7 of ``unit`` in ``period`` into weight factors for plan year ``tahun``.

    - U7 (perilaku pelaksana) below the threshold: M.1 Integritas and M.5 Pelayanan Publik;
    - U6 (kompetensi pelaksana) below the threshold: M.5 and the technical competencies the
      standards of the unit's front-line positions require (staff who serve poorly for lack of
      competence need their job's technical skills, not only service manners);

    each for the unit's front-line positions (the position classes of the instansi's settings).
    When neither is low (or there are no complete responses) the unit's factors for this period
    are removed.
    """
    check_plan_year(tahun)
    settings = settings_for(unit.instansi_id)
    result = skm_unit_result(unit, period)
    outcome = SkmSignalOutcome(result=result)
    low = result.low
    reasons: dict[int, tuple[Competency, list[str]]] = {}

    def add(competency: Competency, code: str) -> None:
        reasons.setdefault(competency.pk, (competency, []))[1].append(code)

    if "U7" in low:
        add(national_competency("M.1"), "U7")
        add(national_competency("M.5"), "U7")
    if "U6" in low:
        add(national_competency("M.5"), "U6")
        for competency in frontline_technical(unit, settings.skm_frontline_classes):
            add(competency, "U6")
    specs: list[FactorSpec] = []
    if low and result.result is not None:
        threshold_text = id_fixed(settings.skm_nrr_threshold, 2)
        parts = [
            f"{code} {ELEMENT_NAMES[code]} {id_fixed(value, 2)}"
            for code, value in sorted(low.items())
        ]
        outcome.title = _("SKM %(unit)s %(period)s: NRR %(parts)s (< %(threshold)s)") % {
            "unit": unit.nama,
            "period": period.label,
            "parts": "; ".join(parts),
            "threshold": threshold_text,
        }
        evidence_base = {
            "unit": unit.nama,
            "periode": period.key,
            "periode_label": period.label,
            "responden": result.result.responses,
            "nrr": {
                code: json_number(v, 2)
                for code, v in result.result.nrr_by_element().items()
                if code in ("U6", "U7")
            },
            "ambang_nrr": json_number(settings.skm_nrr_threshold, 2),
            "ikm_konversi": str(result.result.ikm_konversi),
            "mutu": result.result.mutu,
            "konvensi_bobot": result.convention.label,
        }
        if result.sample is not None:
            evidence_base["sampel"] = result.sample.message
            evidence_base["sampel_cukup"] = result.sample.enough
        for competency, codes in reasons.values():
            specs.append(
                FactorSpec(
                    competency=competency,
                    factor=settings.skm_factor,
                    title=outcome.title,
                    evidence={**evidence_base, "unsur_rendah": codes},
                    unit=unit,
                    position_classes=tuple(settings.skm_frontline_classes),
                )
            )
    elif result.result is None:
        outcome.title = _("SKM %(unit)s %(period)s: belum ada respons lengkap") % {
            "unit": unit.nama,
            "period": period.label,
        }
    else:
        outcome.title = _("SKM %(unit)s %(period)s: U6 dan U7 tidak di bawah %(threshold)s") % {
            "unit": unit.nama,
            "period": period.label,
            "threshold": id_fixed(settings.skm_nrr_threshold, 2),
        }
    with transaction.atomic():
        factors_replace(
            instansi=unit.instansi,
            tahun=tahun,
            source=SOURCE,
            source_key=f"skm:{unit.pk}:{period.key}",
            specs=specs,
            acting_user=acting_user,
        )
    outcome.factor_count = len(specs)
    outcome.competencies = [spec.competency.kode for spec in specs]
    return outcome
