"""``ecpat-data fmt [--check] PATH...``: rewrite data files in canonical form."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ..status import FAILED, OK, error

if TYPE_CHECKING:
    import argparse

    from ..main import Subparsers

__all__ = ["add_parser", "run"]


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data fmt`` and its options to the command line."""
    fmt = commands.add_parser("fmt", help="rewrite data files in canonical form")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="data directory or JSON file")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would")
    fmt.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of what would change; change nothing (implies --check)",
    )
    from .validate import add_max_problems

    add_max_problems(fmt)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from ..._validation.format import data_files, format_paths

    try:
        paths = data_files(args.paths)
    except ValueError as usage:
        return error(str(usage))
    check = args.check or args.diff
    outcomes = format_paths(paths, check=check, diff=args.diff, max_problems=args.max_problems)
    counts = {"unchanged": 0, "reformatted": 0, "would-reformat": 0, "invalid": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
        if outcome.status == "invalid":
            for problem in outcome.problems:
                out.write(f"{problem}\n")
            if not outcome.problems:
                out.write(f"{outcome.message}\n")
            if outcome.omitted:
                out.write(
                    f"{outcome.display}: {outcome.omitted:,} more error(s) not shown "
                    "(--max-problems N to list more, 0 for all)\n"
                )
            out.write(
                f"error: {outcome.display} does not validate "
                f"({len(outcome.problems) + outcome.omitted:,} error(s)); left unchanged\n"
            )
        elif outcome.status == "reformatted":
            out.write(f"reformatted {outcome.display}\n")
        elif outcome.status == "would-reformat":
            out.write(outcome.diff)
            out.write(f"would reformat {outcome.display}\n")
    changed = counts["would-reformat"] if check else counts["reformatted"]
    verb = "would be reformatted" if check else "reformatted"
    summary = f"{changed} file(s) {verb}, {counts['unchanged']} file(s) already canonical"
    if counts["invalid"]:
        summary += f", {counts['invalid']} file(s) invalid (not formatted)"
    out.write(summary + "\n")
    failed = counts["invalid"] or (check and counts["would-reformat"])
    return FAILED if failed else OK
