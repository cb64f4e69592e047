"""Reproducible reports: fingerprint the installed data, require it, and cite it."""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Final

from .._core.errors import Mismatch, MismatchError
from .._loading import bundle

if TYPE_CHECKING:
    import os

    from .._loading.reader import Bundle

__all__ = ["SOURCE_NOTE", "citation", "fingerprint", "require"]

#: Where the data comes from, as the citation line states it.
SOURCE_NOTE: Final = "ECPAT International fact base; see sources.json"

_HEX64: Final = re.compile(r"[0-9a-f]{64}")
_lock = threading.Lock()
#: (the bundle it was computed from, its fingerprint): computed once per process and bundle.
_cache: tuple[Bundle, str] | None = None


def fingerprint(path: str | os.PathLike[str] | None = None) -> str:
    """The fingerprint of the installed data (or of the data directory ``path``): ``"sha256:"``
    and 64 hex digits.

    A sha256 over a canonical serialization of all five bundled data files (keys sorted, no
    whitespace, the ``$schema`` pointer left out), so it does not depend on file formatting, key
    order, line endings or platform, and changes with any change of content. Computed once per
    process. Record it with a report and check it later with :func:`require`.

    With ``path``, the same fingerprint of any data directory holding the five files (a
    pinned copy, a steward's edit), validated first: raises :class:`~ecpat_data.DataError`
    listing every problem, ``FileNotFoundError`` when it is not a directory.

    >>> import ecpat_data
    >>> ecpat_data.fingerprint()  # doctest: +ELLIPSIS
    'sha256:...'
    """
    if path is not None:
        from .fingerprint import fingerprint_of

        return fingerprint_of(path)
    return _installed_fingerprint()


def require(
    *, fingerprint: str | None = None, version: str | None = None, edition: str | None = None
) -> None:
    """Fail loudly unless the installed data is the data a report was built with.

    Give any of ``fingerprint`` (as :func:`fingerprint` returned it; the ``sha256:`` prefix is
    optional), ``version`` (the package version, e.g. ``"0.1.0"``) and ``edition`` (the data
    edition, e.g. ``"2026-11"``); each given one must equal the installed value. Raises
    :class:`~ecpat_data.MismatchError` naming every difference, expected vs installed, and what
    to install; ``TypeError`` if nothing is given or a value is not a string; ``ValueError``
    for an empty value or a malformed fingerprint.

    >>> import ecpat_data
    >>> ecpat_data.require(version=ecpat_data.__version__)
    >>> ecpat_data.require(version="0.0.1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ecpat_data.MismatchError: the installed ecpat-data is not the data this report was built with:
      version: expected 0.0.1, installed ...
    """
    if fingerprint is None and version is None and edition is None:
        raise TypeError("require() needs at least one of fingerprint=, version=, edition=")
    _check_argument("fingerprint", fingerprint, "'sha256:' and 64 hex digits")
    _check_argument("version", version, "a package version such as '0.1.0'")
    _check_argument("edition", edition, "a data edition such as '2026-11'")
    from .._version import __version__

    edition_now = str(bundle().edition)
    wanted = None if fingerprint is None else _normalise(fingerprint)
    mismatches: list[Mismatch] = []
    if version is not None and version.strip() != __version__:
        mismatches.append(Mismatch("version", version.strip(), __version__))
    if edition is not None and edition.strip() != edition_now:
        mismatches.append(Mismatch("edition", edition.strip(), edition_now))
    if wanted is not None:
        installed = _installed_fingerprint()
        if wanted != installed:
            mismatches.append(Mismatch("fingerprint", wanted, installed))
    if mismatches:
        raise MismatchError(mismatches, _advice(version, __version__))


def citation() -> str:
    """One line to cite the installed data in a report: name, version, edition, fingerprint, source.

    >>> import ecpat_data
    >>> print(ecpat_data.citation())  # doctest: +ELLIPSIS
    ECPAT International reference data, ecpat-data ... (data edition ...), fingerprint sha256:...
    """
    from .._version import __version__

    return (
        f"ECPAT International reference data, ecpat-data {__version__} "
        f"(data edition {bundle().edition}), fingerprint {fingerprint()}. Source: {SOURCE_NOTE}."
    )


def _installed_fingerprint() -> str:
    from .._loading import bundle

    data = bundle()  # the bytes the API serves its records from
    cached = _cache
    if cached is not None and cached[0] is data:
        return cached[1]
    return _compute(data)


def _compute(data: Bundle) -> str:
    global _cache
    from .fingerprint import fingerprint_of_files

    with _lock:
        if _cache is None or _cache[0] is not data:
            _cache = (data, fingerprint_of_files(data.raw))
        return _cache[1]


def _check_argument(name: str, value: object, expected: str) -> None:
    """Refuse a value ``require`` cannot compare, saying what it expected."""
    if value is None:
        return
    if not isinstance(value, str):
        raise TypeError(
            f"require(): {name}= must be a string, {expected}; got {type(value).__name__} {value!r}"
        )
    if not value.strip():
        raise ValueError(f"require(): {name}= is empty; expected {expected}")


def _normalise(value: str) -> str:
    text = value.strip().lower()
    digits = text.removeprefix("sha256:")
    if not _HEX64.fullmatch(digits):
        raise ValueError(
            f"not a fingerprint: {value!r}; expected 'sha256:' and 64 hex digits, "
            "as ecpat_data.fingerprint() returns"
        )
    return "sha256:" + digits


def _advice(version: str | None, installed_version: str) -> str:
    if version is not None and version.strip() != installed_version:
        return (
            "Install the version the report was built with: "
            f"pip install ecpat-data=={version.strip()}"
        )
    if version is not None:
        return (
            f"This is ecpat-data {installed_version}, but its data is not what that release "
            "ships (edited files, or a development checkout): run `ecpat-data info --verify`, "
            f"then reinstall: pip install --force-reinstall ecpat-data=={installed_version}"
        )
    return (
        "Install the release the report was built with: its citation line names the version "
        "(pip install ecpat-data==VERSION); CHANGELOG.md lists each version's data edition"
    )
