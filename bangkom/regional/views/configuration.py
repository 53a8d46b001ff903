"""The instansi's settings of regional needs (IKM weight convention, SKM signal, public input)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors
from bangkom.regional.access import can_admin, current_instansi, require_admin
from bangkom.regional.forms import RegionalSettingsForm
from bangkom.regional.numbers import id_number
from bangkom.regional.services import regional_settings_save
from bangkom.regional.services.common import regional_settings
from bangkom.regional.views.common import page_context, with_instansi


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    instansi = current_instansi(request)
    if request.method == "POST":
        require_admin(request.user, instansi)
    current = regional_settings(instansi)
    form = RegionalSettingsForm(
        request.POST or None,
        initial={
            "ikm_convention": current.ikm_convention,
            "skm_nrr_threshold": id_number(current.skm_nrr_threshold, 2),
            "skm_factor": id_number(current.skm_factor, 3),
            "skm_frontline_classes": current.skm_frontline_classes,
            "public_input_open": current.public_input_open,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            regional_settings_save(
                instansi=instansi,
                ikm_convention=data["ikm_convention"],
                skm_nrr_threshold=data["skm_nrr_threshold"],
                skm_factor=data["skm_factor"],
                skm_frontline_classes=data["skm_frontline_classes"],
                public_input_open=data["public_input_open"],
                acting_user=request.user,
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Pengaturan kebutuhan daerah disimpan."))
            return redirect(with_instansi("regional:settings", instansi))
    context = {
        **page_context(request, instansi, "settings"),
        "form": form if can_admin(request.user, instansi) else None,
        "current": current,
    }
    return render(request, "regional/settings.html", context)
