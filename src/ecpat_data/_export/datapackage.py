"""A Frictionless Data Package (v1) of the data: ``datapackage.json`` and one CSV per table.

Every table of :func:`ecpat_data._export.tables` is a ``tabular-data-resource`` with a Table
Schema (types, ``required``, ``enum`` and ``pattern`` constraints; reduced-precision dates are
strings with a pattern, since ``YYYY`` and ``YYYY-MM`` are not Frictionless dates), a primary
key, and foreign keys for every citation and id reference. Each resource records its size in
bytes and its sha256 hash; the package states the data's licence (CC-BY-4.0). The output
depends only on the data and the library version: no timestamps, so the same data always gives
the same files.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import os
    from pathlib import Path

    from .._loading.reader import Bundle

__all__ = ["PACKAGE_NAME", "descriptor", "write"]

PACKAGE_NAME: Final = "ecpat-data"
DESCRIPTOR: Final = "datapackage.json"
#: The licence of the compilation of the data (LICENSE-DATA in the repository); statements
#: quoted verbatim from ECPAT International stay theirs, each record citing its sources.
LICENSES: Final = (
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0",
    },
)


def descriptor(bundle: Bundle) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor of ``bundle``."""
    return _build(bundle)[0]


def _build(bundle: Bundle) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(the descriptor, the CSV bytes of each resource by name)."""
    from .._reports.fingerprint import fingerprint_of_files
    from .._version import __version__
    from .tables import tables

    all_tables = tables(bundle)
    files = {name: t.csv().encode("utf-8") for name, t in all_tables.items()}
    edition = str(bundle.edition)
    resources = []
    for name, table in all_tables.items():
        data = files[name]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "schema": table.schema(),
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "ECPAT International reference data",
        "description": (
            "ECPAT International's profile, timeline, programme areas, member organisations "
            "and the sources every record cites, from the ecpat-data Python library "
            f"{__version__}, data edition {edition}. Every citation is a row of a "
            "*_sources link table with foreign keys to the citing record and to sources."
        ),
        "version": __version__,
        "keywords": ["ECPAT", "child protection", "reference data", "NGO network"],
        "licenses": [dict(licence) for licence in LICENSES],
        "ecpat_data": {
            "version": __version__,
            "data_edition": edition,
            "fingerprint": fingerprint_of_files(bundle.raw),
        },
        "resources": resources,
    }
    return package, files


def write(bundle: Bundle, directory: str | os.PathLike[str]) -> Path:
    """Write the Data Package into ``directory`` (created if missing); return its descriptor.

    Writes ``datapackage.json`` and one ``<table>.csv`` per resource, replacing files of those
    names and leaving any other file alone. The files are written into a fresh temporary
    directory and renamed into place, never through a link already in ``directory`` (see
    :mod:`ecpat_data._export.output`).
    """
    from .output import write_directory

    package, files = _build(bundle)
    contents = {f"{name}.csv": data for name, data in files.items()}
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    contents[DESCRIPTOR] = text.encode("utf-8")
    return write_directory(directory, contents) / DESCRIPTOR
