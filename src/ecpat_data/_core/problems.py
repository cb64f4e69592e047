"""Problems found in data files, and the report that collects them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import total_ordering
from typing import Literal

__all__ = ["Problem", "Report", "Severity", "printable"]

Severity = Literal["error", "warning"]


@total_ordering
@dataclass(frozen=True)
class Problem:
    """One rule broken at one place in one file.

    ``line`` and ``column`` are 1-based positions in the file's text (``None`` only when the
    file could not be read at all); ``pointer`` is a JSON pointer (RFC 6901) such as
    ``/members/3/country``; ``code`` is a stable, machine-readable name of the rule.

    Problems sort by file, then position (a problem without a line first), then pointer, code
    and message.
    """

    file: str
    line: int | None
    column: int | None
    pointer: str
    code: str
    message: str
    severity: Severity = "error"

    def _key(self) -> tuple[str, int, int, str, str, str, str]:
        return (
            self.file,
            -1 if self.line is None else self.line,
            -1 if self.column is None else self.column,
            self.pointer,
            self.code,
            self.message,
            self.severity,
        )

    def __lt__(self, other: Problem) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        """``FILE:LINE:COL: POINTER: MESSAGE`` on one line (``FILE: POINTER: MESSAGE`` for a
        file that could not be read at all).

        The whole document's pointer ``""`` is shown as ``/``; a warning's message starts with
        ``warning:``. Characters that are not printable (controls, bidirectional formatting
        characters, line breaks in an object key) are shown as escapes such as ``\\x0d``,
        so that one problem is always one line and reads as it is stored.
        """
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column}"
        kind = "" if self.severity == "error" else "warning: "
        return printable(f"{where}: {self.pointer or '/'}: {kind}{self.message}")


@dataclass(frozen=True)
class Report:
    """The outcome of validating data: ``ok`` is true when there is no error."""

    problems: tuple[Problem, ...] = field(default=())
    files: tuple[str, ...] = field(default=())
    #: Checks that could not be made, for people (e.g. citations of a lone file, when the
    #: bundled registry cannot be read).
    notes: tuple[str, ...] = field(default=())
    #: Problems found but not listed, per file: ``(file, errors, warnings)`` for each file that
    #: had more problems than the limit (``max_problems``). Only counted: they were not
    #: located, and no suggestion was computed for them.
    omitted_by_file: tuple[tuple[str, int, int], ...] = field(default=())

    @property
    def omitted(self) -> int:
        """How many problems were found beyond the limit and not listed (all files)."""
        return sum(errors + warnings for _, errors, warnings in self.omitted_by_file)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems of severity ``error``."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems of severity ``warning``."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when no problem is an error (warnings allowed), listed or omitted."""
        return not self.errors and not any(errors for _, errors, _ in self.omitted_by_file)

    def __bool__(self) -> bool:
        return self.ok


def printable(text: str) -> str:
    """``text`` with every character that is not printable replaced by a Python-style escape."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


# Reprs, tracebacks and pickles name the public path, where users import it from.
Problem.__module__ = "ecpat_data"
Report.__module__ = "ecpat_data"
