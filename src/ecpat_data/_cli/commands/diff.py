"""``ecpat-data diff OLD NEW`` (or one directory and the installed data): what changed.

``--from-bundled NEW``: the installed data is old, NEW is new (a steward: "what does my change
do to the bundled data?"). ``OLD --to-bundled``: OLD is old, the installed data new (an analyst:
"what changed since the edition I pinned?"). ``--against-bundled`` is the older spelling of
``--to-bundled`` (DIR is the old side), kept working with a note on stderr.

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
            "are validated first. The header says which side is old and which is new. With one "
            "directory: --from-bundled compares the installed data (old) with DIR (new), a "
            "steward's 'what does my change do?'; --to-bundled compares DIR (old) with the "
            "installed data (new), an analyst's 'what changed since my pinned copy?' "
            "(--against-bundled, the older spelling, means --to-bundled). --format markdown "
            "gives tables for a pull-request comment, with @mentions and web addresses in code "
            "spans so that posting it pings nobody."
        ),
        epilog=epilog(
            [
                "ecpat-data diff old-data/ new-data/",
                "ecpat-data diff --from-bundled data/ --format markdown",
                "ecpat-data diff pinned-data/ --to-bundled",
            ],
            [
                (OK, "no differences"),
                (FAILED, "differences found"),
                (USAGE, "bad arguments, a path that is not a data directory, or invalid data"),
            ],
        ),
        formatter_class=CommandHelp,
    )
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
    diff.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text for a terminal (default), or markdown for a pull request or CHANGELOG",
    )


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
        if Path(path).is_dir():
            continue
        if os.path.lexists(path):
            return error(f"{path}: not a directory (diff compares two data directories)")
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
