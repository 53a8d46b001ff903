"""Audit actions read as words: every code has a name, an unnamed one is refused in development."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bangkom.core.audit import audit_event
from bangkom.core.audit_actions import ACTION_LABELS, action_label
from bangkom.core.models import AuditEvent
from bangkom.testing.world import World


def test_every_label_is_a_sentence_not_a_code() -> None:
    for code, label in ACTION_LABELS.items():
        text = str(label)
        assert text and text != code, code
        assert "_" not in text and "." not in text, (code, text)


def test_english_names_exist_for_every_action() -> None:
    with translation.override("id"):
        indonesian = {code: str(label) for code, label in ACTION_LABELS.items()}
    with translation.override("en"):
        untranslated = [code for code, t in ACTION_LABELS.items() if str(t) == indonesian[code]]
    assert untranslated == []


def test_an_unknown_code_is_shown_as_itself() -> None:
    assert action_label("planning.plan.approve") == "Rencana disetujui"
    assert action_label("something.new") == "something.new"


@pytest.mark.django_db
def test_an_action_without_a_name_is_refused_when_strict(settings) -> None:  # type: ignore[no-untyped-def]
    settings.AUDIT_ACTIONS_STRICT = True
    with pytest.raises(ValueError, match="no name"):
        audit_event(actor=None, action="planning.plan.frobnicate", target=None)
    assert not AuditEvent.objects.exists()
    settings.AUDIT_ACTIONS_STRICT = False
    audit_event(actor=None, action="planning.plan.frobnicate", target=None)
    assert AuditEvent.objects.filter(action="planning.plan.frobnicate").exists()


def test_the_audit_page_names_actions(world: World) -> None:
    audit_event(actor=None, action="planning.plan.approve", target=None, instansi=world.instansi)
    client = Client()
    client.force_login(world.user("bkpsdm"))
    page = client.get(reverse("dashboard:audit_log")).content.decode()
    assert "Rencana disetujui" in page
    assert '<option value="planning.plan.approve"' in page
