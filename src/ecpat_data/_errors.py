"""The exceptions ecpat-data raises: one class per kind of failure."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._problems import Problem

__all__ = ["DataError", "EcpatDataError", "MismatchError", "UnknownIdError"]


class EcpatDataError(Exception):
    """Base class of every error raised by ecpat-data."""


class UnknownIdError(EcpatDataError, LookupError):
    """A lookup named an id (or country) that is not in the data.

    >>> import ecpat_data
    >>> ecpat_data.member("no-such-member")
    Traceback (most recent call last):
    ...
    ecpat_data.UnknownIdError: no member with id 'no-such-member' (ecpat-data ... )
    """

    def __init__(self, kind: str, key: str, hint: str = "") -> None:
        self.kind = kind
        self.key = key
        from . import DATA_EDITION, __version__

        message = (
            f"no {kind} with id {key!r} (ecpat-data {__version__}, data edition {DATA_EDITION})"
        )
        super().__init__(message + (f"; {hint}" if hint else ""))

    def __str__(self) -> str:
        return str(self.args[0])


class DataError(EcpatDataError, ValueError):
    """Data files break the rules; ``problems`` lists every problem with its location."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{lines}{more}")


class MismatchError(EcpatDataError):
    """The installed data is not the data a report was built with."""
