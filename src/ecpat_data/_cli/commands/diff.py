"""``ecpat-data diff OLD NEW`` (or one directory and the installed data): what changed.

``--from-bundled NEW``: the installed data is old, NEW is new (a steward: "what does my change
do to the bundled data?"). ``OLD --to-bundled``: OLD is old, the installed data new (an analyst:
"what changed since the edition I pinned?"). ``--against-bundled`` is the older spelling of
``--to-bundled`` (DIR is the old side), kept working with a note on stderr.

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
    diff.add_argument(
        "dirs", metavar="DIR", nargs="+", help="data directories: OLD NEW, or one with a flag"
    )
    side = diff.add_mutually_exclusive_group()
    side.add_argument(
        "--from-bundled",
        action="store_true",
        help="old = the installed data, new = DIR (what does my change do to it?)",
    )
    side.add_argument(
        "--to-bundled",
        action="store_true",
        help="old = DIR, new = the installed data (what changed since DIR?)",
    )
    side.add_argument(
        "--against-bundled", action="store_true", help="same as --to-bundled (DIR is old)"
    )
    diff.add_argument("--format", choices=("text", "markdown"), default="text")


def run(args: argparse.Namespace, out: TextIO) -> int:
    one = args.from_bundled or args.to_bundled or args.against_bundled
    if one and len(args.dirs) != 1:
        return error(
            "give two data directories (OLD NEW) or one DIR with --from-bundled or "
            "--to-bundled, not both"
        )
    if not one and len(args.dirs) != 2:
        return error(
            "diff needs two data directories (OLD NEW), or one with --from-bundled "
            "(installed -> DIR) or --to-bundled (DIR -> installed)"
        )
    if len(args.dirs) > 2:
        return error("diff compares two data directories, OLD NEW")
    for path in args.dirs:
        if not Path(path).is_dir():
            return error(f"{path}: no such data directory")
    if args.against_bundled:
        print(
            "ecpat-data: note: --against-bundled compares DIR (old) with the installed data "
            "(new); say --to-bundled for that, or --from-bundled to see what DIR changes",
            file=sys.stderr,
        )
    from ..._api.reports import diff

    if args.from_bundled:
        old, new = None, args.dirs[0]
    elif args.to_bundled or args.against_bundled:
        old, new = args.dirs[0], None
    else:
        old, new = args.dirs
    try:
        result = diff(old, new)
    except DataError as problem:
        print(
            f"ecpat-data: error: cannot compare: {len(problem.problems)} problem(s) in the data "
            "(fix them first; `ecpat-data validate DIR` shows them too):",
            file=sys.stderr,
        )
        for item in problem.problems:
            print(f"  {item}", file=sys.stderr)
        return USAGE
    out.write(result.report(args.format))
    return OK if result.empty else FAILED
