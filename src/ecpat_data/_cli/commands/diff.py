"""``ecpat-data diff OLD NEW`` / ``ecpat-data diff OLD --against-bundled``: what changed.

Exit status as diff(1): 0 no differences, 1 differences, 2 trouble (bad arguments, a missing
directory, or data that does not validate: every problem is printed to stderr).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..._core.errors import DataError
from ..status import FAILED, OK, USAGE, CommandHelp, epilog, error

if TYPE_CHECKING:
    import argparse

    from ..main import Subparsers

__all__ = ["add_parser", "run"]


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data diff`` and its options to the command line."""
    diff = commands.add_parser(
        "diff",
        help="records added, removed and changed between editions",
        description=(
            "Compare two data directories record by record (matched by id): records added, "
            "removed and changed, with each changed field's value before and after. Both sides "
            "are validated first. --against-bundled compares a directory (the old side) with "
            "the installed data (the new side). --format markdown gives tables for a "
            "pull-request comment, with @mentions and web addresses in code spans so that "
            "posting it pings nobody."
        ),
        epilog=epilog(
            [
                "ecpat-data diff old-data/ new-data/",
                "ecpat-data diff data/ --against-bundled --format markdown",
            ],
            [
                (OK, "no differences"),
                (FAILED, "differences found"),
                (USAGE, "bad arguments, a path that is not a data directory, or invalid data"),
            ],
        ),
        formatter_class=CommandHelp,
    )
    diff.add_argument("old", metavar="OLD", help="data directory")
    diff.add_argument("new", metavar="NEW", nargs="?", help="data directory")
    diff.add_argument(
        "--against-bundled", action="store_true", help="compare OLD with the installed data"
    )
    diff.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text for a terminal (default), or markdown for a pull request or CHANGELOG",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.against_bundled and args.new is not None:
        return error("give either NEW or --against-bundled, not both")
    if not args.against_bundled and args.new is None:
        return error("diff needs two data directories (OLD NEW), or OLD --against-bundled")
    for path in (args.old, args.new):
        if path is None or Path(path).is_dir():
            continue
        if os.path.lexists(path):
            return error(f"{path}: not a directory (diff compares two data directories)")
        return error(f"{path}: no such data directory")
    from ..._reports.diff import diff_against_bundled, diff_dirs, render

    try:
        result = (
            diff_against_bundled(args.old)
            if args.against_bundled
            else diff_dirs(args.old, args.new)
        )
    except DataError as problem:
        print(
            f"ecpat-data: error: cannot compare: {len(problem.problems)} problem(s) in the data "
            "(fix them first; `ecpat-data validate DIR` shows them too):",
            file=sys.stderr,
        )
        for item in problem.problems:
            print(f"  {item}", file=sys.stderr)
        return USAGE
    out.write(render(result, args.format))
    return OK if result.empty else FAILED
