"""``ecpat-data validate``: report every problem in data files, in text, JSON or GitHub form."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ._cli import FAILED, OK, error

if TYPE_CHECKING:
    import argparse

    from ._problems import Problem, Report

__all__ = ["render", "run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    for path in args.paths:
        if not Path(path).exists():
            return error(f"{path}: no such file or directory")
    from ._validation import validate

    report = validate(*args.paths)
    out.write(render(report, args.format))
    return OK if report.ok else FAILED


def render(report: Report, form: str) -> str:
    """The report as ``text``, ``json`` or ``github`` (Actions annotations)."""
    if form == "json":
        return (
            json.dumps([_as_dict(p) for p in report.problems], indent=2, ensure_ascii=False) + "\n"
        )
    if form == "github":
        return "".join(_annotation(p) + "\n" for p in report.problems)
    lines = [str(p) for p in report.problems]
    files = len(report.files)
    if report.ok:
        lines.append(f"ok: {files} file(s) valid" + _warnings(report))
    else:
        lines.append(
            f"invalid: {len(report.errors)} error(s) in {files} file(s)" + _warnings(report)
        )
    return "\n".join(lines) + "\n"


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
    props = [f"file={_escape(problem.file, property_value=True)}"]
    if problem.line is not None:
        props += [f"line={problem.line}", f"col={problem.column}"]
    message = f"{problem.pointer or '/'}: {problem.message} [{problem.code}]"
    return f"::{level} {','.join(props)}::{_escape(message)}"
