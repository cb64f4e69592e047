"""Fuzzing `validate`: mutated copies of valid files never crash it or give unlocated problems.

Two kinds of mutation of the valid fixture dataset (tests/fixtures/valid):

- byte level: bytes inserted, deleted, replaced or bit-flipped, JSON-ish tokens spliced in
  (``NaN``, ``1e400``, ``\\ud800``, a byte-order mark, brackets, ...), the file truncated;
- structure level: the parsed file with keys deleted, renamed or repeated, values changed to
  other types, control/bidi/combining/surrogate characters inserted into strings, list items
  duplicated, values wrapped in arrays or buried in deep nesting, ids made to collide.

Properties: validation never raises; every problem has a line and column inside the file (only
problems about a whole file, such as a missing file, have none), a well-formed code and a
message; every output format renders; ``ecpat-data validate`` exits 0 or 1; a report without
errors means the models accept every file.

The example counts are sized for CI (a few thousand in all, about 20 s). For a longer run:
``HYPOTHESIS_PROFILE=long python -m pytest tests/test_validate_fuzz.py`` (25 times as many).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import ecpat_data._core.resources
from ecpat_data._cli.commands.validate import render
from ecpat_data._cli.main import main
from ecpat_data._core.datasets import DATASETS
from ecpat_data._core.problems import Report
from ecpat_data._validation.validate import validate_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
FILES = tuple(d.file for d in DATASETS.values())
ORIGINAL: dict[str, bytes] = {name: (FIXTURES / name).read_bytes() for name in FILES}
PARSED: dict[str, Any] = {name: json.loads(data) for name, data in ORIGINAL.items()}

#: Problems about a file as a whole, which have no line or column.
FILE_LEVEL = frozenset({"missing-file", "unknown-file", "not-a-file", "unreadable"})
CODE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
TEXT_LINE = re.compile(r"^(.+?):(\d+):(\d+): (/.*?): (.+)$")

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"


def budget(examples: int) -> settings:
    """Settings for ``examples`` examples (25 times as many under the ``long`` profile)."""
    return settings(
        max_examples=examples * 25 if LONG else examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- checking a report --------------------------------------------------------------------


def check(report: Report, files: dict[str, bytes]) -> None:
    """Every problem is well-formed and located inside its file; every format renders."""
    assert isinstance(report, Report)
    for problem in report.problems:
        assert CODE.fullmatch(problem.code), problem
        assert problem.code != "internal-error", problem
        assert problem.message.strip(), problem
        assert problem.severity in ("error", "warning")
        assert problem.pointer == "" or problem.pointer.startswith("/"), problem
        rendered = str(problem)
        assert rendered.isprintable(), problem  # one line, no control or bidi characters
        if problem.code in FILE_LEVEL:
            assert (problem.line, problem.column) == (None, None), problem
            continue
        assert isinstance(problem.line, int), problem
        assert isinstance(problem.column, int), problem
        lines = files[problem.file].decode("utf-8", errors="replace").split("\n")
        assert 1 <= problem.line <= len(lines), problem
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, problem
        assert TEXT_LINE.match(rendered), rendered
    for form in ("text", "json", "github"):
        render(report, form).encode("utf-8")
    problems = json.loads(render(report, "json"))
    assert len(problems) == len(report.problems)
    if report.ok:
        for name, data in files.items():  # no error: the models accept every file
            model = DATASETS[name.removesuffix(".json")].file_model
            model.model_validate_json(data)


def with_file(name: str, data: bytes) -> dict[str, bytes]:
    return {**ORIGINAL, name: data}


# --- byte-level mutations -----------------------------------------------------------------

TOKENS = [
    b"NaN",
    b"Infinity",
    b"-Infinity",
    b"1e400",
    b"1" * 120,
    b"-0",
    b'"',
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"\\udc00\\ud800",
    b"\\u202e",
    "\u202e".encode(),
    "\u2066".encode(),
    "e\u0301".encode(),
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"{",
    b"}",
    b"[",
    b"]",
    b"[" * 70,
    b"[" * 3000,
    b":",
    b",",
    b"null",
    b"true",
    b"\n",
    b"\r\n",
    b"\t",
    b" ",
    b"\x00",
    b"\x07",
    b'"x": 1,',
    b'"id": "ecpat-uk",',
    b'"sources": ["nope"],',
]
OPERATIONS = ("insert", "delete", "replace", "truncate", "token", "flip")


@st.composite
def byte_mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(FILES))
    data = bytearray(ORIGINAL[name])
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(OPERATIONS))
        at = draw(st.integers(0, len(data)))
        if operation == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 24))]
        elif operation == "replace":
            chunk = draw(st.binary(min_size=1, max_size=4))
            data[at : at + len(chunk)] = chunk
        elif operation == "truncate":
            del data[at:]
        elif operation == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
    return name, bytes(data)


@budget(3000)
@given(byte_mutations())
@example(("members.json", b"[" * 100_000 + b"]" * 100_000))
@example(("members.json", b""))
@example(("members.json", b"\xef\xbb\xbf{}"))
@example(("sources.json", b'{"sources": [{"id": "\\ud800"}], "\\udfff": NaN}'))
def test_byte_mutations_never_raise_and_every_problem_is_located(
    mutation: tuple[str, bytes],
) -> None:
    name, data = mutation
    files = with_file(name, data)
    check(validate_bytes(files), files)


# --- structure-level mutations ------------------------------------------------------------


class Pairs(list[tuple[str, Any]]):
    """A JSON object as a list of (key, value) pairs, so that keys can repeat."""


def to_pairs(value: Any) -> Any:
    if isinstance(value, dict):
        return Pairs((key, to_pairs(item)) for key, item in value.items())
    if isinstance(value, list):
        return [to_pairs(item) for item in value]
    return value


def dump(value: Any, *, indent: int | None, ascii_only: bool, level: int = 0) -> str:
    """Serialise, allowing repeated keys, NaN and unpaired surrogates (a hand-rolled json.dumps)."""
    pad = "" if indent is None else "\n" + " " * (indent * (level + 1))
    end = "" if indent is None else "\n" + " " * (indent * level)
    if isinstance(value, Pairs):
        if not value:
            return "{}"
        items = [
            json.dumps(key, ensure_ascii=ascii_only)
            + ": "
            + dump(item, indent=indent, ascii_only=ascii_only, level=level + 1)
            for key, item in value
        ]
        return "{" + pad + ("," + pad).join(items) + end + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [
            dump(item, indent=indent, ascii_only=ascii_only, level=level + 1) for item in value
        ]
        return "[" + pad + ("," + pad).join(items) + end + "]"
    return json.dumps(value, ensure_ascii=ascii_only, allow_nan=True)


def nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every value in the tree (containers included, the root excluded)."""
    found: list[tuple[Any, ...]] = []
    if isinstance(value, Pairs):
        for index, (_, item) in enumerate(value):
            found.append((*path, index))
            found += nodes(item, (*path, index))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((*path, index))
            found += nodes(item, (*path, index))
    return found


def parent_of(root: Any, path: tuple[Any, ...]) -> Any:
    container = root
    for index in path[:-1]:
        container = container[index][1] if isinstance(container, Pairs) else container[index]
    return container


def get(container: Any, index: int) -> Any:
    return container[index][1] if isinstance(container, Pairs) else container[index]


def put(container: Any, index: int, value: Any) -> None:
    if isinstance(container, Pairs):
        container[index] = (container[index][0], value)
    else:
        container[index] = value


ODD_CHARACTERS = st.sampled_from(
    [
        "\x00",
        "\x07",
        "\t",
        "\n",
        "\x7f",
        "\x85",
        "\u00a0",
        " ",
        "\u0301",
        "\u200b",
        "\ufeff",
        "\ud800",
        "\udfff",
        *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A)),
    ]
)
TEXT = st.text(st.one_of(st.characters(), ODD_CHARACTERS), max_size=12)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.integers(10**99, 10**120),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.sampled_from(["", "TH", "th", "THA", "1996", "19960827", "1997-02-29", "ftp://x.org"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(st.tuples(TEXT, inner), max_size=3).map(Pairs),
    ),
    max_leaves=6,
)
KINDS = (
    "delete",
    "retype",
    "insert-character",
    "duplicate-item",
    "wrap",
    "repeat-key",
    "rename-key",
    "add-key",
    "nest",
    "pad",
    "collide-id",
)


@st.composite
def structure_mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(FILES))
    root = to_pairs(PARSED[name])
    for _ in range(draw(st.integers(1, 5))):
        paths = nodes(root)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        container = parent_of(root, path)
        index = path[-1]
        value = get(container, index)
        kind = draw(st.sampled_from(KINDS))
        if kind == "delete":
            del container[index]
        elif kind == "retype":
            put(container, index, draw(VALUES))
        elif kind == "insert-character" and isinstance(value, str):
            at = draw(st.integers(0, len(value)))
            put(container, index, value[:at] + draw(ODD_CHARACTERS) + value[at:])
        elif kind == "duplicate-item":
            container.insert(index, container[index])
        elif kind == "wrap":
            put(container, index, [value])
        elif kind == "repeat-key" and isinstance(container, Pairs):
            container.append((container[index][0], draw(VALUES)))
        elif kind == "rename-key" and isinstance(container, Pairs):
            key = container[index][0]
            cut = draw(st.integers(0, len(key)))
            container[index] = (key[:cut] + draw(TEXT) + key[cut + 1 :], value)
        elif kind == "add-key" and isinstance(value, Pairs):
            value.append((draw(TEXT), draw(VALUES)))
        elif kind == "nest":
            depth = draw(st.sampled_from([2, 63, 64, 65, 70, 250]))
            nested: Any = value
            for _ in range(depth):
                nested = [nested]
            put(container, index, nested)
        elif kind == "pad" and isinstance(value, str):
            put(container, index, draw(st.sampled_from([" ", "\t", "\u00a0", ""])) + value + " ")
        elif kind == "collide-id" and isinstance(value, Pairs):
            ids = [v for k, v in value if k == "id"]
            if ids:
                value.append(("id", ids[0]))
    indent = draw(st.sampled_from([None, 2, 4]))
    text = dump(root, indent=indent, ascii_only=draw(st.booleans()))
    return name, text.encode("utf-8", errors="surrogatepass")


@budget(1500)
@given(structure_mutations())
def test_structure_mutations_never_raise_and_every_problem_is_located(
    mutation: tuple[str, bytes],
) -> None:
    name, data = mutation
    files = with_file(name, data)
    check(validate_bytes(files), files)


def test_the_unmutated_fixtures_are_valid() -> None:
    report = validate_bytes(dict(ORIGINAL))
    assert report.ok
    assert report.problems == ()
    serialised = {
        name: dump(to_pairs(PARSED[name]), indent=2, ascii_only=False).encode() for name in FILES
    }
    assert validate_bytes(serialised).problems == ()


# --- the command line ---------------------------------------------------------------------


@budget(300)
@given(
    st.one_of(byte_mutations(), structure_mutations()),
    st.sampled_from(["text", "json", "github"]),
)
def test_the_command_exits_0_or_1_whatever_the_bytes(
    mutation: tuple[str, bytes], form: str
) -> None:
    name, data = mutation
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        for file, content in with_file(name, data).items():
            (root / file).write_bytes(content)
        out, err = io.StringIO(), io.StringIO()
        bundled = mock.patch.object(ecpat_data._core.resources, "data_dir", return_value=FIXTURES)
        with bundled, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["validate", directory, "--format", form])
            lone = main(["validate", str(root / name), "--format", form])
    assert status in (0, 1)
    assert lone in (0, 1)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    if form == "json":
        decoder = json.JSONDecoder()
        text = out.getvalue()
        first, end = decoder.raw_decode(text)
        second, _ = decoder.raw_decode(text, end + 1)
        assert all(isinstance(p["line"], int) for p in first + second)
        assert (status == 0) == all(p["severity"] == "warning" for p in first)


def _post_inits(node: Any) -> list[Any]:
    """The ``post_init`` of every model schema in a core schema."""
    found: list[Any] = []
    if isinstance(node, list):
        for item in node:
            found.extend(_post_inits(item))
    elif isinstance(node, dict):
        if node.get("type") == "model" and node.get("post_init"):
            found.append(node["cls"])
        for value in node.values():
            found.extend(_post_inits(value))
    return found


def test_the_screen_skips_only_pydantics_private_attribute_hook() -> None:
    """The screen drops the per-record hook that fills in private attributes, and no other.

    It checks nothing (``Member._edition`` and ``_mirror_sources`` get their defaults), so the
    screen's verdict cannot change; a model with its own ``model_post_init`` keeps it.
    """
    import copy

    from pydantic import BaseModel, PrivateAttr

    from ecpat_data._validation import validate as validation
    from ecpat_data.models import Member

    class Hooked(BaseModel):
        x: int = 0
        _private: int = PrivateAttr(default=0)

        def model_post_init(self, context: Any, /) -> None:
            raise ValueError("checked here")

    class Plain(BaseModel):
        x: int = 0
        _private: int = PrivateAttr(default=0)

    assert validation._only_private_init(Member)
    assert validation._only_private_init(Plain)
    assert not validation._only_private_init(Hooked)
    for model in (Hooked, Plain):
        screen = copy.deepcopy(model.__pydantic_core_schema__)
        validation._lenient(screen, {})
        assert bool(_post_inits(screen)) == (model is Hooked)
    for name, dataset in DATASETS.items():
        validation._screens(name)  # builds the model's schema if deferred
        screen = copy.deepcopy(dataset.file_model.__pydantic_core_schema__)
        validation._lenient(screen, {})
        assert _post_inits(screen) == []
    # The screen's models are still the models, field for field.
    data = (FIXTURES / "members.json").read_bytes()
    screened = validation._screens("members").validate_json(data)
    validated = DATASETS["members"].file_model.model_validate_json(data)
    assert screened.model_dump() == validated.model_dump()
    assert all(isinstance(m, Member) for m in screened.members)
