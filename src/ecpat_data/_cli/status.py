"""Exit statuses shared by every command, and the one way to report a usage problem."""

from __future__ import annotations

import sys
from typing import Final

__all__ = ["FAILED", "OK", "USAGE", "error"]

OK: Final = 0
FAILED: Final = 1  # invalid data, differences found, verification failed
USAGE: Final = 2  # bad arguments, missing paths


def error(message: str) -> int:
    """Print a usage problem to stderr and return the usage exit status."""
    print(f"ecpat-data: error: {message}", file=sys.stderr)
    return USAGE
