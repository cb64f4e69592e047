"""Validation of data files: every problem, located by file, line, column and JSON pointer."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from . import _integrity
from ._jsonread import Bad, JsonFault, decode, parse
from ._locate import Locator, line_col, pointer
from ._models import DATASETS
from ._problems import Problem, Report

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator, Sequence

__all__ = ["FILE_NAMES", "validate", "validate_bytes"]

#: File name -> dataset name.
FILE_NAMES = {file: name for name, (file, _, _) in DATASETS.items()}

_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "string_pattern_mismatch": "invalid-id",
    "literal_error": "invalid-choice",
    "country_code": "invalid-country",
    "partial_date": "invalid-date",
    "url_scheme": "invalid-url",
    "too_short": "empty-list",
}
_WRONG_TYPE = ("_type", "_parsing")


@dataclass
class _Input:
    dataset: str
    display: str
    data: bytes | None = None
    problem: Problem | None = None


@dataclass
class _Checked:
    dataset: str
    display: str
    text: str | None
    document: Any
    problems: list[Problem]

    _locator: Locator | None = None

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        if self.text is None:
            return 1, 1
        if self._locator is None:
            self._locator = Locator(self.text)
        return line_col(self.text, self._locator.find(path, key=key))


def validate(*paths: str | os.PathLike[str]) -> Report:
    """Validate data directories or single data files; no path means the bundled data.

    A directory must hold all five files (``sources.json``, ``organisation.json``,
    ``timeline.json``, ``programme_areas.json``, ``members.json``). A single file is checked on
    its own; its citations are checked against the bundled source registry when
    ``sources.json`` is not among the inputs. Never raises on bad data: every problem is in the
    returned :class:`Report`.
    """
    inputs = list(_inputs(paths)) if paths else list(_bundled_inputs())
    return _run(inputs)


def validate_bytes(files: dict[str, bytes]) -> Report:
    """Validate in-memory files, given as ``{"members.json": b"...", ...}``."""
    inputs = [
        _Input(FILE_NAMES.get(Path(name).name, ""), name, data) for name, data in files.items()
    ]
    return _run(inputs)


def _run(inputs: list[_Input]) -> Report:
    enabled = gc.isenabled()
    gc.disable()  # parsing builds many small objects and no cycles; the collector only slows it
    try:
        checked = [_check_file(item) for item in inputs]
        problems = [p for c in checked for p in c.problems]
        problems.extend(_cross_checks(checked))
    finally:
        if enabled:
            gc.enable()
    problems.sort(key=lambda p: (p.file, p.line or 0, p.column or 0, p.code))
    return Report(tuple(problems), tuple(item.display for item in inputs))


def _inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[_Input]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for dataset, (file, _, _) in DATASETS.items():
                yield _read(dataset, path / file)
        else:
            yield _read(FILE_NAMES.get(path.name, ""), path)


def _read(dataset: str, path: Path) -> _Input:
    display = str(path)
    try:
        return _Input(dataset, display, path.read_bytes())
    except FileNotFoundError:
        return _Input(dataset, display, problem=_whole(display, "missing-file", "file not found"))
    except IsADirectoryError:
        return _Input(dataset, display, problem=_whole(display, "not-a-file", "is a directory"))
    except OSError as error:
        return _Input(
            dataset, display, problem=_whole(display, "unreadable", error.strerror or str(error))
        )


def _bundled_inputs() -> Iterator[_Input]:
    from ._resources import data_file

    for dataset, (file, _, _) in DATASETS.items():
        yield _Input(dataset, f"<bundled>/{file}", data_file(file).read_bytes())


def _whole(display: str, code: str, message: str) -> Problem:
    return Problem(display, None, None, "", code, message)


def _check_file(item: _Input) -> _Checked:
    result = _Checked(item.dataset, item.display, None, None, [])
    if item.problem is not None or item.data is None:
        result.problems.append(item.problem or _whole(item.display, "unreadable", "no data"))
        return result
    if not item.dataset:
        names = ", ".join(FILE_NAMES)
        result.problems.append(
            _whole(item.display, "unknown-file", f"not a data file name; expected one of {names}")
        )
        return result
    try:
        text = decode(item.data)
        result.text = text
        document, duplicates, bad = parse(text)
    except JsonFault as fault:
        where = (
            line_col(result.text, fault.pos) if result.text and fault.pos is not None else (1, 1)
        )
        if fault.code == "invalid-utf8" and fault.pos is not None:
            good = item.data.decode("utf-8", errors="replace")
            where = line_col(good, fault.pos)
        result.problems.append(Problem(item.display, *where, "", fault.code, fault.message))
        return result
    result.document = document
    if duplicates:
        for at, offset in Locator(text).duplicate_keys():
            key = at.rsplit("/", 1)[-1]
            result.problems.append(
                Problem(
                    item.display,
                    *line_col(text, offset),
                    at,
                    "duplicate-key",
                    f"key {key!r} appears twice in one object; JSON readers silently keep the "
                    "last one, so the first would be lost",
                )
            )
    if bad:
        for path, marker in _bad_values(document, ()):
            result.problems.append(
                Problem(
                    item.display, *result.locate(path), pointer(path), marker.code, marker.message
                )
            )
        return result
    if not isinstance(document, dict):
        kind = type(document).__name__.replace("dict", "object").replace("list", "array")
        result.problems.append(
            Problem(
                item.display,
                *result.locate(()),
                "",
                "not-an-object",
                f"the top-level value is {kind}; a data file is a JSON object",
            )
        )
        return result
    _, model, _ = DATASETS[item.dataset]
    try:
        model.model_validate_json(item.data)
    except ValidationError as error:
        result.problems.extend(_from_pydantic(result, error))
    return result


def _bad_values(
    value: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Bad]]:
    if isinstance(value, Bad):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _bad_values(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _bad_values(item, (*path, index))


def _from_pydantic(result: _Checked, error: ValidationError) -> Iterator[Problem]:
    details = error.errors(include_url=False, include_input=False)
    paths = [tuple(p for p in d["loc"] if isinstance(p, (str, int))) for d in details]
    for detail, path in zip(details, paths, strict=False):
        kind = detail["type"]
        if kind == "too_short" and any(
            len(o) > len(path) and o[: len(path)] == path for o in paths
        ):
            continue  # a list emptied by its own invalid items: the items' errors say why
        code = _CODES.get(kind) or (
            "wrong-type" if kind.endswith(_WRONG_TYPE) else kind.replace("_", "-")
        )
        message = detail["msg"]
        if kind == "missing":
            line, column = result.locate(path[:-1])
            message = f"required field {path[-1]!r} is missing"
        elif kind == "extra_forbidden":
            line, column = result.locate(path, key=True)
            message = f"unknown field {path[-1]!r} (not in the schema: check the spelling)"
        else:
            line, column = result.locate(path)
            if kind == "string_pattern_mismatch":
                message = "not a valid id: use lowercase letters a-z, digits and single hyphens"
        yield Problem(result.display, line, column, pointer(path), code, message)


def _cross_checks(checked: list[_Checked]) -> Iterator[Problem]:
    documents = {c.dataset: c.document for c in checked if isinstance(c.document, dict)}
    by_dataset = {c.dataset: c for c in checked}
    known: frozenset[str] | None = None
    if "sources" not in by_dataset:
        known = _bundled_source_ids()
    for finding in _integrity.check(documents, known_sources=known):
        owner = by_dataset[finding.dataset]
        path = _parse_pointer(finding.pointer)
        line, column = owner.locate(path)
        yield Problem(
            owner.display,
            line,
            column,
            finding.pointer,
            finding.code,
            finding.message,
            finding.severity,
        )


def _bundled_source_ids() -> frozenset[str] | None:
    try:
        from ._loading import bundle

        return frozenset(bundle().sources_by_id)
    except Exception:  # the bundled data itself is broken: skip the citation check
        return None


def _parse_pointer(text: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for raw in text.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        parts.append(int(part) if part.isdigit() else part)
    return tuple(parts)
