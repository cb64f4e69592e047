"""The fast path of `validate`: a file the models accept is not parsed a second time when the
strict reading provably finds nothing (issue 10), and never changes a report.

Each hostile feature the strict reading exists for (a repeated key, NaN, Infinity, a huge
number, a lone surrogate, deep nesting, a newer format) and each cross-file rule the fast path
answers from the models is checked twice: as it is (fast path allowed) and with the fast path
switched off. The two reports must be identical, code, line and column included. Properties
then hold the two paths, and the two JSON readers the proof relies on, to each other.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydantic_core
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field
from test_validate_fuzz import (
    ORIGINAL,
    PARSED,
    Pairs,
    budget,
    byte_mutations,
    dump,
    nodes,
    parent_of,
    structure_mutations,
    to_pairs,
    with_file,
)

from ecpat_data._core.datasets import DATASETS
from ecpat_data._validation import jsonread
from ecpat_data._validation import validate as validation

if TYPE_CHECKING:
    from ecpat_data._core.problems import Report

FIXTURES = Path(__file__).parent / "fixtures" / "valid"


def both_ways(files: dict[str, bytes]) -> tuple[Report, Report, list[bool]]:
    """(report with the fast path allowed, report without it, what the fast path said)."""
    said: list[bool] = []
    plain = validation._plain

    def spy(result: Any, data: bytes) -> bool:
        said.append(plain(result, data))
        return said[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "_plain", spy)
        fast = validation.validate_bytes(files)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "_plain", lambda result, data: False)
        strict = validation.validate_bytes(files)
    return fast, strict, said


def same(fast: Report, strict: Report) -> None:
    assert fast.problems == strict.problems
    assert fast.notes == strict.notes
    assert fast.omitted_by_file == strict.omitted_by_file


def edited(name: str, old: str, new: str, count: int = 1) -> dict[str, bytes]:
    text = ORIGINAL[name].decode()
    assert old in text, old
    return with_file(name, text.replace(old, new, count).encode())


# --- the proof holds, and the fast path is taken ------------------------------------------


def test_the_proof_holds_for_the_models_of_every_dataset() -> None:
    for name in DATASETS:
        validation._screens(name)
        assert validation._SHAPES[name] is not None, name
        assert validation._covered(name) == (True, True), name


def test_the_fast_path_is_taken_for_every_valid_fixture_file() -> None:
    fast, strict, said = both_ways(dict(ORIGINAL))
    assert fast.ok
    same(fast, strict)
    assert said == [True] * len(ORIGINAL)


def test_a_valid_file_on_the_fast_path_is_never_parsed_when_nothing_needs_it() -> None:
    parsed: list[str] = []
    real = jsonread.parse

    def spy(text: str) -> Any:
        parsed.append(text)
        return real(text)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "parse", spy)
        report = validation.validate_bytes(dict(ORIGINAL))
    assert report.ok
    texts = {text.encode() for text in parsed}
    assert ORIGINAL["members.json"] not in texts
    assert ORIGINAL["programme_areas.json"] not in texts


# --- hostile features: the same report either way -----------------------------------------

HOSTILE = {
    "repeated-key-top-level": (
        "members.json",
        '"current_to": "2026-11",',
        '"current_to": "2026-11", "current_to": "2026-11",',
        "duplicate-key",
    ),
    "repeated-key-in-a-record": (
        "members.json",
        '"name": "ECPAT UK",',
        '"name": "ECPAT UK", "name": "ECPAT UK",',
        "duplicate-key",
    ),
    "repeated-key-nested": (
        "members.json",
        '"kind": "own-statement",',
        '"kind": "own-statement", "kind": "own-statement",',
        "duplicate-key",
    ),
    "repeated-key-escaped-spelling": (
        "members.json",
        '"id": "ecpat-uk",',
        '"id": "ecpat-uk", "\\u0069d": "ecpat-uk",',
        "duplicate-key",
    ),
    "repeated-key-space-before-colon": (
        "members.json",
        '"name": "ECPAT UK",',
        '"name" : "ECPAT UK", "name"\n\t: "ECPAT UK",',
        "duplicate-key",
    ),
    "repeated-key-beside-a-quote-colon-string": (
        "members.json",
        '"type_as_stated": "UK national representative",',
        '"type_as_stated": "UK \\": national", "type_as_stated": "UK \\": national",',
        "duplicate-key",
    ),
    "both-spellings-of-schema": (
        "members.json",
        '"$schema": "./schemas/members.schema.json",',
        '"$schema": "./schemas/members.schema.json", "schema_uri": "x",',
        None,
    ),
    "nan": ("organisation.json", '"organisations": 78', '"organisations": NaN', "json-nan"),
    "infinity": (
        "organisation.json",
        '"organisations": 78',
        '"organisations": Infinity',
        "json-nan",
    ),
    "minus-infinity": (
        "organisation.json",
        '"organisations": 78',
        '"organisations": -Infinity',
        "json-nan",
    ),
    "float-overflow": (
        "organisation.json",
        '"organisations": 78',
        '"organisations": 1e400',
        "number-out-of-range",
    ),
    "integer-of-101-digits": (
        "organisation.json",
        '"organisations": 78',
        f'"organisations": {10**100}',
        "number-out-of-range",
    ),
    "negative-integer-of-101-digits": (
        "organisation.json",
        '"organisations": 78',
        f'"organisations": -{10**100}',
        "number-out-of-range",
    ),
    "integer-of-100-digits": (
        "organisation.json",
        '"organisations": 78',
        f'"organisations": {10**100 - 1}',
        None,
    ),
    "huge-schema-version": (
        "members.json",
        '"schema_version": 2,',
        f'"schema_version": {10**120},',
        "number-out-of-range",
    ),
    "newer-schema-version": (
        "members.json",
        '"schema_version": 2,',
        '"schema_version": 3,',
        validation.NEWER_FORMAT,
    ),
    "lone-surrogate": (
        "members.json",
        '"name": "ECPAT UK",',
        '"name": "ECPAT UK \\ud800",',
        "invalid-unicode",
    ),
    "lone-surrogate-in-a-key": (
        "members.json",
        '"note": null,',
        '"note": null, "\\udfff": 1,',
        "invalid-unicode",
    ),
    "deep-nesting": (
        "members.json",
        '"note": null,',
        '"note": ' + "[" * 70 + "]" * 70 + ",",
        "too-deep",
    ),
    "nesting-beyond-pydantic": (
        "members.json",
        '"note": null,',
        '"note": ' + "[" * 300 + "]" * 300 + ",",
        "too-deep",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_hostile_feature_is_reported_the_same_with_and_without_the_fast_path(
    case: str,
) -> None:
    name, old, new, code = HOSTILE[case]
    files = edited(name, old, new)
    fast, strict, _ = both_ways(files)
    same(fast, strict)
    codes = {problem.code for problem in fast.problems}
    if code is None:
        assert fast.ok == strict.ok
    else:
        assert code in codes, fast.problems
        assert all(p.line and p.column for p in fast.problems if p.code == code)


def test_a_repeated_key_the_models_accept_makes_the_fast_path_decline() -> None:
    files = edited("members.json", '"name": "ECPAT UK",', '"name": "ECPAT UK", "name": "X",')
    fast, strict, said = both_ways(files)
    same(fast, strict)
    assert said.count(False) == 1  # the screen accepted members.json; the key count did not
    (problem,) = fast.errors
    assert problem.code == "duplicate-key"
    text = files["members.json"].decode()
    offset = text.index('"name": "X"')
    assert (problem.line, problem.column) == (
        text.count("\n", 0, offset) + 1,
        offset - text.rfind("\n", 0, offset),
    )


def test_a_huge_integer_the_models_accept_makes_the_fast_path_decline() -> None:
    files = edited("organisation.json", '"organisations": 78', f'"organisations": {10**100}')
    fast, strict, said = both_ways(files)
    same(fast, strict)
    assert said.count(False) == 1
    assert [p.code for p in fast.errors] == ["number-out-of-range"]


# --- the cross-file rules the fast path answers from the models ---------------------------

CROSS = {
    "date-after-the-edition": (
        "members.json",
        '"joined": "1997",',
        '"joined": "2026-12",',
        "after-edition",
    ),
    "date-within-the-edition": ("members.json", '"joined": "1997",', '"joined": "2026-11-30",'),
    "year-of-the-edition": ("members.json", '"joined": "1997",', '"joined": "2026",'),
    "claim-after-the-edition": (
        "members.json",
        '"as_of": null,',
        '"as_of": "2027",',
        "after-edition",
    ),
    "repeated-other-name": (
        "members.json",
        '"other_names": [],',
        '"other_names": ["ECPAT United Kingdom", "ECPAT United Kingdom"],',
        "duplicate-name",
    ),
    "other-names-not-repeated": (
        "members.json",
        '"other_names": [],',
        '"other_names": ["ECPAT United Kingdom", "ECPAT Britain"],',
    ),
    "duplicate-id": ("members.json", '"id": "ecpat-stop-japan",', '"id": "ecpat-uk",'),
    "unknown-source": (
        "members.json",
        '"ecpat-org-uk-our-history"\n      ]',
        '"ecpat-org-uk-our-history", "no-such-source"\n      ]',
        "unknown-source",
    ),
    "edition-mismatch": (
        "members.json",
        '"current_to": "2026-11",',
        '"current_to": "2026-10",',
        "edition-mismatch",
    ),
}


@pytest.mark.parametrize("case", list(CROSS), ids=list(CROSS))
def test_a_cross_file_rule_reports_the_same_with_and_without_the_fast_path(case: str) -> None:
    name, old, new, *code = CROSS[case]
    files = edited(name, old, new)
    fast, strict, _ = both_ways(files)
    same(fast, strict)
    if code:
        assert code[0] in {problem.code for problem in fast.problems}, fast.problems


def test_a_lone_file_on_the_fast_path_is_checked_against_the_bundled_data() -> None:
    fast, strict, said = both_ways({"members.json": ORIGINAL["members.json"]})
    same(fast, strict)
    assert said == [True]


# --- what the proof rests on --------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, defer_build=False)


class _Text(_Strict):
    name: str
    flag: bool = False
    count: int | None = None
    tags: tuple[str, ...] = ()


class _WithFloat(_Strict):
    value: float


class _WithDict(_Strict):
    value: dict[str, str]


class _WithAny(_Strict):
    value: Any


class _WithUnion(_Strict):
    value: int | str


class _Lax(BaseModel):
    value: int


class _Ints(_Strict):
    values: tuple[int, ...]


class _Spellings(_Strict):
    model_config = ConfigDict(strict=True, populate_by_name=True)
    first: str = Field(alias="second")
    second: str = ""


class _Hooked(_Strict):
    value: str

    def model_post_init(self, context: Any, /) -> None:
        pass


class _Node(_Strict):
    children: tuple[_Node, ...] = ()


def _screen_schema(model: type[BaseModel]) -> Any:
    import copy

    model.model_rebuild(force=True)
    schema = copy.deepcopy(model.__pydantic_core_schema__)
    validation._lenient(schema, {})
    return schema


def test_the_proof_covers_strings_booleans_and_strict_integer_fields() -> None:
    shape = validation._shape(_screen_schema(_Text))
    assert shape is not None
    assert list(shape.values()) == [("count",)]


@pytest.mark.parametrize(
    "model",
    [_WithFloat, _WithDict, _WithAny, _WithUnion, _Lax, _Ints, _Spellings, _Hooked, _Node],
    ids=lambda model: model.__name__,
)
def test_the_proof_refuses_a_schema_it_does_not_cover(model: type[BaseModel]) -> None:
    assert validation._shape(_screen_schema(model)) is None


def test_the_key_bound_counts_every_key_however_it_is_spaced() -> None:
    assert jsonread.key_bound(b'{"a":1,"b" :2,"c"\n\t : {"d": []}}') == 4
    assert jsonread.key_bound(b'{"a": "x : y", "b": "http://e.org"}') == 2
    assert jsonread.key_bound(b'["a\\": b", ": c"]') == 2  # more than the keys, never fewer


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.text(st.sampled_from('ab": \\\n\t{}[],'))
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(st.tuples(st.text(st.sampled_from('ab": \\'), max_size=4), inner), max_size=4).map(
            Pairs
        ),
    ),
    max_leaves=20,
)


def _keys(value: Any) -> int:
    if isinstance(value, Pairs):
        return len(value) + sum(_keys(item) for _, item in value)
    if isinstance(value, list):
        return sum(_keys(item) for item in value)
    return 0


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES, st.sampled_from(["", " ", "\n", " \t\r\n "]), st.sampled_from([None, 2]))
def test_the_key_bound_is_never_below_the_number_of_keys(
    value: Any, space: str, indent: int | None
) -> None:
    text = dump(value, indent=indent, ascii_only=False).replace('": ', '"' + space + ": ")
    assert jsonread.key_bound(text.encode()) >= _keys(value)


JSONISH = st.lists(
    st.sampled_from(
        [
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            '"',
            '"a"',
            '"\\u00e9"',
            '"\\ud800"',
            '"\\x"',
            "\\",
            "0",
            "01",
            "-",
            "1.",
            ".5",
            "1e5",
            "1E+2",
            "-0",
            "+1",
            "1" * 120,
            "1e400",
            "NaN",
            "Infinity",
            "-Infinity",
            "nan",
            "true",
            "false",
            "null",
            "tru",
            " ",
            "\t",
            "\n",
            "\r",
            "\x0b",
            "\x0c",
            "\x00",
            "\u00a0",
            "\ufeff",
            "\x7f",
            "é",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.one_of(JSONISH, st.builds(json.dumps, st.recursive(st.none(), st.lists))))
@example('{"a": 1, "a": 2}')
@example("[NaN, Infinity, -Infinity, 1e400]")
def test_pydantics_reader_accepts_no_text_pythons_refuses(text: str) -> None:
    """What the fast path relies on: pydantic-core's reader is the stricter one."""
    try:
        pydantic_core.from_json(text.encode("utf-8", "surrogatepass"))
    except ValueError:
        return
    json.loads(text)  # must not raise


# --- properties: the two paths agree ------------------------------------------------------


@budget(300)
@given(byte_mutations())
def test_byte_mutations_are_reported_the_same_with_and_without_the_fast_path(
    mutation: tuple[str, bytes],
) -> None:
    name, data = mutation
    same(*both_ways(with_file(name, data))[:2])


@budget(300)
@given(structure_mutations())
def test_structure_mutations_are_reported_the_same_with_and_without_the_fast_path(
    mutation: tuple[str, bytes],
) -> None:
    name, data = mutation
    same(*both_ways(with_file(name, data))[:2])


@st.composite
def quiet_mutations(draw: st.DrawFn) -> tuple[str, bytes, int]:
    """A fixture file changed in ways the models accept: keys repeated with their own value,
    spelt with an escape or spaced before the colon, strings holding quotes and colons.
    Returns (file, bytes, how many keys were repeated)."""
    name = draw(st.sampled_from(sorted(ORIGINAL)))
    root = to_pairs(PARSED[name])
    repeated = 0
    for _ in range(draw(st.integers(0, 3))):
        objects = [root] + [
            value for path in nodes(root) if isinstance(value := _at(root, path), Pairs) and value
        ]
        target = draw(st.sampled_from(objects))
        key, value = draw(st.sampled_from(list(target)))
        target.append((key, value))
        repeated += 1
    text = dump(root, indent=draw(st.sampled_from([None, 2])), ascii_only=draw(st.booleans()))
    edits = draw(st.lists(st.sampled_from(["escape", "space", "quote-colon"]), max_size=3))
    for edit in sorted(edits, key=lambda edit: edit == "quote-colon"):  # it adds '": ' too
        if edit == "escape":
            text = text.replace('"id":', '"\\u0069d":', 1)
        elif edit == "space":
            at = draw(st.integers(0, max(0, text.count('": ') - 1)))
            parts = text.split('": ')
            if len(parts) > at + 1:
                text = '": '.join(parts[: at + 1]) + '" \n: ' + '": '.join(parts[at + 1 :])
        else:
            text = text.replace('"claim": "', '"claim": "say \\": ', 1)
    return name, text.encode("utf-8", "surrogatepass"), repeated


def _at(root: Any, path: tuple[Any, ...]) -> Any:
    container = parent_of(root, path)
    index = path[-1]
    return container[index][1] if isinstance(container, Pairs) else container[index]


@budget(300)
@given(quiet_mutations())
def test_changes_the_models_accept_are_reported_the_same_with_and_without_the_fast_path(
    mutation: tuple[str, bytes, int],
) -> None:
    name, data, repeated = mutation
    fast, strict, said = both_ways(with_file(name, data))
    same(fast, strict)
    duplicates = sum(p.code == "duplicate-key" for p in fast.problems)
    duplicates += sum(errors for _, errors, _ in fast.omitted_by_file)
    assert (duplicates > 0) == (repeated > 0)
    if repeated:
        assert False in said


# --- fmt: a file the fast path did not parse ----------------------------------------------


def _kept(files: dict[str, bytes]) -> dict[str, tuple[Any, Any]]:
    kept: dict[str, tuple[Any, Any]] = {}
    validation.validate_group(files, bundled=False, keep=kept)
    return kept


@pytest.mark.parametrize(
    "edit",
    [
        None,
        ("members.json", '"id": "ecpat-uk"', '"id": "zz-ecpat-uk"'),  # out of order now
        ("members.json", '  "$schema": "./schemas/members.schema.json",\n', ""),
        ("members.json", '      "other_names": [],\n', ""),  # a default left out
    ],
    ids=["canonical", "unsorted", "no-schema-key", "default-left-out"],
)
def test_fmt_gives_the_same_bytes_with_or_without_the_parsed_document(
    edit: tuple[str, str, str] | None,
) -> None:
    from ecpat_data._validation.format import _canonical_from_model

    files = dict(ORIGINAL) if edit is None else edited(*edit)
    kept = _kept(files)
    assert set(kept) == set(files)
    for display, (model, document) in kept.items():
        data = files[display]
        dataset = display.removesuffix(".json")
        expected = _canonical_from_model(dataset, model, json.loads(data))
        assert _canonical_from_model(dataset, model, document, data) == expected
        assert _canonical_from_model(dataset, model, None, data) == expected
