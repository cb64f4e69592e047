"""Validation of data files: every problem, located by file, line, column and JSON pointer."""

from __future__ import annotations

import gc
import json
import os
import stat
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pydantic import BaseModel, ValidationError

from .._core.datasets import DATASETS, FILE_NAMES
from .._core.fileformat import SCHEMA_VERSION
from .._core.problems import Problem, Report
from .._core.suggest import closest
from . import integrity as _integrity
from . import jsonread as _jsonread
from .jsonread import Bad, Issue, JsonFault, decode, kind_of, parse, scrub
from .locate import Locator, line_col, pointer

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from pydantic_core import ErrorDetails

__all__ = [
    "INVALID_FORMAT",
    "NEWER_FORMAT",
    "NOT_NFC",
    "read_valid_directory",
    "validate",
    "validate_bytes",
]

#: The code of text that is not in NFC, the one problem ``fmt`` repairs.
NOT_NFC: Final = "not-nfc"

#: The code of a file whose ``schema_version`` is newer than this version of ecpat-data reads.
NEWER_FORMAT: Final = "newer-schema-version"
#: The code of any other ``schema_version`` than this version's (an older one, true, 2.0, ...).
INVALID_FORMAT: Final = "invalid-schema-version"

#: pydantic error type -> stable problem code (wrong JSON types are handled apart).
_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "string_pattern_mismatch": "invalid-id",
    "string_too_long": "invalid-id",
    "literal_error": "invalid-choice",
    "country_code": "invalid-country",
    "partial_date": "invalid-date",
    "url_scheme": "invalid-url",
    "too_short": "empty-list",
    "text_control_character": "control-character",
    "text_whitespace": "outer-whitespace",
    "text_empty": "empty-text",
    "text_not_nfc": NOT_NFC,
    "greater_than_equal": "out-of-range",
    "json_invalid": "json-syntax",
    "int_parsing_size": "number-out-of-range",
}
_WRONG_TYPE = ("_type", "_parsing", "int_from_float")
_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


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
    problems: list[Problem] = field(default_factory=list)

    _locator: Locator | None = None

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.text or "")
        return self._locator

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        if self.text is None:
            return 1, 1
        return self.locator.line_col(self.locator.find(path, key=key))

    def add(self, path: Sequence[str | int], code: str, message: str, *, key: bool = False) -> None:
        self.problems.append(
            Problem(self.display, *self.locate(path, key=key), pointer(path), code, message)
        )


def validate(*paths: str | os.PathLike[str]) -> Report:
    """Validate data directories or single data files; no path means the bundled data.

    A directory must hold all five files (``sources.json``, ``organisation.json``,
    ``timeline.json``, ``programme_areas.json``, ``members.json``) and is checked as one
    dataset. Files given one by one are checked together; where ``sources.json`` (or
    ``programme_areas.json``) is not among them, citations (or programme-area references) are
    checked against the bundled copy of that file, and not at all if it cannot be read or is
    invalid. Never raises on bad data: every problem is in the returned :class:`Report`.
    """
    groups = _groups(paths) if paths else [list(_bundled_inputs())]
    return _run(groups)


def read_valid_directory(path: str | os.PathLike[str]) -> dict[str, bytes]:
    """The five files of a data directory, by file name, once they validate.

    Raises ``FileNotFoundError`` if ``path`` is not a directory and
    :class:`~ecpat_data.DataError` listing every error if the data is invalid.
    """
    directory = Path(path)
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: no such data directory")
    from .._core.errors import DataError

    report = validate(directory)
    if not report.ok:
        raise DataError(report.errors)
    return {file: (directory / file).read_bytes() for file in FILE_NAMES}


def validate_bytes(files: dict[str, bytes]) -> Report:
    """Validate in-memory files, given as ``{"members.json": b"...", ...}``, checked together."""
    inputs = [
        _Input(FILE_NAMES.get(Path(name).name, ""), name, data) for name, data in files.items()
    ]
    return _run(_split(inputs))


def _run(groups: list[list[_Input]]) -> Report:
    enabled = gc.isenabled()
    gc.disable()  # parsing builds many small objects and no cycles; the collector only slows it
    problems: list[Problem] = []
    notes: list[str] = []
    try:
        for group in groups:
            checked = [_check_file(item) for item in group]
            problems.extend(p for c in checked for p in c.problems)
            problems.extend(_cross_checks(checked, notes))
    finally:
        if enabled:
            gc.enable()
    problems.sort(key=lambda p: (p.file, p.line or 0, p.column or 0, p.code, p.pointer))
    files = tuple(item.display for group in groups for item in group)
    return Report(tuple(problems), files, tuple(notes))


def _groups(paths: Iterable[str | os.PathLike[str]]) -> list[list[_Input]]:
    """A group per directory; loose files together (a second file of a dataset starts another)."""
    groups: list[list[_Input]] = []
    loose: list[_Input] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            groups.append(
                [
                    _read(dataset, path / file, in_directory=True)
                    for dataset, file in ((d.name, d.file) for d in DATASETS.values())
                ]
            )
        else:
            loose.append(_read(FILE_NAMES.get(path.name, ""), path))
    return groups + _split(loose)


def _split(inputs: list[_Input]) -> list[list[_Input]]:
    groups: list[list[_Input]] = []
    for item in inputs:
        for group in groups:
            if not item.dataset or all(other.dataset != item.dataset for other in group):
                group.append(item)
                break
        else:
            groups.append([item])
    return groups


def _read(dataset: str, path: Path, *, in_directory: bool = False) -> _Input:
    display = str(path)
    try:
        info = path.stat()  # follows symlinks: the target is what is read
        if stat.S_ISDIR(info.st_mode):
            return _Input(dataset, display, problem=_whole(display, "not-a-file", "is a directory"))
        if not stat.S_ISREG(info.st_mode):
            return _Input(
                dataset,
                display,
                problem=_whole(
                    display, "not-a-file", "is not a regular file (a device, pipe or socket)"
                ),
            )
        limit = _jsonread.MAX_BYTES
        if info.st_size > limit:
            return _Input(dataset, display, problem=_too_large(display, info.st_size))
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        message = "file not found"
        if in_directory:
            message += f" (a data directory holds all five files: {', '.join(FILE_NAMES)})"
        if path.is_symlink():
            message += f" (a symbolic link to {os.readlink(path)!r}, which does not exist)"
        return _Input(dataset, display, problem=_whole(display, "missing-file", message))
    except OSError as error:
        return _Input(
            dataset, display, problem=_whole(display, "unreadable", error.strerror or str(error))
        )
    if len(data) > limit:  # the file grew while being read
        return _Input(dataset, display, problem=_too_large(display, len(data)))
    return _Input(dataset, display, data)


def _too_large(display: str, size: int) -> Problem:
    limit = _jsonread.MAX_BYTES
    message = f"file is larger than the limit of {limit:,} bytes ({size:,} bytes or more)"
    return Problem(display, 1, 1, "", "file-too-large", message)


def _bundled_inputs() -> Iterator[_Input]:
    from .._core.resources import data_file

    for dataset, file in ((d.name, d.file) for d in DATASETS.values()):
        display = f"<bundled>/{file}"
        try:
            yield _Input(dataset, display, data_file(file).read_bytes())
        except OSError as error:
            code = "missing-file" if isinstance(error, FileNotFoundError) else "unreadable"
            yield _Input(
                dataset, display, problem=_whole(display, code, "bundled file not readable")
            )


def _whole(display: str, code: str, message: str) -> Problem:
    return Problem(display, None, None, "", code, message)


def _check_file(item: _Input) -> _Checked:
    result = _Checked(item.dataset, item.display, None, None)
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
        _check_text(result, item)
    except Exception as error:  # a bug here must not become a traceback in someone's CI
        result.document = None
        result.problems.append(
            Problem(
                item.display,
                1,
                1,
                "",
                "internal-error",
                f"the validator failed on this file ({type(error).__name__}: {error}); "
                "please report this as a bug in ecpat-data",
            )
        )
    return result


def _check_text(result: _Checked, item: _Input) -> None:
    model = DATASETS[result.dataset].file_model
    data, item.data = item.data, None  # from here on only this frame holds the bytes
    assert data is not None
    # Validate the bytes before decoding and parsing them, so that pydantic's models are freed
    # before the text and the parsed document exist, and drop the bytes before parsing: the
    # peak holds the bytes and the models, or the text and the document, never more.
    first = _pydantic_errors(model, data)
    try:
        text = decode(data)
    except JsonFault as fault:
        where = (1, 1)
        if fault.pos is not None:
            where = line_col(data.decode("utf-8", errors="replace"), fault.pos)
        result.problems.append(Problem(result.display, *where, "", fault.code, fault.message))
        return
    result.text = text
    del data
    try:
        document, duplicates, bad = parse(text)
    except JsonFault as fault:
        where = (1, 1) if fault.pos is None else line_col(text, fault.pos)
        result.problems.append(Problem(result.display, *where, "", fault.code, fault.message))
        return
    if _newer_format(result, document):
        return
    if duplicates:
        for at, offset in result.locator.duplicate_keys():
            key = at.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
            result.problems.append(
                Problem(
                    result.display,
                    *result.locator.line_col(offset),
                    at,
                    "duplicate-key",
                    f"key {key!r} appears more than once in this object; JSON readers silently "
                    "keep the last one, so the earlier value would be lost",
                )
            )
    issues: list[Issue] = []
    clean = document
    if bad:
        clean, issues = scrub(document)
    if not isinstance(clean, dict):
        _report_issues(result, issues)
        if not isinstance(document, Bad):
            result.add(
                (),
                "not-an-object",
                f"the top-level value is {kind_of(document)}; a data file is a JSON object",
            )
        return
    result.document = clean
    errors = _pydantic_errors(model, _dump(clean)) if issues else first
    if errors and not issues:
        # Either plain mistakes, or something pydantic's reader refuses that Python's accepted
        # (deep nesting, unpaired surrogates): scrub those out and validate what is left.
        clean, issues = scrub(document)
        if issues:
            result.document = clean
            errors = _pydantic_errors(model, _dump(clean))
    _report_issues(result, issues)
    covered = {issue.path for issue in issues}
    covered |= {(*i.path[:-1], _jsonread.fix_surrogates(str(i.path[-1]))) for i in issues if i.key}
    paths = [_loc(detail) for detail in errors]
    # Every path that has an error below it: a list too short only because its own items were
    # invalid says nothing the items' errors do not.
    above = {path[:end] for path in paths for end in range(len(path))}
    for detail, path in zip(errors, paths, strict=True):
        if any(path[:end] in covered for end in range(len(path) + 1)):
            continue  # already reported, as the value pydantic could not be given
        if detail["type"] == "too_short" and path in above:
            continue
        _report_pydantic(result, model, detail, path)


def _newer_format(result: _Checked, document: Any) -> bool:
    """Report a file written for a newer format as that one problem, and say so.

    Its fields are the newer version's, so every other error found with this version's models
    (unknown fields, mostly) would only hide the one that matters.
    """
    version = document.get("schema_version") if isinstance(document, dict) else None
    if type(version) is not int or version <= SCHEMA_VERSION:
        return False
    result.add(
        ("schema_version",),
        NEWER_FORMAT,
        f"written for a newer ecpat-data (schema_version {version}; this version reads "
        f"{SCHEMA_VERSION}): upgrade ecpat-data",
    )
    return True


def _dump(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def _pydantic_errors(model: type[BaseModel], data: bytes) -> list[ErrorDetails]:
    try:
        model.model_validate_json(data)
    except ValidationError as error:
        return error.errors(include_url=False)
    return []


def _report_issues(result: _Checked, issues: list[Issue]) -> None:
    for issue in issues:
        result.add(issue.path, issue.code, issue.message, key=issue.key)


def _loc(detail: ErrorDetails) -> tuple[str | int, ...]:
    return tuple(p for p in detail["loc"] if isinstance(p, (str, int)))


_MISSING = object()


def _short(value: Any, limit: int = 60) -> str:
    if value is _MISSING:
        return "the value"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _value_at(document: Any, path: Sequence[str | int]) -> Any:
    value = document
    for step in path:
        if isinstance(value, dict) and isinstance(step, str) and step in value:
            value = value[step]
            continue
        if isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
            continue
        return _MISSING
    return value


def _report_pydantic(
    result: _Checked,
    model: type[BaseModel],
    detail: ErrorDetails,
    path: tuple[str | int, ...],
) -> None:
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    value = _value_at(result.document, path)
    code = _CODES.get(kind) or (
        "wrong-type" if kind.endswith(_WRONG_TYPE) else kind.replace("_", "-")
    )
    message = detail["msg"]
    at: tuple[str | int, ...] = path
    key = False
    if kind == "missing" and path:
        at = path[:-1]
        message = f"required field {path[-1]!r} is missing from this object"
    elif kind == "extra_forbidden" and path:
        key = True
        message = f"unknown field {path[-1]!r} (not in the schema: check the spelling)"
        close = closest(str(path[-1]), _field_names(model, path[:-1]), n=1)
        if close:
            message = f"unknown field {path[-1]!r}: did you mean {close[0]!r}?"
    elif code == "wrong-type":
        expected = _expected(model, path) or _TYPE_NAMES.get(kind.split("_")[0], "another type")
        found = kind_of(value) if value is not _MISSING else "another type"
        message = f"wrong type: expected {expected}, found {found}"
    elif kind == "string_pattern_mismatch":
        if isinstance(value, str) and value != value.strip():
            code = "outer-whitespace"
            message = f"id {_short(value)} has leading or trailing whitespace"
        else:
            message = (
                f"{_short(value)} is not a valid id: use lowercase letters a-z, digits and "
                "single hyphens, such as 'ecpat-uk'"
            )
    elif kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "?"
        message = f"id is {length} characters long; the limit is {ctx.get('max_length')}"
    elif kind == "text_control_character":
        number = int(str(ctx.get("code", "0")), 16)
        position = int(ctx.get("offset", 0)) + 1
        name = unicodedata.name(chr(number), "")
        described = f"U+{number:04X}" + (f" {name}" if name else "")
        if number in _BIDI:
            code = "bidi-override"
            message = (
                f"text contains the bidirectional formatting character {described} at "
                f"character {position}: it can make text display in another order than it is "
                "stored"
            )
        else:
            message = f"text contains the control character {described} at character {position}"
    elif kind == "text_whitespace":
        message = f"text {_short(value)} has leading or trailing whitespace"
    elif kind == "literal_error":
        message = (
            f"{_short(value)} is not allowed here; expected {ctx.get('expected', 'another value')}"
        )
    elif kind == "too_short":
        message = (
            f"needs at least {ctx.get('min_length', 1)} item(s), has {ctx.get('actual_length', 0)}"
        )
        if path and path[-1] == "sources":
            message += ": every record cites at least one source"
    elif kind == "int_parsing_size":
        expected = _expected(model, path) or "a smaller number"
        message = f"number {_short(value)} is too large here; expected {expected}"
    elif kind == "greater_than_equal":
        message = f"must be at least {ctx.get('ge')}, found {_short(value)}"
    if path == ("schema_version",) and kind != "missing":
        # Whatever pydantic objects to (a boolean, 2.0, a string, another integer), one
        # message names the one value allowed.
        code = INVALID_FORMAT
        message = (
            f"schema_version must be the integer {SCHEMA_VERSION} (the file format this "
            f"version of ecpat-data reads), found {kind_of(value)}"
        )
        if type(value) is int and value < SCHEMA_VERSION:
            message = (
                f"schema_version {value} is an older file format; this version of ecpat-data "
                f"reads {SCHEMA_VERSION} (docs/versioning.md says what changed)"
            )
    result.add(at, code, message, key=key)


_TYPE_NAMES = {
    "string": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "tuple": "an array",
    "list": "an array",
    "model": "an object",
    "dict": "an object",
}


def _field_type(model: type[BaseModel], path: Sequence[str | int]) -> tuple[Any, bool] | None:
    """The (unwrapped) annotation of the field at ``path``, and whether it allows null."""
    annotation: Any = model
    for step in path:
        annotation, _ = _unwrap(annotation)
        if (
            isinstance(step, str)
            and isinstance(annotation, type)
            and issubclass(annotation, BaseModel)
        ):
            found = None
            for name, info in annotation.model_fields.items():
                if step in (name, info.alias):
                    found = info.annotation
            if found is None:
                return None
            annotation = found
        elif isinstance(step, int) and typing.get_origin(annotation) is tuple:
            annotation = typing.get_args(annotation)[0]
        else:
            return None
    return _unwrap(annotation)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or origin is types.UnionType:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return annotation, nullable
            annotation = args[0]
        else:
            return annotation, nullable


def _field_names(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    try:
        found = _field_type(model, path)
    except Exception:
        return []
    if found is None:
        return []
    annotation, _ = found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [info.alias or name for name, info in annotation.model_fields.items()]
    return []


def _expected(model: type[BaseModel], path: Sequence[str | int]) -> str | None:
    """What the schema wants at ``path``, in words, or None if it cannot tell."""
    from .._core.countries import Country
    from .._core.dates import PartialDate

    try:
        found = _field_type(model, path)
    except Exception:
        return None
    if found is None:
        return None
    annotation, nullable = found
    words: str | None = None
    if annotation is Country:
        words = 'an ISO 3166-1 alpha-2 country code such as "TH"'
    elif annotation is PartialDate:
        words = 'a date string such as "1996", "1996-08" or "1996-08-27"'
    elif annotation is str:
        words = "a string"
    elif annotation is bool:
        words = "true or false"
    elif annotation is int:
        words = "an integer"
    elif typing.get_origin(annotation) is tuple:
        words = "an array"
    elif typing.get_origin(annotation) is typing.Literal:
        words = "one of " + ", ".join(json.dumps(a) for a in typing.get_args(annotation))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        words = "an object"
    if words is not None and nullable:
        words += " or null"
    return words


def _cross_checks(checked: list[_Checked], notes: list[str]) -> Iterator[Problem]:
    by_dataset = {c.dataset: c for c in checked if c.dataset}
    documents = {name: c.document for name, c in by_dataset.items() if isinstance(c.document, dict)}
    known_sources = known_areas = None
    if "sources" not in by_dataset and documents:
        known_sources = _bundled_ids("sources")
        if known_sources is None:
            notes.append(
                "citations not checked: no sources.json was given and the bundled one cannot "
                "be read or is invalid"
            )
    if "programme_areas" not in by_dataset and "timeline" in documents:
        known_areas = _bundled_ids("programme_areas")
        if known_areas is None:
            notes.append(
                "programme-area references not checked: no programme_areas.json was given and "
                "the bundled one cannot be read or is invalid"
            )
    try:
        findings = _integrity.check(documents, known_sources=known_sources, known_areas=known_areas)
    except Exception as error:  # never a traceback; see _check_file
        owner = checked[0]
        yield Problem(
            owner.display,
            1,
            1,
            "",
            "internal-error",
            f"the cross-file checks failed ({type(error).__name__}: {error}); please report "
            "this as a bug in ecpat-data",
        )
        return
    for finding in findings:
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


def _bundled_ids(dataset: str) -> frozenset[str] | None:
    """Ids in the bundled copy of a dataset, or None when it cannot be read or is invalid.

    Reads the one file directly (not through the cached bundle, which may be loading: its lock
    is held while it calls back into validation).
    """
    from .._core.resources import data_file

    file = DATASETS[dataset].file
    model = DATASETS[dataset].file_model
    key = DATASETS[dataset].key
    try:
        data = data_file(file).read_bytes()
        model.model_validate_json(data)
        records = json.loads(data)[key]
        return frozenset(record["id"] for record in records)
    except Exception:
        return None


def _parse_pointer(text: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for raw in text.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        parts.append(int(part) if part.isdigit() else part)
    return tuple(parts)
