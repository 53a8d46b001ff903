"""The test suite never depends on the machine's speed (see the root conftest)."""

from hypothesis import HealthCheck, settings


def test_hypothesis_has_no_deadline_and_no_speed_health_check() -> None:
    assert settings().deadline is None
    assert HealthCheck.too_slow in settings().suppress_health_check
