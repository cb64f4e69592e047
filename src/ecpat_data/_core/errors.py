"""The exceptions ecpat-data raises: one class per kind of failure."""

from __future__ import annotations

TYPE_CHECKING = False  # importing typing or dataclasses here would slow `import ecpat_data`
if TYPE_CHECKING:
    from collections.abc import Sequence

    from .problems import Problem

__all__ = ["DataError", "EcpatDataError", "Mismatch", "MismatchError", "UnknownIdError"]


class EcpatDataError(Exception):
    """Base class of every error raised by ecpat-data."""


class UnknownIdError(EcpatDataError, LookupError):
    """A lookup named an id (or country) that is not in the data.

    ``suggestions`` holds the closest known ids, best first (possibly none); the message names
    them.

    >>> import ecpat_data
    >>> ecpat_data.member("ecpat-u")
    Traceback (most recent call last):
    ...
    ecpat_data.UnknownIdError: no member with id 'ecpat-u' (...); did you mean 'ecpat-uk' ...?
    """

    def __init__(
        self,
        kind: str,
        key: str,
        hint: str = "",
        edition: str = "",
        suggestions: tuple[str, ...] = (),
    ) -> None:
        self.kind = kind
        self.key = key
        self.hint = hint
        self.edition = edition
        self.suggestions = tuple(suggestions)
        from .._version import __version__
        from .suggest import did_you_mean

        where = f"ecpat-data {__version__}" + (f", data edition {edition}" if edition else "")
        message = f"no {kind} with id {key!r} ({where})"
        for extra in (did_you_mean(self.suggestions), hint):
            if extra:
                message += f"; {extra}"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(
        self,
    ) -> tuple[type[UnknownIdError], tuple[str, str, str, str, tuple[str, ...]]]:
        return (UnknownIdError, (self.kind, self.key, self.hint, self.edition, self.suggestions))


class DataError(EcpatDataError, ValueError):
    """Data files break the rules; ``problems`` lists every problem with its location."""

    def __reduce__(self) -> tuple[type[DataError], tuple[tuple[Problem, ...], int]]:
        return (DataError, (self.problems, self.omitted))

    def __init__(self, problems: tuple[Problem, ...], omitted: int = 0) -> None:
        self.problems = problems
        #: Problems the validator found beyond its limit (``max_problems``): counted, not listed.
        self.omitted = omitted
        lines = "\n".join(f"  {p}" for p in problems[:20])
        rest = len(problems) - 20 if len(problems) > 20 else 0
        more = f"\n  ... and {rest + omitted:,} more" if rest + omitted else ""
        total = len(problems) + omitted
        super().__init__(f"{total:,} problem(s) in the data:\n{lines}{more}")


class Mismatch:
    """One property of the installed data that differs from what a report asked for."""

    __slots__ = ("expected", "installed", "what")

    def __init__(self, what: str, expected: str, installed: str) -> None:
        self.what = what  # "version", "edition" or "fingerprint"
        self.expected = expected
        self.installed = installed

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mismatch):
            return NotImplemented
        return (self.what, self.expected, self.installed) == (
            other.what,
            other.expected,
            other.installed,
        )

    def __hash__(self) -> int:
        return hash((self.what, self.expected, self.installed))

    def __repr__(self) -> str:
        return f"Mismatch({self.what!r}, {self.expected!r}, {self.installed!r})"


class MismatchError(EcpatDataError):
    """The installed data is not the data a report was built with.

    ``mismatches`` lists what differs (expected vs installed); ``advice`` says what to do,
    e.g. ``pip install ecpat-data==0.1.0``. Raised by :func:`ecpat_data.require`.
    """

    def __reduce__(self) -> tuple[type[MismatchError], tuple[tuple[Mismatch, ...], str]]:
        return (MismatchError, (self.mismatches, self.advice))

    def __init__(self, mismatches: Sequence[Mismatch], advice: str = "") -> None:
        self.mismatches = tuple(mismatches)
        self.advice = advice
        width = max((len(m.what) for m in self.mismatches), default=0)
        lines = [
            f"  {m.what + ':':<{width + 1}} expected {m.expected}, installed {m.installed}"
            for m in self.mismatches
        ]
        message = "the installed ecpat-data is not the data this report was built with:\n"
        message += "\n".join(lines)
        if advice:
            message += f"\n{advice}"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


# Tracebacks and reprs name the public path (ecpat_data.UnknownIdError), where users import
# these classes from; pickle finds them there too.
for _public in (EcpatDataError, UnknownIdError, DataError, MismatchError, Mismatch):
    _public.__module__ = "ecpat_data"
del _public
