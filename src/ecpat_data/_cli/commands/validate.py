"""``ecpat-data validate``: report every problem in data files, in text, JSON or GitHub form."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, TextIO

from ..._core.problems import printable
from ..status import FAILED, OK, USAGE, CommandHelp, epilog, error

if TYPE_CHECKING:
    import argparse

    from ..._core.problems import Problem, Report
    from ..main import Subparsers

__all__ = ["add_max_problems", "add_parser", "omitted_lines", "render", "run", "summary"]


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data validate`` and its options to the command line."""
    validate = commands.add_parser(
        "validate",
        help="validate data files (default: bundled)",
        description=(
            "Check data directories or single data files (none given: the installed data) "
            "against every rule: the schema, real calendar dates, country codes, duplicate "
            "keys and ids, citations across files, and more. Every problem is reported with "
            "file, line, column, JSON pointer and a stable code (at most --max-problems per "
            "file, the rest counted). A directory must hold all five files; a file named alone "
            "is checked with the data files beside it, or against the bundled data when it has "
            "none."
        ),
        epilog=epilog(
            [
                "ecpat-data validate data/",
                "ecpat-data validate data/members.json --format github",
            ],
            [
                (OK, "the data is valid (warnings allowed)"),
                (FAILED, "the data has errors"),
                (USAGE, "a path that does not exist, names no data, or cannot be read"),
            ],
        ),
        formatter_class=CommandHelp,
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="data directory or JSON file")
    validate.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text: FILE:LINE:COL: POINTER: MESSAGE lines (default); json: one object per "
        "problem; github: GitHub Actions annotations",
    )
    add_max_problems(validate)


def add_max_problems(parser: argparse.ArgumentParser) -> None:
    """Add ``--max-problems N`` (shared by ``validate`` and ``fmt``)."""
    from ..._validation.validate import DEFAULT_MAX_PROBLEMS

    parser.add_argument(
        "--max-problems",
        type=_count,
        default=DEFAULT_MAX_PROBLEMS,
        metavar="N",
        help=f"list at most N problems per file, then count the rest (default "
        f"{DEFAULT_MAX_PROBLEMS}; 0: list them all)",
    )


def _count(text: str) -> int | None:
    import argparse

    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, not {text!r}")
    return number or None


def run(args: argparse.Namespace, out: TextIO) -> int:
    from ..._validation.paths import argument_problem

    for path in args.paths:
        problem = argument_problem(path)
        if problem is not None:
            return error(problem)
    from ..._validation.validate import validate

    report = validate(*args.paths, max_problems=args.max_problems)
    text = render(report, args.format)
    if args.format == "json" and not _encodable(text, out):
        # Escaping what the console cannot show after the fact would write Python escapes
        # (``\U0001f600``, ``\xe9``), which are not JSON: escape inside the JSON instead.
        text = render(report, "json", ascii_only=True)
    _write(out, text)
    if args.format == "text":
        _write(sys.stderr, "".join(f"note: {note}\n" for note in report.notes))
        _write(sys.stderr, summary(report) + "\n")
    elif args.format == "json":
        _write(sys.stderr, "".join(f"{line}\n" for line in omitted_lines(report)))
    unreadable = [p for p in report.errors if p.code == "unreadable"]
    if unreadable:  # trouble, not a verdict: the data could not be read
        return error(f"{unreadable[0].file}: cannot read: {unreadable[0].message}")
    return OK if report.ok else FAILED


def render(report: Report, form: str, *, ascii_only: bool = False) -> str:
    """The report as ``text`` (one line per problem), ``json`` or ``github`` (annotations).

    ``ascii_only`` writes JSON with every non-ASCII character as a JSON escape (``\\u00e9``),
    for a console that cannot show them.

    Text lines read ``FILE:LINE:COL: POINTER: MESSAGE`` (a file that cannot be read at all has
    no line: ``FILE: /: MESSAGE``); the whole document's pointer is shown as ``/``, and a
    warning's message starts with ``warning:``.
    """
    if form == "json":
        problems = [_as_dict(p) for p in report.problems]
        text = json.dumps(problems, indent=2, ensure_ascii=ascii_only)
        return _printable(text + "\n")
    if form == "github":
        lines = [_annotation(p) for p in report.problems]
        lines += [
            f"::error file={_escape(printable(file), property_value=True)}::{_escape(line)}"
            for file, line in _omitted(report)
        ]
        return _printable("".join(line + "\n" for line in lines))
    more = dict(_omitted(report))
    lines = []
    for index, problem in enumerate(report.problems):
        lines.append(str(problem))
        last = index + 1 == len(report.problems) or report.problems[index + 1].file != problem.file
        if last and problem.file in more:
            lines.append(printable(f"{problem.file}: {more.pop(problem.file)}"))
    lines += [printable(f"{file}: {line}") for file, line in more.items()]
    return _printable("".join(line + "\n" for line in lines))


def omitted_lines(report: Report) -> list[str]:
    """One line per file that had more problems than were listed: how many more."""
    return [printable(f"{file}: {line}") for file, line in _omitted(report)]


def _omitted(report: Report) -> list[tuple[str, str]]:
    found = []
    for file, errors, warnings in report.omitted_by_file:
        parts = []
        if errors:
            parts.append(f"{errors:,} more error(s)")
        if warnings:
            parts.append(f"{warnings:,} more warning(s)")
        found.append(
            (file, " and ".join(parts) + " not shown (--max-problems N to list more, 0 for all)")
        )
    return found


def summary(report: Report) -> str:
    """One line for people: how many files, errors and warnings."""
    files = len(report.files)
    if report.ok:
        return f"ok: {files} file(s) valid" + _warnings(report)
    errors = len(report.errors) + sum(e for _, e, _ in report.omitted_by_file)
    return f"invalid: {errors:,} error(s) in {files} file(s)" + _warnings(report)


def _printable(text: str) -> str:
    """No lone surrogates (from undecodable file names): they cannot be written as UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _encodable(text: str, stream: TextIO) -> bool:
    """True when ``stream``'s encoding can carry every character of ``text``."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _write(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a console that cannot show every character
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def _warnings(report: Report) -> str:
    warnings = len(report.warnings) + sum(w for _, _, w in report.omitted_by_file)
    return f", {warnings:,} warning(s)" if warnings else ""


def _as_dict(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "pointer": problem.pointer,
        "code": problem.code,
        "severity": problem.severity,
        "message": problem.message,
    }


def _escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _annotation(problem: Problem) -> str:
    level = "error" if problem.severity == "error" else "warning"
    props = [f"file={_escape(printable(problem.file), property_value=True)}"]
    if problem.line is not None:
        props += [f"line={problem.line}", f"col={problem.column}"]
    message = printable(f"{problem.pointer or '/'}: {problem.message} [{problem.code}]")
    return f"::{level} {','.join(props)}::{_escape(message)}"
