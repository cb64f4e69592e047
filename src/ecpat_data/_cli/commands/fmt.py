"""``ecpat-data fmt [--check] PATH...``: rewrite data files in canonical form."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ..status import FAILED, OK, USAGE, CommandHelp, epilog, error

if TYPE_CHECKING:
    import argparse

    from ..main import Subparsers

__all__ = ["add_parser", "run"]


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data fmt`` and its options to the command line."""
    fmt = commands.add_parser(
        "fmt",
        help="rewrite data files in canonical form",
        description=(
            "Rewrite data files in their canonical form: keys in the data dictionary's order, "
            "every optional field written out, 2-space indent, text in Unicode NFC, records in "
            "a stable order, a final newline. A file that does not validate is never rewritten; "
            "writing is atomic (a temporary file renamed over the original, which keeps its "
            "mode and, where allowed, its owner). --check changes nothing and names the files "
            "that would change; --diff also shows how."
        ),
        epilog=epilog(
            ["ecpat-data fmt data/", "ecpat-data fmt --check data/", "ecpat-data fmt --diff data/"],
            [
                (OK, "every file canonical (or reformatted)"),
                (FAILED, "a file does not validate, or --check: a file would change"),
                (USAGE, "a path missing or naming no data; a file unreadable or unwritable"),
            ],
        ),
        formatter_class=CommandHelp,
    )
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
    counts = dict.fromkeys(
        ("unchanged", "reformatted", "would-reformat", "invalid", "unreadable", "unwritable"), 0
    )
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
        elif outcome.status == "unreadable":
            error(f"{outcome.display}: cannot read: {outcome.message}")
        elif outcome.status == "unwritable":
            error(f"{outcome.display}: cannot write: {outcome.message}; left unchanged")
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
    trouble = counts["unreadable"] + counts["unwritable"]
    if trouble:
        summary += f", {trouble} file(s) that could not be read or written"
    out.write(summary + "\n")
    if trouble:
        return USAGE
    failed = counts["invalid"] or (check and counts["would-reformat"])
    return FAILED if failed else OK
