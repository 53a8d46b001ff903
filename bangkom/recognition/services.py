"""Writes of recognition: issuer keys, certificates and their revocation, bulk issue jobs.

Each service is keyword-only and atomic and writes its audit row in the same transaction.
``certificate_issue`` is the one entry point for issuing: pages, commands, the bulk job and
(later) batch completion call it with the JP ledger line that records the completed activity.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny
from bangkom.core.audit import audit_event, snapshot
from bangkom.core.errors import ServiceError
from bangkom.core.jobs import enqueue_on_commit
from bangkom.delivery.models import JpCredit, JpSource
from bangkom.organisation.models import Instansi
from bangkom.recognition import addresses, keystore
from bangkom.recognition.credentials import achievement as ach
from bangkom.recognition.credentials import integrity, keys
from bangkom.recognition.credentials.loader import VC_V2
from bangkom.recognition.credentials.statuslist import MIN_ENTRIES
from bangkom.recognition.credentials.statuslist import StatusList as Bitstring
from bangkom.recognition.models import (
    Certificate,
    CertificateIssueJob,
    CertificateSequence,
    CertificateStatus,
    IssuerKey,
    JobStatus,
    StatusList,
    certificate_number,
)

# Crockford's base32: no I, L, O or U, so a typed code is not misread. 10 characters = 50 bits.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
# Completed activities the instansi certifies. External learning has its organiser's own
# certificate, and a manual adjustment is no activity.
CERTIFIABLE_SOURCES = frozenset(JpSource.values) - {JpSource.EXTERNAL_CLAIM, JpSource.MANUAL}
CERTIFICATE_FIELDS = ("number", "employee", "program", "jp", "start_date", "end_date", "status")


@dataclass(frozen=True)
class Signatory:
    """Who signs the certificates (printed on the PDF), e.g. the head of the BKPSDM."""

    name: str
    title: str


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """A typed code as stored: upper case, without spaces or dashes, O→0 and I/L→1 (Crockford)."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t")
    return cleaned.translate(str.maketrans("OIL", "011"))


def _is_user(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def _require_admin(user: Any, instansi_id: int) -> None:
    """Writes for an instansi: its BKPSDM admins (and superadmins); ``None`` is the system."""
    if user is None:
        return
    if not _is_user(user) or not scope_for(user).can_admin(instansi_id):
        raise deny()


# --- keys -------------------------------------------------------------------------------------


def _key_create(instansi: Instansi) -> IssuerKey:
    private = keys.generate_private_key()
    multikey = keys.public_key_multibase(private.public_key())
    return IssuerKey.objects.create(
        instansi=instansi,
        public_multikey=multikey,
        private_key_encrypted=keystore.encrypt_private_key(private, multikey),
    )


def issuer_key_current(*, instansi: Instansi) -> IssuerKey:
    """The instansi's signing key, made on first use (race-free: one current key per instansi)."""
    key = IssuerKey.objects.filter(instansi=instansi, retired_at__isnull=True).first()
    if key is not None:
        return key
    try:
        with transaction.atomic():
            key = _key_create(instansi)
            audit_event(
                actor=None,
                action="recognition.key.create",
                target=key,
                instansi=instansi,
                after=snapshot(key, ["public_multikey"]),
            )
            return key
    except IntegrityError:
        return IssuerKey.objects.get(instansi=instansi, retired_at__isnull=True)


def issuer_key_rotate(*, instansi: Instansi, acting_user: Any) -> IssuerKey:
    """Retire the current key and make a new one. The retired key stays published on the issuer
    profile, so credentials it signed keep verifying; new ones are signed with the new key."""
    _require_admin(acting_user, instansi.pk)
    with transaction.atomic():
        Instansi.objects.select_for_update().get(pk=instansi.pk)
        old = list(
            IssuerKey.objects.select_for_update().filter(instansi=instansi, retired_at__isnull=True)
        )
        now = timezone.now()
        IssuerKey.objects.filter(pk__in=[k.pk for k in old]).update(retired_at=now)
        key = _key_create(instansi)
        audit_event(
            actor=acting_user,
            action="recognition.key.rotate",
            target=key,
            instansi=instansi,
            before={"public_multikey": old[0].public_multikey if old else None},
            after={"public_multikey": key.public_multikey},
        )
    return key


def _signing_key(key: IssuerKey) -> Any:
    return keystore.decrypt_private_key(key.private_key_encrypted, key.public_multikey)


def _verification_method(kode: str, key: IssuerKey) -> str:
    return f"{addresses.issuer_url(kode)}#{key.public_multikey}"


# --- status lists -----------------------------------------------------------------------------


def _status_list_credential(
    instansi: Instansi, year: int, encoded: str, key: IssuerKey, now: datetime
) -> str:
    url = addresses.status_list_url(instansi.kode, year)
    document = {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": addresses.issuer_url(instansi.kode),
        "validFrom": ach.format_datetime(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded,
        },
    }
    signed = integrity.sign(
        document,
        _signing_key(key),
        verification_method=_verification_method(instansi.kode, key),
        created=now,
    )
    return json.dumps(signed, ensure_ascii=False)


def _status_list_for_update(instansi: Instansi, year: int, key: IssuerKey) -> StatusList:
    """The (instansi, year) status list, locked; made empty on first use. Callers hold the
    year's sequence lock or the list's own row lock, so two never create it at once."""
    row = StatusList.objects.select_for_update().filter(instansi=instansi, year=year).first()
    if row is not None:
        return row
    now = timezone.now()
    encoded = Bitstring().encode()
    return StatusList.objects.create(
        instansi=instansi,
        year=year,
        encoded_list=encoded,
        credential_json=_status_list_credential(instansi, year, encoded, key, now),
        updated_at=now,
    )


def _status_list_write(row: StatusList, bits: Bitstring, key: IssuerKey) -> None:
    now = timezone.now()
    row.encoded_list = bits.encode()
    row.credential_json = _status_list_credential(
        row.instansi, row.year, row.encoded_list, key, now
    )
    row.updated_at = now
    row.save(update_fields=["encoded_list", "credential_json", "updated_at"])


def _status_list_room(row: StatusList, index: int, key: IssuerKey) -> None:
    """Grow the list when a year's certificates outnumber its 131,072 entries."""
    bits = Bitstring.decode(row.encoded_list)
    if index < len(bits):
        return
    grown = Bitstring(size=max(index + 1, len(bits) + MIN_ENTRIES))
    grown.bits[: len(bits.bits)] = bits.bits
    _status_list_write(row, grown, key)


# --- certificates -----------------------------------------------------------------------------


def _next_sequence(instansi: Instansi, year: int) -> int:
    """The next number of the (instansi, year) sequence, holding its row lock until the caller's
    transaction ends: numbers are handed out one at a time, and a rollback gives one back."""
    counter = (
        CertificateSequence.objects.select_for_update().filter(instansi=instansi, year=year).first()
    )
    if counter is None:
        try:
            with transaction.atomic():
                CertificateSequence.objects.create(instansi=instansi, year=year)
        except IntegrityError:
            pass  # made by a concurrent issue, which committed: lock that one
        counter = CertificateSequence.objects.select_for_update().get(instansi=instansi, year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


def _local_datetime(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _jp_number(value: Any) -> float | int:
    number = float(value)
    return int(number) if number.is_integer() else number


def _build_credential(certificate: Certificate, key: IssuerKey) -> str:
    instansi = certificate.instansi
    kode = instansi.kode
    issuer_id = addresses.issuer_url(kode)
    status_url = addresses.status_list_url(kode, certificate.year)
    jp = _jp_number(certificate.jp)
    with override("id"):  # a credential reads the same whatever the page's language
        description = _(
            "%(program)s, %(jp)s JP, %(start)s s.d. %(end)s, diselenggarakan %(issuer)s."
        ) % {
            "program": certificate.program,
            "jp": jp,
            "start": certificate.start_date.isoformat(),
            "end": certificate.end_date.isoformat(),
            "issuer": instansi.nama,
        }
        criteria = _("Menyelesaikan kegiatan pengembangan kompetensi ini.")
        title = _("Sertifikat nomor %(number)s") % {"number": certificate.number}
    achievement_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer_id}kegiatan/{certificate.program}")
    document = ach.build_achievement_credential(
        credential_id=f"urn:uuid:{certificate.credential_uuid}",
        issuer=ach.IssuerProfile(id=issuer_id, name=instansi.nama, url=addresses.absolute("/")),
        subject=ach.Subject(
            name=certificate.recipient_name,
            identity=ach.HashedIdentity(value=certificate.recipient_nip, salt=ach.new_salt()),
        ),
        achievement=ach.Achievement(
            id=f"urn:uuid:{achievement_id}",
            name=certificate.program,
            description=description,
            criteria_narrative=criteria,
            jp=jp,
            in_language="id",
        ),
        valid_from=certificate.issued_at,
        status=ach.StatusEntry(
            id=f"{status_url}#{certificate.status_list_index}",
            index=certificate.status_list_index,
            list_credential=status_url,
        ),
    )
    document["description"] = title
    subject = document["credentialSubject"]
    subject["activityStartDate"] = ach.format_datetime(_local_datetime(certificate.start_date))
    subject["activityEndDate"] = ach.format_datetime(_local_datetime(certificate.end_date))
    subject["creditsEarned"] = jp
    signed = integrity.sign(
        document,
        _signing_key(key),
        verification_method=_verification_method(kode, key),
        created=certificate.issued_at,
    )
    return json.dumps(signed, ensure_ascii=False)


def certificate_issue(
    *,
    credit: JpCredit,
    signatory: Signatory,
    acting_user: Any,
    program: str | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
) -> Certificate:
    """Issue the certificate of a completed activity (one JP ledger line) with its signed Open
    Badges 3.0 credential. Idempotent: a line that has a certificate returns it unchanged.

    Numbered per instansi and year of completion (the line's year). The activity's dates default
    to the line's date; batch completion passes the batch's. ``acting_user`` None is the system
    (a background job, batch completion); a user must be an admin of the ASN's instansi."""
    employee = credit.employee
    instansi = employee.instansi
    _require_admin(acting_user, instansi.pk)
    existing = Certificate.objects.filter(source=credit).first()
    if existing is not None:
        return existing
    errors: dict[str, str] = {}
    if credit.source not in CERTIFIABLE_SOURCES:
        errors["credit"] = _("Rekam JP dari sumber ini tidak diberi sertifikat oleh instansi.")
    signatory_name = (signatory.name or "").strip()
    signatory_title = (signatory.title or "").strip()
    if not signatory_name:
        errors["signatory_name"] = _("Nama penanda tangan wajib diisi.")
    if not signatory_title:
        errors["signatory_title"] = _("Jabatan penanda tangan wajib diisi.")
    start = start_date or credit.date
    end = end_date or credit.date
    if end < start:
        errors["end_date"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if errors:
        raise ServiceError(errors)
    key = issuer_key_current(instansi=instansi)
    year = credit.year
    for _attempt in range(5):
        try:
            with transaction.atomic():
                sequence = _next_sequence(instansi, year)
                # Checked again under the year's lock: a concurrent issue of the same line
                # has committed by now, and this one gives its number back by rolling back.
                existing = Certificate.objects.filter(source=credit).first()
                if existing is not None:
                    transaction.set_rollback(True)
                    return existing
                status_list = _status_list_for_update(instansi, year, key)
                index = sequence - 1
                _status_list_room(status_list, index, key)
                certificate = Certificate(
                    instansi=instansi,
                    year=year,
                    sequence=sequence,
                    number=certificate_number(instansi.kode, year, sequence),
                    code=new_code(),
                    source=credit,
                    employee=employee,
                    recipient_name=employee.display_name[:255],
                    recipient_nip=employee.nip,
                    program=(program or credit.activity).strip()[:255],
                    jp=credit.jp,
                    start_date=start,
                    end_date=end,
                    signatory_name=signatory_name[:150],
                    signatory_title=signatory_title[:200],
                    issued_at=timezone.now().replace(microsecond=0),
                    issued_by=acting_user if _is_user(acting_user) else None,
                    status_list_index=index,
                    issuer_key=key,
                )
                certificate.credential_json = _build_credential(certificate, key)
                certificate.save(force_insert=True)
                audit_event(
                    actor=acting_user,
                    action="recognition.certificate.issue",
                    target=certificate,
                    instansi=instansi,
                    after=snapshot(certificate, CERTIFICATE_FIELDS),
                )
                return certificate
        except IntegrityError:
            # A verification code drawn twice (1 in 2^50), or the same line issued at once
            # by another transaction: look again.
            existing = Certificate.objects.filter(source=credit).first()
            if existing is not None:
                return existing
    raise ServiceError(_("Sertifikat tidak dapat diterbitkan saat ini; coba lagi."))


def certificate_revoke(*, certificate: Certificate, reason: str, acting_user: Any) -> Certificate:
    """Revoke a certificate (BKPSDM admins of its instansi, with a reason): the public page says
    so, and the status list bit is set so that its credential no longer verifies."""
    if not _is_user(acting_user) or not scope_for(acting_user).can_admin(certificate.instansi_id):
        raise deny(_("Hanya admin BKPSDM instansi penerbit yang dapat mencabut sertifikat."))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError({"reason": _("Alasan pencabutan wajib diisi.")})
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update()
            .select_related("instansi")
            .get(pk=certificate.pk)
        )
        if locked.is_revoked:
            raise ServiceError(_("Sertifikat ini sudah dicabut."))
        before = snapshot(locked, ["status", "revoked_reason"])
        key = issuer_key_current(instansi=locked.instansi)
        row = _status_list_for_update(locked.instansi, locked.year, key)
        bits = Bitstring.decode(row.encoded_list)
        bits.set(locked.status_list_index)
        _status_list_write(row, bits, key)
        locked.status = CertificateStatus.REVOKED
        locked.revoked_reason = reason[:2000]
        locked.revoked_at = timezone.now()
        locked.revoked_by = acting_user
        locked.save(update_fields=["status", "revoked_reason", "revoked_at", "revoked_by"])
        audit_event(
            actor=acting_user,
            action="recognition.certificate.revoke",
            target=locked,
            instansi=locked.instansi,
            before=before,
            after=snapshot(locked, ["status", "revoked_reason"]),
            note=reason[:500],
        )
    return locked


# --- bulk issue -------------------------------------------------------------------------------


def certificate_job_start(
    *,
    instansi: Instansi,
    credits: list[JpCredit],
    signatory: Signatory,
    acting_user: Any,
    label: str = "",
) -> CertificateIssueJob:
    """Queue the bulk issue of certificates for ``credits`` (all of ``instansi``'s ASN)."""
    _require_admin(acting_user, instansi.pk)
    errors: dict[str, str] = {}
    if not (signatory.name or "").strip():
        errors["signatory_name"] = _("Nama penanda tangan wajib diisi.")
    if not (signatory.title or "").strip():
        errors["signatory_title"] = _("Jabatan penanda tangan wajib diisi.")
    if not credits:
        errors["credits"] = _("Tidak ada rekam JP yang dipilih.")
    if any(c.employee.instansi_id != instansi.pk for c in credits):
        errors["credits"] = _("Rekam JP yang dipilih bukan milik instansi ini.")
    if errors:
        raise ServiceError(errors)
    from bangkom.recognition.tasks import certificate_job_execute

    with transaction.atomic():
        job = CertificateIssueJob.objects.create(
            instansi=instansi,
            credit_ids=sorted({c.pk for c in credits}),
            signatory_name=signatory.name.strip()[:150],
            signatory_title=signatory.title.strip()[:200],
            label=label[:255],
            total=len({c.pk for c in credits}),
            created_by=acting_user if _is_user(acting_user) else None,
        )
        audit_event(
            actor=acting_user,
            action="recognition.certificate.bulk_start",
            target=job,
            instansi=instansi,
            after={"total": job.total, "label": job.label},
        )
        enqueue_on_commit(job, certificate_job_execute, job.pk)
    return job


def certificate_job_run(job_id: int) -> CertificateIssueJob:
    """Run a bulk issue job: issue each line's certificate, recording progress as it goes.
    Re-running (a retried task) skips what is done: ``certificate_issue`` is idempotent."""
    job = CertificateIssueJob.objects.select_related("instansi").get(pk=job_id)
    if job.status == JobStatus.DONE:
        return job
    CertificateIssueJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), processed=0, issued=0, skipped=0
    )
    signatory = Signatory(name=job.signatory_name, title=job.signatory_title)
    credits = JpCredit.objects.select_related("employee__instansi").filter(
        pk__in=job.credit_ids, employee__instansi=job.instansi
    )
    processed = issued = skipped = 0
    try:
        for credit in credits.order_by("date", "employee__nama", "pk"):
            had = Certificate.objects.filter(source=credit).exists()
            certificate_issue(credit=credit, signatory=signatory, acting_user=None)
            processed += 1
            issued += 0 if had else 1
            skipped += 1 if had else 0
            CertificateIssueJob.objects.filter(pk=job.pk).update(
                processed=processed, issued=issued, skipped=skipped
            )
    except Exception as error:
        CertificateIssueJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    CertificateIssueJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        processed=job.total,
        skipped=skipped + (job.total - processed),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job
