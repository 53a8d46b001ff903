"""The statistics core stays framework-free: a library the pages, the command and others share."""

from __future__ import annotations

import subprocess
import sys


def test_statistics_core_imports_no_django() -> None:
    code = (
        "import sys, bangkom.evaluation.statistics; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
