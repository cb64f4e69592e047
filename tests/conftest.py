"""Shared test set-up: hypothesis profiles.

By default every property test runs with hypothesis's own settings (and the fuzz tests in
``test_validate_fuzz.py`` with their own, CI-sized example counts). For a longer run:

    HYPOTHESIS_PROFILE=long python -m pytest tests/test_validate_fuzz.py

The ``long`` profile raises every property test to thousands of examples and the fuzz tests to
25 times their default counts (see ``test_validate_fuzz.budget``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: Name of the profile the fuzz tests scale up for.
LONG_PROFILE = "long"

settings.register_profile(
    LONG_PROFILE,
    max_examples=5_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_chosen = os.environ.get("HYPOTHESIS_PROFILE")
if _chosen:
    settings.load_profile(_chosen)
