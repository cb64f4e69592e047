"""The data fingerprint: a sha256 over a canonical serialization of the five data files.

The canonical serialization is defined on the JSON text alone, so any language can reproduce
it (docs/reproducible-reports.md shows it with ``jq`` and ``sha256sum``):

1. parse each of the five data files as JSON and drop its top-level ``"$schema"`` key (a hint
   for editors, not data);
2. put the five documents in one object keyed by dataset name: ``members``,
   ``organisation``, ``programme_areas``, ``sources``, ``timeline``;
3. write that object with keys sorted at every level, no whitespace between tokens, and text as
   UTF-8 (no ``\\u`` escapes for non-ASCII characters);
4. hash the bytes with sha256; the fingerprint is ``"sha256:"`` + 64 lowercase hex digits.

Indentation, key order, line endings and the ``$schema`` pointer do not change it; any change of
a value (a record, a date, ``current_to``, even spelling out a default) does. It does not
depend on the library's code: the same files give the same fingerprint in every version.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, Final

from .._core.datasets import FILE_NAMES

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

__all__ = [
    "FINGERPRINT_PREFIX",
    "canonical_bytes",
    "file_digests",
    "fingerprint_of",
    "fingerprint_of_files",
]

FINGERPRINT_PREFIX: Final = "sha256:"


def canonical_bytes(files: Mapping[str, bytes]) -> bytes:
    """The canonical serialization of the five data files, given as ``{file name: bytes}``.

    The files must be valid data files (run validation first); ``KeyError`` names a missing one.
    """
    documents: dict[str, Any] = {}
    for file, dataset in FILE_NAMES.items():
        document = json.loads(files[file].decode("utf-8"))
        if isinstance(document, dict):
            document.pop("$schema", None)
        documents[dataset] = document
    return json.dumps(
        documents, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def fingerprint_of_files(files: Mapping[str, bytes]) -> str:
    """``sha256:<hex>`` of :func:`canonical_bytes` of already-validated file contents."""
    return FINGERPRINT_PREFIX + hashlib.sha256(canonical_bytes(files)).hexdigest()


def fingerprint_of(path: str | os.PathLike[str]) -> str:
    """The fingerprint of a data directory holding the five files (validated first).

    Raises :class:`~ecpat_data.DataError` listing every problem if the data is invalid, and
    ``FileNotFoundError`` if ``path`` is not a directory. For the installed data use
    :func:`ecpat_data.fingerprint`.
    """
    from .._validation.validate import read_valid_directory

    return fingerprint_of_files(read_valid_directory(path))


def file_digests(files: Mapping[str, bytes]) -> dict[str, str]:
    """``sha256:<hex>`` of each file's exact bytes, by file name, sorted by name."""
    return {
        name: FINGERPRINT_PREFIX + hashlib.sha256(raw).hexdigest()
        for name, raw in sorted(files.items())
    }
