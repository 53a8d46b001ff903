"""The SKM moderation queue of a unit (held public answers) and its printable kode layanan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.core.errors import ServiceError
from bangkom.core.paging import paginate
from bangkom.regional.access import get_skm_unit_for_user
from bangkom.regional.periods import month_label
from bangkom.regional.services.skm import skm_settings
from bangkom.regional.services.skm_moderation import (
    held_responses,
    skm_code_for,
    skm_code_rotate,
    skm_responses_moderate,
)
from bangkom.regional.views.common import page_context
from bangkom.regional.views.skm import qr_svg


@login_required
@require_http_methods(["GET", "POST"])
def skm_moderation(request: HttpRequest, pk: int) -> HttpResponse:
    """Held answers of one unit, oldest first; approve or reject the ticked ones."""
    unit = get_skm_unit_for_user(request.user, pk, for_write=True)
    if request.method == "POST":
        action = request.POST.get("aksi")
        ids = [value for value in request.POST.getlist("ids") if value.isdigit()]
        if action not in ("setujui", "tolak"):
            messages.error(request, _("Pilih Setujui atau Tolak."))
        else:
            try:
                count = skm_responses_moderate(
                    unit=unit,
                    response_ids=[int(value) for value in ids],
                    approve=action == "setujui",
                    acting_user=request.user,
                )
            except ServiceError as exc:
                messages.error(request, "; ".join(exc.messages))
            else:
                text = (
                    _("%d jawaban disetujui dan kini dihitung dalam IKM.")
                    if action == "setujui"
                    else _("%d jawaban ditolak dan tidak dihitung.")
                )
                messages.success(request, text % count)
        return redirect("regional:skm_moderation", unit.pk)
    queue = held_responses([unit]).order_by("created_at", "pk")
    context = {
        **paginate(request, queue),
        **page_context(request, unit.instansi, "skm"),
        "unit": unit,
        "held_count": queue.count(),
    }
    return render(request, "regional/skm_moderation.html", context)


@login_required
def skm_code_print(request: HttpRequest, pk: int) -> HttpResponse:
    """A page to print at the counter: this month's kode layanan with the form's QR and URL."""
    unit = get_skm_unit_for_user(request.user, pk, for_write=True)
    today = timezone.localdate()
    public_url = request.build_absolute_uri(reverse("regional:public_skm", args=[unit.pk]))
    context = {
        **page_context(request, unit.instansi, "skm"),
        "unit": unit,
        "code": skm_code_for(unit, today),
        "month": month_label(today),
        "skm_settings": skm_settings(unit),
        "public_url": public_url,
        "qr": qr_svg(public_url),
    }
    return render(request, "regional/skm_code.html", context)


@login_required
@require_POST
def skm_code_rotate_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_skm_unit_for_user(request.user, pk, for_write=True)
    code = skm_code_rotate(unit=unit, day=timezone.localdate(), acting_user=request.user)
    messages.success(
        request,
        _("Kode layanan baru %(code)s berlaku untuk %(month)s; kode lama tidak diterima lagi.")
        % {"code": code.kode, "month": month_label(timezone.localdate())},
    )
    return redirect("regional:skm_code", unit.pk)
