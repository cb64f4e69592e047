"""``ecpat-data export``: a dataset as CSV, JSON or NDJSON, or a Frictionless Data Package."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..._core.datasets import NAMES
from ..status import FAILED, OK, USAGE, CommandHelp, epilog, error

if TYPE_CHECKING:
    import argparse

    from ..main import Subparsers

__all__ = ["WRITES_DATA", "add_parser", "run"]

#: stdout carries data, not text for people: never escaped to suit the console (``_cli.streams``).
WRITES_DATA = True


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data export`` and its options to the command line."""
    export = commands.add_parser(
        "export",
        help="export a dataset or a Frictionless Data Package",
        description=(
            "Write one dataset for tools other than Python (spreadsheets, R, pandas, duckdb) as "
            "CSV (one row per record, lists flattened as docs/cli.md describes), a JSON array or "
            "NDJSON, to stdout or a file; or write a Frictionless Data Package (datapackage.json "
            "and one CSV per table, with keys and foreign keys) into a directory."
        ),
        epilog=epilog(
            [
                "ecpat-data export members > members.csv",
                "ecpat-data export timeline --format ndjson --output timeline.ndjson",
                "ecpat-data export --datapackage ecpat-package",
            ],
            [
                (OK, "written"),
                (FAILED, "the installed data is broken"),
                (USAGE, "bad arguments, or a file or directory that cannot be written"),
            ],
        ),
        formatter_class=CommandHelp,
    )
    export.add_argument("dataset", nargs="?", choices=NAMES, help="the dataset to export")
    export.add_argument(
        "--format",
        choices=("csv", "json", "ndjson"),
        default="csv",
        help="csv (default), json (an indented array) or ndjson (one record per line)",
    )
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
