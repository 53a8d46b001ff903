"""Settings come from the environment; development needs none, production needs a secret."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])"
)


STRONG_SECRET = "k3J9-pQ2vX8_zL5mN1bR7tY4wE6uI0oA2sD9fG3hJ8kL5zX1cV7bN4mQ6wE2rT9yU"


def _run(env: dict[str, str], probe: str = PROBE) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", probe],
        env={**clean, "DJANGO_SETTINGS_MODULE": "bangkom.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_development_defaults_need_no_environment(tmp_path) -> None:
    result = _run({"BANGKOM_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


def test_production_refuses_to_start_without_secret_key(tmp_path) -> None:
    result = _run({"DEBUG": "false", "BANGKOM_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY wajib diisi" in result.stderr


def test_production_with_secret_and_postgres_url(tmp_path) -> None:
    result = _run(
        {
            "DEBUG": "false",
            "SECRET_KEY": STRONG_SECRET,
            "DATABASE_URL": "postgres://u@localhost:5432/bangkom",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql"]


def test_production_refuses_a_weak_secret_key(tmp_path) -> None:
    for weak in ("x" * 60, "short-but-varied-123", "bangkom-development-only-not-secret"):
        result = _run({"DEBUG": "false", "SECRET_KEY": weak, "BANGKOM_VAR_DIR": str(tmp_path)})
        assert result.returncode != 0, weak
        assert "SECRET_KEY wajib diisi dengan kunci acak yang kuat" in result.stderr


HARDENING_PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE)"
)


def test_production_turns_https_on_by_default_and_the_environment_can_relax_it(tmp_path) -> None:
    production = {"DEBUG": "false", "SECRET_KEY": STRONG_SECRET, "BANGKOM_VAR_DIR": str(tmp_path)}
    assert _run(production, HARDENING_PROBE).stdout.split() == ["True", "31536000", "True", "True"]
    localhost_demo = {
        **production,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "false",
    }
    assert _run(localhost_demo, HARDENING_PROBE).stdout.split() == ["False", "0", "False", "False"]
    development = {"BANGKOM_VAR_DIR": str(tmp_path)}
    assert _run(development, HARDENING_PROBE).stdout.split() == ["False", "0", "False", "False"]


def test_an_out_of_range_number_in_the_environment_stops_the_start(tmp_path) -> None:
    result = _run({"SESSION_IDLE_SECONDS": "5", "BANGKOM_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SESSION_IDLE_SECONDS harus antara 60 dan 2592000, bukan 5" in result.stderr
