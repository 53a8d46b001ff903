"""Password change (old password typed) and reset by an e-mailed one-time link; both audited."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.core import mail

from bangkom.core.models import AuditEvent
from bangkom.testing.world import PASSWORD

if TYPE_CHECKING:
    from bangkom.testing.world import World

pytestmark = pytest.mark.django_db
NEW = "Kata-Sandi-Baru-2027"


def test_change_needs_the_old_password_and_shows_every_error(client, world: World) -> None:  # type: ignore[no-untyped-def]
    user = world.user("employee")
    client.force_login(user)
    before = user.password
    response = client.post(
        "/akun/kata-sandi/",
        {"old_password": "salah", "new_password1": "123", "new_password2": "456"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"old_password", "new_password2"} <= set(form.errors)
    user.refresh_from_db()
    assert user.password == before
    assert not AuditEvent.objects.filter(action="user.password_set").exists()


def test_change_sets_the_password_keeps_the_session_and_is_audited(client, world: World) -> None:  # type: ignore[no-untyped-def]
    user = world.user("employee")
    client.force_login(user)
    response = client.post(
        "/akun/kata-sandi/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # still signed in
    user.refresh_from_db()
    assert user.check_password(NEW)
    event = AuditEvent.objects.get(action="user.password_set")
    assert event.note == "change"
    assert NEW not in str(event.__dict__)


def test_change_needs_a_login(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/akun/kata-sandi/").status_code == 302


def test_reset_by_mail_link_once(client, world: World) -> None:  # type: ignore[no-untyped-def]
    user = world.user("employee")
    user.email = "asn@example.go.id"
    user.save(update_fields=["email"])
    response = client.post("/akun/lupa-kata-sandi/", {"email": "ASN@example.go.id"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/akun/atur-ulang/\S+/)", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert AuditEvent.objects.get(action="user.password_set").note == "reset"
    # The link is spent.
    assert not client.get(link.group(1), follow=True).context["validlink"]


def test_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(
    client, world: World
) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/akun/lupa-kata-sandi/", {"email": "siapa@example.go.id"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/lupa-kata-sandi/terkirim/"
    assert mail.outbox == []
