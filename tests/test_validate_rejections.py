"""`ecpat-data validate` rejects every defect of issue 3, each with its code and exact place.

Every test copies the valid fixture dataset (tests/fixtures/valid) to a temporary directory,
breaks one thing, runs the command (in-process through ``ecpat_data._cli.main.main``, a few through
``python -m ecpat_data``) and checks the exit status, the problem's ``code`` and the line and
column it reports: of the offending value; of the object, for a missing field; of the key, for
an unknown field or a repeated key; of the second occurrence, for a duplicate id.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from fixture_bundle import FILES

import ecpat_data
import ecpat_data._core.resources
import ecpat_data._validation.jsonread
from ecpat_data._cli.main import main
from ecpat_data._core.problems import Problem, Report
from ecpat_data._validation.validate import validate_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
TEXT_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<pointer>/\S*): (?P<message>.+)$"
)
JSON_KEYS = {"file", "line", "column", "pointer", "code", "message", "severity"}

# --- helpers ------------------------------------------------------------------------------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A fresh, valid copy of the fixture dataset."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES, target)
    return target


def edit(path: Path, old: str, new: str, *, nth: int = 1) -> None:
    """Replace the ``nth`` occurrence of ``old`` (which must exist) by ``new``."""
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(nth):
        at = text.index(old, at + 1)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def where(path: Path, needle: str, *, nth: int = 1, shift: int = 0) -> tuple[int, int]:
    """1-based line and column (in characters) of the ``nth`` ``needle`` in the file, + shift."""
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    at += shift
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def run(capsys: pytest.CaptureFixture[str], *paths: Path | str) -> tuple[int, list[dict[str, Any]]]:
    """Run `ecpat-data validate PATH... --format json` in-process: (status, problems)."""
    status = main(["validate", *map(str, paths), "--format", "json"])
    out = capsys.readouterr().out
    return status, json.loads(out)


def only(problems: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """The single problem with ``code`` (fails, showing them all, if there is not exactly one)."""
    found = [p for p in problems if p["code"] == code]
    assert len(found) == 1, problems
    return found[0]


def at(problem: dict[str, Any]) -> tuple[int, int]:
    return problem["line"], problem["column"]


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m ecpat_data ARGS`` in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "ecpat_data", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
    )


def digest(directory: Path) -> dict[str, tuple[str, int]]:
    return {
        path.name: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(directory.iterdir())
    }


# --- the valid baseline -------------------------------------------------------------------


def test_valid_fixture_directory_exits_0_with_no_problems(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, data) == (0, [])


def test_valid_fixture_directory_exits_0_in_a_child_process(data: Path) -> None:
    result = cli("validate", str(data))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("ok: 5 file(s) valid")
    assert "Traceback" not in result.stderr


# --- reading JSON -------------------------------------------------------------------------


def test_json_syntax_error_is_located_where_the_parser_stopped(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"name": "ECPAT UK"', '"name" "ECPAT UK"')  # colon dropped
    status, problems = run(capsys, data)
    problem = only(problems, "json-syntax")
    assert status == 1
    assert at(problem) == where(members, '"name"', shift=len('"name"') + 1)
    assert problem["message"] == "invalid JSON: Expecting ':' delimiter"


def test_missing_comma_is_named_and_placed_after_the_value_that_lacks_it(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"country": "GB",', '"country": "GB"')  # comma dropped
    status, problems = run(capsys, data)
    problem = only(problems, "json-syntax")
    assert status == 1
    assert at(problem) == where(members, '"country": "GB"', shift=len('"country": "GB"'))
    line, column = where(members, '"website"')
    assert problem["message"] == (
        f"invalid JSON: missing comma after this value (the next one starts at line {line}, "
        f"column {column}): add a ','"
    )


def test_trailing_comma_in_an_object_is_named_at_the_comma_not_at_the_next_line(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"unverified": false\n        }', '"unverified": false,\n        }')
    status, problems = run(capsys, data)
    problem = only(problems, "json-syntax")
    assert status == 1
    assert at(problem) == where(members, "false,", shift=len("false"))
    assert problem["message"] == (
        "invalid JSON: trailing comma after the last item of this object: remove it "
        "(JSON allows no comma before a closing bracket)"
    )


def test_trailing_comma_in_an_array_is_named_at_the_comma(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"ecpat-org-uk-our-history"\n', '"ecpat-org-uk-our-history",\n')
    status, problems = run(capsys, data)
    problem = only(problems, "json-syntax")
    assert status == 1
    assert at(problem) == where(members, 'history",', shift=len('history"'))
    assert problem["message"] == (
        "invalid JSON: trailing comma after the last item of this array: remove it "
        "(JSON allows no comma before a closing bracket)"
    )


def test_json_syntax_error_via_python_m_exits_1_with_a_located_line(data: Path) -> None:
    members = data / "members.json"
    edit(members, '"ECPAT UK",', '"ECPAT UK",,')
    result = cli("validate", str(data))
    assert result.returncode == 1
    line, col = where(members, ",,", shift=1)
    assert result.stdout.startswith(f"{members}:{line}:{col}: /: invalid JSON")
    assert "Traceback" not in result.stdout + result.stderr


def test_invalid_utf8_is_located_at_the_first_bad_byte(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    raw = members.read_bytes().replace(b"ECPAT UK", b"ECPAT \xff UK", 1)
    members.write_bytes(raw)
    status, problems = run(capsys, data)
    problem = only(problems, "invalid-utf8")
    assert status == 1
    prefix = raw[: raw.index(b"\xff")].decode("utf-8")
    assert at(problem) == (prefix.count("\n") + 1, len(prefix) - prefix.rfind("\n"))
    assert "0xFF" in problem["message"]


def test_byte_order_mark_is_rejected(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = data / "members.json"
    members.write_bytes(b"\xef\xbb\xbf" + members.read_bytes())
    status, problems = run(capsys, data)
    assert status == 1
    assert at(only(problems, "utf8-bom")) == (1, 1)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_literals_are_rejected_at_the_value(
    data: Path, capsys: pytest.CaptureFixture[str], literal: str
) -> None:
    organisation = data / "organisation.json"
    edit(organisation, '"organisations": 78', f'"organisations": {literal}')
    status, problems = run(capsys, data)
    problem = only(problems, "json-nan")
    assert status == 1
    assert at(problem) == where(organisation, literal)
    assert problem["pointer"] == "/organisation/network_size/0/organisations"


def test_nan_does_not_hide_the_other_problems_of_the_file(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"joined": "1997"', '"joined": NaN')
    edit(members, '"GB"', '"gb"')
    status, problems = run(capsys, data)
    assert status == 1
    assert sorted(p["code"] for p in problems) == ["invalid-country", "json-nan"]


def test_duplicate_key_is_located_at_its_second_occurrence(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"country": "GB",', '"country": "GB",\n      "country": "FR",')
    status, problems = run(capsys, data)
    problem = only(problems, "duplicate-key")
    assert status == 1
    assert at(problem) == where(members, '"country"', nth=2)
    assert problem["pointer"] == "/members/0/country"


@pytest.mark.parametrize(
    ("content", "kind"),
    [("[]", "an array"), ('"members"', "a string"), ("1", "a number"), ("null", "null")],
)
def test_top_level_value_that_is_not_an_object_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], content: str, kind: str
) -> None:
    (data / "members.json").write_text(f"\n  {content}\n", encoding="utf-8")
    status, problems = run(capsys, data)
    problem = only(problems, "not-an-object")
    assert status == 1
    assert at(problem) == (2, 3)
    assert kind in problem["message"]


@pytest.mark.parametrize("content", [b"", b" \n\t\n"])
def test_empty_file_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    (data / "timeline.json").write_bytes(content)
    status, problems = run(capsys, data)
    problem = only(problems, "empty-file")
    assert status == 1
    assert at(problem) == (1, 1)
    assert problem["file"] == str(data / "timeline.json")


def test_missing_dataset_file_in_a_directory_is_an_error_without_a_line(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "programme_areas.json").unlink()
    status, problems = run(capsys, data)
    problem = only(problems, "missing-file")
    assert status == 1
    assert problem["file"] == str(data / "programme_areas.json")
    assert (problem["line"], problem["column"], problem["pointer"]) == (None, None, "")
    assert "all five files" in problem["message"]


# --- the schema ---------------------------------------------------------------------------


def test_unknown_field_is_located_at_its_key(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"website"', '"webiste"')
    status, problems = run(capsys, data)
    problem = only(problems, "unknown-field")
    assert status == 1
    assert at(problem) == where(members, '"webiste"')
    assert problem["pointer"] == "/members/0/webiste"
    assert "did you mean 'website'" in problem["message"]


def test_missing_field_is_located_at_the_object_that_lacks_it(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '      "country": "JP",\n', "")
    status, problems = run(capsys, data)
    problem = only(problems, "missing-field")
    assert status == 1
    assert at(problem) == where(members, '{\n      "id": "ecpat-stop-japan"')
    assert problem["pointer"] == "/members/1"
    assert "'country'" in problem["message"]


def test_missing_top_level_field_is_located_at_the_top_level_object(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data / "sources.json", '  "schema_version": 2,\n', "")
    status, problems = run(capsys, data)
    assert status == 1
    assert at(only(problems, "missing-field")) == (1, 1)


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "expected"),
    [
        ("members.json", '"joined": "1997"', '"joined": 1997', "1997,", "a date string"),
        ("organisation.json", '"organisations": 78', '"organisations": "78"', '"78"', "integer"),
        (
            "members.json",
            '"unverified": false\n    },',
            '"unverified": "no"\n    },',
            '"no"',
            "true",
        ),
        ("members.json", '"other_names": []', '"other_names": "none"', '"none"', "an array"),
        ("timeline.json", '"place": null', '"place": "Stockholm"', '"Stockholm"', "an object"),
    ],
)
def test_wrong_type_is_located_at_the_value(
    data: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    needle: str,
    expected: str,
) -> None:
    edit(data / file, old, new)
    status, problems = run(capsys, data)
    problem = only(problems, "wrong-type")
    assert status == 1
    assert at(problem) == where(data / file, needle)
    assert expected in problem["message"]


# --- countries, dates, addresses ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ('"th"', "invalid-country"),
        ('"THA"', "invalid-country"),
        ('"XX"', "invalid-country"),
        ('""', "invalid-country"),
        ("null", "wrong-type"),  # null is not a code at all: the type is wrong
    ],
)
def test_country_that_is_not_an_uppercase_alpha2_code_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], value: str, code: str
) -> None:
    members = data / "members.json"
    edit(members, '"country": "GB"', f'"country": {value}')
    status, problems = run(capsys, data)
    problem = only(problems, code)
    assert status == 1
    assert at(problem) == where(members, f'"country": {value}', shift=len('"country": '))
    assert problem["pointer"] == "/members/0/country"
    assert "country code" in problem["message"]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("19960827", "is not a date of the form"),
        ("1996-13-45", "month 13 does not exist"),
        ("1997-02-29", "has no day 29"),
        ("1996-8-27", "is not a date of the form"),
    ],
)
def test_date_not_in_iso_8601_extended_reduced_precision_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], value: str, reason: str
) -> None:
    timeline = data / "timeline.json"
    edit(timeline, '"date": "1996-08-27"', f'"date": "{value}"')
    status, problems = run(capsys, data)
    problem = only(problems, "invalid-date")
    assert status == 1
    assert at(problem) == where(timeline, f'"{value}"')
    assert reason in problem["message"]


@pytest.mark.parametrize("value", ["1996", "1996-08", "1996-08-27"])
def test_dates_of_each_precision_are_accepted(
    data: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    edit(data / "timeline.json", '"date": "1996-08-27"', f'"date": "{value}"')
    assert run(capsys, data) == (0, [])


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://ftp.ecpat.org.uk/", "www.ecpat.org.uk", "//ecpat.org"]
)
def test_url_whose_scheme_is_not_http_or_https_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    members = data / "members.json"
    edit(members, '"https://www.ecpat.org.uk"', f'"{url}"')
    status, problems = run(capsys, data)
    problem = only(problems, "invalid-url")
    assert status == 1
    assert at(problem) == where(members, f'"{url}"')
    assert problem["pointer"] == "/members/0/website"


# --- text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\u0000", "\\u0007", "\\t", "\\u007f", "\\u0085"])
def test_control_character_in_text_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], escape: str
) -> None:
    members = data / "members.json"
    edit(members, '"name": "ECPAT UK"', f'"name": "ECPAT{escape}UK"')
    status, problems = run(capsys, data)
    problem = only(problems, "control-character")
    assert status == 1
    assert at(problem) == where(members, '"ECPAT\\')
    assert "character 6" in problem["message"]


def test_raw_control_character_inside_a_string_is_a_json_syntax_error(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"ECPAT UK"', '"ECPAT\x07UK"')
    status, problems = run(capsys, data)
    assert status == 1
    assert at(only(problems, "json-syntax")) == where(members, "\x07")


@pytest.mark.parametrize(
    "char", [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
)
def test_each_bidirectional_override_character_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], char: str
) -> None:
    members = data / "members.json"
    edit(members, '"name": "ECPAT UK"', f'"name": "ECPAT {char}UK"')
    status, problems = run(capsys, data)
    problem = only(problems, "bidi-override")
    assert status == 1
    assert at(problem) == where(members, '"ECPAT ')
    assert f"U+{ord(char):04X} {unicodedata.name(char)}" in problem["message"]


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ('"name": "ECPAT UK"', '"name": " ECPAT UK"', '" ECPAT UK"'),
        ('"name": "ECPAT UK"', '"name": "ECPAT UK\u00a0"', '"ECPAT UK\u00a0"'),
        ('"id": "ecpat-uk"', '"id": " ecpat-uk"', '" ecpat-uk"'),
        ('"id": "ecpat-uk"', '"id": "ecpat-uk "', '"ecpat-uk "'),
    ],
    ids=["name-leading", "name-trailing", "id-leading", "id-trailing"],
)
def test_leading_or_trailing_whitespace_in_names_and_ids_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, needle: str
) -> None:
    members = data / "members.json"
    edit(members, old, new)
    status, problems = run(capsys, data)
    problem = only(problems, "outer-whitespace")
    assert status == 1
    assert at(problem) == where(members, needle)
    assert "leading or trailing whitespace" in problem["message"]


def test_text_not_in_unicode_nfc_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decomposed = unicodedata.normalize("NFD", "Sexual exploitation of children in travel, café")
    areas = data / "programme_areas.json"
    edit(areas, '"Sexual exploitation of children in travel and tourism"', f'"{decomposed}"')
    status, problems = run(capsys, data)
    problem = only(problems, "not-nfc")
    assert status == 1
    assert at(problem) == where(areas, f'"{decomposed}"')
    assert problem["pointer"] == "/programme_areas/0/name"


def test_invalid_id_is_rejected(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = data / "members.json"
    edit(members, '"id": "ecpat-uk"', '"id": "ECPAT_UK"')
    status, problems = run(capsys, data)
    assert status == 1
    assert at(only(problems, "invalid-id")) == where(members, '"ECPAT_UK"')


# --- across records and files -------------------------------------------------------------


def test_duplicate_id_is_located_at_the_second_occurrence(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"id": "ecpat-stop-japan"', '"id": "ecpat-uk"')
    status, problems = run(capsys, data)
    problem = only(problems, "duplicate-id")
    assert status == 1
    assert at(problem) == where(members, '"ecpat-uk"', nth=2)
    assert problem["pointer"] == "/members/1/id"
    line, column = where(members, '"ecpat-uk"')
    assert problem["message"] == (
        f"id 'ecpat-uk' is used twice in members (first at line {line}, column {column}); "
        "give one of the records another id"
    )


def test_citation_of_an_unknown_source_is_located_at_the_citation(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    timeline = data / "timeline.json"
    edit(timeline, '"ecpat-org-uk-our-history"', '"ecpat-org-uk-our-histroy"', nth=2)
    status, problems = run(capsys, data)
    problem = only(problems, "unknown-source")
    assert status == 1
    assert at(problem) == where(timeline, '"ecpat-org-uk-our-histroy"')
    assert problem["pointer"] == "/events/1/sources/0"


def test_reference_to_an_unknown_programme_area_is_located_at_the_reference(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    timeline = data / "timeline.json"
    edit(timeline, '"travel-and-tourism"', '"child-sex-tourism"')
    status, problems = run(capsys, data)
    problem = only(problems, "unknown-programme-area")
    assert status == 1
    assert at(problem) == where(timeline, '"child-sex-tourism"')
    assert problem["pointer"] == "/events/0/programme_areas/0"


def test_orphan_source_is_a_warning_and_exits_0(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data / "organisation.json", '"ecpat-org-our-history"', '"briefing"')
    status, problems = run(capsys, data)
    problem = only(problems, "orphan-source")
    assert status == 0
    assert problem["severity"] == "warning"
    assert at(problem) == where(data / "sources.json", '"ecpat-org-our-history"')
    assert problem["pointer"] == "/sources/1/id"


def test_orphan_source_warning_says_warning_in_text_output(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data / "organisation.json", '"ecpat-org-our-history"', '"briefing"')
    assert main(["validate", str(data)]) == 0
    captured = capsys.readouterr()
    line, col = where(data / "sources.json", '"ecpat-org-our-history"')
    assert captured.out == (
        f"{data / 'sources.json'}:{line}:{col}: /sources/1/id: warning: source "
        "'ecpat-org-our-history' is not cited by any record\n"
    )
    assert captured.err == "ok: 5 file(s) valid, 1 warning(s)\n"


@pytest.mark.parametrize("edition", ["2026-10", "2026-12"])
def test_the_file_of_another_edition_than_the_rest_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], edition: str
) -> None:
    edit(data / "members.json", '"current_to": "2026-11"', f'"current_to": "{edition}"')
    status, problems = run(capsys, data)
    problem = only(problems, "edition-mismatch")
    assert status == 1
    assert problem["file"] == str(data / "members.json")
    assert at(problem) == where(data / "members.json", f'"{edition}"')
    assert "the other files say '2026-11'" in problem["message"]


# --- absurd input -------------------------------------------------------------------------


def test_100000_nested_arrays_fail_cleanly(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "members.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    status, problems = run(capsys, data)
    problem = only(problems, "too-deep")
    assert status == 1
    assert at(problem) == (
        1,
        ecpat_data._validation.jsonread.MAX_DEPTH + 1,
    )  # the first bracket too deep


def test_100000_nested_arrays_fail_cleanly_in_a_child_process(data: Path) -> None:
    (data / "members.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = cli("validate", str(data), "--format", "github")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith("::error file=")
    assert "line=1,col=65::" in result.stdout
    assert "[too-deep]" in result.stdout


def test_nesting_deeper_than_the_limit_inside_a_field_is_too_deep(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"other_names": []', '"other_names": ' + "[" * 300 + "]" * 300, nth=1)
    status, problems = run(capsys, data)
    problem = only(problems, "too-deep")
    assert status == 1
    # other_names is at level 4 (file object, members array, member object, other_names): the
    # first container deeper than MAX_DEPTH is the (MAX_DEPTH - 2)th bracket of the run.
    first = where(members, '"other_names": [', shift=len('"other_names": '))
    assert at(problem) == (first[0], first[1] + ecpat_data._validation.jsonread.MAX_DEPTH - 3)
    assert only(problems, "wrong-type")["pointer"] == "/members/0/other_names/0"


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1" * 101])
def test_number_out_of_range_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    organisation = data / "organisation.json"
    edit(organisation, '"organisations": 78', f'"organisations": {number}')
    status, problems = run(capsys, data)
    problem = only(problems, "number-out-of-range")
    assert status == 1
    assert at(problem) == where(organisation, number)


def test_file_above_the_size_limit_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every fixture file is under 3,600 bytes; members.json is padded to over 3,600.
    monkeypatch.setattr(ecpat_data._validation.jsonread, "MAX_BYTES", 3600)
    (data / "members.json").write_bytes((FIXTURES / "members.json").read_bytes() + b" " * 2400)
    status, problems = run(capsys, data)
    problem = only(problems, "file-too-large")
    assert status == 1
    assert at(problem) == (1, 1)
    assert problem["file"] == str(data / "members.json")
    assert "3,600 bytes" in problem["message"]


def test_bytes_above_the_size_limit_are_rejected_by_validate_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ecpat_data._validation.jsonread, "MAX_BYTES", 10)
    report = validate_bytes({"members.json": b'{"members": []}'})
    assert [p.code for p in report.problems] == ["file-too-large"]


def test_dataset_file_that_is_a_symlink_to_a_binary_file_fails_cleanly(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "program"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\n\x00\xff\xfe\x00\x03")
    (data / "members.json").unlink()
    try:
        (data / "members.json").symlink_to(binary)
    except OSError:  # pragma: no cover - a file system without symbolic links
        pytest.skip("symbolic links are not available")
    status, problems = run(capsys, data)
    problem = only(problems, "invalid-utf8")
    assert status == 1
    assert at(problem) == (2, 2)
    assert problem["file"] == str(data / "members.json")


def test_dataset_file_that_is_a_symlink_to_the_python_executable_fails_cleanly(
    data: Path,
) -> None:
    (data / "members.json").unlink()
    try:
        (data / "members.json").symlink_to(Path(sys.executable).resolve())
    except OSError:  # pragma: no cover
        pytest.skip("symbolic links are not available")
    result = cli("validate", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.match(rf"{re.escape(str(data / 'members.json'))}:\d+:\d+: /: ", result.stdout)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dataset_file_that_is_a_symlink_to_a_device_is_not_read(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "members.json").unlink()
    (data / "members.json").symlink_to("/dev/zero")
    status, problems = run(capsys, data)
    assert status == 1
    assert only(problems, "not-a-file")["line"] is None


# --- usage --------------------------------------------------------------------------------


def test_unknown_option_is_a_usage_error_exiting_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--no-such-option", str(FIXTURES)])
    assert stopped.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_unknown_option_exits_2_in_a_child_process() -> None:
    result = cli("validate", "--strict", str(FIXTURES))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_unknown_format_is_a_usage_error_exiting_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--format", "xml", str(FIXTURES)])
    assert stopped.value.code == 2


def test_path_that_does_not_exist_is_a_usage_error_exiting_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-dir"
    assert main(["validate", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"ecpat-data: error: {missing}: no such file or directory\n"


def test_path_that_does_not_exist_exits_2_in_a_child_process(tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "members.json"))
    assert result.returncode == 2
    assert "no such file or directory" in result.stderr


def test_file_that_is_not_a_data_file_name_is_an_error_without_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "member.json"
    shutil.copy(FIXTURES / "members.json", other)
    status, problems = run(capsys, other)
    problem = only(problems, "unknown-file")
    assert status == 1
    assert problem["line"] is None
    assert "members.json" in problem["message"]


# --- reporting ----------------------------------------------------------------------------


def several_defects(data: Path) -> Path:
    members = data / "members.json"
    edit(members, '"GB"', '"gb"')
    edit(members, '"website"', '"webiste"')
    edit(members, '"joined": "1997"', '"joined": "19970"')
    edit(members, '"id": "ecpat-stop-japan"', '"id": "ecpat-uk"')
    edit(members, '"country": "JP",\n', "")
    return members


def test_all_problems_of_a_file_are_reported_in_one_run(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = several_defects(data)
    status, problems = run(capsys, data)
    assert status == 1
    assert [(p["code"], p["line"]) for p in problems] == [
        ("invalid-country", where(members, '"gb"')[0]),
        ("unknown-field", where(members, '"webiste"')[0]),
        ("invalid-date", where(members, '"19970"')[0]),
        ("missing-field", where(members, '{\n      "id": "ecpat-uk"', nth=2)[0]),
        ("duplicate-id", where(members, '"ecpat-uk"', nth=2)[0]),
    ]


def test_text_output_is_one_file_line_col_pointer_message_line_per_problem(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = several_defects(data)
    assert main(["validate", str(data)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 5
    for line in lines:
        match = TEXT_LINE.match(line)
        assert match, line
        assert match["file"] == str(members)
    first = TEXT_LINE.match(lines[0])
    assert first is not None
    assert (int(first["line"]), int(first["col"])) == where(members, '"gb"')
    assert first["pointer"] == "/members/0/country"
    assert first["message"] == "country code 'gb' must be uppercase: 'GB'"
    assert captured.err == "invalid: 5 error(s) in 5 file(s)\n"


def test_json_output_has_the_documented_keys(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    several_defects(data)
    status, problems = run(capsys, data)
    assert status == 1
    assert len(problems) == 5
    for problem in problems:
        assert set(problem) == JSON_KEYS
        assert isinstance(problem["line"], int)
        assert isinstance(problem["column"], int)
        assert problem["pointer"].startswith("/")
        assert problem["severity"] == "error"


def test_json_output_is_an_empty_array_when_valid(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(data), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "[]\n"
    assert captured.err == ""


def test_json_output_via_python_m(data: Path) -> None:
    edit(data / "members.json", '"GB"', '"XX"')
    result = cli("validate", str(data), "--format", "json")
    assert result.returncode == 1
    [problem] = json.loads(result.stdout)
    assert problem["code"] == "invalid-country"
    assert (problem["line"], problem["column"]) == where(data / "members.json", '"XX"')


def test_github_output_is_one_error_annotation_per_problem(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = several_defects(data)
    assert main(["validate", str(data), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    line, col = where(members, '"gb"')
    assert lines[0] == (
        f"::error file={members},line={line},col={col}::/members/0/country: country code 'gb' "
        "must be uppercase: 'GB' [invalid-country]"
    )
    for annotation in lines:
        assert re.match(r"^::error file=[^,]+,line=\d+,col=\d+::\S", annotation), annotation


def test_github_output_marks_a_warning_as_a_warning(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data / "organisation.json", '"ecpat-org-our-history"', '"briefing"')
    assert main(["validate", str(data), "--format", "github"]) == 0
    assert capsys.readouterr().out.startswith("::warning file=")


def test_validation_never_modifies_its_input_files(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    several_defects(data)
    edit(data / "organisation.json", '"organisations": 78', '"organisations": NaN')
    edit(data / "timeline.json", '"ECPAT UK begins"', '" ECPAT UK begins"')
    before = digest(data)
    for form in ("text", "json", "github"):
        assert main(["validate", str(data), "--format", form]) == 1
    ecpat_data.validate(data)
    for file in FILES:
        ecpat_data.validate(data / file)
    capsys.readouterr()
    assert digest(data) == before


def test_valid_input_files_are_not_modified_either(data: Path) -> None:
    before = digest(data)
    assert cli("validate", str(data)).returncode == 0
    assert digest(data) == before


# --- the Python API -----------------------------------------------------------------------


def test_python_api_returns_a_report_of_located_problems(data: Path) -> None:
    members = several_defects(data)
    report = ecpat_data.validate(data)
    assert isinstance(report, Report)
    assert not report.ok
    assert not report
    assert len(report.errors) == 5
    assert report.warnings == ()
    assert report.files == tuple(str(data / file) for file in FILES)
    first = report.problems[0]
    assert isinstance(first, Problem)
    assert (first.file, first.pointer, first.code) == (
        str(members),
        "/members/0/country",
        "invalid-country",
    )
    assert (first.line, first.column) == where(members, '"gb"')


def test_python_api_reports_a_valid_directory_as_ok(data: Path) -> None:
    report = ecpat_data.validate(str(data))
    assert report.ok
    assert report.problems == ()


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02",
        b"{",
        b"[" * 200_000,
        b'{"members": [' + b"{}," * 1000 + b"{}]}",
        b'{"\\ud800": "\\udfff"}',
        b'{"a": 1, "a": 2, "a": 3}',
        '{"members": [{"id": "\u202e"}]}'.encode(),
        b'{"schema_version": 1e400, "current_to": NaN, "members": -Infinity}',
    ],
)
def test_python_api_never_raises_on_bad_bytes(data: Path, content: bytes) -> None:
    (data / "members.json").write_bytes(content)
    report = ecpat_data.validate(data)
    assert not report.ok
    assert all(p.code != "internal-error" for p in report.problems), report.problems
    assert all(p.line is not None and p.column is not None for p in report.problems)


def test_python_api_reports_a_missing_path_instead_of_raising(tmp_path: Path) -> None:
    report = ecpat_data.validate(tmp_path / "nowhere" / "members.json")
    assert [p.code for p in report.problems] == ["missing-file"]


def test_python_api_reports_each_missing_file_of_an_empty_directory(tmp_path: Path) -> None:
    report = ecpat_data.validate(tmp_path)
    assert [p.code for p in report.problems] == ["missing-file"] * 5


def test_each_directory_is_checked_as_its_own_dataset(data: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(FIXTURES, other)
    edit(data / "members.json", '"id": "ecpat-stop-japan"', '"id": "ecpat-uk"')
    report = ecpat_data.validate(data, other)
    assert [(p.file, p.code) for p in report.problems] == [
        (str(data / "members.json"), "duplicate-id")
    ]


# --- single-file mode ---------------------------------------------------------------------


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the 'bundled' data a copy of the fixtures (the real data/ is not used in tests)."""
    target = tmp_path / "bundled"
    shutil.copytree(FIXTURES, target)
    monkeypatch.setattr(ecpat_data._core.resources, "data_dir", lambda: target)
    return target


def alone(data: Path, file: str) -> Path:
    """A copy of one file of ``data`` in a directory of its own (no sibling data files)."""
    directory = data.parent / f"alone-{file}"
    directory.mkdir()
    shutil.copyfile(data / file, directory / file)
    return directory / file


def test_lone_file_citations_are_checked_against_the_bundled_registry(
    data: Path, bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = alone(data, "members.json")
    assert run(capsys, members) == (0, [])
    edit(members, '"ecpat-org-uk-our-history"', '"not-a-source"')
    status, problems = run(capsys, members)
    problem = only(problems, "unknown-source")
    assert status == 1
    assert at(problem) == where(members, '"not-a-source"')
    assert "the bundled sources.json" in problem["message"]


def test_lone_timeline_programme_areas_are_checked_against_the_bundled_file(
    data: Path, bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    timeline = alone(data, "timeline.json")
    edit(timeline, '"travel-and-tourism"', '"tourism"')
    status, problems = run(capsys, timeline)
    assert status == 1
    assert "the bundled programme_areas.json" in only(problems, "unknown-programme-area")["message"]


def test_lone_file_citations_are_skipped_with_a_note_if_the_bundled_registry_cannot_load(
    data: Path, bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(bundled / "sources.json", '"briefing"', '"Briefing"')  # the bundled registry is invalid
    members = alone(data, "members.json")
    edit(members, '"ecpat-org-uk-our-history"', '"not-a-source"')
    assert main(["validate", str(members)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "note: citations not checked: no sources.json was given and the bundled one cannot be "
        "read or is invalid\nok: 1 file(s) valid\n"
    )


def test_lone_files_given_together_are_checked_against_each_other(
    data: Path, bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(bundled / "sources.json", '"briefing"', '"Briefing"')  # not consulted
    edit(data / "sources.json", '"id": "ecpat-org-uk-our-history"', '"id": "uk-history"')
    status, problems = run(capsys, data / "members.json", data / "sources.json")
    assert status == 1
    unknown = [p for p in problems if p["code"] == "unknown-source"]
    assert {p["file"] for p in unknown} == {str(data / "members.json"), str(data / "timeline.json")}
    assert all("which is not in sources.json" in p["message"] for p in unknown)


def test_no_path_validates_the_bundled_data(
    bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate"]) == 0
    edit(bundled / "members.json", '"GB"', '"UK"')
    status, problems = run(capsys)
    assert status == 1
    assert only(problems, "invalid-country")["file"] == "<bundled>/members.json"


def test_file_given_in_a_relative_path_is_reported_as_given(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data / "members.json", '"GB"', '"XX"')
    result = cli("validate", os.path.join("data", "members.json"), cwd=data.parent)
    assert result.returncode == 1
    assert result.stdout.startswith(os.path.join("data", "members.json") + ":")


# --- the pre-commit hooks -----------------------------------------------------------------


def test_pre_commit_hooks_run_validate_and_fmt_on_the_five_data_files() -> None:
    yaml = pytest.importorskip("yaml")
    manifest = Path(__file__).parents[1] / ".pre-commit-hooks.yaml"
    if not manifest.exists():  # pragma: no cover - e.g. tests run from an unpacked wheel
        pytest.skip("no .pre-commit-hooks.yaml beside the tests")
    hooks = {hook["id"]: hook for hook in yaml.safe_load(manifest.read_text(encoding="utf-8"))}
    assert hooks["ecpat-data-validate"]["entry"] == "ecpat-data validate"
    assert hooks["ecpat-data-fmt"]["entry"] == "ecpat-data fmt --check"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True
        pattern = re.compile(hook["files"])
        for file in FILES:
            assert pattern.search(file)
            assert pattern.search(f"data/{file}")
        for other in ("data/schemas/members.schema.json", "package.json", "old_members.json"):
            assert not pattern.search(other)


def test_an_invalid_bundled_file_raises_data_error_instead_of_hanging(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Loading the bundle validates a broken file to explain it; that validation must not ask
    # for the bundle again (its lock is held, and is not re-entrant).
    import ecpat_data._loading

    edit(bundled / "members.json", '"GB"', '"UK"')
    monkeypatch.setattr(ecpat_data._loading, "_loaded", None)
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            ecpat_data._loading.bundle()
        except BaseException as error:  # handed to the main thread
            outcome.append(error)
        else:
            outcome.append(None)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert outcome, "loading the bundled data hung"
    assert isinstance(outcome[0], ecpat_data.DataError)
    [problem] = outcome[0].problems
    assert (problem.code, problem.file) == ("invalid-country", "<bundled>/members.json")


# --- invisible characters, formulas, repeated names (issue 10, item 16) -------------------


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u200f", "RIGHT-TO-LEFT MARK"),
        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
        ("\u2028", "LINE SEPARATOR"),
        ("\u2029", "PARAGRAPH SEPARATOR"),
        ("\U000e0041", "TAG LATIN CAPITAL LETTER A"),
    ],
)
def test_invisible_character_in_text_is_rejected_with_its_name(
    data: Path, capsys: pytest.CaptureFixture[str], char: str, name: str
) -> None:
    members = data / "members.json"
    edit(members, '"name": "ECPAT UK"', f'"name": "ECPAT {char}UK"')
    status, problems = run(capsys, data)
    problem = only(problems, "invisible-character")
    assert status == 1
    assert at(problem) == where(members, '"ECPAT ')
    assert problem["pointer"] == "/members/0/name"
    assert problem["message"] == (
        f"text contains the invisible character U+{ord(char):04X} {name} at character 7: it "
        "cannot be seen but changes searching, sorting and comparing; remove it"
    )


def test_private_use_character_in_text_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    timeline = data / "timeline.json"
    edit(timeline, '"title": "ECPAT UK begins"', '"title": "ECPAT UK begins\ue000"')
    status, problems = run(capsys, data)
    problem = only(problems, "private-use-character")
    assert status == 1
    assert at(problem) == where(timeline, '"ECPAT UK begins')
    assert problem["message"] == (
        "text contains the private-use character U+E000 at character 16: it has no agreed "
        "meaning and shows differently (or not at all) in each font; remove it"
    )


@pytest.mark.parametrize("char", ["\ufdd0", "\ufffe", "\U0001ffff"])
def test_noncharacter_in_text_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], char: str
) -> None:
    members = data / "members.json"
    edit(members, '"claim": "UK national representative"', f'"claim": "UK{char} national"')
    status, problems = run(capsys, data)
    problem = only(problems, "noncharacter")
    assert status == 1
    assert at(problem) == where(members, '"claim": "UK', shift=len('"claim": '))
    assert problem["message"] == (
        f"text contains the noncharacter U+{ord(char):04X} at character 3: it is not meant for "
        "interchange; remove it"
    )


@pytest.mark.parametrize("first", ["=", "+", "-", "@"])
def test_member_name_that_a_spreadsheet_would_run_as_a_formula_is_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], first: str
) -> None:
    members = data / "members.json"
    edit(members, '"name": "ECPAT UK"', f'"name": "{first}ECPAT UK"')
    status, problems = run(capsys, data)
    problem = only(problems, "formula-start")
    assert status == 1
    assert at(problem) == where(members, f'"{first}ECPAT')
    assert problem["pointer"] == "/members/0/name"
    assert problem["message"] == (
        f"'{first}ECPAT UK' begins with '{first}': a spreadsheet opening the CSV export would "
        "run it as a formula; reword it, or write it without the leading character"
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "pointer"),
    [
        ("timeline.json", '"title": "ECPAT UK begins"', '"title": "=1+1"', "/events/0/title"),
        ("sources.json", '"title": "ECPAT UK: Our history"', '"title": "@x"', "/sources/2/title"),
        (
            "programme_areas.json",
            '"child sex tourism"',
            '"-child sex tourism"',
            "/programme_areas/0/former_names/0",
        ),
    ],
)
def test_titles_and_former_names_that_begin_a_formula_are_rejected(
    data: Path, capsys: pytest.CaptureFixture[str], file: str, old: str, new: str, pointer: str
) -> None:
    edit(data / file, old, new)
    status, problems = run(capsys, data)
    problem = only(problems, "formula-start")
    assert status == 1
    assert problem["pointer"] == pointer
    assert at(problem) == where(data / file, new.split(": ")[-1])


def test_formula_characters_inside_a_name_are_fine(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data / "members.json", '"name": "ECPAT UK"', '"name": "ECPAT UK - A=B+C @ home"')
    assert run(capsys, data) == (0, [])


def test_name_listed_twice_in_other_names_is_rejected_at_the_second(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"other_names": []', '"other_names": ["ECPAT-UK", "UK ECPAT", "ECPAT-UK"]')
    status, problems = run(capsys, data)
    problem = only(problems, "duplicate-name")
    assert status == 1
    assert problem["pointer"] == "/members/0/other_names/2"
    assert at(problem) == where(members, '"ECPAT-UK"', nth=2)
    line, column = where(members, '"ECPAT-UK"')
    assert problem["message"] == (
        f"'ECPAT-UK' is already in other_names (at line {line}, column {column}); list each "
        "name once"
    )


def test_names_that_are_one_name_once_in_nfc_are_a_repeated_name(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"other_names": []', '"other_names": ["Caf\\u00e9", "Cafe\\u0301"]')
    status, problems = run(capsys, data)
    assert status == 1
    assert {p["code"] for p in problems} == {"duplicate-name", "not-nfc"}
    assert only(problems, "duplicate-name")["pointer"] == "/members/0/other_names/1"


# --- at most max_problems problems per file (issue 10, item 4) --------------------------------

MILLION_ONES = (
    b'{"schema_version": 2, "current_to": "2026-11", "members": ['
    + b",".join([b"1"] * 1_000_000)
    + b"]}"
)


def test_problems_beyond_the_limit_are_counted_not_listed() -> None:
    report = validate_bytes({"members.json": MILLION_ONES}, max_problems=5)
    assert [(p.line, p.column, p.pointer, p.code) for p in report.problems] == [
        (1, 60 + 2 * index, f"/members/{index}", "wrong-type") for index in range(5)
    ]
    assert report.problems[0].message == "wrong type: expected an object, found a number (1)"
    assert report.omitted == 999_995
    assert report.omitted_by_file == (("members.json", 999_995, 0),)
    assert not report.ok


def test_default_limit_is_100_problems_per_file() -> None:
    report = validate_bytes({"members.json": MILLION_ONES})
    assert len(report.problems) == ecpat_data._validation.validate.DEFAULT_MAX_PROBLEMS == 100
    assert report.omitted == 999_900


def test_a_million_wrong_items_take_seconds_and_little_memory() -> None:
    import resource
    import time

    code = (
        "import resource, sys, time\n"
        "from ecpat_data._validation.validate import validate_bytes\n"
        "data = sys.stdin.buffer.read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "start = time.perf_counter()\n"
        "report = validate_bytes({'members.json': data})\n"
        "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
        "print(time.perf_counter() - start, grown * 1024, report.omitted)\n"
    )
    del resource, time
    done = subprocess.run(
        [sys.executable, "-c", code], input=MILLION_ONES, capture_output=True, check=True
    )
    seconds, grown, omitted = done.stdout.split()
    assert int(omitted) == 999_900
    assert float(seconds) < 15  # 18 s before the limit, on a quiet machine about 2 s
    assert int(grown) < 100 * len(MILLION_ONES)  # 1.8 GB before: 900 times the input


def test_a_million_unknown_keys_are_counted_past_the_limit() -> None:
    keys = b",".join(b'"k%d": 1' % index for index in range(1_000_000))
    data = b'{"schema_version": 2, "current_to": "2026-11", "members": [], ' + keys + b"}"
    report = validate_bytes({"members.json": data}, max_problems=3)
    assert [(p.line, p.column, p.pointer, p.code) for p in report.problems] == [
        (1, 63, "/k0", "unknown-field"),
        (1, 71, "/k1", "unknown-field"),
        (1, 79, "/k2", "unknown-field"),
    ]
    assert report.omitted == 999_997


def test_max_problems_on_the_command_line_and_the_line_that_counts_the_rest(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    members.write_bytes(MILLION_ONES)
    assert main(["validate", str(members), "--max-problems", "2"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[:3] == [
        f"{members}:1:60: /members/0: wrong type: expected an object, found a number (1)",
        f"{members}:1:62: /members/1: wrong type: expected an object, found a number (1)",
        f"{members}: 999,998 more error(s) not shown (--max-problems N to list more, 0 for all)",
    ]
    assert "invalid: 1,000,000 error(s) in 5 file(s)" in captured.err


def test_max_problems_0_lists_every_problem(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = data / "members.json"
    edit(members, '"GB"', '"gb"')
    edit(members, '"JP"', '"jp"')
    status, problems = run(capsys, data, "--max-problems", "0")
    assert status == 1
    assert [p["code"] for p in problems] == ["invalid-country"] * 2


def test_max_problems_must_be_a_whole_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--max-problems", "-1"])
    assert exit_.value.code == 2
    assert "expected a whole number >= 0, not '-1'" in capsys.readouterr().err


def test_max_problems_in_the_python_api_must_be_positive_or_none() -> None:
    with pytest.raises(ValueError, match="max_problems must be a positive integer or None"):
        ecpat_data.validate(max_problems=0)


def test_public_validate_passes_max_problems_on(data: Path) -> None:
    (data / "members.json").write_bytes(MILLION_ONES)
    report = ecpat_data.validate(data, max_problems=1)
    assert [p.pointer for p in report.problems if p.file.endswith("members.json")] == ["/members/0"]
    assert report.omitted == 999_999


def test_github_format_turns_the_count_into_an_annotation(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    members.write_bytes(MILLION_ONES)
    main(["validate", str(members), "--max-problems", "1", "--format", "github"])
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == (
        f"::error file={members}::999,999 more error(s) not shown (--max-problems N to list "
        "more, 0 for all)"
    )


# --- errors that say how to fix them (issue 12) -----------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant", "name"),
    [("UK", "GB", "United Kingdom"), ("IRL", "IE", "Ireland"), ("Thailand", "TH", "Thailand")],
)
def test_country_written_another_way_gets_its_alpha_2_code_suggested(
    data: Path, capsys: pytest.CaptureFixture[str], written: str, meant: str, name: str
) -> None:
    members = data / "members.json"
    edit(members, '"country": "GB"', f'"country": "{written}"')
    status, problems = run(capsys, data)
    problem = only(problems, "invalid-country")
    assert status == 1
    assert at(problem) == where(members, f'"{written}"')
    assert problem["message"] == (
        f"'{written}' is not an ISO 3166-1 alpha-2 country code; did you mean '{meant}' ({name})?"
    )


def test_misspelt_enum_value_gets_the_closest_allowed_value(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"kind": "own-statement"', '"kind": "own-statment"')
    status, problems = run(capsys, data)
    problem = only(problems, "invalid-choice")
    assert status == 1
    assert at(problem) == where(members, '"own-statment"')
    assert problem["message"].endswith("; did you mean 'own-statement'?")


def test_misspelt_source_id_gets_the_closest_source_suggested(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    edit(members, '"ecpat-org-uk-our-history"', '"ecpat-org-uk-our-histroy"', nth=2)
    status, problems = run(capsys, data)
    problem = only(problems, "unknown-source")
    assert status == 1
    assert at(problem) == where(members, '"ecpat-org-uk-our-histroy"')
    assert problem["message"] == (
        "cites source 'ecpat-org-uk-our-histroy', which is not in sources.json; did you mean "
        "'ecpat-org-uk-our-history'?"
    )


def test_misspelt_programme_area_gets_the_closest_area_suggested(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    timeline = data / "timeline.json"
    edit(timeline, '"travel-and-tourism"', '"travel-and-turism"')
    status, problems = run(capsys, data)
    problem = only(problems, "unknown-programme-area")
    assert status == 1
    assert at(problem) == where(timeline, '"travel-and-turism"')
    assert problem["message"] == (
        "refers to programme area 'travel-and-turism', which is not in programme_areas.json; "
        "did you mean 'travel-and-tourism'?"
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "pointer", "what"),
    [
        (
            "timeline.json",
            '"date": "1996-08-27"',
            '"date": "2027-01"',
            "/events/1/date",
            "the event's date",
        ),
        ("members.json", '"joined": "1997"', '"joined": "2026-12"', "/members/0/joined", "joined"),
        ("members.json", '"founded": "1994"', '"founded": "2027"', "/members/0/founded", "founded"),
        (
            "members.json",
            '"as_of": null',
            '"as_of": "2026-12-01"',
            "/members/0/evidence/0/as_of",
            "the claim's date",
        ),
        (
            "organisation.json",
            '"date": "1990"',
            '"date": "2030"',
            "/organisation/founding/0/date",
            "the founding claim",
        ),
    ],
)
def test_date_after_the_data_edition_is_an_error(
    data: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    pointer: str,
    what: str,
) -> None:
    edit(data / file, old, new)
    status, problems = run(capsys, data)
    problem = only(problems, "after-edition")
    assert status == 1
    assert problem["pointer"] == pointer
    value = new.split(": ")[1]
    assert at(problem) == where(data / file, new, shift=len(new) - len(value))
    assert problem["message"] == (
        f"{what} {value.replace(chr(34), chr(39))} is after the data edition (current_to "
        "'2026-11'): check the date, or move current_to on"
    )


def test_date_within_the_month_of_the_edition_is_not_after_it(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data / "members.json", '"joined": "1997"', '"joined": "2026-11-30"')
    assert run(capsys, data) == (0, [])


# --- a named file is checked with the data files beside it (issue 12) ---------------------------


def test_named_file_is_checked_against_the_sources_beside_it_not_the_bundled_ones(
    data: Path, bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data / "sources.json", '"id": "ecpat-org-uk-our-history"', '"id": "uk-history"')
    edit(data / "members.json", '"ecpat-org-uk-our-history"', '"uk-history"', nth=1)
    edit(data / "members.json", '"ecpat-org-uk-our-history"', '"uk-history"', nth=1)
    edit(data / "timeline.json", '"ecpat-org-uk-our-history"', '"uk-history"', nth=1)
    edit(data / "timeline.json", '"ecpat-org-uk-our-history"', '"uk-history"', nth=1)
    assert main(["validate", str(data / "members.json")]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "ok: 5 file(s) valid\n"


def test_named_sources_file_fails_when_a_file_beside_it_cites_a_removed_source(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data / "sources.json", '"id": "ecpat-org-uk-our-history"', '"id": "uk-history"')
    status, problems = run(capsys, data / "sources.json")
    assert status == 1
    unknown = [p for p in problems if p["code"] == "unknown-source"]
    assert (unknown[0]["file"], at(unknown[0])) == (
        str(data / "members.json"),
        where(data / "members.json", '"ecpat-org-uk-our-history"'),
    )


def test_file_alone_in_its_directory_is_checked_against_the_bundled_data_with_a_note(
    data: Path, bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = alone(data, "members.json")
    assert main(["validate", str(members)]) == 0
    assert capsys.readouterr().err == (
        f"note: {members} has no other data file beside it: its citations are checked against "
        "the sources.json bundled with ecpat-data\nok: 1 file(s) valid\n"
    )


def test_file_with_siblings_but_no_sources_beside_it_skips_citations_with_a_note(
    data: Path, bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "sources.json").unlink()
    edit(data / "members.json", '"ecpat-org-uk-our-history"', '"not-a-source"')
    assert main(["validate", str(data / "members.json")]) == 0
    err = capsys.readouterr().err
    assert f"note: citations not checked: there is no sources.json beside it in {data}\n" in err


# --- the file format version --------------------------------------------------------------


def test_a_newer_schema_version_is_one_problem_saying_upgrade(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = data / "members.json"
    # A newer format: its fields are unknown to this version, and would each be reported.
    edit(members, '"schema_version": 2', '"schema_version": 3')
    edit(members, '"name": "ECPAT UK"', '"name": "ECPAT UK", "region_code": "154"')
    status, problems = run(capsys, data)
    assert status == 1
    assert [(p["file"], p["code"], p["pointer"]) for p in problems] == [
        (str(members), "newer-schema-version", "/schema_version")
    ]
    assert at(problems[0]) == where(members, "3,")
    assert problems[0]["message"] == (
        "written for a newer ecpat-data (schema_version 3; this version reads 2): "
        "upgrade ecpat-data"
    )


@pytest.mark.parametrize(
    ("written", "found"),
    [("true", "true"), ("2.0", "a number (2.0)"), ('"2"', "a string")],
)
def test_schema_version_is_exactly_the_integer_2(
    data: Path, capsys: pytest.CaptureFixture[str], written: str, found: str
) -> None:
    sources = data / "sources.json"
    edit(sources, '"schema_version": 2', f'"schema_version": {written}')
    status, problems = run(capsys, data)
    assert status == 1
    problem = only(problems, "invalid-schema-version")
    assert problem["pointer"] == "/schema_version"
    assert at(problem) == where(sources, written + ",")
    assert problem["message"] == (
        "schema_version must be the integer 2 (the file format this version of ecpat-data "
        f"reads), found {found}"
    )


def test_an_older_schema_version_says_so(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    timeline = data / "timeline.json"
    edit(timeline, '"schema_version": 2', '"schema_version": 1')
    _, problems = run(capsys, data)
    problem = only(problems, "invalid-schema-version")
    assert at(problem) == where(timeline, "1,")
    assert problem["message"] == (
        "schema_version 1 is an older file format; this version of ecpat-data reads 2 "
        "(docs/versioning.md says what changed)"
    )


def test_loading_data_of_a_newer_format_raises_the_one_problem(data: Path) -> None:
    from ecpat_data._loading.reader import load

    edit(data / "programme_areas.json", '"schema_version": 2', '"schema_version": 7')
    with pytest.raises(ecpat_data.DataError) as raised:
        load(data)
    assert [p.code for p in raised.value.problems] == ["newer-schema-version"]


# --- founding claims ----------------------------------------------------------------------


def test_a_founding_claim_with_neither_date_nor_period_is_located_at_the_claim(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    organisation = data / "organisation.json"
    edit(organisation, '"date": "1990"', '"date": null')
    status, problems = run(capsys, data)
    assert status == 1
    problem = only(problems, "undated-founding")
    assert problem["pointer"] == "/organisation/founding/0"
    assert at(problem) == where(organisation, '{\n        "date": null')
    assert "a date or a period" in problem["message"]


def test_a_founding_claim_with_only_a_period_is_valid(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    organisation = data / "organisation.json"
    edit(organisation, '"date": "1990"', '"date": null')
    edit(organisation, '"period": null', '"period": "the 1980\'s"')
    assert run(capsys, data) == (0, [])


def test_a_file_that_is_not_a_data_file_brings_in_no_siblings(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = data / "member.json"
    shutil.copyfile(data / "members.json", other)
    assert main(["validate", str(other)]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        f"{other}: /: not a data file name; expected one of sources.json, organisation.json, "
        "timeline.json, programme_areas.json, members.json\n"
    )
    assert captured.err == "invalid: 1 error(s) in 1 file(s)\n"
