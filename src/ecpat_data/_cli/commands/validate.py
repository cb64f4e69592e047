"""``ecpat-data validate``: report every problem in data files, in text, JSON or GitHub form."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..._core.problems import printable
from ..status import FAILED, OK, error

if TYPE_CHECKING:
    import argparse

    from ..._core.problems import Problem, Report
    from ..main import Subparsers

__all__ = ["add_parser", "render", "run", "summary"]


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data validate`` and its options to the command line."""
    validate = commands.add_parser("validate", help="validate data files (default: bundled)")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="data directory or JSON file")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text")


def run(args: argparse.Namespace, out: TextIO) -> int:
    for path in args.paths:
        if not Path(path).exists():
            return error(f"{path}: no such file or directory")
    from ..._validation.validate import validate

    report = validate(*args.paths)
    _write(out, render(report, args.format))
    if args.format == "text":
        _write(sys.stderr, "".join(f"note: {note}\n" for note in report.notes))
        _write(sys.stderr, summary(report) + "\n")
    return OK if report.ok else FAILED


def render(report: Report, form: str) -> str:
    """The report as ``text`` (one line per problem), ``json`` or ``github`` (annotations).

    Text lines read ``FILE:LINE:COL: POINTER: MESSAGE`` (a file that cannot be read at all has
    no line: ``FILE: /: MESSAGE``); the whole document's pointer is shown as ``/``, and a
    warning's message starts with ``warning:``.
    """
    if form == "json":
        text = json.dumps([_as_dict(p) for p in report.problems], indent=2, ensure_ascii=False)
        return _printable(text + "\n")
    if form == "github":
        return _printable("".join(_annotation(p) + "\n" for p in report.problems))
    return _printable("".join(f"{p}\n" for p in report.problems))


def summary(report: Report) -> str:
    """One line for people: how many files, errors and warnings."""
    files = len(report.files)
    if report.ok:
        return f"ok: {files} file(s) valid" + _warnings(report)
    return f"invalid: {len(report.errors)} error(s) in {files} file(s)" + _warnings(report)


def _printable(text: str) -> str:
    """No lone surrogates (from undecodable file names): they cannot be written as UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _write(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a console that cannot show every character
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def _warnings(report: Report) -> str:
    return f", {len(report.warnings)} warning(s)" if report.warnings else ""


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
