"""``ecpat-data fmt``: canonical, idempotent, lossless, atomic, and never touching invalid files."""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import stat
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecpat_data._cli.commands import fmt as _cmd_fmt
from ecpat_data._cli.main import main
from ecpat_data._core.datasets import DATASETS
from ecpat_data._validation.format import (
    FormatError,
    canonical_text,
    data_files,
    format_bytes,
    format_paths,
    write_atomic,
)
from ecpat_data._validation.schema import schema
from ecpat_data._validation.validate import validate, validate_bytes

if TYPE_CHECKING:
    import random

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
DATA = Path(__file__).resolve().parents[1] / "data"
FILES = [d.file for d in DATASETS.values()]
SOURCE_IDS = [s["id"] for s in json.loads((FIXTURES / "sources.json").read_text())["sources"]]
NAME_OF = {file: name for name, file in ((d.name, d.file) for d in DATASETS.values())}

SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- strategies -----------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèüñøçåÅŁłžßĀ日本ไทยТест"
_INNER = _LETTERS + "  -'/&.,()"


@st.composite
def texts(draw: st.DrawFn, *, decomposable: bool = True) -> str:
    """Valid text; sometimes spelled in NFD (which fmt must turn into NFC)."""
    value = draw(st.text(alphabet=_INNER, min_size=1, max_size=24)).lstrip(" -").strip()
    value = value or draw(st.sampled_from(["ECPAT", "Société", "Ñandú"]))  # no formula either
    if decomposable and draw(st.booleans()):
        value = unicodedata.normalize("NFD", value)
    return value


slugs = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}\Z", fullmatch=True)
countries = st.sampled_from(["GB", "JP", "TH", "SE", "FR", "DE", "BR", "TW", "BO", "ZA", "IN"])
urls = st.sampled_from(
    [
        "https://www.ecpat.org.uk",
        "http://example.org/a?b=c",
        "HTTPS://EXAMPLE.ORG/x#y",
        "https://例え.jp/パス",
    ]
)
cited = st.lists(st.sampled_from(SOURCE_IDS), min_size=1, max_size=3, unique=True)


@st.composite
def dates(draw: st.DrawFn) -> str:
    """A date no later than the fixtures' edition (2026-11): a later one is an error."""
    day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 10, 31)))
    return day.isoformat()[: draw(st.sampled_from([4, 7, 10]))]


def _maybe(strategy: st.SearchStrategy[Any], default: Any) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(default), strategy)


evidence = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(
            ["ecpat-country-page", "ecpat-statement", "own-statement", "third-party"]
        ),
        "claim": texts(),
        "sources": cited,
    },
    optional={"as_of": _maybe(dates(), None), "unverified": st.booleans()},
)

member = st.fixed_dictionaries(
    {
        "id": slugs,
        "name": texts(),
        "country": countries,
        "evidence": st.lists(evidence, min_size=1, max_size=2),
        "sources": cited,
    },
    optional={
        "other_names": st.lists(
            texts(), max_size=2, unique_by=lambda name: unicodedata.normalize("NFC", name)
        ),
        "website": _maybe(urls, None),
        "member_type": _maybe(st.sampled_from(["national-group", "affiliate", "member"]), None),
        "type_as_stated": _maybe(texts(), None),
        "joined": _maybe(dates(), None),
        "founded": _maybe(dates(), None),
        "dates_note": _maybe(texts(), None),
        "note": _maybe(texts(), None),
        "unverified": st.booleans(),
    },
)


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _object_schema(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    node = _resolve(node, defs)
    if "properties" in node:
        return node
    for option in node.get("anyOf", ()):
        found = _object_schema(option, defs)
        if found is not None:
            return found
    return None


def _items_schema(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    node = _resolve(node, defs)
    if "items" in node:
        return node["items"]  # type: ignore[no-any-return]
    return None


def mess_up(value: Any, node: dict[str, Any], defs: dict[str, Any], rnd: random.Random) -> Any:
    """The same data written differently: keys shuffled, some defaults left out."""
    if isinstance(value, dict):
        shape = _object_schema(node, defs) or {}
        properties = shape.get("properties", {})
        required = set(shape.get("required", ()))
        result = {}
        keys = list(value)
        rnd.shuffle(keys)
        for key in keys:
            prop = properties.get(key, {})
            defaulted = key not in required and value[key] == prop.get("default", ...)
            if defaulted and rnd.random() < 0.5:
                continue
            result[key] = mess_up(value[key], prop, defs, rnd)
        return result
    if isinstance(value, list):
        items = _items_schema(node, defs) or {}
        return [mess_up(item, items, defs, rnd) for item in value]
    return value


def serialise(document: Any, rnd: random.Random) -> bytes:
    """One of many valid JSON spellings of ``document``."""
    indent = rnd.choice([None, 0, 1, 2, 4, "\t"])
    text = json.dumps(document, indent=indent, ensure_ascii=rnd.random() < 0.3)
    if indent is not None and rnd.random() < 0.2:
        text = text.replace("\n", "\r\n")  # JSON strings hold no raw newline: only layout
    if rnd.random() < 0.5:
        text += "\n"
    return text.encode("utf-8")


@st.composite
def data_directories(draw: st.DrawFn) -> dict[str, bytes]:
    """The five files: fixture data plus generated members, shuffled and re-spelled."""
    rnd = draw(st.randoms(use_true_random=False))
    members = draw(st.lists(member, min_size=0, max_size=6, unique_by=lambda m: m["id"]))
    contents: dict[str, bytes] = {}
    for name, file, _, key in ((d.name, d.file, d.file_model, d.key) for d in DATASETS.values()):
        document = json.loads((FIXTURES / file).read_text(encoding="utf-8"))
        if name == "members":
            document["members"] = members
        if isinstance(document[key], list):
            rnd.shuffle(document[key])
        full = schema(name)
        document = mess_up(document, full, full["$defs"], rnd)
        contents[file] = serialise(document, rnd)
    return contents


# --- helpers --------------------------------------------------------------------------------


def _write(directory: Path, contents: dict[str, bytes]) -> None:
    for file, data in contents.items():
        (directory / file).write_bytes(data)


def _read(directory: Path) -> dict[str, bytes]:
    return {file: (directory / file).read_bytes() for file in FILES}


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


def _without_defaults(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_defaults(v)
            for k, v in value.items()
            if not (v is None or v is False or v == [])
        }
    if isinstance(value, list):
        return [_without_defaults(v) for v in value]
    return value


def same_data(file: str, before: bytes, after: bytes) -> bool:
    """Equal as data, modulo filled-in defaults, the order of records, and NFC."""
    key = DATASETS[NAME_OF[file]].key
    old = _without_defaults(_nfc(json.loads(before)))
    new = _without_defaults(json.loads(after))
    if isinstance(old.get(key), list):
        old[key] = sorted(old[key], key=lambda r: json.dumps(r, sort_keys=True))
        new[key] = sorted(new[key], key=lambda r: json.dumps(r, sort_keys=True))
    return bool(old == new)


def _fmt(*paths: Path | str, check: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    args = argparse.Namespace(
        paths=[str(p) for p in paths], check=check, diff=False, max_problems=100
    )
    return _cmd_fmt.run(args, out), out.getvalue()


def _copy_fixtures(target: Path) -> Path:
    shutil.copytree(FIXTURES, target)
    return target


# --- properties -----------------------------------------------------------------------------


@SLOW
@given(data_directories())
def test_fmt_is_lossless_idempotent_and_check_agrees(contents: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        _write(directory, contents)
        normalised = {f: json.dumps(_nfc(json.loads(d))).encode() for f, d in contents.items()}
        assert validate_bytes(normalised).ok  # valid but for text in NFD

        status, output = _fmt(directory, check=True)
        assert _read(directory) == contents  # --check changes nothing
        expect_change = [
            file for file in FILES if canonical_bytes(file, contents[file]) != contents[file]
        ]
        assert status == (1 if expect_change else 0)
        for file in expect_change:
            assert f"would reformat {directory / file}" in output

        status, _ = _fmt(directory)
        assert status == 0
        after = _read(directory)
        assert validate(directory).ok
        for file in FILES:
            assert same_data(file, contents[file], after[file]), file
            _assert_canonical(file, after[file])

        status, output = _fmt(directory)  # idempotent
        assert status == 0
        assert _read(directory) == after
        assert output.startswith("0 file(s) reformatted")
        assert _fmt(directory, check=True)[0] == 0
        assert sorted(os.listdir(directory)) == sorted(FILES)  # no temporary file left


def canonical_bytes(file: str, data: bytes) -> bytes:
    return canonical_text(NAME_OF[file], json.loads(data)).encode("utf-8")


def _assert_canonical(file: str, data: bytes) -> None:
    name = NAME_OF[file]
    model = DATASETS[name].file_model
    key = DATASETS[name].key
    text = data.decode("utf-8")
    assert text.endswith("}\n")
    assert "\r" not in text
    document = json.loads(text)
    dumped = model.model_validate_json(data).model_dump(mode="json", by_alias=True)
    # Every field written out, in model order (json.dumps keeps key order).
    assert json.dumps(document) == json.dumps(dumped)
    assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    records = document[key]
    if name == "members":
        assert records == sorted(records, key=lambda r: (r["country"], r["id"]))
    elif name == "timeline":
        assert records == sorted(records, key=lambda r: (r["date"], r["id"]))
    elif name == "sources":
        assert records == sorted(records, key=lambda r: r["id"])


def _defect_unknown_field(doc: dict[str, Any]) -> None:
    doc["members"][0]["nmae"] = "typo"


def _defect_country(doc: dict[str, Any]) -> None:
    doc["members"][0]["country"] = "XX"


def _defect_type(doc: dict[str, Any]) -> None:
    doc["members"][0]["name"] = 5


def _defect_missing(doc: dict[str, Any]) -> None:
    del doc["members"][0]["name"]


def _defect_date(doc: dict[str, Any]) -> None:
    doc["members"][0]["joined"] = "1997-02-29"


def _defect_bidi(doc: dict[str, Any]) -> None:
    doc["members"][0]["name"] = "ECPAT \u202e UK"


def _defect_citation(doc: dict[str, Any]) -> None:
    doc["members"][0]["sources"] = ["no-such-source"]


def _defect_duplicate_id(doc: dict[str, Any]) -> None:
    doc["members"].append(dict(doc["members"][0]))


def _defect_nfd_and_whitespace(doc: dict[str, Any]) -> None:
    doc["members"][0]["name"] = unicodedata.normalize("NFD", "Société ")


DEFECTS = {
    "unknown-field": _defect_unknown_field,
    "invalid-country": _defect_country,
    "wrong-type": _defect_type,
    "missing-field": _defect_missing,
    "invalid-date": _defect_date,
    "text-control-character": _defect_bidi,
    "unknown-source": _defect_citation,
    "duplicate-id": _defect_duplicate_id,
    "text-whitespace": _defect_nfd_and_whitespace,
}
TEXT_DEFECTS = {
    "json-syntax": lambda t: t[: t.rindex("}")],
    "duplicate-key": lambda t: t.replace('"name": ', '"name": "Twice", "name": ', 1),
    "json-nan": lambda t: t.replace('"unverified": false', '"unverified": NaN', 1),
    "invalid-utf8": lambda t: t.replace('"members"', '"members\udcff"', 1),
}


@SLOW
@given(
    data_directories(),
    st.sampled_from(sorted(DEFECTS) + sorted(TEXT_DEFECTS)),
)
def test_fmt_refuses_an_invalid_file_and_leaves_its_bytes(
    contents: dict[str, bytes], defect: str
) -> None:
    document = json.loads(contents["members.json"])
    if not document["members"]:
        document["members"] = json.loads((FIXTURES / "members.json").read_bytes())["members"]
    if defect in DEFECTS:
        DEFECTS[defect](document)
        bad = json.dumps(document, ensure_ascii=False).encode()
    else:
        text = json.dumps(
            {**document, "members": [{**m, "unverified": False} for m in document["members"]]},
            ensure_ascii=False,
        )
        bad = TEXT_DEFECTS[defect](text).encode("utf-8", "surrogateescape")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        _write(directory, {**contents, "members.json": bad})
        status, output = _fmt(directory)
        assert status == 1
        assert (directory / "members.json").read_bytes() == bad
        assert f"error: {directory / 'members.json'} does not validate" in output
        assert any(
            line.startswith(f"{directory / 'members.json'}:") for line in output.splitlines()
        )
        assert sorted(os.listdir(directory)) == sorted(FILES)


# --- examples -------------------------------------------------------------------------------


def test_fixture_files_are_canonical() -> None:
    for file in FILES:
        data = (FIXTURES / file).read_bytes()
        assert format_bytes(file, data) == data, file


def test_records_are_put_in_their_stable_order(tmp_path: Path) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    timeline = json.loads((directory / "timeline.json").read_text())
    first = timeline["events"][0]
    timeline["events"] = [
        {**first, "id": "c-day", "date": "1996-08-27"},
        {**first, "id": "b-month", "date": "1996-08"},
        {**first, "id": "z-year", "date": "1996"},
        {**first, "id": "a-year", "date": "1996"},
    ]
    (directory / "timeline.json").write_text(json.dumps(timeline))
    areas = json.loads((directory / "programme_areas.json").read_text())
    second = {**areas["programme_areas"][0], "id": "a-first-in-alphabet"}
    areas["programme_areas"].append(second)
    (directory / "programme_areas.json").write_text(json.dumps(areas))
    assert main(["fmt", str(directory)]) == 0
    events = json.loads((directory / "timeline.json").read_text())["events"]
    assert [e["id"] for e in events] == ["a-year", "z-year", "b-month", "c-day"]
    kept = json.loads((directory / "programme_areas.json").read_text())["programme_areas"]
    assert [a["id"] for a in kept] == ["travel-and-tourism", "a-first-in-alphabet"]


def test_canonical_text_with_records_out_of_order_is_not_canonical(tmp_path: Path) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    path = directory / "members.json"
    members = json.loads(path.read_text("utf-8"))
    assert len(members["members"]) >= 2
    members["members"].reverse()  # every byte canonical but the order
    path.write_text(json.dumps(members, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["fmt", "--check", str(directory)]) == 1


@pytest.mark.parametrize("name", [n for n, d in DATASETS.items() if d.sort_fields])
def test_the_string_form_of_a_records_sort_fields_is_their_json_value(name: str) -> None:
    described = DATASETS[name]
    for source in (FIXTURES / described.file, DATA / described.file):
        model = described.file_model.model_validate_json(source.read_bytes())
        dumped = model.model_dump(mode="json", by_alias=True)[described.key]
        records = getattr(model, described.key)
        order = described.sort_key
        assert order is not None
        assert [described.record_sort_key(r) for r in records] == [order(d) for d in dumped]


def test_missing_optional_fields_are_written_with_their_defaults(tmp_path: Path) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    members = json.loads((directory / "members.json").read_text())
    for record in members["members"]:
        for key in ("other_names", "joined", "note", "unverified", "dates_note"):
            if record[key] in (None, False, []):
                del record[key]
    (directory / "members.json").write_text(json.dumps(members))
    assert main(["fmt", str(directory)]) == 0
    assert (directory / "members.json").read_bytes() == (FIXTURES / "members.json").read_bytes()


def test_nfd_text_is_normalised_not_refused(tmp_path: Path) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    members = json.loads((directory / "members.json").read_text())
    members["members"][0]["name"] = unicodedata.normalize("NFD", "Société Générale")
    (directory / "members.json").write_text(json.dumps(members))
    assert not validate(directory).ok
    assert main(["fmt", str(directory)]) == 0
    assert validate(directory).ok
    text = (directory / "members.json").read_text(encoding="utf-8")
    assert '"name": "Société Générale"' in text
    assert unicodedata.is_normalized("NFC", text)


def test_check_names_the_files_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    ugly = json.dumps(json.loads((directory / "sources.json").read_text())).encode()
    (directory / "sources.json").write_bytes(ugly)
    assert main(["fmt", "--check", str(directory)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"would reformat {directory / 'sources.json'}",
        "1 file(s) would be reformatted, 4 file(s) already canonical",
    ]
    assert (directory / "sources.json").read_bytes() == ugly
    assert main(["fmt", str(directory)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"reformatted {directory / 'sources.json'}"
    assert main(["fmt", "--check", str(directory)]) == 0


def test_refused_file_is_reported_with_its_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    path = directory / "members.json"
    original = path.read_text()
    broken = original.replace('"country": "JP"', '"country": "jp"')
    path.write_text(broken)
    assert main(["fmt", str(directory)]) == 1
    out = capsys.readouterr().out
    line = broken[: broken.index('"jp"')].count("\n") + 1
    assert f"{path}:{line}:18: /members/1/country: " in out
    assert "must be uppercase" in out
    assert f"error: {path} does not validate (1 error(s)); left unchanged" in out
    assert path.read_text() == broken


def test_file_that_cannot_be_parsed_is_refused(tmp_path: Path) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    (directory / "members.json").write_bytes(b"")
    assert main(["fmt", str(directory)]) == 1
    assert (directory / "members.json").read_bytes() == b""
    with pytest.raises(FormatError) as raised:
        format_bytes("members.json", b'{"members": [}')
    assert raised.value.problems[0].code == "json-syntax"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["fmt", "no/such/dir"], "no such file or directory"),
        (["fmt", "README.md"], "not a data file name"),
        (["fmt", "tests"], "holds no data file"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).parents[1]
    cwd = os.getcwd()
    os.chdir(root)
    try:
        assert main(argv) == 2
    finally:
        os.chdir(cwd)
    assert message in capsys.readouterr().err


def test_fmt_without_paths_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["fmt"])
    assert raised.value.code == 2
    with pytest.raises(SystemExit) as raised:
        main(["fmt", "--bogus", "x"])
    assert raised.value.code == 2


def test_single_files_are_validated_with_their_directory_siblings(tmp_path: Path) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    for file in FILES:
        data = json.loads((directory / file).read_text())
        (directory / file).write_text(json.dumps(data))
    paths = [str(directory / "members.json"), str(directory / "sources.json")]
    assert main(["fmt", *paths]) == 0
    assert (directory / "members.json").read_bytes() == (FIXTURES / "members.json").read_bytes()
    assert data_files([directory / "members.json", directory]) == [
        directory / "members.json",
        *[directory / f for f in FILES if f != "members.json"],
    ]


# --- atomic writing -------------------------------------------------------------------------


def test_write_keeps_the_file_mode(tmp_path: Path) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    path = directory / "sources.json"
    path.write_text(json.dumps(json.loads(path.read_text())))
    path.chmod(0o640)
    assert main(["fmt", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_bytes() == (FIXTURES / "sources.json").read_bytes()


def test_unchanged_file_is_not_written(tmp_path: Path) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    path = directory / "members.json"
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, 1_000_000_000))
    inode = path.stat().st_ino
    assert main(["fmt", str(directory)]) == 0
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert path.stat().st_ino == inode


def test_failed_rename_leaves_the_original_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _copy_fixtures(tmp_path / "data")
    path = directory / "members.json"
    ugly = json.dumps(json.loads(path.read_text())).encode()
    path.write_bytes(ugly)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    [outcome] = [o for o in format_paths(data_files([directory])) if o.path == path]
    assert (outcome.status, outcome.message) == ("unwritable", "No space left on device")
    assert path.read_bytes() == ugly
    assert sorted(os.listdir(directory)) == sorted(FILES)


def test_write_atomic_follows_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"
    assert sorted(os.listdir(tmp_path)) == ["link.json", "real.json"]


@SLOW
@given(
    st.sampled_from(FILES),
    st.lists(
        st.tuples(
            st.integers(min_value=0),
            st.integers(min_value=0, max_value=3),
            st.binary(min_size=0, max_size=3) | st.sampled_from([b'"', b",", b"}", b"\\u0301"]),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_fmt_on_mutated_bytes_formats_or_refuses_never_crashes(
    file: str, edits: list[tuple[int, int, bytes]]
) -> None:
    data = bytearray((FIXTURES / file).read_bytes())
    for position, removed, inserted in edits:
        at = position % (len(data) + 1)
        data[at : at + removed] = inserted
    mutated = bytes(data)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        _write(directory, {f: (FIXTURES / f).read_bytes() for f in FILES})
        (directory / file).write_bytes(mutated)
        status, _ = _fmt(directory)
        assert status in (0, 1)
        after = (directory / file).read_bytes()
        if status == 1:
            # Refused files keep their bytes; a valid mutant can only be formatted when the
            # refusal was another file's (say, a citation of an id the mutant renamed).
            errors = validate(directory).errors
            assert after == mutated or not any(p.file.endswith(file) for p in errors)
        else:
            assert validate(directory).ok
            assert _fmt(directory, check=True)[0] == 0
        assert sorted(os.listdir(directory)) == sorted(FILES)


# --- siblings, --diff, --max-problems (issues 10 and 12) ----------------------------------------


def _messy(path: Path) -> bytes:
    """Rewrite a canonical file with a 4-space indent; return the canonical bytes."""
    canonical = path.read_bytes()
    path.write_text(json.dumps(json.loads(canonical), indent=4, ensure_ascii=False) + "\n")
    return canonical


def test_fmt_rewrites_only_the_files_it_is_given_not_their_siblings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _copy_fixtures(tmp_path / "data")
    canonical = _messy(data / "members.json")
    _messy(data / "sources.json")
    messy_sources = (data / "sources.json").read_bytes()
    assert main(["fmt", str(data / "members.json")]) == 0
    assert capsys.readouterr().out == (
        f"reformatted {data / 'members.json'}\n1 file(s) reformatted, 0 file(s) already canonical\n"
    )
    assert (data / "members.json").read_bytes() == canonical
    assert (data / "sources.json").read_bytes() == messy_sources


def test_fmt_validates_a_file_with_the_sources_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _copy_fixtures(tmp_path / "data")
    for file in ("sources.json", "members.json", "timeline.json"):
        text = (data / file).read_text(encoding="utf-8")
        (data / file).write_text(text.replace("ecpat-org-uk-our-history", "uk-history"))
    _messy(data / "members.json")
    assert main(["fmt", "--check", str(data / "members.json")]) == 1
    assert capsys.readouterr().out == (
        f"would reformat {data / 'members.json'}\n"
        "1 file(s) would be reformatted, 0 file(s) already canonical\n"
    )


def test_fmt_check_diff_prints_a_unified_diff_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _copy_fixtures(tmp_path / "data")
    members = data / "members.json"
    text = members.read_text(encoding="utf-8")
    members.write_text(text.replace('      "name": "ECPAT UK",\n', '      "name":  "ECPAT UK",\n'))
    before = members.read_bytes()
    assert main(["fmt", "--check", "--diff", str(members)]) == 1
    out = capsys.readouterr().out
    assert members.read_bytes() == before
    assert out == (
        f"--- {members} (original)\n"
        f"+++ {members} (formatted)\n"
        "@@ -5,7 +5,7 @@\n"
        '   "members": [\n'
        "     {\n"
        '       "id": "ecpat-uk",\n'
        '-      "name":  "ECPAT UK",\n'
        '+      "name": "ECPAT UK",\n'
        '       "other_names": [],\n'
        '       "country": "GB",\n'
        '       "website": "https://www.ecpat.org.uk",\n'
        f"would reformat {members}\n"
        "1 file(s) would be reformatted, 0 file(s) already canonical\n"
    )


def test_fmt_diff_alone_changes_nothing_and_exits_1_when_a_file_would_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _copy_fixtures(tmp_path / "data")
    _messy(data / "members.json")
    before = (data / "members.json").read_bytes()
    assert main(["fmt", "--diff", str(data)]) == 1
    assert (data / "members.json").read_bytes() == before
    assert capsys.readouterr().out.startswith(f"--- {data / 'members.json'} (original)\n")


def test_fmt_lists_at_most_max_problems_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "alone"
    directory.mkdir()
    members = directory / "members.json"
    members.write_bytes(
        b'{"schema_version": 2, "current_to": "2026-11", "members": [1, 1, 1, 1]}\n'
    )
    assert main(["fmt", "--max-problems", "1", str(members)]) == 1
    assert capsys.readouterr().out == (
        f"{members}:1:60: /members/0: wrong type: expected an object, found a number (1)\n"
        f"{members}: 3 more error(s) not shown (--max-problems N to list more, 0 for all)\n"
        f"error: {members} does not validate (4 error(s)); left unchanged\n"
        "0 file(s) reformatted, 0 file(s) already canonical, 1 file(s) invalid (not formatted)\n"
    )


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text(st.characters(codec="utf-8"), max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(st.characters(codec="utf-8"), max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)


@given(_JSON)
def test_pydantic_cores_indented_json_is_byte_for_byte_json_dumps(value: Any) -> None:
    """fmt's fast path encodes with pydantic-core: it must write what json.dumps writes."""
    from pydantic_core import to_json

    expected = json.dumps(value, indent=2, ensure_ascii=False).encode("utf-8", "surrogatepass")
    assert to_json(value, indent=2) == expected


def test_fmt_check_of_a_canonical_file_takes_the_fast_path(tmp_path: Path) -> None:
    import ecpat_data._validation.format as format_module

    data = _copy_fixtures(tmp_path / "data")
    calls: list[str] = []
    original = format_module.canonical_text

    def counting(dataset: str, document: Any, *, data: bytes | None = None) -> str:
        calls.append(dataset)
        return original(dataset, document, data=data)

    format_module.canonical_text = counting  # type: ignore[assignment]
    try:
        outcomes = format_paths(data_files([data]), check=True)
    finally:
        format_module.canonical_text = original  # type: ignore[assignment]
    assert [o.status for o in outcomes] == ["unchanged"] * 5
    assert calls == []
