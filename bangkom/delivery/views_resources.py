"""Pages of partners (with their agreements), trainers, venues and the holiday calendar.

Readers: admins, leadership and OPD admins of the instansi; writers: its admins (404 outside the
instansi, 403 for readers who try to write)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.accounts.models import Role, User
from bangkom.competencies.models import Competency
from bangkom.core.access import get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.core.params import query_int
from bangkom.delivery import selectors
from bangkom.delivery.access import (
    can_admin,
    get_agreement_for_user,
    get_holiday_for_user,
    get_partner_for_user,
    get_resource_instansi,
    get_trainer_for_user,
    get_venue_for_user,
    resource_instansi_for_user,
)
from bangkom.delivery.forms import AgreementForm, HolidayForm, PartnerForm, TrainerForm, VenueForm
from bangkom.delivery.models import Partner
from bangkom.delivery.services import (
    agreement_delete,
    agreement_save,
    holiday_delete,
    holiday_save,
    partner_delete,
    partner_save,
    partner_staff_link,
    trainer_delete,
    trainer_save,
    unit_max_away_set,
    venue_delete,
    venue_save,
)
from bangkom.delivery.services.schedule import default_max_away
from bangkom.organisation.models import Instansi, Unit


def _list_context(request: HttpRequest, instansi: Instansi, **extra: Any) -> dict[str, Any]:
    return {
        "instansi": instansi,
        "instansi_choices": resource_instansi_for_user(request.user),
        "can_edit": can_admin(request.user, instansi.pk),
        **extra,
    }


def _form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    save: Callable[[dict[str, Any]], Any],
    delete: Callable[[], None] | None,
    done_url: str,
    title: str,
    instansi: Instansi,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The shared create/edit page: save through the service, show its messages on the form
    (which keeps what was typed), or delete when the delete button was pressed."""
    if request.method == "POST":
        try:
            if delete is not None and "delete" in request.POST:
                delete()
                messages.success(request, _("Data dihapus."))
                return redirect(done_url)
            if form.is_valid():
                save(form.cleaned_data)
                messages.success(request, _("Tersimpan."))
                return redirect(done_url)
        except ServiceError as exc:
            apply_service_errors(form, exc)
    return render(
        request,
        "delivery/resource_form.html",
        {
            "form": form,
            "title": title,
            "instansi": instansi,
            "can_delete": delete is not None,
            "back": done_url,
            **(extra or {}),
        },
    )


def _with_instansi(url_name: str, instansi: Instansi) -> str:
    return f"{reverse(url_name)}?instansi={instansi.pk}"


def _dates_text(dates: list[str]) -> str:
    return "\n".join(dates)


# --- partners ------------------------------------------------------------------------------


@login_required
@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    instansi = get_resource_instansi(request.user, request.GET.get("instansi"))
    return render(
        request,
        "delivery/partner_list.html",
        _list_context(
            request, instansi, partners=selectors.partner_list(instansi), today=timezone.localdate()
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_create(request: HttpRequest) -> HttpResponse:
    instansi = get_resource_instansi(request.user, request.GET.get("instansi"), for_write=True)
    return _form_page(
        request,
        form=PartnerForm(request.POST or None),
        save=lambda data: partner_save(instansi=instansi, data=data, acting_user=request.user),
        delete=None,
        done_url=_with_instansi("delivery:partner_list", instansi),
        title=_("Tambah mitra"),
        instansi=instansi,
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_partner_for_user(request.user, pk, for_write=True)
    initial = {f: getattr(partner, f) for f in ("name", "type", "contact", "is_active")}
    return _form_page(
        request,
        form=PartnerForm(request.POST or None, initial=initial),
        save=lambda data: partner_save(
            instansi=partner.instansi, partner=partner, data=data, acting_user=request.user
        ),
        delete=lambda: partner_delete(partner=partner, acting_user=request.user),
        done_url=_with_instansi("delivery:partner_list", partner.instansi),
        title=_("Ubah mitra %s") % partner.name,
        instansi=partner.instansi,
        extra={
            "partner": partner,
            "agreements": partner.agreements.order_by("-valid_until"),
            "staff": partner.staff.select_related("user").order_by("user__username"),
            "staff_candidates": _staff_candidates(partner),
        },
    )


def _staff_candidates(partner: Partner) -> QuerySet[User]:
    """Users holding the partner-staff role (mitra) in the partner's instansi, not yet linked."""
    return (
        User.objects.filter(
            role_assignments__role=Role.MITRA,
            role_assignments__instansi_id=partner.instansi_id,
            is_active=True,
        )
        .exclude(partner_links__partner=partner)
        .distinct()
        .order_by("username")
    )


@login_required
@require_POST
def partner_staff_add(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_partner_for_user(request.user, pk, for_write=True)
    user = _staff_candidates(partner).filter(pk=request.POST.get("user") or 0).first()
    if user is None:
        messages.error(request, _("Pilih pengguna berperan staf mitra di instansi ini."))
    else:
        partner_staff_link(partner=partner, user=user, acting_user=request.user)
        messages.success(request, _("%s kini staf mitra ini.") % user)
    return redirect("delivery:partner_edit", pk=partner.pk)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_partner_for_user(request.user, pk, for_write=True)
    return _form_page(
        request,
        form=AgreementForm(request.POST or None),
        save=lambda data: agreement_save(partner=partner, data=data, acting_user=request.user),
        delete=None,
        done_url=reverse("delivery:partner_edit", args=[partner.pk]),
        title=_("Perjanjian baru dengan %s") % partner.name,
        instansi=partner.instansi,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, pk, for_write=True)
    initial = {
        f: getattr(agreement, f) for f in ("kind", "number", "scope", "valid_from", "valid_until")
    }
    return _form_page(
        request,
        form=AgreementForm(request.POST or None, initial=initial),
        save=lambda data: agreement_save(
            partner=agreement.partner, agreement=agreement, data=data, acting_user=request.user
        ),
        delete=lambda: agreement_delete(agreement=agreement, acting_user=request.user),
        done_url=reverse("delivery:partner_edit", args=[agreement.partner_id]),
        title=_("Ubah perjanjian %s") % agreement.number,
        instansi=agreement.partner.instansi,
    )


# --- trainers ------------------------------------------------------------------------------


def _competencies(instansi: Instansi) -> QuerySet[Competency]:
    return Competency.objects.filter(Q(instansi__isnull=True) | Q(instansi=instansi)).order_by(
        "kode"
    )


@login_required
@require_GET
def trainer_list(request: HttpRequest) -> HttpResponse:
    instansi = get_resource_instansi(request.user, request.GET.get("instansi"))
    return render(
        request,
        "delivery/trainer_list.html",
        _list_context(request, instansi, trainers=selectors.trainer_list(instansi)),
    )


def _trainer_form(
    request: HttpRequest, instansi: Instansi, initial: dict[str, Any] | None = None
) -> TrainerForm:
    return TrainerForm(
        request.POST or None,
        initial=initial,
        partners=Partner.objects.filter(instansi=instansi),
        competencies=_competencies(instansi),
    )


@login_required
@require_http_methods(["GET", "POST"])
def trainer_create(request: HttpRequest) -> HttpResponse:
    instansi = get_resource_instansi(request.user, request.GET.get("instansi"), for_write=True)
    return _form_page(
        request,
        form=_trainer_form(request, instansi),
        save=lambda data: trainer_save(instansi=instansi, data=data, acting_user=request.user),
        delete=None,
        done_url=_with_instansi("delivery:trainer_list", instansi),
        title=_("Tambah pengajar"),
        instansi=instansi,
    )


@login_required
@require_http_methods(["GET", "POST"])
def trainer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    trainer = get_trainer_for_user(request.user, pk, for_write=True)
    initial = {
        "name": trainer.name,
        "kind": trainer.kind,
        "partner": trainer.partner_id,
        "competencies": list(trainer.competencies.all()),
        "unavailable_dates": _dates_text(trainer.unavailable_dates),
        "is_active": trainer.is_active,
    }
    return _form_page(
        request,
        form=_trainer_form(request, trainer.instansi, initial),
        save=lambda data: trainer_save(
            instansi=trainer.instansi,
            trainer=trainer,
            data={**data, "employee": trainer.employee},
            acting_user=request.user,
        ),
        delete=lambda: trainer_delete(trainer=trainer, acting_user=request.user),
        done_url=_with_instansi("delivery:trainer_list", trainer.instansi),
        title=_("Ubah pengajar %s") % trainer.name,
        instansi=trainer.instansi,
    )


# --- venues --------------------------------------------------------------------------------


@login_required
@require_GET
def venue_list(request: HttpRequest) -> HttpResponse:
    instansi = get_resource_instansi(request.user, request.GET.get("instansi"))
    return render(
        request,
        "delivery/venue_list.html",
        _list_context(request, instansi, venues=selectors.venue_list(instansi)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def venue_create(request: HttpRequest) -> HttpResponse:
    instansi = get_resource_instansi(request.user, request.GET.get("instansi"), for_write=True)
    return _form_page(
        request,
        form=VenueForm(request.POST or None, partners=Partner.objects.filter(instansi=instansi)),
        save=lambda data: venue_save(instansi=instansi, data=data, acting_user=request.user),
        delete=None,
        done_url=_with_instansi("delivery:venue_list", instansi),
        title=_("Tambah tempat"),
        instansi=instansi,
    )


@login_required
@require_http_methods(["GET", "POST"])
def venue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    venue = get_venue_for_user(request.user, pk, for_write=True)
    initial = {
        f: getattr(venue, f)
        for f in ("name", "kind", "address", "capacity", "facilities", "is_active")
    }
    initial["partner"] = venue.partner_id
    initial["unavailable_dates"] = _dates_text(venue.unavailable_dates)
    return _form_page(
        request,
        form=VenueForm(
            request.POST or None,
            initial=initial,
            partners=Partner.objects.filter(instansi=venue.instansi),
        ),
        save=lambda data: venue_save(
            instansi=venue.instansi, venue=venue, data=data, acting_user=request.user
        ),
        delete=lambda: venue_delete(venue=venue, acting_user=request.user),
        done_url=_with_instansi("delivery:venue_list", venue.instansi),
        title=_("Ubah tempat %s") % venue.name,
        instansi=venue.instansi,
    )


# --- holidays ------------------------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    return query_int(request.GET, "tahun", low=2000, high=2100) or timezone.localdate().year


@login_required
@require_http_methods(["GET", "POST"])
def holiday_list(request: HttpRequest) -> HttpResponse:
    """The calendar of one year, with the add form for admins (POST adds a day)."""
    instansi = get_resource_instansi(
        request.user, request.GET.get("instansi"), for_write=request.method == "POST"
    )
    year = _year(request)
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            holiday_save(instansi=instansi, data=form.cleaned_data, acting_user=request.user)
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Hari libur ditambahkan."))
            return redirect(
                f"{reverse('delivery:holiday_list')}?instansi={instansi.pk}&tahun={form.cleaned_data['date'].year}"
            )
    return render(
        request,
        "delivery/holiday_list.html",
        _list_context(
            request, instansi, year=year, holidays=selectors.holiday_list(instansi, year), form=form
        ),
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def holiday_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    holiday = get_holiday_for_user(request.user, pk, for_write=True)
    year = holiday.date.year
    holiday_delete(holiday=holiday, acting_user=request.user)
    messages.success(request, _("Hari libur dihapus."))
    return redirect(
        f"{reverse('delivery:holiday_list')}?instansi={holiday.instansi_id}&tahun={year}"
    )


# --- unit away limits ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def unit_limits(request: HttpRequest) -> HttpResponse:
    """How large a share of each unit's staff may be in training on one day (POST sets one)."""
    writing = request.method == "POST"
    instansi = get_resource_instansi(request.user, request.GET.get("instansi"), for_write=writing)
    if writing:
        unit = get_visible_or_404(Unit.objects.filter(instansi=instansi), request.POST.get("unit"))
        try:
            unit_max_away_set(
                unit=unit, max_away=request.POST.get("max_away"), acting_user=request.user
            )
        except ServiceError as exc:
            messages.error(request, f"{unit.nama}: {' '.join(exc.messages)}")
        else:
            messages.success(request, _("Batas %s disimpan.") % unit.nama)
        return redirect(_with_instansi("delivery:unit_limits", instansi))
    default = default_max_away()
    units = list(selectors.unit_limit_list(instansi))
    for unit in units:
        own = getattr(unit, "away_limit", None)
        unit.share = float(own.max_away) if own else default  # type: ignore[attr-defined]
        unit.limit = int(unit.share * unit.staff + 1e-9)  # type: ignore[attr-defined]
    return render(
        request,
        "delivery/unit_limits.html",
        _list_context(request, instansi, units=units, default=default),
    )
