"""Pages of the discussion notes (FGD): the note, its conclusions, their weight factors and
the attachments, served only through an access-checked view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.core.access import NOTHING, deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.paging import paginate
from bangkom.factors.models import WeightFactor
from bangkom.organisation.access import subtree_q
from bangkom.organisation.models import Instansi, Unit
from bangkom.surveys import access, discussions, services
from bangkom.surveys.forms import AttachmentForm, ConclusionForm, NoteForm
from bangkom.surveys.models import DiscussionNote
from bangkom.surveys.views import admin_instansi


def _note_units(user: Any, instansi_ids: set[int] | None = None) -> QuerySet[Unit]:
    scope = scope_for(user)
    q = Q(instansi_id__in=scope.admin_instansi_ids) if scope.admin_instansi_ids else NOTHING
    q |= subtree_q(scope.opd_paths())
    units = Unit.objects.filter(q)
    if instansi_ids is not None:
        units = units.filter(instansi_id__in=instansi_ids)
    return units.select_related("instansi").order_by("instansi__nama", "path")


def _note_data(data: dict[str, Any]) -> discussions.NoteData:
    return discussions.NoteData(
        judul=data["judul"],
        tahun=data["tahun"],
        tanggal=data["tanggal"],
        participant_count=data["participant_count"],
        participant_description=data["participant_description"],
        fasilitator=data["fasilitator"],
        ringkasan=data["ringkasan"],
        units=list(data["units"]),
        survey=data["survey"],
    )


def _note_instansi(user: Any, units: list[Unit]) -> Instansi | None:
    """The instansi a new note belongs to: the units', else the admin's only instansi."""
    scope = scope_for(user)
    instansi_ids = {u.instansi_id for u in units}
    if len(instansi_ids) > 1:
        return None
    if instansi_ids:
        return Instansi.objects.get(pk=instansi_ids.pop())
    admin = admin_instansi(user)
    return admin.first() if admin.count() == 1 and scope.is_admin else None


@login_required
def fgd_list(request: HttpRequest) -> HttpResponse:
    if not access.can_see_surveys(request.user):
        raise deny()
    notes = (
        access.notes_for_user(request.user)
        .annotate(conclusion_count=Count("conclusions", distinct=True))
        .prefetch_related("units")
        .order_by("-tanggal", "-id")
    )
    return render(
        request,
        "surveys/fgd_list.html",
        {**paginate(request, notes), "can_create": access.can_record_notes(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def fgd_create(request: HttpRequest) -> HttpResponse:
    if not access.can_record_notes(request.user):
        raise deny()
    scope = scope_for(request.user)
    form = NoteForm(
        request.POST or None,
        units=_note_units(request.user),
        surveys=access.surveys_for_user(request.user).order_by("-tahun", "judul"),
        units_required=not scope.is_admin,
        initial={"tanggal": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        units = list(form.cleaned_data["units"])
        instansi = _note_instansi(request.user, units)
        if instansi is None:
            form.add_error("units", _("Pilih unit kerja dari satu instansi."))
        else:
            try:
                note = discussions.note_save(
                    instansi=instansi, data=_note_data(form.cleaned_data), acting_user=request.user
                )
            except ServiceError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Catatan diskusi disimpan."))
                return redirect("surveys:fgd_detail", note.pk)
    return render(request, "surveys/fgd_form.html", {"form": form, "note": None})


@login_required
@require_http_methods(["GET", "POST"])
def fgd_edit(request: HttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk, for_write=True)
    scope = scope_for(request.user)
    form = NoteForm(
        request.POST or None,
        units=_note_units(request.user, {note.instansi_id}),
        surveys=access.surveys_for_user(request.user)
        .filter(instansi_id=note.instansi_id)
        .order_by("-tahun", "judul"),
        units_required=not scope.can_admin(note.instansi_id),
        initial={
            "judul": note.judul,
            "tanggal": note.tanggal,
            "tahun": note.tahun,
            "units": list(note.units.all()),
            "survey": note.survey,
            "participant_count": note.participant_count,
            "participant_description": note.participant_description,
            "fasilitator": note.fasilitator,
            "ringkasan": note.ringkasan,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            discussions.note_save(
                instansi=note.instansi,
                note=note,
                data=_note_data(form.cleaned_data),
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Catatan diskusi disimpan."))
            return redirect("surveys:fgd_detail", note.pk)
    return render(request, "surveys/fgd_form.html", {"form": form, "note": note})


def _fgd_detail_context(
    request: HttpRequest,
    note: DiscussionNote,
    conclusion_form: ConclusionForm | None = None,
    attachment_form: AttachmentForm | None = None,
) -> dict[str, Any]:
    can_write = access.can_write_note(request.user, note)
    can_apply = access.can_apply_note_factors(request.user, note)
    return {
        "note": note,
        "units": list(note.units.order_by("path")),
        "conclusions": list(note.conclusions.prefetch_related("competencies")),
        "attachments": list(note.attachments.all()),
        "factors": WeightFactor.objects.filter(
            instansi_id=note.instansi_id, tahun=note.tahun, source_key=f"fgd:{note.pk}"
        )
        .select_related("competency", "unit")
        .order_by("competency__kode", "unit__path")
        if can_apply
        else [],
        "can_write": can_write,
        "can_apply": can_apply,
        "conclusion_form": conclusion_form
        or ConclusionForm(competencies=services.usable_competencies(note.instansi)),
        "attachment_form": attachment_form or AttachmentForm(),
    }


@login_required
def fgd_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk)
    return render(request, "surveys/fgd_detail.html", _fgd_detail_context(request, note))


@login_required
@require_POST
def fgd_conclusion_add(request: HttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk, for_write=True)
    form = ConclusionForm(request.POST, competencies=services.usable_competencies(note.instansi))
    if form.is_valid():
        try:
            discussions.conclusion_add(
                note=note,
                teks=form.cleaned_data["teks"],
                competencies=form.cleaned_data["kompetensi"],
                factor=form.cleaned_data["factor"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Kesimpulan ditambahkan."))
            return redirect("surveys:fgd_detail", note.pk)
    return render(
        request,
        "surveys/fgd_detail.html",
        _fgd_detail_context(request, note, conclusion_form=form),
    )


@login_required
@require_POST
def fgd_conclusion_delete(request: HttpRequest, pk: int, conclusion_pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk, for_write=True)
    conclusion = get_visible_or_404(note.conclusions.all(), conclusion_pk)
    discussions.conclusion_delete(conclusion=conclusion, acting_user=request.user)
    messages.success(request, _("Kesimpulan dihapus."))
    return redirect("surveys:fgd_detail", note.pk)


@login_required
@require_POST
def fgd_apply_factors(request: HttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk)
    if not access.can_apply_note_factors(request.user, note):
        raise deny()
    try:
        factors = discussions.note_factors_apply(note=note, acting_user=request.user)
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Faktor bobot dari catatan diskusi ini diterapkan: %s faktor.") % len(factors),
        )
    return redirect("surveys:fgd_detail", note.pk)


@login_required
@require_POST
def fgd_attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk, for_write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            discussions.attachment_add(
                note=note, upload=form.cleaned_data["file"], acting_user=request.user
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Lampiran diunggah."))
            return redirect("surveys:fgd_detail", note.pk)
    return render(
        request,
        "surveys/fgd_detail.html",
        _fgd_detail_context(request, note, attachment_form=form),
    )


@login_required
def fgd_attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = access.get_attachment_for_user(request.user, pk, attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas tidak ditemukan.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=discussions.content_type_for(attachment.file.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def fgd_attachment_delete(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    note = access.get_note_for_user(request.user, pk, for_write=True)
    attachment = get_visible_or_404(note.attachments.all(), attachment_pk)
    discussions.attachment_delete(attachment=attachment, acting_user=request.user)
    messages.success(request, _("Lampiran dihapus."))
    return redirect("surveys:fgd_detail", note.pk)
