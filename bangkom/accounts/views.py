"""Login by username or NIP, logout, lock-out page and personal API tokens."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.accounts.lockout import address_locked
from bangkom.accounts.models import ApiToken, User
from bangkom.accounts.services import api_token_create, api_token_revoke, password_set
from bangkom.core.errors import ServiceError


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=gettext_lazy("Nama pengguna atau NIP"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": gettext_lazy(
            "Nama pengguna/NIP atau kata sandi salah. Setelah beberapa kali gagal, akun dikunci "
            "sementara."
        ),
        "inactive": gettext_lazy("Akun ini tidak aktif. Hubungi admin BKPSDM."),
    }


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        password_set(
            user=form.user,
            password=form.cleaned_data["new_password1"],
            acting_user=self.request.user,
            how="change",
        )
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetView(auth_views.PasswordResetView):
    """Mails a one-time link to the account with that address; says the same whether or not one
    exists, so the page reveals no addresses."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        password_set(
            user=form.user,
            password=form.cleaned_data["new_password1"],
            acting_user=None,
            how="reset",
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("Anda sudah keluar."))
    return redirect("accounts:login")


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes calls this after too many failed logins, for an account or for an address."""
    form = LoginForm(request, data=request.POST or None)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked": True, "address_locked": address_locked(request)},
        status=429,
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Nama token"),
        max_length=100,
        help_text=gettext_lazy("Untuk apa token ini, misalnya “dasbor pimpinan”."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """A user's own API tokens. The raw key is shown once, right after it is made."""
    user = cast(User, request.user)
    form = TokenForm(request.POST or None)
    raw_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw_key = api_token_create(
                user=user, name=form.cleaned_data["name"], acting_user=request.user
            )
        except ServiceError as exc:
            form.add_error("name", exc.messages)
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "raw_key": raw_key,
            "tokens": ApiToken.objects.filter(user=user),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(
        ApiToken, pk=pk, user=cast(User, request.user), revoked_at__isnull=True
    )
    api_token_revoke(token=token, acting_user=request.user)
    messages.success(request, _("Token %s dicabut.") % token.name)
    return redirect("accounts:tokens")
