"""The ``ecpat-data`` command line: argument parsing and dispatch to one module per command."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Final

from .._core.datasets import NAMES

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

#: Exit statuses shared by every command.
OK: Final = 0
FAILED: Final = 1  # invalid data, differences found, verification failed
USAGE: Final = 2  # bad arguments, missing paths

DATASET_NAMES: Final = NAMES


def _parser() -> argparse.ArgumentParser:
    from .._version import __version__

    parser = argparse.ArgumentParser(
        prog="ecpat-data",
        description="ECPAT International's reference data: inspect, validate, format, export.",
    )
    parser.add_argument("--version", action="version", version=f"ecpat-data {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    info = commands.add_parser("info", help="version, data edition, counts and completeness")
    info.add_argument("--json", action="store_true", help="print JSON instead of text")
    info.add_argument(
        "--verify",
        action="store_true",
        help="check the installed files against the build manifest (exit 1 if altered)",
    )

    validate = commands.add_parser("validate", help="validate data files (default: bundled)")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="data directory or JSON file")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text")

    fmt = commands.add_parser("fmt", help="rewrite data files in canonical form")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="data directory or JSON file")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would")

    schema = commands.add_parser("schema", help="print the JSON Schema of a data file")
    schema.add_argument("name", choices=DATASET_NAMES)

    show = commands.add_parser("show", help="print a dataset as a table or JSON")
    show.add_argument("dataset", choices=DATASET_NAMES)
    show.add_argument("--country", metavar="CC", help="only members in this country")
    show.add_argument("--search", metavar="TEXT", help="only members whose names match TEXT")
    show.add_argument("--lang", metavar="LANG", default="en", help="language of country names")
    show.add_argument("--format", choices=("table", "json"), default="table")

    export = commands.add_parser("export", help="export a dataset or a Frictionless Data Package")
    export.add_argument("dataset", nargs="?", choices=DATASET_NAMES)
    export.add_argument("--format", choices=("csv", "json", "ndjson"), default="csv")
    export.add_argument("--output", metavar="FILE", help="write here instead of stdout")
    export.add_argument("--datapackage", metavar="DIR", help="write a Data Package into DIR")

    diff = commands.add_parser("diff", help="records added, removed and changed between editions")
    diff.add_argument("old", metavar="OLD", help="data directory")
    diff.add_argument("new", metavar="NEW", nargs="?", help="data directory")
    diff.add_argument(
        "--against-bundled", action="store_true", help="compare OLD with the installed data"
    )
    diff.add_argument("--format", choices=("text", "markdown"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    module = import_module(f".commands.{args.command}", __package__)
    from .._core.errors import EcpatDataError

    try:
        status: int = module.run(args, sys.stdout)
    except EcpatDataError as problem:
        print(f"ecpat-data: {problem}", file=sys.stderr)
        return FAILED
    except BrokenPipeError:  # e.g. `ecpat-data show members | head`
        sys.stderr.close()
        return OK
    except KeyboardInterrupt:
        return 130
    return status


def error(message: str) -> int:
    """Print a usage problem to stderr and return the usage exit status."""
    print(f"ecpat-data: error: {message}", file=sys.stderr)
    return USAGE
