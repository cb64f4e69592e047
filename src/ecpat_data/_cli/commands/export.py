"""``ecpat-data export``: a dataset as CSV, JSON or NDJSON, or a Frictionless Data Package.

Both go through the public functions (``ecpat_data.export``, ``ecpat_data.write_datapackage``),
so the command line and Python write the same bytes. Data goes to stdout as UTF-8 bytes, whatever
the console's encoding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ..._core.datasets import NAMES
from .. import filters
from ..output import write_data
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
    filters.add_arguments(export)


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.datapackage is not None:
        if args.dataset is not None:
            return error("give a DATASET or --datapackage DIR, not both")
        if args.output is not None:
            return error("--output does not apply to --datapackage: the package is written in DIR")
        if filters.given(args):
            return error("filters do not apply to --datapackage: the package holds all the data")
        if args.datapackage == "":
            return error("--datapackage: the directory is an empty string; name a directory")
        from ..._api.export import write_datapackage
        from ..._export.tables import tables
        from ..._loading import bundle

        try:
            path = write_datapackage(args.datapackage)
        except OSError as problem:
            return error(f"{args.datapackage}: {problem.strerror or problem}")
        out.write(f"wrote {path} and {len(tables(bundle()))} CSV resources\n")
        return OK
    if args.dataset is None:
        return error("name a DATASET to export, or give --datapackage DIR")
    if args.output == "":
        return error("--output: the file name is an empty string; name a file")
    chosen = filters.select(args.dataset, args)
    if isinstance(chosen, str):
        return error(chosen)
    from ..._api.export import export

    if args.output is None:
        write_data(out, export(args.dataset, format=args.format, records=chosen))
        return OK
    try:
        export(args.dataset, args.output, format=args.format, records=chosen)
    except OSError as problem:
        return error(f"{args.output}: {problem.strerror or problem}")
    return OK
