"""Settings come from the environment; development needs none, production needs a secret."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])"
)

PROBE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])"
)


def _run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", PROBE],
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
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://u@localhost:5432/bangkom",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql"]
