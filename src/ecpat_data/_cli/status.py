"""Exit statuses shared by every command, and the one way to report a usage problem."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "FAILED",
    "INTERRUPTED",
    "OK",
    "TERMINATED",
    "USAGE",
    "CommandHelp",
    "describe",
    "epilog",
    "error",
]

OK: Final = 0
FAILED: Final = 1  # the verdict: invalid data, would reformat, differences, verification failed
USAGE: Final = 2  # trouble: bad arguments; paths missing, not data, unreadable or unwritable
INTERRUPTED: Final = 130  # Ctrl-C (128 + SIGINT)
TERMINATED: Final = 143  # SIGTERM (128 + SIGTERM)


def error(message: str) -> int:
    """Print a usage problem to stderr and return the usage exit status."""
    print(f"ecpat-data: error: {message}", file=sys.stderr)
    return USAGE


def describe(problem: OSError) -> str:
    """An operating-system error on one line: ``PATH: Permission denied``."""
    reason = problem.strerror or str(problem) or type(problem).__name__
    return f"{problem.filename}: {reason}" if problem.filename is not None else reason


def epilog(examples: Sequence[str], statuses: Sequence[tuple[int, str]]) -> str:
    """The end of a command's ``--help``: examples, then its exit statuses (see docs/cli.md)."""
    lines = ["examples:", *(f"  {example}" for example in examples), "", "exit status:"]
    lines += [f"  {status:<4} {meaning}" for status, meaning in statuses]
    lines += [f"  {INTERRUPTED:<4} interrupted (Ctrl-C); {TERMINATED} terminated (SIGTERM)"]
    return "\n".join(lines)


class CommandHelp(argparse.HelpFormatter):
    """``--help`` of a command: the description wrapped to the terminal as a paragraph, the
    epilog (examples, exit statuses: lines of their own) kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)
