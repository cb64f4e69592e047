"""JSON Schemas and the data dictionary: in sync with the models, and checked against them.

The differential tests run the ``jsonschema`` library with the exported schemas beside
``ecpat_data.validate``: the schemas accept all valid data, reject every single-file defect a
schema can express, and whatever they let through that ``validate`` refuses is one of the
documented checks beyond JSON Schema.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from ecpat_data._cli.main import main
from ecpat_data._core.datasets import DATASETS
from ecpat_data._core.dates import PartialDate
from ecpat_data._core.text import _check_url, check_text, is_noncharacter
from ecpat_data._export.dictionary import render
from ecpat_data._validation.schema import (
    BEYOND_SCHEMA,
    DATE_PATTERN,
    DRAFT,
    TEXT_PATTERN,
    URL_PATTERN,
    file_name,
    schema,
    schema_text,
)
from ecpat_data._validation.validate import validate, validate_bytes

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "valid"
FILES = {d.name: d.file for d in DATASETS.values()}


def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name))


def _fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / FILES[name]).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _validate_with(name: str, document: Any) -> tuple[bool, set[str]]:
    """(jsonschema accepts, codes of the errors ``validate`` reports) for one changed file."""
    files = {file: (FIXTURES / file).read_bytes() for file in FILES.values()}
    files[FILES[name]] = json.dumps(document).encode()
    report = validate_bytes(files)
    return _validator(name).is_valid(document), {p.code for p in report.errors}


# --- sync -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(DATASETS))
def test_committed_schema_is_the_generated_one(name: str) -> None:
    committed = ROOT / "data" / "schemas" / file_name(name)
    assert committed.read_text(encoding="utf-8") == schema_text(name), (
        f"{committed} is out of date: run `python -m ecpat_data._validation.schema data/schemas`"
    )


def test_committed_data_dictionary_is_the_generated_one() -> None:
    committed = ROOT / "docs" / "data-dictionary.md"
    assert committed.read_text(encoding="utf-8") == render(), (
        "docs/data-dictionary.md is out of date: run "
        "`python -m ecpat_data._export.dictionary docs/data-dictionary.md`"
    )


@pytest.mark.parametrize("name", list(DATASETS))
def test_schema_command_prints_the_schema(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", name]) == 0
    assert capsys.readouterr().out == schema_text(name)


def test_schema_command_refuses_an_unknown_name() -> None:
    with pytest.raises(SystemExit) as raised:
        main(["schema", "people"])
    assert raised.value.code == 2


def test_data_files_point_to_their_schema() -> None:
    for name in FILES:
        assert _fixture(name)["$schema"] == f"./schemas/{file_name(name)}"


# --- shape ----------------------------------------------------------------------------------


def _objects(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            found.append(node)
        for value in node.values():
            found.extend(_objects(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_objects(item))
    return found


@pytest.mark.parametrize("name", list(DATASETS))
def test_schema_is_draft_2020_12_with_identity(name: str) -> None:
    document = schema(name)
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == DRAFT
    assert document["$id"]
    assert FILES[name] in document["title"]
    assert document["description"]
    assert "$schema" in document["properties"]  # the data file's pointer to its schema
    for node in _objects(document):
        assert node["additionalProperties"] is False


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_field_of_every_model_is_in_the_schema_and_the_dictionary(name: str) -> None:
    model = DATASETS[name].file_model
    document = schema(name)
    dictionary = render()
    models = [model]
    seen = set()
    while models:
        current = models.pop()
        if current.__name__ in seen:
            continue
        seen.add(current.__name__)
        shape = document if current is model else document["$defs"][current.__name__]
        aliases = [info.alias or field for field, info in current.model_fields.items()]
        assert list(shape["properties"]) == aliases
        assert f"### {current.__name__}\n" in dictionary
        for field, info in current.model_fields.items():
            assert info.description, f"{current.__name__}.{field} has no description"
            assert f"| `{info.alias or field}` |" in dictionary
            for inner in _models_in(info.annotation):
                models.append(inner)


def _models_in(annotation: Any) -> list[Any]:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for arg in get_args(annotation) for found in _models_in(arg)]


# --- the strengthened patterns agree with the models ----------------------------------------


def test_date_pattern_agrees_with_the_date_type_except_leap_years() -> None:
    pattern = re.compile(DATE_PATTERN)
    for year in ("0000", "0001", "1900", "1996", "1997", "2000", "9999"):
        for month in [f"{m:02d}" for m in range(14)]:
            for day in [f"{d:02d}" for d in range(33)]:
                for text in (year, f"{year}-{month}", f"{year}-{month}-{day}"):
                    try:
                        PartialDate.parse(text)
                        model = True
                    except ValueError:
                        model = False
                    leap_only = text.endswith("-02-29")
                    assert bool(pattern.search(text)) == model or leap_only, text
    assert pattern.search("1997-02-29")  # left to the model, as documented
    for bad in ("19960827", "1996-13-45", "1996-1-1", "96", "1996-02-30", "1996-04-31"):
        assert not pattern.search(bad), bad


def _text_ok(value: str) -> bool:
    try:
        check_text(value)
    except ValueError:
        return False
    return True


def _url_ok(value: str) -> bool:
    try:
        check_text(value)
        _check_url(value)
    except ValueError:
        return False
    return True


_EDGE = st.sampled_from(
    [
        *(" ", "\u00a0", "\u3000", "\u2028", "\t", "\n", "\x00", "\x7f", "\x85", "\u202e"),
        *("\u2066", "\u200b", "\ufeff", "e", "\u0301", "é", "日", "-", "/", "?", "#", ":", "@"),
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_EDGE, st.characters(codec="utf-8")), max_size=8).map("".join))
def test_text_pattern_agrees_with_the_text_rule_except_nfc(value: str) -> None:
    if value.endswith("\n"):
        return  # Python's re reads `$` as "before a final newline" (documented)
    schema_ok = re.search(TEXT_PATTERN, value) is not None
    model_ok = _text_ok(unicodedata.normalize("NFC", value))
    if schema_ok and not model_ok and _astral_invisible(value):
        return  # beyond a pattern both dialects read (BEYOND_SCHEMA["invisible-character"])
    assert schema_ok == model_ok, repr(value)


def _astral_invisible(value: str) -> bool:
    return any(
        ord(char) > 0xFFFF and (unicodedata.category(char) in ("Cf", "Co") or is_noncharacter(char))
        for char in value
    )


def test_text_pattern_refuses_every_invisible_character_of_the_basic_plane() -> None:
    pattern = re.compile(TEXT_PATTERN)
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates cannot stand alone in text
        invisible = unicodedata.category(char) in ("Cf", "Co", "Zl", "Zp") or is_noncharacter(char)
        if invisible:
            assert pattern.search(f"a{char}b") is None, f"U+{code:04X}"


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["http://", "https://", "HTTPS://", "ftp://", "http:", "javascript:", ""]),
    st.lists(st.one_of(_EDGE, st.sampled_from(["a", "b.org", "/x", "?q=1"])), max_size=6).map(
        "".join
    ),
)
def test_url_pattern_is_never_stricter_than_the_url_rule(scheme: str, rest: str) -> None:
    value = unicodedata.normalize("NFC", scheme + rest)
    if value.endswith("\n"):
        return
    if _url_ok(value):
        assert re.search(URL_PATTERN, value), repr(value)
    elif re.search(URL_PATTERN, value):
        # The pattern allows non-ASCII whitespace at the end and unbalanced IPv6 brackets.
        assert value != value.strip() or "[" in value or "]" in value, repr(value)


# --- the schemas accept valid data ----------------------------------------------------------


@pytest.mark.parametrize("name", list(DATASETS))
def test_schema_accepts_the_fixture_data(name: str) -> None:
    errors = list(_validator(name).iter_errors(_fixture(name)))
    assert errors == []


@pytest.mark.parametrize("name", list(DATASETS))
def test_schema_accepts_the_bundled_data(name: str) -> None:
    from ecpat_data._core.resources import data_dir

    directory = data_dir()
    if not all(directory.joinpath(file).is_file() for file in FILES.values()):
        pytest.skip("the bundled data is not complete yet")
    if not validate().ok:
        pytest.skip("the bundled data does not validate yet")
    document = json.loads(directory.joinpath(FILES[name]).read_bytes())
    errors = [e.message[:200] for e in _validator(name).iter_errors(document)]
    assert errors == []


# --- the schemas reject what a schema can express -------------------------------------------


def _set(path: str, value: Any) -> Any:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target: Any = document
        for step in parents:
            target = target[int(step)] if step.isdigit() else target[step]
        if value is _DELETE:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = value

    return change


_DELETE = object()

DEFECTS: list[tuple[str, str, str, Any]] = [
    # (dataset, what, path, value)
    ("members", "wrong type: name", "members/0/name", 5),
    ("members", "wrong type: unverified", "members/0/unverified", "no"),
    ("members", "wrong type: members", "members", {"ecpat-uk": {}}),
    ("members", "wrong type: top level country null", "members/0/country", None),
    ("members", "unknown field", "members/0/nmae", "ECPAT UK"),
    ("members", "unknown top-level field", "edition", "2026-11"),
    ("members", "missing field: name", "members/0/name", _DELETE),
    ("members", "missing field: evidence", "members/0/evidence", _DELETE),
    ("members", "missing field: current_to", "current_to", _DELETE),
    ("members", "bad country: XX", "members/0/country", "XX"),
    ("members", "bad country: lowercase", "members/0/country", "th"),
    ("members", "bad country: alpha-3", "members/0/country", "THA"),
    ("members", "bad country: empty", "members/0/country", ""),
    ("members", "bad date: basic format", "members/0/joined", "19960827"),
    ("members", "bad date: month 13", "members/0/joined", "1996-13-45"),
    ("members", "bad date: 31 April", "members/0/founded", "1996-04-31"),
    ("members", "bad date: year 0", "members/0/founded", "0000"),
    ("members", "bad date: edition", "current_to", "2026-11-31"),
    ("members", "bad url: javascript", "members/0/website", "javascript:alert(1)"),
    ("members", "bad url: ftp", "members/0/website", "ftp://ecpat.org"),
    ("members", "bad url: no scheme", "members/0/website", "www.ecpat.org.uk"),
    ("members", "bad url: no host", "members/0/website", "https:///path"),
    ("members", "bad url: space", "members/0/website", "https://ecpat.org/a b"),
    ("members", "bad id: uppercase", "members/0/id", "ECPAT-UK"),
    ("members", "bad id: underscore", "members/0/id", "ecpat_uk"),
    ("members", "bad id: double hyphen", "members/0/id", "ecpat--uk"),
    ("members", "bad id: too long", "members/0/id", "a" * 81),
    ("members", "bad id: citation", "members/0/sources/0", "Briefing Sheet"),
    ("members", "bad text: leading space", "members/0/name", " ECPAT UK"),
    ("members", "bad text: empty", "members/0/name", ""),
    ("members", "bad text: bidi override", "members/0/name", "ECPAT \u202eKU"),
    ("members", "bad text: control", "members/0/other_names", ["ECPAT\x07UK"]),
    ("members", "bad choice: member type", "members/0/member_type", "partner"),
    ("members", "empty list: evidence", "members/0/evidence", []),
    ("members", "empty list: sources", "members/0/sources", []),
    ("members", "schema version 1", "schema_version", 1),
    ("members", "schema version true", "schema_version", True),
    ("members", "schema version 3", "schema_version", 3),
    ("sources", "bad url: sources", "sources/1/url", "ftp://ecpat.org/"),
    ("sources", "bad id: sources", "sources/1/id", "Our History"),
    ("timeline", "bad date: 30 February", "events/1/date", "1996-02-30"),
    ("timeline", "bad country: place", "events/1/place/country", "se"),
    ("timeline", "bad id: programme area", "events/0/programme_areas/0", "Travel"),
    ("programme_areas", "empty list: listings", "programme_areas/0/listings", []),
    ("organisation", "negative count", "organisation/network_size/0/organisations", -1),
    (
        "organisation",
        "bad choice: qualifier",
        "organisation/network_size/0/countries_qualifier",
        "about",
    ),
    ("organisation", "wrong type: count as text", "organisation/network_size/0/countries", "73"),
    ("organisation", "missing field: mission", "organisation/mission", _DELETE),
]


@pytest.mark.parametrize(
    ("name", "path", "value"),
    [pytest.param(n, p, v, id=what) for n, what, p, v in DEFECTS],
)
def test_schema_and_validate_both_reject_the_defect(name: str, path: str, value: Any) -> None:
    document = copy.deepcopy(_fixture(name))
    _set(path, value)(document)
    schema_ok, codes = _validate_with(name, document)
    assert not schema_ok
    assert codes, "validate let through what the schema rejects"


# --- and what they cannot express is exactly the documented list ----------------------------

BEYOND_EXAMPLES: dict[str, tuple[str, str]] = {
    # code: (dataset, JSON text substitution applied to the fixture file)
    "invalid-date": ("members", '"joined": "1997" -> "joined": "1997-02-29"'),
    "not-nfc": ("members", '"name": "ECPAT UK" -> "name": "ECPAT UK\\u0301"'),
    "invalid-unicode": ("members", '"name": "ECPAT UK" -> "name": "ECPAT UK\\ud800"'),
    "wrong-type": ("organisation", '"organisations": 78 -> "organisations": 78.0'),
    "duplicate-key": ("members", '"name": "ECPAT UK" -> "name": "X", "name": "ECPAT UK"'),
    "duplicate-id": ("members", '"id": "ecpat-stop-japan" -> "id": "ecpat-uk"'),
    "unknown-source": ("members", '"ecpat-org-uk-our-history"\n -> "no-such-source"\n'),
    "unknown-programme-area": ("timeline", '"travel-and-tourism" -> "no-such-area"'),
    "orphan-source": (
        "sources",
        '"sources": [ -> "sources": [{"id": "uncited", "title": "Not cited", "url": null},',
    ),
    "edition-mismatch": ("members", '"current_to": "2026-11" -> "current_to": "2026-10"'),
    "invisible-character": ("members", '"name": "ECPAT UK" -> "name": "ECPAT UK\\udb40\\udc41"'),
    "private-use-character": ("members", '"name": "ECPAT UK" -> "name": "ECPAT UK\\udb80\\udc00"'),
    "noncharacter": ("members", '"name": "ECPAT UK" -> "name": "ECPAT UK\\ud87f\\udffe"'),
    "duplicate-name": ("members", '"other_names": [] -> "other_names": ["ECPAT", "ECPAT"]'),
    "after-edition": ("members", '"joined": "1997" -> "joined": "2030"'),
    "undated-founding": ("organisation", '"date": "1990" -> "date": null'),
    "invalid-schema-version": ("sources", '"schema_version": 2 -> "schema_version": 2.0'),
}


def test_the_examples_cover_every_documented_check() -> None:
    assert set(BEYOND_EXAMPLES) == set(BEYOND_SCHEMA) - {"file"}


@pytest.mark.parametrize("code", sorted(BEYOND_EXAMPLES))
def test_schema_accepts_what_only_validate_can_refuse(code: str) -> None:
    name, change = BEYOND_EXAMPLES[code]
    old, new = change.split(" -> ")
    files = {file: (FIXTURES / file).read_text(encoding="utf-8") for file in FILES.values()}
    text = files[FILES[name]]
    assert old in text
    files[FILES[name]] = text.replace(old, new)
    report = validate_bytes({file: data.encode() for file, data in files.items()})
    assert code in {p.code for p in report.problems}, report.problems
    for dataset, file in FILES.items():
        assert _validator(dataset).is_valid(json.loads(files[file])), file


# --- differential property: the schema is never stricter than validate ----------------------

_ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.sampled_from(
        [
            *("", " x", "x ", "TH", "th", "THA", "XX", "GB", "1996", "1996-02-29", "1997-02-29"),
            *("1996-13", "19960827", "http://x.org", "ftp://x", "javascript:alert(1)", "e\u0301"),
            *("a\u202eb", "ecpat-uk", "Ecpat", "a--b", "briefing", "mirror", "member", "\ud800"),
        ]
    ),
    st.text(max_size=5).filter(lambda t: not t.endswith("\n")),
    st.lists(st.sampled_from(["briefing", "X", "ecpat-uk", ""]), max_size=2),
    st.just({"kind": "historic", "claim": "x", "sources": ["briefing"]}),
)
_KEYS = [
    *(key for key in schema("members")["$defs"]["Member"]["properties"]),
    "nmae",
    "evidence/0/kind",
    "evidence/0/as_of",
    "evidence/0/sources",
    "evidence/0/extra",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(_KEYS), st.one_of(_ODD, st.just(_DELETE))),
        min_size=1,
        max_size=3,
    )
)
def test_what_the_schema_accepts_validate_refuses_only_beyond_schema(
    changes: list[tuple[str, Any]],
) -> None:
    document = _fixture("members")
    for key, value in changes:
        try:
            _set(f"members/0/{key}", value)(document)
        except (KeyError, IndexError, TypeError):
            continue
    raw = json.dumps(document, ensure_ascii=True).encode()
    files = {file: (FIXTURES / file).read_bytes() for file in FILES.values()}
    files["members.json"] = raw
    codes = {p.code for p in validate_bytes(files).errors}
    if _validator("members").is_valid(json.loads(raw)):
        assert codes <= set(BEYOND_SCHEMA), codes
    else:
        assert codes, "the schema refused what validate accepts"
