"""``ecpat-data export``: a dataset as CSV, JSON or NDJSON, or a Frictionless Data Package."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..._core.datasets import NAMES
from ..status import OK, error

if TYPE_CHECKING:
    import argparse

    from ..main import Subparsers

__all__ = ["add_parser", "run"]


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data export`` and its options to the command line."""
    export = commands.add_parser("export", help="export a dataset or a Frictionless Data Package")
    export.add_argument("dataset", nargs="?", choices=NAMES)
    export.add_argument("--format", choices=("csv", "json", "ndjson"), default="csv")
    export.add_argument("--output", metavar="FILE", help="write here instead of stdout")
    export.add_argument("--datapackage", metavar="DIR", help="write a Data Package into DIR")


def run(args: argparse.Namespace, out: TextIO) -> int:
    from ..._loading import bundle

    if args.datapackage is not None:
        if args.dataset is not None:
            return error("give a DATASET or --datapackage DIR, not both")
        if args.output is not None:
            return error("--output does not apply to --datapackage: the package is written in DIR")
        target = Path(args.datapackage)
        if target.exists() and not target.is_dir():
            return error(f"{target}: not a directory")
        from ..._export.datapackage import write

        data = bundle()
        try:
            path = write(data, target)
        except OSError as problem:
            return error(f"{target}: {problem.strerror or problem}")
        from ..._export.tables import tables

        out.write(f"wrote {path} and {len(tables(data))} CSV resources\n")
        return OK
    if args.dataset is None:
        return error("name a DATASET to export, or give --datapackage DIR")
    from ..._export.tables import to_csv, to_json, to_ndjson

    writers = {"csv": to_csv, "json": to_json, "ndjson": to_ndjson}
    text = writers[args.format](bundle(), args.dataset)
    if args.output is None:
        out.write(text)
        return OK
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as file:
            file.write(text)
    except OSError as problem:
        return error(f"{args.output}: {problem.strerror or problem}")
    return OK
