"""The notification bell of the top bar: a link with the count of unread notifications."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from bangkom.delivery.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def notification_badge(context: dict[str, Any]) -> SafeString | str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    label = _("Notifikasi")
    if unread:
        return format_html(
            '<a href="{}" class="notif-badge" aria-label="{}: {}">🔔 <span>{}</span></a>',
            reverse("delivery:notifications"),
            label,
            unread,
            unread,
        )
    return format_html(
        '<a href="{}" class="notif-badge" aria-label="{}">🔔</a>',
        reverse("delivery:notifications"),
        label,
    )
