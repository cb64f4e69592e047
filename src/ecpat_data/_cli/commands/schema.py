"""``ecpat-data schema NAME``: print the JSON Schema (Draft 2020-12) of a data file."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ..._core.datasets import NAMES
from ..output import write_data
from ..status import OK, USAGE, CommandHelp, epilog

if TYPE_CHECKING:
    import argparse

    from ..main import Subparsers

__all__ = ["add_parser", "run"]


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data schema`` and its options to the command line."""
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a data file",
        description=(
            "Print the JSON Schema (Draft 2020-12) of one data file, generated from the models: "
            'the same schemas every data file points to with "$schema", so that editors '
            "complete and check fields. A schema cannot express every rule (real dates, "
            "citations across files, ...): validate is the authority."
        ),
        epilog=epilog(
            ["ecpat-data schema members > members.schema.json"],
            [(OK, "printed"), (USAGE, "an unknown dataset name")],
        ),
        formatter_class=CommandHelp,
    )
    schema.add_argument("name", choices=NAMES, help="the dataset whose schema to print")


def run(args: argparse.Namespace, out: TextIO) -> int:
    from ..._validation.schema import schema_text

    write_data(out, schema_text(args.name).encode("utf-8"))
    return OK
