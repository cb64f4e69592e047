"""Exporting from Python exactly what ``ecpat-data export`` writes (the command calls these)."""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from typing import BinaryIO

    from pydantic import BaseModel

__all__ = ["FORMATS", "Format", "export", "write_datapackage"]

Format = Literal["csv", "json", "ndjson"]
#: The export formats, as ``--format`` names them.
FORMATS: tuple[Format, ...] = ("csv", "json", "ndjson")


def _encoded(dataset: str, format: str, records: Iterable[BaseModel] | None) -> bytes:
    from .._core.datasets import DATASETS
    from .._export.tables import to_csv, to_json, to_ndjson
    from .._loading import bundle

    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; choose one of {', '.join(DATASETS)}")
    writers = {"csv": to_csv, "json": to_json, "ndjson": to_ndjson}
    writer = writers.get(format)
    if writer is None:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    chosen = None
    if records is not None:
        model = DATASETS[dataset].record_model
        chosen = tuple(records)
        for record in chosen:
            if not isinstance(record, model):
                raise TypeError(
                    f"records of {dataset} must be {model.__name__} records, "
                    f"not {type(record).__name__}"
                )
        if DATASETS[dataset].single and len(chosen) != 1:
            raise ValueError(f"{dataset} is one record; records= must hold exactly one")
    return writer(bundle(), dataset, chosen).encode("utf-8")


@overload
def export(
    dataset: str,
    to: None = None,
    *,
    format: Format = "csv",
    records: Iterable[BaseModel] | None = None,
) -> bytes: ...
@overload
def export(
    dataset: str,
    to: str | os.PathLike[str] | BinaryIO,
    *,
    format: Format = "csv",
    records: Iterable[BaseModel] | None = None,
) -> None: ...
def export(
    dataset: str,
    to: str | os.PathLike[str] | BinaryIO | None = None,
    *,
    format: Format = "csv",
    records: Iterable[BaseModel] | None = None,
) -> bytes | None:
    """Export a dataset as CSV, JSON or NDJSON: the bytes ``ecpat-data export`` writes.

    ``dataset`` is ``"members"``, ``"timeline"``, ``"programme_areas"``, ``"sources"`` or
    ``"organisation"``; ``format`` is ``"csv"`` (flat form, see docs/cli.md), ``"json"`` or
    ``"ndjson"``. ``records`` (default: the whole dataset) chooses and orders the rows, e.g.
    ``records=ecpat_data.members(country="TH")``. The output is UTF-8 bytes:

    - ``to=None`` returns them;
    - a path (``str`` or ``os.PathLike``) is replaced atomically (a temporary file renamed into
      place; a link already at the path is replaced, never written through);
    - a binary stream (``sys.stdout.buffer``, ``open(..., "wb")``, ``io.BytesIO``) is written to.

    >>> import ecpat_data
    >>> ecpat_data.export("members", format="ndjson", records=ecpat_data.members("GB"))[:9]
    b'{"id":"ec'
    """
    data = _encoded(dataset, format, records)
    if to is None:
        return data
    if isinstance(to, (str, os.PathLike)):
        from .._export.output import write_file

        write_file(to, data)
    else:
        if isinstance(to, io.TextIOBase):
            raise TypeError(
                "export() writes bytes: give a binary stream (sys.stdout.buffer, a file opened "
                "'wb', io.BytesIO), a path, or None for the bytes"
            )
        to.write(data)
    return None


def write_datapackage(directory: str | os.PathLike[str]) -> Path:
    """Write the Frictionless Data Package into ``directory``; return its ``datapackage.json``.

    The same files as ``ecpat-data export --datapackage DIR``: the descriptor and one CSV per
    table. They are written into a fresh temporary directory and renamed into place (a missing
    directory is created), replacing files of those names and leaving other files alone; a
    link already in ``directory`` is replaced, never written through. ``ValueError`` for an
    empty path, ``NotADirectoryError`` when ``directory`` is a file or a symbolic link.
    """
    from .._export.datapackage import write
    from .._loading import bundle

    return write(bundle(), directory)
