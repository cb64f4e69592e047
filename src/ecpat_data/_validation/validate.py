"""Validation of data files: every problem, located by file, line, column and JSON pointer."""

from __future__ import annotations

import copy
import errno
import gc
import json
import os
import stat
import types
import typing
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pydantic import BaseModel, ValidationError

from .._core.datasets import DATASETS, FILE_NAMES
from .._core.dates import PartialDate
from .._core.fileformat import SCHEMA_VERSION
from .._core.problems import Problem, Report
from .._core.suggest import closest
from .._core.text import is_noncharacter
from . import integrity as _integrity
from . import jsonread as _jsonread
from .jsonread import Bad, Issue, JsonFault, decode, key_bound, kind_of, parse, scrub
from .locate import Locator, line_col, pointer

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from pydantic_core import ErrorDetails

    from .._core.problems import Severity

__all__ = [
    "DEFAULT_MAX_PROBLEMS",
    "INVALID_FORMAT",
    "NEWER_FORMAT",
    "NOT_NFC",
    "read_data_file",
    "read_valid_directory",
    "validate",
    "validate_bytes",
]

#: How many problems are listed per file unless told otherwise (``max_problems``,
#: ``--max-problems``); the rest are only counted (:attr:`Report.omitted`).
DEFAULT_MAX_PROBLEMS: Final = 100

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
    "text_formula": "formula-start",
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
class _Group:
    """Files checked together. ``bundled``: a missing sources.json or programme_areas.json is
    replaced by the bundled copy (a lone file); else those checks are skipped, with a note."""

    inputs: list[_Input]
    bundled: bool = True
    #: The directory whose files these are, for notes ("" when not from one directory).
    directory: str = ""


@dataclass
class _Checked:
    dataset: str
    display: str
    text: str | None
    document: Any
    problems: list[Problem] = field(default_factory=list)
    #: At most this many problems are kept (None: all); the rest are only counted.
    limit: int | None = None
    omitted_errors: int = 0
    omitted_warnings: int = 0
    #: What the cross-file checks need of a valid file, gathered from its models.
    summary: _integrity.Summary | None = None
    #: True once parsing found no repeated key (the locator then scans objects lazily).
    unique_keys: bool = False
    #: For the fast path: the keys the validated models were given, once the screen accepted
    #: the file and nothing else stands in the way (see :func:`_plain`); else None.
    model_keys: int | None = None
    #: For ``fmt``: keep the validated model of a valid file (see :func:`validate_group`).
    keep: bool = False
    model: Any = None
    #: True for a file the fast path proved valid without parsing it (see :func:`_plain`):
    #: :meth:`parsed` parses it on first use.
    lazy: bool = False

    _locator: Locator | None = None

    def parsed(self) -> Any:
        """The parsed document (of a valid file that took the fast path: parsed now)."""
        if self.lazy:
            assert self.text is not None
            document, duplicates, bad = parse(self.text)
            if duplicates or bad:  # the fast path's proof failed: a bug, never a pass
                raise AssertionError(f"{self.display}: the fast path took a file it must not")
            self.document = document
            self.lazy = False
        return self.document

    def room(self) -> bool:
        """True while another problem may be listed (past the limit, problems are counted)."""
        return self.limit is None or len(self.problems) < self.limit

    def count(self, severity: str = "error", number: int = 1) -> None:
        if severity == "error":
            self.omitted_errors += number
        else:
            self.omitted_warnings += number

    def append(self, problem: Problem) -> None:
        if self.room():
            self.problems.append(problem)
        else:
            self.count(problem.severity)

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.text or "")
            self._locator.unique_keys = self.unique_keys
        return self._locator

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        if self.text is None:
            return 1, 1
        return self.locator.line_col(self.locator.find(path, key=key))

    def add(
        self,
        path: Sequence[str | int],
        code: str,
        message: str,
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> None:
        if not self.room():
            self.count(severity)
            return
        self.problems.append(
            Problem(
                self.display,
                *self.locate(path, key=key),
                pointer(path),
                code,
                message,
                severity,
            )
        )


def validate(
    *paths: str | os.PathLike[str], max_problems: int | None = DEFAULT_MAX_PROBLEMS
) -> Report:
    """Validate data directories or single data files; no path means the bundled data.

    A directory must hold all five files (``sources.json``, ``organisation.json``,
    ``timeline.json``, ``programme_areas.json``, ``members.json``) and is checked as one
    dataset. Files given one by one are checked together; where ``sources.json`` (or
    ``programme_areas.json``) is not among them, citations (or programme-area references) are
    checked against the bundled copy of that file, and not at all if it cannot be read or is
    invalid. Never raises on bad data: every problem is in the returned :class:`Report`.

    At most ``max_problems`` problems are listed per file (``None``: no limit); the rest are
    counted in :attr:`Report.omitted` without being located, so the cost stays linear in the
    size of the input however many problems it has.
    """
    groups = _groups(paths) if paths else [_Group(list(_bundled_inputs()), bundled=False)]
    return _run(groups, _limit(max_problems))


def _limit(max_problems: int | None) -> int | None:
    if max_problems is None:
        return None
    if isinstance(max_problems, bool) or not isinstance(max_problems, int) or max_problems < 1:
        raise ValueError(f"max_problems must be a positive integer or None, not {max_problems!r}")
    return max_problems


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
        raise DataError(report.errors, sum(errors for _, errors, _ in report.omitted_by_file))
    return {file: (directory / file).read_bytes() for file in FILE_NAMES}


def validate_bytes(
    files: dict[str, bytes], *, max_problems: int | None = DEFAULT_MAX_PROBLEMS
) -> Report:
    """Validate in-memory files, given as ``{"members.json": b"...", ...}``, checked together."""
    inputs = [
        _Input(FILE_NAMES.get(Path(name).name, ""), name, data) for name, data in files.items()
    ]
    return _run([_Group(group) for group in _split(inputs)], _limit(max_problems))


def validate_group(
    files: dict[str, bytes],
    *,
    bundled: bool,
    max_problems: int | None = DEFAULT_MAX_PROBLEMS,
    keep: dict[str, tuple[Any, Any]] | None = None,
) -> Report:
    """Validate in-memory files of one directory together (for ``fmt``); with ``bundled``
    (a lone file), a missing registry is replaced by the bundled one.

    With ``keep``, each file that validates on its own is put into it, by display name, as
    (validated model, parsed document), so ``fmt`` need not read it a second time. The
    document is None for a file the fast path did not parse (see :func:`_plain`): it has no
    repeated key and no value JSON cannot carry, so ``json.loads`` reads it as it is.
    """
    inputs = [
        _Input(FILE_NAMES.get(Path(name).name, ""), name, data) for name, data in files.items()
    ]
    return _run([_Group(inputs, bundled=bundled)], _limit(max_problems), keep)


def _run(
    groups: list[_Group],
    limit: int | None = DEFAULT_MAX_PROBLEMS,
    keep: dict[str, tuple[Any, Any]] | None = None,
) -> Report:
    enabled = gc.isenabled()
    gc.disable()  # parsing builds many small objects and no cycles; the collector only slows it
    problems: list[Problem] = []
    notes: list[str] = []
    omitted: list[tuple[str, int, int]] = []
    try:
        for group in groups:
            _run_group(group, limit, keep, problems, notes, omitted)
    finally:
        # Only now, once the models and documents of every file are freed (they live in
        # _run_group's frame): re-enabled over them, the collector's next pass would walk them
        # all (0.3 s for 100,000 members), as each object made meanwhile is in its youngest
        # generation.
        if enabled:
            gc.enable()
    problems.sort(key=lambda p: (p.file, p.line or 0, p.column or 0, p.code, p.pointer))
    files = tuple(item.display for group in groups for item in group.inputs)
    return Report(tuple(problems), files, tuple(notes), tuple(omitted))


def _run_group(
    group: _Group,
    limit: int | None,
    keep: dict[str, tuple[Any, Any]] | None,
    problems: list[Problem],
    notes: list[str],
    omitted: list[tuple[str, int, int]],
) -> None:
    """Check one group of files, adding to ``problems``, ``notes`` and ``omitted``."""
    checked = [_check_file(item, limit, keep is not None) for item in group.inputs]
    for problem in _cross_checks(checked, notes, limit, group):
        owner = next(c for c in checked if c.display == problem.file)
        owner.append(problem)
    for item in checked:
        if (
            keep is not None
            and item.model is not None
            and not item.omitted_errors
            and all(p.severity != "error" for p in item.problems)
        ):
            keep[item.display] = (item.model, item.document)
        problems.extend(item.problems)
        if item.omitted_errors or item.omitted_warnings:
            omitted.append((item.display, item.omitted_errors, item.omitted_warnings))


def _groups(paths: Iterable[str | os.PathLike[str]]) -> list[_Group]:
    """A group per directory named; files named one by one are grouped by their directory.

    A named file is checked together with the other data files beside it (its siblings),
    whether or not they are named too, so that citations resolve against the sources.json of
    its own dataset. Only a file with no sibling is checked against the bundled data.
    """
    groups: list[_Group] = []
    loose: dict[Path, list[Path]] = {}
    for raw in paths:
        path = Path(raw)
        if _is_dir(path):
            groups.append(
                _Group(
                    [
                        _read(dataset, path / file, in_directory=True)
                        for dataset, file in ((d.name, d.file) for d in DATASETS.values())
                    ],
                    bundled=False,
                )
            )
        else:
            loose.setdefault(_directory_of(path), []).append(path)
    for named in loose.values():
        inputs = [_read(FILE_NAMES.get(path.name, ""), path) for path in named]
        given = {path.name for path in named}
        siblings = [
            _read(dataset, named[0].parent / file)
            for dataset, file in ((d.name, d.file) for d in DATASETS.values())
            if file not in given and _is_sibling(named[0], file)
        ]
        if not given & set(FILE_NAMES):
            siblings = []  # no data file named: nothing to check the files beside it for
        for group in _split(inputs + siblings):
            alone = len(group) == 1 and not siblings
            groups.append(_Group(group, bundled=alone, directory=str(named[0].parent)))
    return groups


def _directory_of(path: Path) -> Path:
    """The directory a file is in, as one key whatever the spelling (``a/x``, ``./a/x``)."""
    try:
        return path.absolute().parent.resolve()
    except OSError:
        return path.absolute().parent


def _is_sibling(named: Path, file: str) -> bool:
    """True if the data file ``file`` is a regular file beside ``named``."""
    try:
        return named.parent.joinpath(file).is_file()
    except OSError:
        return False


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


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # cannot be examined (a directory above it cannot be entered): read it
        return False  # as a file, which reports why


def read_data_file(
    path: Path, *, in_directory: bool = False
) -> tuple[bytes | None, Problem | None]:
    """A data file's bytes, or the problem that stops them being read, checked as ``validate``
    checks every file before reading it: a directory, named pipe, device or socket is refused
    without opening it, and a file over the size limit without reading it whole."""
    item = _read(FILE_NAMES.get(path.name, ""), path, in_directory=in_directory)
    return item.data, item.problem


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
            data = _read_at_most(handle, info.st_size, limit)
    except FileNotFoundError:
        message = "file not found"
        if in_directory:
            message += f" (a data directory holds all five files: {', '.join(FILE_NAMES)})"
        if path.is_symlink():
            message += f" (a symbolic link to {os.readlink(path)!r}, which does not exist)"
        return _Input(dataset, display, problem=_whole(display, "missing-file", message))
    except OSError as error:
        if error.errno == errno.ELOOP:
            message = "is a symbolic link that leads back to itself"
            return _Input(dataset, display, problem=_whole(display, "not-a-file", message))
        return _Input(
            dataset, display, problem=_whole(display, "unreadable", error.strerror or str(error))
        )
    if len(data) > limit:  # the file grew while being read
        return _Input(dataset, display, problem=_too_large(display, len(data)))
    return _Input(dataset, display, data)


def _read_at_most(handle: typing.BinaryIO, expected: int, limit: int) -> bytes:
    """The file's bytes, or ``limit + 1`` of them if it has more (it grew while being read).

    Reads the size the file had, then on in small pieces: ``read(limit + 1)`` would reserve
    the whole limit (256 MiB) for any file, however small.
    """
    data = handle.read(min(expected, limit) + 1)
    if len(data) <= expected:
        return data
    pieces = [data]
    total = len(data)
    while total <= limit:
        piece = handle.read(min(1 << 20, limit + 1 - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)


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


def _check_file(
    item: _Input, limit: int | None = DEFAULT_MAX_PROBLEMS, keep: bool = False
) -> _Checked:
    result = _Checked(item.dataset, item.display, None, None, limit=limit, keep=keep)
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
    # Screen the bytes with pydantic before decoding and parsing them, so that the models are
    # freed before the text and the parsed document exist, and drop the bytes before parsing:
    # the peak holds the bytes and the models, or the text and the document, never more.
    # The screen stops at the first bad item of a list, so a hostile file costs it nothing.
    screened = _screen(result, data)
    try:
        text = decode(data)
    except JsonFault as fault:
        where = (1, 1)
        if fault.pos is not None:
            where = line_col(data.decode("utf-8", errors="replace"), fault.pos)
        result.append(Problem(result.display, *where, "", fault.code, fault.message))
        return
    result.text = text
    if screened and _plain(result, data):
        # Proved to parse without a fault, repeated key or value JSON cannot carry, so that the
        # strict reading below would add nothing: the document is parsed only if needed.
        result.unique_keys = True
        result.lazy = True
        return
    del data
    try:
        document, duplicates, bad = parse(text)
    except JsonFault as fault:
        where = (1, 1) if fault.pos is None else line_col(text, fault.pos)
        if fault.code == "json-syntax":
            where, fault.message = _comma(text, fault, where)
        result.append(Problem(result.display, *where, "", fault.code, fault.message))
        return
    result.unique_keys = not duplicates
    if _newer_format(result, document):
        return
    if duplicates:
        _report_duplicates(result, duplicates)
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
    if screened and not issues:
        return
    # Either plain mistakes, or something pydantic's reader refuses that Python's accepted
    # (deep nesting, unpaired surrogates): scrub those out and validate what is left.
    if not issues:
        clean, issues = scrub(document)
        result.document = clean
    _report_issues(result, issues)
    covered = {issue.path for issue in issues}
    covered |= {(*i.path[:-1], _jsonread.fix_surrogates(str(i.path[-1]))) for i in issues if i.key}
    _model_problems(result, model, clean, covered)


def _comma(text: str, fault: JsonFault, where: tuple[int, int]) -> tuple[tuple[int, int], str]:
    """A syntax error that is a comma too many or too few, named as such and placed at it.

    Python's reader reports a trailing comma as "Expecting property name enclosed in double
    quotes" (or "Expecting value") at the ``}`` (``]``) after it, often a line later, and a
    missing comma at the token after the gap: both are placed where the comma is, or belongs.
    """
    pos = fault.pos
    if pos is None:
        return where, fault.message
    back = pos - 1
    if "trailing comma" in fault.message and text.startswith(",", pos):
        back = pos  # Python 3.13 names it, at the comma
    while back >= 0 and text[back] in " \t\r\n":
        back -= 1
    if back < 0:
        return where, fault.message
    closing = text.startswith(("}", "]"), pos) or back == pos
    if text[back] == "," and closing:
        whole = "object" if _closer(text, back) == "}" else "array"
        return line_col(text, back), (
            f"invalid JSON: trailing comma after the last item of this {whole}: remove it "
            "(JSON allows no comma before a closing bracket)"
        )
    if "Expecting ',' delimiter" in fault.message:
        line, column = line_col(text, pos)
        return line_col(text, back + 1), (
            f"invalid JSON: missing comma after this value (the next one starts at line {line}, "
            f"column {column}): add a ','"
        )
    return where, fault.message


def _closer(text: str, comma: int) -> str:
    """The first closing bracket after ``comma``."""
    at = comma + 1
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return text[at] if at < len(text) else ""


def _report_duplicates(result: _Checked, duplicates: int) -> None:
    found = result.locator.duplicate_keys(limit=result.limit)
    for at, offset in found:
        if not result.room():
            result.count()
            continue
        key = at.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        result.append(
            Problem(
                result.display,
                *result.locator.line_col(offset),
                at,
                "duplicate-key",
                f"key {key!r} appears more than once in this object; JSON readers silently "
                "keep the last one, so the earlier value would be lost",
            )
        )
    result.count(number=max(0, duplicates - len(found)))


#: Records validated per pydantic call once a file is known to be invalid: the errors of one
#: call are held at once, so this bounds the memory a file full of mistakes can take.
_CHUNK = 500


def _model_problems(
    result: _Checked,
    model: type[BaseModel],
    clean: dict[str, Any],
    covered: set[tuple[str | int, ...]],
) -> None:
    """Report the model's errors for an invalid file, in bounded pieces.

    Unknown keys are taken out first (each is a problem), then the top level is validated
    without its records, and the records in chunks of :data:`_CHUNK`; past the limit, errors
    are only counted.
    """
    dataset = DATASETS[result.dataset]
    clean = _strip_unknown(result, model, clean, ())
    records = None if dataset.single else clean.get(dataset.key)
    if not isinstance(records, list) or not records:
        _take(result, model, _model_errors(model, _dump(clean)), (), 0, covered)
        return
    skeleton = dict(clean)
    skeleton[dataset.key] = []
    _take(result, model, _model_errors(model, _dump(skeleton)), (), 0, covered)
    adapter = _records_adapter(result.dataset)
    for start in range(0, len(records), _CHUNK):
        error = _model_errors(adapter, _dump(records[start : start + _CHUNK]))
        _take(result, model, error, (dataset.key,), start, covered)


def _take(
    result: _Checked,
    model: type[BaseModel],
    error: ValidationError | None,
    prefix: tuple[str | int, ...],
    offset: int,
    covered: set[tuple[str | int, ...]],
) -> None:
    if error is None:
        return
    if not result.room():
        result.count(number=error.error_count())
        return
    errors = error.errors(include_url=False)
    paths = []
    for detail in errors:
        loc = _loc(detail)
        if prefix and loc and isinstance(loc[0], int):
            loc = (*prefix, loc[0] + offset, *loc[1:])
        paths.append(loc)
    # Every path that has an error below it: a list too short only because its own items were
    # invalid says nothing the items' errors do not.
    above = {path[:end] for path in paths for end in range(len(path))}
    for detail, path in zip(errors, paths, strict=True):
        if any(path[:end] in covered for end in range(len(path) + 1)):
            continue  # already reported, as the value pydantic could not be given
        if detail["type"] == "too_short" and path in above:
            continue
        if not result.room():
            result.count()
            continue
        _report_pydantic(result, model, detail, path)


def _model_errors(validator: Any, data: bytes) -> ValidationError | None:
    try:
        if isinstance(validator, type) and issubclass(validator, BaseModel):
            validator.model_validate_json(data)
        else:
            validator.validate_json(data)
    except ValidationError as error:
        return error
    return None


_ADAPTERS: dict[str, Any] = {}


def _records_adapter(dataset: str) -> Any:
    """A validator of a JSON array of the dataset's records."""
    adapter = _ADAPTERS.get(dataset)
    if adapter is None:
        from pydantic import TypeAdapter

        record = DATASETS[dataset].record_model
        adapter = _ADAPTERS[dataset] = TypeAdapter(tuple[record, ...])  # type: ignore[valid-type]
    return adapter


def _strip_unknown(
    result: _Checked, annotation: Any, value: Any, path: tuple[str | int, ...]
) -> Any:
    """``value`` without the keys its model does not know, each reported as unknown-field.

    Walks only where models are: a list of a million numbers is passed over, not copied.
    """
    annotation, _ = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not isinstance(value, dict):
            return value
        fields = _known_fields(annotation)
        out: dict[str, Any] = {}
        for key, item in value.items():
            inner = fields.get(key, _MISSING)
            if inner is _MISSING:
                _unknown_field(result, annotation, (*path, key))
                continue
            out[key] = (
                _strip_unknown(result, inner, item, (*path, key)) if _holds_model(inner) else item
            )
        return out
    if typing.get_origin(annotation) is tuple and isinstance(value, list):
        inner = typing.get_args(annotation)[0]
        if not _holds_model(inner):
            return value
        return [
            _strip_unknown(result, inner, item, (*path, i)) if isinstance(item, dict) else item
            for i, item in enumerate(value)
        ]
    return value


def _unknown_field(result: _Checked, model: type[BaseModel], path: tuple[str | int, ...]) -> None:
    if not result.room():
        result.count()
        return
    name = str(path[-1])
    message = f"unknown field {name!r} (not in the schema: check the spelling)"
    close = closest(name, [n for n in _known_fields(model) if n != "schema_uri"], n=1)
    if close:
        message = f"unknown field {name!r}: did you mean {close[0]!r}?"
    result.add(path, "unknown-field", message, key=True)


_FIELDS: dict[type[BaseModel], dict[str, Any]] = {}


def _known_fields(model: type[BaseModel]) -> dict[str, Any]:
    """Key -> annotation for every key the model accepts (by alias, and by name where allowed)."""
    fields = _FIELDS.get(model)
    if fields is None:
        fields = {}
        by_name = bool(model.model_config.get("populate_by_name"))
        for name, info in model.model_fields.items():
            fields[info.alias or name] = info.annotation
            if by_name or not info.alias:
                fields[name] = info.annotation
        _FIELDS[model] = fields
    return fields


def _holds_model(annotation: Any) -> bool:
    """True if a value of this annotation may contain a model somewhere."""
    annotation, _ = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    if typing.get_origin(annotation) is tuple:
        return _holds_model(typing.get_args(annotation)[0])
    return False


_SCREENS: dict[str, Any] = {}
#: Dataset -> the integer fields of its screen's models (class -> field names), or None where
#: the fast path's proof does not hold for its models (see :func:`_shape`).
_SHAPES: dict[str, dict[type, tuple[str, ...]] | None] = {}


def _screen(result: _Checked, data: bytes) -> bool:
    """True if the bytes are a valid file (by the models alone); its summary is kept.

    The screen is the file model's own validator with two changes: every list stops at its
    first bad item, and unknown keys are kept aside instead of being errors (each one would be
    an error held in memory: a file of a million unknown keys or a million wrong items costs
    the screen one error). Its verdict is the model's once no object kept an unknown key,
    which the walk that gathers ids and citations checks. The walk also counts the keys the
    models were given, for the fast path (:func:`_plain`).
    """
    validator = _screens(result.dataset)
    try:
        document = validator.validate_json(data)
    except ValidationError:
        return False
    summary = _integrity.Summary()
    ints = _SHAPES[result.dataset]
    tally = _Tally(summary.cited, ints or {}, 0)
    if not _gather(document, summary, result.dataset, tally):
        return False
    result.summary = summary
    if ints is not None and tally.provable:
        result.model_keys = tally.keys
    if result.keep:
        result.model = document
    return True


def _screens(dataset: str) -> Any:
    validator = _SCREENS.get(dataset)
    if validator is None:
        from pydantic_core import SchemaValidator

        model = DATASETS[dataset].file_model
        schema = model.__pydantic_core_schema__
        if not isinstance(schema, dict):  # a model whose build is deferred: build it now
            model.model_rebuild(force=True)
            schema = model.__pydantic_core_schema__
        twins: dict[type, type] = {}
        screen = copy.deepcopy(schema)
        _lenient(screen, twins)
        _SHAPES[dataset] = _shape(screen)
        validator = _SCREENS[dataset] = SchemaValidator(screen)
    return validator


def _lenient(node: Any, twins: dict[type, type]) -> None:
    """Turn a copy of a core schema into the screen's (see :func:`_screen`), in place."""
    if isinstance(node, list):
        for item in node:
            _lenient(item, twins)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind in ("list", "tuple", "set", "frozenset"):
        node["fail_fast"] = True
    elif kind == "model-fields":
        node["extra_behavior"] = "allow"
    elif kind == "model":
        if isinstance(node.get("config"), dict):
            node["config"] = {**node["config"], "extra_fields_behavior": "allow"}
        cls = node["cls"]
        if node.get("post_init") and _only_private_init(cls):
            # pydantic's hook that fills in private attributes (``Member._edition``): a Python
            # call per record that checks nothing. The screen's models are read for their
            # fields only (ids, citations, unknown keys; ``fmt`` dumps them), never for those.
            del node["post_init"]
        # pydantic-core reuses the validator a complete model class already has, whatever its
        # schema says; a twin class (a subclass, so instances stay instances) has none.
        if cls not in twins:
            twins[cls] = type(cls.__name__, (cls,), {"__module__": cls.__module__})
        node["cls"] = twins[cls]
    for value in list(node.values()):
        if isinstance(value, (dict, list)):
            _lenient(value, twins)


def _only_private_init(cls: type) -> bool:
    """True if the model's ``model_post_init`` is pydantic's own private-attribute initialiser."""
    hook = getattr(cls, "model_post_init", None)
    return (
        getattr(hook, "__name__", None) == "init_private_attributes"
        and getattr(hook, "__module__", None) == "pydantic._internal._model_construction"
    )


# --- the fast path ------------------------------------------------------------------------


def _plain(result: _Checked, data: bytes) -> bool:
    """True if the strict reading (:func:`jsonread.parse` and what follows it in
    :func:`_check_text`) of this file, which the screen accepted, would report nothing: the
    fast path, which does not parse the file.

    The strict reading reports, beyond the screen's verdict, what pydantic's reader accepts
    silently. For a file the screen accepted (``model_keys`` is set only then, and only where
    :func:`_shape` holds for the models):

    - a syntax error or nesting too deep for Python's reader: none. pydantic-core's reader
      accepts no text that Python's refuses (it is the stricter of the two: it refuses lone
      surrogates, more than 200 levels of nesting and numbers of over 4,300 digits too; a
      property test holds the two readers to it), and the models nest at most ``MAX_DEPTH``
      levels deep. Bad UTF-8 and a byte-order mark are refused before this, by :func:`decode`;
    - NaN, Infinity, a number too large for a float: none, as every leaf of the models refuses
      a JSON number that is not an integer (pydantic-core reads these as floats);
    - an integer of more than 100 digits: the walk over the models looked at every integer
      field (``_Tally.provable``);
    - a repeated key: the models were given ``model_keys`` keys, one per field set (a field has
      its own spellings, and each object is a model: no unknown keys, no dict fields), so
      at most as many as the objects' distinct keys; :func:`jsonread.key_bound` is at least
      the number of keys in the text. Equal, the text has no more keys than distinct keys;
    - a lone surrogate (the screen's reader refuses it), a top-level value that is not an
      object, a newer ``schema_version`` (the models accept only this version's): none.

    Any doubt (a bound that is not met) takes the strict path, which finds what there is.
    """
    return result.model_keys is not None and result.model_keys == key_bound(data)


class _Unprovable(Exception):
    """A schema the fast path's proof does not cover (see :func:`_shape`)."""


def _shape(schema: Any) -> dict[type, tuple[str, ...]] | None:
    """The integer fields of a screen's models (class -> names), or None if the fast path's
    proof (:func:`_plain`) does not hold for them.

    It holds when every JSON value of a file the screen accepts is where a model put it: each
    object a model with no hook that could change its set of fields (no custom ``__init__``,
    no ``model_post_init``), whose unknown keys are kept aside (for :func:`_walk` to see) and
    each of whose key spellings (name, alias) belongs to one field; each leaf a string, a
    literal string, a strict boolean or a strict integer field of a model (no float, dict,
    ``Any``, union or plain validator anywhere, no default taken on error); and no value nested
    deeper than ``MAX_DEPTH`` (nor a model that contains itself). Every other schema node
    makes it unprovable.
    """
    walk = _ShapeWalk()
    try:
        depth = walk.depth(schema, None, {})
    except _Unprovable:
        return None
    if depth > _jsonread.MAX_DEPTH:
        return None
    return {cls: tuple(sorted(names)) for cls, names in walk.ints.items()}


class _ShapeWalk:
    """One walk of :func:`_shape` over a core schema."""

    def __init__(self) -> None:
        self.ints: dict[type, set[str]] = {}
        self.definitions: dict[str, Any] = {}
        self.active: set[str] = set()  # definitions being walked (one inside itself: a cycle)

    def depth(self, node: Any, owner: tuple[type, str] | None, config: dict[str, Any]) -> int:
        """How deeply the JSON values ``node`` accepts nest (a leaf: 0).

        ``owner`` is the (model class, field) whose value ``node`` validates directly (None
        inside a list), ``config`` the enclosing model's core config.
        """
        kind = node.get("type") if isinstance(node, dict) else None
        if kind == "model":
            return self.model(node)
        if kind == "definitions":
            for definition in node.get("definitions", ()):
                self.definitions[definition["ref"]] = definition
            return self.depth(node["schema"], owner, config)
        if kind == "definition-ref":
            ref = node.get("schema_ref")
            if ref in self.active or ref not in self.definitions:
                raise _Unprovable(f"definition {ref!r}")
            self.active.add(ref)
            try:
                return self.depth(self.definitions[ref], owner, config)
            finally:
                self.active.discard(ref)
        if kind == "default" and node.get("on_error", "raise") == "raise":
            return self.depth(node["schema"], owner, config)
        if kind in ("nullable", "function-after"):
            return self.depth(node["schema"], owner, config)
        if kind == "json-or-python":
            return self.depth(node["json_schema"], owner, config)
        if kind in ("tuple", "list"):
            items = node.get("items_schema")
            if kind == "tuple":
                if not isinstance(items, list) or len(items) != 1:
                    raise _Unprovable(kind)
                if node.get("variadic_item_index") != 0:
                    raise _Unprovable(kind)
                items = items[0]
            if not isinstance(items, dict):
                raise _Unprovable(kind)
            return 1 + self.depth(items, None, config)
        if kind == "str" and not node.get(
            "coerce_numbers_to_str", config.get("coerce_numbers_to_str")
        ):
            return 0
        if kind == "literal" and all(isinstance(v, str) for v in node.get("expected", [None])):
            return 0
        if kind in ("bool", "int") and node.get("strict", config.get("strict")) is True:
            if kind == "int":
                if owner is None:
                    raise _Unprovable("an integer that is not a model field")
                self.ints.setdefault(owner[0], set()).add(owner[1])
            return 0
        raise _Unprovable(str(kind))

    def model(self, node: dict[str, Any]) -> int:
        inner = node.get("schema")
        if (
            node.get("custom_init")
            or node.get("root_model")
            or node.get("post_init")
            or not isinstance(inner, dict)
            or inner.get("type") != "model-fields"
            or inner.get("extra_behavior") != "allow"
        ):
            raise _Unprovable("model")
        config = dict(node.get("config") or {})
        if "strict" in node:
            config["strict"] = node["strict"]
        spellings: set[str] = set()
        deepest = 0
        for name, item in inner["fields"].items():
            alias = item.get("validation_alias") if isinstance(item, dict) else None
            if item.get("type") != "model-field" or not isinstance(alias, (str, type(None))):
                raise _Unprovable("model-field")
            names = {name} if alias is None else {name, alias}
            if names & spellings:
                raise _Unprovable("shared key spelling")
            spellings |= names
            deepest = max(deepest, self.depth(item["schema"], (node["cls"], name), config))
        return 1 + deepest


#: An integer of more than 100 digits is a number JSON readers mangle (see jsonread).
_HUGE: Final = 10**100


class _Tally:
    """What the walk over a valid file's models finds beyond the ids and citations."""

    __slots__ = ("cited", "dates", "ints", "keys", "names", "provable", "year")

    def __init__(self, cited: set[str], ints: dict[type, tuple[str, ...]], year: int) -> None:
        self.cited = cited
        #: Model class -> its integer fields (from :func:`_shape`).
        self.ints = ints
        #: The keys the models were given: the fields set, over every model.
        self.keys = 0
        #: False once an integer field holds more than 100 digits, or the file declares a
        #: newer format (the strict reading reports either).
        self.provable = True
        #: The edition's year, and every date of that year or later (the others are before the
        #: edition, whatever their month or day).
        self.year = year
        self.dates: list[Any] = []
        #: Every list of names (of a field the repeated-name rule reads) of two or more.
        self.names: list[tuple[str, ...]] = []


_PLANS: dict[type, tuple[bool, tuple[tuple[str, bool], ...], tuple[str, ...], tuple[str, ...]]]
_PLANS = {}


def _plan(
    cls: type,
) -> tuple[bool, tuple[tuple[str, bool], ...], tuple[str, ...], tuple[str, ...]]:
    """(has a ``sources`` field, ((field, is a tuple), ...) for the fields that hold models,
    its date fields, its fields that are lists of names the repeated-name rule reads)."""
    plan = _PLANS.get(cls)
    if plan is None:
        assert issubclass(cls, BaseModel)
        children = []
        dates = []
        names = []
        for name, info in cls.model_fields.items():
            annotation, _ = _unwrap(info.annotation)
            if typing.get_origin(annotation) is tuple:
                if _holds_model(typing.get_args(annotation)[0]):
                    children.append((name, True))
                elif name in _integrity.NAME_FIELDS:
                    names.append(name)
            elif _holds_model(annotation):
                children.append((name, False))
            elif annotation is PartialDate:
                dates.append(name)
        plan = _PLANS[cls] = (
            "sources" in cls.model_fields,
            tuple(children),
            tuple(dates),
            tuple(names),
        )
    return plan


_COVERED: dict[str, tuple[bool, bool]] = {}


def _covered(dataset: str) -> tuple[bool, bool]:
    """Whether every date the after-edition rule reads, and every list of names the
    repeated-name rule reads, is a field the walk over the models looks at (a date field, a
    tuple field of that name): only then can the walk stand in for those rules."""
    covered = _COVERED.get(dataset)
    if covered is None:
        model = DATASETS[dataset].file_model
        dates = all(
            (found := _field_type(model, path)) is not None and found[0] is PartialDate
            for path in _integrity.dated_paths(dataset)
        )
        path = _integrity.name_list_path(dataset)
        names = path is None or (
            (found := _field_type(model, path)) is not None
            and typing.get_origin(found[0]) is tuple
            and not _holds_model(typing.get_args(found[0])[0])
        )
        covered = _COVERED[dataset] = (dates, names)
    return covered


def _gather(document: Any, summary: _integrity.Summary, dataset: str, tally: _Tally) -> bool:
    """Collect what the cross-file checks need from validated models (record ids, cited
    source ids, the edition, whether a date may be late or a name repeated) and what the fast
    path needs (``tally``); False on an unknown key."""
    if document.__pydantic_extra__:
        return False
    tally.keys += len(document.__pydantic_fields_set__)
    _count_ints(document, tally)
    version = getattr(document, "schema_version", None)
    if type(version) is not int or version > SCHEMA_VERSION:
        tally.provable = False
    edition = getattr(document, "current_to", None)
    if type(edition) is PartialDate:
        tally.year = edition.year
    key = DATASETS[dataset].key
    records = getattr(document, key, None)
    if isinstance(records, tuple):
        summary.ids = [str(getattr(record, "id", "")) for record in records]
        if not all(_walk(record, tally) for record in records):
            return False
    else:
        for name, _ in _plan(type(document))[1]:
            value = getattr(document, name)
            for item in value if isinstance(value, tuple) else (value,):
                if item is not None and not _walk(item, tally):
                    return False
    dates, names = _covered(dataset)
    if type(edition) is PartialDate:
        summary.edition = str(edition)  # a valid date has this one spelling
    if not _integrity.dated_paths(dataset):
        summary.late = False  # the rule reads no date in this file
    elif type(edition) is PartialDate:
        # PartialDate orders as its ISO text: none later here, none later as text.
        summary.late = not dates or any(
            type(value) is not PartialDate or value > edition for value in tally.dates
        )
    if _integrity.name_list_path(dataset) is None:
        summary.repeated = False  # the rule reads no list of names in this file
    else:
        summary.repeated = not names or any(
            len({unicodedata.normalize("NFC", name) for name in found}) < len(found)
            for found in tally.names
        )
    return True


def _count_ints(model: Any, tally: _Tally) -> None:
    for name in tally.ints.get(type(model), ()):
        value = getattr(model, name)
        if value is not None and (type(value) is not int or not -_HUGE < value < _HUGE):
            tally.provable = False


def _walk(model: Any, tally: _Tally) -> bool:
    if model.__pydantic_extra__:
        return False
    cls = type(model)
    has_sources, children, dates, names = _PLANS.get(cls) or _plan(cls)
    tally.keys += len(model.__pydantic_fields_set__)
    if cls in tally.ints:
        _count_ints(model, tally)
    if has_sources:
        tally.cited.update(model.sources)
    for name in dates:
        value = getattr(model, name)
        if value is not None and (type(value) is not PartialDate or value.year >= tally.year):
            tally.dates.append(value)
    for name in names:
        value = getattr(model, name)
        if len(value) > 1:
            tally.names.append(value)
    for name, many in children:
        value = getattr(model, name)
        if value is None:
            continue
        if many:
            for item in value:
                if not _walk(item, tally):
                    return False
        elif not _walk(value, tally):
            return False
    return True


class _Documents(Mapping[str, Any]):
    """The parsed documents (objects only) of files checked together, by dataset, for the
    cross-file checks: a file the fast path took is parsed only if it is read."""

    def __init__(self, by_dataset: dict[str, _Checked]) -> None:
        self._files = {
            name: checked
            for name, checked in by_dataset.items()
            if checked.lazy or isinstance(checked.document, dict)
        }

    def __getitem__(self, name: str) -> Any:
        return self._files[name].parsed()

    def __contains__(self, name: object) -> bool:
        return name in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


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
        category = unicodedata.category(chr(number))
        if number in _BIDI:
            code = "bidi-override"
            message = (
                f"text contains the bidirectional formatting character {described} at "
                f"character {position}: it can make text display in another order than it is "
                "stored"
            )
        elif category == "Cc":
            message = f"text contains the control character {described} at character {position}"
        elif category == "Co":
            code = "private-use-character"
            message = (
                f"text contains the private-use character {described} at character {position}: "
                "it has no agreed meaning and shows differently (or not at all) in each font; "
                "remove it"
            )
        elif is_noncharacter(chr(number)):
            code = "noncharacter"
            message = (
                f"text contains the noncharacter {described} at character {position}: it is "
                "not meant for interchange; remove it"
            )
        else:
            code = "invisible-character"
            message = (
                f"text contains the invisible character {described} at character {position}: "
                "it cannot be seen but changes searching, sorting and comparing; remove it"
            )
    elif kind == "text_formula":
        first = str(ctx.get("char", "="))
        message = (
            f"{_short(value)} begins with {first!r}: a spreadsheet opening the CSV export would "
            "run it as a formula; reword it, or write it without the leading character"
        )
    elif kind == "text_whitespace":
        message = f"text {_short(value)} has leading or trailing whitespace"
    elif kind == "literal_error":
        message = (
            f"{_short(value)} is not allowed here; expected {ctx.get('expected', 'another value')}"
        )
        choices = _choices(model, path)
        close = closest(value, choices, n=1) if isinstance(value, str) else ()
        if close:
            message += f"; did you mean {close[0]!r}?"
    elif kind == "country_code":
        from .._core.countries import Country, suggest_country

        meant = suggest_country(value) if isinstance(value, str) else None
        if meant is not None and meant != value.upper():
            message = (
                f"{_short(value)} is not an ISO 3166-1 alpha-2 country code; did you mean "
                f"{meant!r} ({Country(meant).name})?"
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


def _choices(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    """The allowed values of the Literal field at ``path`` (strings only), or []."""
    try:
        found = _field_type(model, path)
    except Exception:
        return []
    if found is None or typing.get_origin(found[0]) is not typing.Literal:
        return []
    return [choice for choice in typing.get_args(found[0]) if isinstance(choice, str)]


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


def _cross_checks(
    checked: list[_Checked],
    notes: list[str],
    limit: int | None = DEFAULT_MAX_PROBLEMS,
    group: _Group | None = None,
) -> Iterator[Problem]:
    by_dataset = {c.dataset: c for c in checked if c.dataset}
    documents = _Documents(by_dataset)
    known_sources = known_areas = None
    if "sources" not in by_dataset and documents:
        known_sources = _stand_in_ids("sources", "citations", checked, notes, group)
    if "programme_areas" not in by_dataset and "timeline" in documents:
        known_areas = _stand_in_ids(
            "programme_areas", "programme-area references", checked, notes, group
        )
    try:
        summaries = {name: c.summary for name, c in by_dataset.items() if c.summary is not None}
        findings = _integrity.check(
            documents,
            known_sources=known_sources,
            known_areas=known_areas,
            summaries=summaries,
            limit=limit,
        )
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
    for (dataset, severity), number in findings.omitted.items():
        by_dataset[dataset].count(severity, number)
    for finding in findings:
        owner = by_dataset[finding.dataset]
        if not owner.room():
            owner.count(finding.severity)
            continue
        path = _parse_pointer(finding.pointer)
        line, column = owner.locate(path)
        message = finding.message
        if finding.related:
            first_line, first_column = owner.locate(_parse_pointer(finding.related))
            message = message.replace("{related}", f"line {first_line}, column {first_column}")
        yield Problem(
            owner.display,
            line,
            column,
            finding.pointer,
            finding.code,
            message,
            finding.severity,
        )


def _stand_in_ids(
    dataset: str, what: str, checked: list[_Checked], notes: list[str], group: _Group | None
) -> frozenset[str] | None:
    """The ids of the bundled ``dataset``, standing in for the file the checked files lack
    (None: ``what`` is not checked); a note says which, and why."""
    file = DATASETS[dataset].file
    if group is not None and not group.bundled:
        where = f" beside it in {group.directory}" if group.directory else ""
        notes.append(f"{what} not checked: there is no {file}{where}")
        return None
    known = _bundled_ids(dataset)
    if known is None:
        notes.append(
            f"{what} not checked: no {file} was given and the bundled one cannot be read or "
            "is invalid"
        )
    elif group is not None and group.directory:
        notes.append(
            f"{checked[0].display} has no other data file beside it: its {what} are checked "
            f"against the {file} bundled with ecpat-data"
        )
    return known


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
