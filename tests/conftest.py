"""Shared test configuration: hypothesis profiles sized for CI and for long runs on demand."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# "ci" keeps the whole CI run well inside its time limit; "long" is for a deliberate soak:
#   HYPOTHESIS_PROFILE=long python -m pytest
settings.register_profile("ci", max_examples=60, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "long",
    max_examples=2_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
