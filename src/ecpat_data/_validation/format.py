"""Canonical formatting of data files: one spelling of every valid file, without losing data.

The canonical form of a data file is its parsed JSON written back out with

* the keys of every object in the order of the model's fields (``$schema``,
  ``schema_version``, ``current_to``, then the collection; inside a record, the field order of
  its model, as listed in ``docs/data-dictionary.md``);
* every optional field written explicitly, with its default (``null``, ``false`` or ``[]``)
  where the file leaves it out. ``$schema`` is the one exception: it is kept when present and
  never added;
* every string (keys included) in Unicode normal form NFC;
* two-space indentation, non-ASCII characters written as themselves (``ensure_ascii=False``),
  ``\\n`` line endings and a final newline;
* the records of each file in a stable order (``Dataset.order`` in ``_core.datasets``):

  ===================== =========================================================
  file                  order of the records
  ===================== =========================================================
  sources.json          by ``id``
  organisation.json     one record; every list in it keeps the file's order
  timeline.json         by ``date`` (as the ISO string, so ``1996`` < ``1996-08``
                        < ``1996-08-27``), then ``id``
  programme_areas.json  the file's order (it is meaningful: the order ECPAT lists them)
  members.json          by ``country``, then ``id``
  ===================== =========================================================

  Lists inside records (``sources``, ``evidence``, ``other_names``, ...) keep the file's
  order: the first source is the main one.

Values are taken from the parsed JSON, never re-serialised from the models; the models only
give the key order and the defaults, so a field the models did not know would be an error, not
a silent loss (and cannot occur, since only valid files are formatted). A file that does not
validate is never rewritten; the one problem ``fmt`` repairs rather than refuses is text that
is not in NFC.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .._core.datasets import DATASETS, FILE_NAMES
from .validate import DEFAULT_MAX_PROBLEMS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from .._core.problems import Problem, Report

__all__ = [
    "FormatError",
    "Outcome",
    "canonical_document",
    "canonical_text",
    "data_files",
    "format_bytes",
    "format_paths",
    "write_atomic",
]

#: ``unreadable`` and ``unwritable`` are trouble (the file could not be read, or its new form
#: not written: the original is intact), not a verdict on the data.
Status = Literal[
    "unchanged", "reformatted", "would-reformat", "invalid", "unreadable", "unwritable"
]


class FormatError(Exception):
    """The file cannot be formatted (it does not validate); ``problems`` says why."""

    def __init__(self, message: str, problems: Sequence[Problem] = (), omitted: int = 0) -> None:
        super().__init__(message)
        self.problems = tuple(problems)
        #: Errors beyond the ones listed in ``problems`` (see ``max_problems``).
        self.omitted = omitted


@dataclass(frozen=True)
class Outcome:
    """What ``fmt`` did (or, with ``check``, would do) to one file."""

    path: Path
    display: str
    status: Status
    problems: tuple[Problem, ...] = field(default=())
    message: str = ""
    #: With ``diff``: a unified diff from the file to its canonical form ("" if unchanged).
    diff: str = ""
    #: Errors found in the file beyond ``max_problems`` (counted, not listed).
    omitted: int = 0


def nfc(value: Any) -> Any:
    """``value`` with every string in it (object keys too) in Unicode NFC."""
    if isinstance(value, str):
        return (
            value
            if unicodedata.is_normalized("NFC", value)
            else unicodedata.normalize("NFC", value)
        )
    if isinstance(value, dict):
        return {nfc(key): nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [nfc(item) for item in value]
    return value


def _in_model_order(value: Any, dumped: Any, where: str) -> Any:
    """``value`` (parsed JSON) with the key order and defaults of ``dumped`` (the model's dump)."""
    if isinstance(value, dict) and isinstance(dumped, dict):
        unknown = [key for key in value if key not in dumped]
        if unknown:  # cannot happen for a valid file: extra="forbid"
            raise FormatError(f"{where}: field {unknown[0]!r} is not in the model; not formatting")
        result: dict[str, Any] = {}
        for key, twin in dumped.items():
            if key in value:
                item = value[key]
                if isinstance(item, (dict, list)) or item != twin:
                    item = _in_model_order(item, twin, f"{where}/{key}")
                result[key] = item
            elif key != "$schema":
                result[key] = twin
        return result
    if isinstance(value, list) and isinstance(dumped, list) and len(value) == len(dumped):
        return [
            _in_model_order(item, twin, f"{where}/{index}")
            if isinstance(item, (dict, list)) or item != twin
            else item
            for index, (item, twin) in enumerate(zip(value, dumped, strict=True))
        ]
    # Defensive: a valid file's values are exactly what the model reads back.
    raise FormatError(f"{where}: the model reads {value!r} as {dumped!r}; not formatting")


def canonical_document(dataset: str, document: Any, *, data: bytes | None = None) -> dict[str, Any]:
    """The canonical form of a parsed, valid data file, as JSON-ready data.

    ``data``, when given, is the file's bytes, known to be valid with every text in NFC
    (``validate`` reported nothing): they are validated as they are, without a pass that
    normalises every string. Raises :class:`FormatError` (with no problems) if the document
    does not validate against the dataset's model once its text is in NFC.
    """
    from pydantic import ValidationError

    model = DATASETS[dataset].file_model
    key = DATASETS[dataset].key
    if data is None:
        document = nfc(document)
        data = json.dumps(document, ensure_ascii=False).encode()
    elif isinstance(document, dict) and isinstance(document.get("$schema"), str):
        document["$schema"] = nfc(document["$schema"])  # the one string validate leaves be
    try:
        dumped = model.model_validate_json(data).model_dump(mode="json", by_alias=True)
    except ValidationError as error:
        raise FormatError(f"does not validate: {error.error_count()} error(s)") from None
    result: dict[str, Any] = _in_model_order(document, dumped, "")
    order = DATASETS[dataset].sort_key
    if order is not None:
        result[key] = sorted(result[key], key=order)
    return result


def canonical_text(dataset: str, document: Any, *, data: bytes | None = None) -> str:
    """The canonical text of a parsed, valid data file (see the module's documentation)."""
    canonical = canonical_document(dataset, document, data=data)
    return json.dumps(canonical, indent=2, ensure_ascii=False) + "\n"


def format_bytes(name: str, data: bytes) -> bytes:
    """Canonical bytes of one data file called ``name`` (e.g. ``members.json``).

    The file is validated on its own first (citations against the bundled registry, as
    ``validate`` does for a single file); raises :class:`FormatError` carrying the problems
    when it has errors other than text not in NFC.
    """
    outcomes = _format_group({name: (Path(name), data)})
    text = outcomes[name]
    if isinstance(text, FormatError):
        raise text
    return text


def _canonical_from_model(
    dataset: str, model: Any, document: Any, data: bytes | None = None
) -> bytes | None:
    """The canonical bytes of a valid file from its validated model, or None.

    The fast path of a file already in canonical form (what ``fmt --check`` sees in CI): the
    model's dump is the canonical document when it equals the parsed file as data (it then
    holds every default and the same values; only the key order may differ, and the dump's
    is the canonical one). Otherwise the file lacks a default or spells a value another way,
    and the general path (:func:`canonical_text`) decides. Encoded by pydantic-core, whose
    two-space output is byte for byte that of ``json.dumps(..., indent=2, ensure_ascii=False)``
    for JSON data without floats (a test holds the two to it).

    With ``data`` (the file's bytes), the dump is first compared with the bytes: equal, the
    parsed file equals the dump as data, so the answer is the one the comparison with the
    parsed file gives, and ``document`` is not needed (None: ``json.loads(data)`` if it is).
    """
    from pydantic_core import to_json

    file_model = DATASETS[dataset].file_model
    if data is not None:
        canonical = _canonical_as_written(dataset, model, data)
        if canonical is not None:
            return canonical
    dumped = file_model.__pydantic_serializer__.to_python(model, mode="json", by_alias=True)
    if not isinstance(dumped, dict):
        return None
    order = DATASETS[dataset].sort_key
    key = DATASETS[dataset].key
    if data is not None:
        guess = dict(dumped)
        if "schema_uri" not in model.model_fields_set:
            guess.pop("$schema", None)
        schema = guess.get("$schema", "")
        if isinstance(schema, str) and unicodedata.is_normalized("NFC", schema):
            text = bytes(to_json(guess, indent=2)) + b"\n"
            if text == data:
                if order is None:
                    return text
                records = guess[key]
                ordered = sorted(records, key=order)
                if all(a is b for a, b in zip(ordered, records, strict=True)):
                    return text
                guess[key] = ordered
                return bytes(to_json(guess, indent=2)) + b"\n"
    if document is None:
        assert data is not None
        document = json.loads(data)
    if not isinstance(document, dict):
        return None
    if "$schema" not in document:
        dumped.pop("$schema", None)
    elif not isinstance(document["$schema"], str) or not unicodedata.is_normalized(
        "NFC", document["$schema"]
    ):
        return None
    if dumped != document:
        return None
    if order is not None:
        dumped[key] = sorted(dumped[key], key=order)
    return bytes(to_json(dumped, indent=2)) + b"\n"


def _canonical_as_written(dataset: str, model: Any, data: bytes) -> bytes | None:
    """``data`` itself when it is already canonical, told from the model alone; else None.

    The model is encoded straight to JSON by pydantic-core (no Python dump in between: about
    half the cost of the general fast path on 100,000 members); equal to ``data``, the file
    holds exactly the canonical document if its records are also in canonical order, which the
    models' sort fields tell (their string forms are their JSON values; a test holds them to
    it). None sends the file on to the general path, which decides.
    """
    described = DATASETS[dataset]
    exclude = None if "schema_uri" in model.model_fields_set else {"schema_uri"}
    schema = getattr(model, "schema_uri", None)
    if isinstance(schema, str) and not unicodedata.is_normalized("NFC", schema):
        return None
    serializer = described.file_model.__pydantic_serializer__
    text = bytes(serializer.to_json(model, indent=2, by_alias=True, exclude=exclude)) + b"\n"
    if text != data:
        return None
    if described.sort_fields:
        keys = [described.record_sort_key(record) for record in getattr(model, described.key)]
        if keys != sorted(keys):  # linear on sorted records
            return None
    return text


def _parsed(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def _repairable(problem: Problem, document: Any) -> bool:
    """True if the problem is text not in NFC that is good text once normalised.

    Both the code and the value are checked: a repeated key, say, is reported at the same
    pointer, and must never be "repaired" (that would drop the first value).
    """
    from pydantic_core import PydanticCustomError

    from .._core.text import check_text
    from .validate import NOT_NFC

    if problem.code != NOT_NFC:
        return False
    value = document
    for raw in problem.pointer.split("/")[1:] if problem.pointer else ():
        step = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict) and step in value:
            value = value[step]
        elif isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        else:
            return False
    if not isinstance(value, str) or unicodedata.is_normalized("NFC", value):
        return False
    try:
        check_text(unicodedata.normalize("NFC", value))
    except PydanticCustomError:
        return False
    return True


def _format_group(
    files: dict[str, tuple[Path, bytes]],
    siblings: dict[str, bytes] | None = None,
    max_problems: int | None = DEFAULT_MAX_PROBLEMS,
) -> dict[str, bytes | FormatError]:
    """Canonical bytes of files validated together (display name -> (path, bytes)).

    ``siblings`` (display name -> bytes) are the other data files of the files' directory:
    they are validated with them, so that citations resolve against the directory's own
    sources.json, but never formatted. Only a lone file with no siblings is checked against
    the bundled data.
    """
    from .validate import validate_group

    siblings = siblings or {}
    alone = len(files) == 1 and not siblings

    kept: dict[str, tuple[Any, Any]] = {}

    def check(contents: dict[str, bytes]) -> Report:
        if len(contents) == len(files):
            everything = {**siblings, **contents}
            return validate_group(everything, bundled=alone, max_problems=max_problems, keep=kept)
        return validate_group(contents, bundled=True, max_problems=max_problems)

    enabled = gc.isenabled()
    gc.disable()  # many small objects and no cycles: the collector would only slow this down
    try:
        return _format_valid(files, check, kept)
    finally:
        if enabled:
            gc.enable()


def _format_valid(
    files: dict[str, tuple[Path, bytes]],
    validate_bytes: Callable[[dict[str, bytes]], Report],
    kept: dict[str, tuple[Any, Any]] | None = None,
) -> dict[str, bytes | FormatError]:
    report = validate_bytes({display: data for display, (_, data) in files.items()})
    omitted = {file: errors for file, errors, _ in report.omitted_by_file if errors}
    blocking: dict[str, list[Problem]] = {file: [] for file in omitted}
    repaired: set[str] = set()
    documents: dict[str, Any] = {}
    for problem in report.errors:
        if problem.file not in documents:
            documents[problem.file] = (
                _parsed(files[problem.file][1]) if problem.file in files else None
            )
        if _repairable(problem, documents[problem.file]):
            repaired.add(problem.file)
        else:
            blocking.setdefault(problem.file, []).append(problem)
    results: dict[str, bytes | FormatError] = {}
    for display, (path, data) in files.items():
        dataset = FILE_NAMES.get(path.name)
        if dataset is None:
            results[display] = FormatError(f"{display}: not a data file name")
            continue
        if display in blocking:
            problems = blocking[display]
            count = len(problems) + omitted.get(display, 0)
            results[display] = FormatError(
                f"{display}: does not validate ({count:,} error(s)); not formatted",
                problems,
                omitted.get(display, 0),
            )
            continue
        if kept and display in kept and display not in repaired:
            model, document = kept.pop(display)
            fast = _canonical_from_model(dataset, model, document, data)
            if fast is not None:
                results[display] = fast
                continue
        document = json.loads(data)  # valid: no duplicate keys, NaN, deep nesting, ...
        as_is = None if display in repaired else data
        try:
            results[display] = canonical_text(dataset, document, data=as_is).encode("utf-8")
        except FormatError as error:
            # Only reachable when NFC itself breaks a rule (say, a URL): report the normalised
            # file's own problems so the steward sees which value.
            normalised = json.dumps(nfc(document), indent=2, ensure_ascii=False).encode()
            refused = validate_bytes({display: normalised}).errors
            results[display] = FormatError(f"{display}: {error}; not formatted", refused)
    return results


def data_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The data files named by ``paths`` (directories give the data files they hold).

    Raises :class:`ValueError` for a path that does not exist or cannot be examined, a file
    whose name is not a data file name, or a directory holding no data file (a usage error; the
    same check as ``validate``'s, ``paths.argument_problem``). A directory gives every entry
    with a data file's name, whatever it is (a link to nothing, a named pipe, a directory):
    reading it then reports why it is not a data file, as ``validate DIR`` does.
    """
    from .paths import argument_problem, dataset_entries

    found: list[Path] = []
    for raw in paths:
        problem = argument_problem(raw)
        if problem is not None:
            raise ValueError(problem)
        path = Path(raw)
        found.extend(dataset_entries(path) if path.is_dir() else [path])
    unique: dict[Path, Path] = {}
    for path in found:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a link loop: reading it reports the loop
            key = path.absolute()
        unique.setdefault(key, path)
    return list(unique.values())


def format_paths(
    paths: Sequence[Path],
    *,
    check: bool = False,
    diff: bool = False,
    max_problems: int | None = DEFAULT_MAX_PROBLEMS,
) -> list[Outcome]:
    """Format data files in place (or, with ``check``, only say which would change).

    Each file is validated together with the other data files of its directory (named or
    not), as ``validate`` does, so citations resolve against the directory's own
    ``sources.json``; only a file alone in its directory is checked against the bundled data.
    Only the files named are rewritten. A file with errors is left untouched and reported with
    its problems (at most ``max_problems``, the rest counted). With ``diff``, each outcome
    carries a unified diff from the file to its canonical form.
    """
    groups: dict[Path, dict[str, tuple[Path, bytes]]] = {}
    unreadable: list[Outcome] = []
    from .validate import read_data_file

    for path in paths:
        data, problem = read_data_file(path)
        if data is None:
            assert problem is not None
            status: Status = "unreadable" if problem.code == "unreadable" else "invalid"
            unreadable.append(Outcome(path, str(path), status, (problem,), problem.message))
            continue
        groups.setdefault(path.resolve().parent, {})[str(path)] = (path, data)
    outcomes = list(unreadable)
    for files in groups.values():
        siblings = _siblings(files)
        for display, result in _format_group(files, siblings, max_problems).items():
            path, before = files[display]
            if isinstance(result, FormatError):
                outcomes.append(
                    Outcome(
                        path,
                        display,
                        "invalid",
                        result.problems,
                        str(result),
                        omitted=result.omitted,
                    )
                )
            elif result == before:
                outcomes.append(Outcome(path, display, "unchanged"))
            elif check:
                changes = unified_diff(display, before, result) if diff else ""
                outcomes.append(Outcome(path, display, "would-reformat", diff=changes))
            else:
                try:
                    write_atomic(path, result)
                except OSError as error:  # read-only directory, full disk: original intact
                    reason = str(error.strerror or error)
                    outcomes.append(Outcome(path, display, "unwritable", message=reason))
                else:
                    outcomes.append(Outcome(path, display, "reformatted"))
    order = {path: index for index, path in enumerate(paths)}
    outcomes.sort(key=lambda outcome: order.get(outcome.path, len(order)))
    return outcomes


def _siblings(files: dict[str, tuple[Path, bytes]]) -> dict[str, bytes]:
    """The other data files beside the files of one directory, by display name; a sibling that
    cannot be read is left out (it is not formatted, and validate reports it)."""
    from .validate import read_data_file

    named = {path.name for path, _ in files.values()}
    first = next(iter(files.values()))[0]
    found: dict[str, bytes] = {}
    for file in FILE_NAMES:
        if file in named:
            continue
        sibling = first.parent / file
        try:
            if not sibling.is_file():
                continue
        except OSError:
            continue
        data, _ = read_data_file(sibling)  # validate's checks: never read a huge file whole
        if data is not None:
            found[str(sibling)] = data
    return found


def unified_diff(display: str, before: bytes, after: bytes) -> str:
    """A unified diff (as ``diff -u``, ``black --diff`` and ``ruff format --diff`` print it)."""
    import difflib

    old = before.decode("utf-8", errors="replace").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, f"{display} (original)", f"{display} (formatted)")
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the file at ``path`` by ``data`` atomically, keeping its permission bits and,
    where the operating system allows, its owner and group.

    The bytes go to a temporary file in the same directory, are flushed to disk, and the
    temporary file is renamed over the target (``os.replace``), so a reader sees either the
    old file or the new one, and a failure or an interruption (Ctrl-C, or SIGTERM, which the
    command line turns into the same) leaves the old file intact and no temporary file behind.
    A symbolic link is followed: its target is rewritten, the link kept. Being a new file, the
    result is not linked to the old one's other hard links, which keep the old content.
    """
    target = Path(os.path.realpath(path))
    try:
        before: os.stat_result | None = target.stat()
    except FileNotFoundError:
        before = None
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".fmt-tmp"
    )
    replaced = False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if before is not None:
            _keep_owner(temporary, before)  # first: a change of owner clears set-id bits
            os.chmod(temporary, stat.S_IMODE(before.st_mode))
        os.replace(temporary, target)
        replaced = True
    finally:
        if not replaced:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def _keep_owner(temporary: str, before: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as this process may: root can
    set both, an owner can set a group it belongs to; otherwise the new file stays ours."""
    chown = getattr(os, "chown", None)
    if chown is None:  # Windows: no owners to keep
        return
    now = os.stat(temporary)
    if (now.st_uid, now.st_gid) == (before.st_uid, before.st_gid):
        return
    try:
        chown(temporary, before.st_uid, before.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            chown(temporary, -1, before.st_gid)
