"""``ecpat-data diff OLD NEW`` / ``ecpat-data diff OLD --against-bundled``: what changed.

Exit status as diff(1): 0 no differences, 1 differences, 2 trouble (bad arguments, a missing
directory, or data that does not validate: every problem is printed to stderr).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..._core.errors import DataError
from ..status import FAILED, OK, USAGE, error

if TYPE_CHECKING:
    import argparse

    from ..main import Subparsers

__all__ = ["add_parser", "run"]


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data diff`` and its options to the command line."""
    diff = commands.add_parser("diff", help="records added, removed and changed between editions")
    diff.add_argument("old", metavar="OLD", help="data directory")
    diff.add_argument("new", metavar="NEW", nargs="?", help="data directory")
    diff.add_argument(
        "--against-bundled", action="store_true", help="compare OLD with the installed data"
    )
    diff.add_argument("--format", choices=("text", "markdown"), default="text")


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.against_bundled and args.new is not None:
        return error("give either NEW or --against-bundled, not both")
    if not args.against_bundled and args.new is None:
        return error("diff needs two data directories (OLD NEW), or OLD --against-bundled")
    for path in (args.old, args.new):
        if path is not None and not Path(path).is_dir():
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
