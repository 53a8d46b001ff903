"""Forms of the certificate pages. They collect input; the services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RevokeForm(forms.Form):
    # Not required here: the service refuses an empty reason with its own message.
    reason = forms.CharField(
        label=_("Alasan pencabutan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class BulkIssueForm(forms.Form):
    activity = forms.CharField(widget=forms.HiddenInput, max_length=255)
    date = forms.DateField(widget=forms.HiddenInput)
    source = forms.CharField(widget=forms.HiddenInput, max_length=12)
    signatory_name = forms.CharField(label=_("Nama penanda tangan"), max_length=150, required=False)
    signatory_title = forms.CharField(
        label=_("Jabatan penanda tangan"), max_length=200, required=False
    )
