"""``ecpat-data diff`` and the structured diff behind it, on copies of the fixture dataset."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from fixture_bundle import FILES
from hypothesis import event, given, settings
from hypothesis import strategies as st

import ecpat_data
from ecpat_data._cli.main import main
from ecpat_data._loading.reader import load
from ecpat_data._reports.diff import DataDiff, FieldChange, diff_dirs, diff_files, render_text
from ecpat_data._reports.fingerprint import fingerprint_of, fingerprint_of_files

FIXTURE = Path(__file__).parent / "fixtures" / "valid"

FRANCE = {
    "id": "ecpat-france",
    "name": "ECPAT France",
    "other_names": [],
    "country": "FR",
    "website": None,
    "member_type": None,
    "type_as_stated": None,
    "joined": None,
    "founded": None,
    "dates_note": None,
    "evidence": [
        {
            "kind": "own-statement",
            "claim": "member",
            "as_of": None,
            "sources": ["briefing"],
            "unverified": False,
        }
    ],
    "note": None,
    "sources": ["briefing"],
    "unverified": False,
}


class Data:
    """A copy of the fixture dataset that a test edits as JSON."""

    def __init__(self, path: Path) -> None:
        self.path = path
        shutil.copytree(FIXTURE, path)

    def edit(self, file: str) -> Any:
        return _Edit(self.path / file)


class _Edit:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> Any:
        self.document = json.loads(self.path.read_text(encoding="utf-8"))
        return self.document

    def __exit__(self, *exc: object) -> None:
        text = json.dumps(self.document, indent=2, ensure_ascii=False) + "\n"
        self.path.write_text(text, encoding="utf-8")


@pytest.fixture
def old(tmp_path: Path) -> Data:
    return Data(tmp_path / "old")


@pytest.fixture
def new(tmp_path: Path) -> Data:
    return Data(tmp_path / "new")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["diff", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _edit_members(new: Data) -> None:
    with new.edit("members.json") as document:
        uk = document["members"][0]
        uk["website"] = "https://ecpat.org.uk"
        uk["other_names"] = ["ECPAT United Kingdom"]
        uk["evidence"][0]["as_of"] = "2024"
        del document["members"][1]  # ecpat-stop-japan
        document["members"].append(FRANCE)


# --- no differences -------------------------------------------------------------------------


def test_identical_directories_exit_0(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    status, out, err = _run(capsys, str(old.path), str(new.path))
    assert status == 0
    assert err == ""
    assert out == (
        f"old: {old.path} (data edition 2026-11)\n"
        f"new: {new.path} (data edition 2026-11)\n"
        "\n"
        "no differences\n"
    )
    status, out, _ = _run(capsys, str(old.path), str(new.path), "--format", "markdown")
    assert status == 0
    assert out.endswith("\nNo differences.\n")


def test_formatting_and_key_order_are_not_differences(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    for file in FILES:
        document = json.loads((new.path / file).read_text(encoding="utf-8"))
        reordered = dict(reversed(list(document.items())))
        (new.path / file).write_text(json.dumps(reordered, indent=7), encoding="utf-8")
    status, out, _ = _run(capsys, str(old.path), str(new.path))
    assert (status, out.splitlines()[-1]) == (0, "no differences")


# --- records added, removed, changed --------------------------------------------------------


def test_text_output_lists_records_and_field_level_changes(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    _edit_members(new)
    with new.edit("organisation.json") as document:
        document["organisation"]["network_size"][0]["organisations"] = 79
    status, out, err = _run(capsys, str(old.path), str(new.path))
    assert status == 1
    assert err == ""
    assert out == (
        f"old: {old.path} (data edition 2026-11)\n"
        f"new: {new.path} (data edition 2026-11)\n"
        "(+ only in new, - only in old, ~ changed: old -> new)\n"
        "\n"
        "organisation: 1 changed\n"
        "  ~ organisation: ECPAT International\n"
        "      network_size[0].organisations: 78 -> 79\n"
        "\n"
        "members: 1 added, 1 removed, 1 changed\n"
        "  + ecpat-france: ECPAT France (FR)\n"
        "  - ecpat-stop-japan: ECPAT/STOP Japan (JP)\n"
        "  ~ ecpat-uk: ECPAT UK (GB)\n"
        '      other_names: added "ECPAT United Kingdom"\n'
        '      website: "https://www.ecpat.org.uk" -> "https://ecpat.org.uk"\n'
        '      evidence[0].as_of: null -> "2024"\n'
        "\n"
        "unchanged: sources, timeline, programme_areas\n"
        "\n"
        "records: 1 added, 1 removed, 2 changed\n"
    )


def test_markdown_output_for_a_pull_request(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    _edit_members(new)
    status, out, _ = _run(capsys, str(old.path), str(new.path), "--format", "markdown")
    assert status == 1
    assert out == (
        "### Data changes\n"
        "\n"
        f"Old: `{old.path}` (data edition 2026-11)  \n"
        f"New: `{new.path}` (data edition 2026-11)\n"
        "\n"
        "| dataset | added | removed | changed |\n"
        "|---|--:|--:|--:|\n"
        "| sources | 0 | 0 | 0 |\n"
        "| organisation | 0 | 0 | 0 |\n"
        "| timeline | 0 | 0 | 0 |\n"
        "| programme\\_areas | 0 | 0 | 0 |\n"
        "| members | 1 | 1 | 1 |\n"
        "\n"
        "#### members: 1 added, 1 removed, 1 changed\n"
        "\n"
        "Added:\n"
        "\n"
        "- `ecpat-france`: ECPAT France (FR)\n"
        "\n"
        "Removed:\n"
        "\n"
        "- `ecpat-stop-japan`: ECPAT/STOP Japan (JP)\n"
        "\n"
        "Changed `ecpat-uk`: ECPAT UK (GB)\n"
        "\n"
        "| field | before | after |\n"
        "|---|---|---|\n"
        '| `other_names` | — | added `"ECPAT United Kingdom"` |\n'
        '| `website` | `"https://www.ecpat.org.uk"` | `"https://ecpat.org.uk"` |\n'
        '| `evidence[0].as_of` | `null` | `"2024"` |\n'
        "\n"
        "records: 1 added, 1 removed, 1 changed.\n"
    )


def test_markdown_escapes_pipes_backticks_and_emphasis(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    with new.edit("members.json") as document:
        document["members"][0]["name"] = "ECPAT *UK* | `GB`"
    _, out, _ = _run(capsys, str(old.path), str(new.path), "--format", "markdown")
    assert "Changed `ecpat-uk`: ECPAT \\*UK\\* \\| \\`GB\\` (GB)\n" in out
    assert '| `name` | `"ECPAT UK"` | ``"ECPAT *UK* \\| `GB`"`` |\n' in out


def test_a_claim_inserted_in_a_list_is_one_addition_not_a_cascade(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    with new.edit("organisation.json") as document:
        claims = document["organisation"]["network_size"]
        claims.insert(0, {**claims[0], "as_of": "2005", "period": "2005", "organisations": 70})
        claims[1]["countries"] = 74
    _, out, _ = _run(capsys, str(old.path), str(new.path))
    changes = out.split("  ~ organisation: ECPAT International\n")[1].split("\n\n")[0]
    assert changes.splitlines() == [
        '      network_size[0]: added {"as_of": "2005", "period": "2005", "organisations": 70, '
        '"organisations_qualifier": "exact", "countries": 73, "countries_qualifier": "exact", '
        '"counted": "members", "quote": "a network of 78 NGOs in 73 countries worldwide", '
        '"note": null, "sources": ["briefing"], "unverified": false}',
        "      network_size[1].countries: 73 -> 74",
    ]


def test_lists_of_ids_show_what_was_added_removed_or_reordered(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    with new.edit("organisation.json") as document:
        document["organisation"]["campaign_name"]["sources"].reverse()
        document["organisation"]["vision"]["sources"] = ["ecpat-org-our-history"]
    _, out, _ = _run(capsys, str(old.path), str(new.path))
    assert "      campaign_name.sources: order changed\n" in out
    assert '      vision.sources: removed "briefing"\n' in out
    assert '      vision.sources: added "ecpat-org-our-history"\n' in out


def test_an_edition_change_is_shown_once_for_all_files(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    for file in FILES:
        with new.edit(file) as document:
            document["current_to"] = "2026-12"
    status, out, _ = _run(capsys, str(old.path), str(new.path))
    assert status == 1
    assert out == (
        f"old: {old.path} (data edition 2026-11)\n"
        f"new: {new.path} (data edition 2026-12)\n"
        "(+ only in new, - only in old, ~ changed: old -> new)\n"
        'current_to: "2026-11" -> "2026-12"  (all 5 files)\n'
        "\n"
        "unchanged: sources, organisation, timeline, programme_areas, members\n"
        "\n"
        "records: 0 added, 0 removed, 0 changed\n"
    )
    _, out, _ = _run(capsys, str(old.path), str(new.path), "--format", "markdown")
    assert '| all 5 files | `current_to` | `"2026-11"` | `"2026-12"` |\n' in out


def test_reordered_records_are_a_difference(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    with new.edit("members.json") as document:
        document["members"].reverse()
    status, out, _ = _run(capsys, str(old.path), str(new.path))
    assert status == 1
    assert "members: records reordered\n  records are in a different order\n" in out


# --- errors ---------------------------------------------------------------------------------


def test_invalid_data_prints_the_problems_and_exits_2(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    with new.edit("members.json") as document:
        document["members"][0]["country"] = "XX"
    status, out, err = _run(capsys, str(old.path), str(new.path))
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith("ecpat-data: error: cannot compare: 1 problem(s) in the data")
    assert lines[1].startswith(f"  {new.path / 'members.json'}:")
    assert "/members/0/country" in lines[1]


def test_a_missing_file_is_a_data_problem(
    capsys: pytest.CaptureFixture[str], old: Data, new: Data
) -> None:
    (old.path / "timeline.json").unlink()
    status, _, err = _run(capsys, str(old.path), str(new.path))
    assert status == 2
    assert f"{old.path / 'timeline.json'}: /: file not found" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], old: Data, tmp_path: Path) -> None:
    status, _, err = _run(capsys, str(old.path), str(tmp_path / "nowhere"))
    assert (status, err) == (
        2,
        f"ecpat-data: error: {tmp_path / 'nowhere'}: no such data directory\n",
    )
    status, _, err = _run(capsys, str(old.path))
    assert status == 2
    assert "OLD NEW" in err
    status, _, err = _run(capsys, str(old.path), str(old.path), "--against-bundled")
    assert status == 2
    assert "not both" in err


# --- the structured diff --------------------------------------------------------------------


def test_library_returns_frozen_structured_diff(old: Data, new: Data) -> None:
    _edit_members(new)
    result = diff_dirs(old.path, new.path)
    assert isinstance(result, DataDiff)
    assert (result.added, result.removed, result.changed, result.empty) == (1, 1, 1, False)
    members = result.dataset("members")
    assert [r.id for r in members.added] == ["ecpat-france"]
    assert members.added[0].record["country"] == "FR"
    assert [r.id for r in members.removed] == ["ecpat-stop-japan"]
    [uk] = members.changed
    assert uk.changes == (
        FieldChange("other_names", "added", after="ECPAT United Kingdom"),
        FieldChange("website", "changed", "https://www.ecpat.org.uk", "https://ecpat.org.uk"),
        FieldChange("evidence[0].as_of", "changed", None, "2024"),
    )
    assert result.dataset("timeline").empty
    with pytest.raises(dataclasses.FrozenInstanceError):
        uk.id = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        members.added[0].record["country"] = "DE"
    with pytest.raises(KeyError):
        result.dataset("nothing")


def test_diff_is_empty_exactly_when_fingerprints_are_equal(old: Data, new: Data) -> None:
    assert diff_dirs(old.path, new.path).empty
    assert fingerprint_of(old.path) == fingerprint_of(new.path)
    with new.edit("timeline.json") as document:
        document["events"][0]["title"] += " (corrected)"
    assert not diff_dirs(old.path, new.path).empty
    assert fingerprint_of(old.path) != fingerprint_of(new.path)


@pytest.fixture
def fixture_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Serve the fixture dataset as the installed data, for one test."""
    from ecpat_data import _loading

    monkeypatch.setattr(_loading, "_loaded", load(FIXTURE))


@pytest.mark.usefixtures("fixture_installed")
def test_against_bundled_puts_the_directory_first_and_the_installed_data_second(
    capsys: pytest.CaptureFixture[str], old: Data
) -> None:
    status, out, _ = _run(capsys, str(old.path), "--against-bundled")
    assert (status, out.splitlines()[-1]) == (0, "no differences")
    with old.edit("members.json") as document:
        document["members"][0]["founded"] = "1995"
    status, out, _ = _run(capsys, str(old.path), "--against-bundled")
    assert status == 1
    assert out == (
        f"old: {old.path} (data edition 2026-11)\n"
        f"new: installed ecpat-data {ecpat_data.__version__} (data edition 2026-11)\n"
        "(+ only in new, - only in old, ~ changed: old -> new)\n"
        "\n"
        "members: 1 changed\n"
        "  ~ ecpat-uk: ECPAT UK (GB)\n"
        '      founded: "1995" -> "1994"\n'
        "\n"
        "unchanged: sources, organisation, timeline, programme_areas\n"
        "\n"
        "records: 0 added, 0 removed, 1 changed\n"
    )


# --- against the bundled data (needs data/ complete and valid) ------------------------------


def test_against_bundled_compares_a_directory_with_the_installed_data(
    capsys: pytest.CaptureFixture[str], old: Data
) -> None:
    status, out, _ = _run(capsys, str(old.path), "--against-bundled")
    assert status == (0 if fingerprint_of(old.path) == ecpat_data.fingerprint() else 1)
    assert out.splitlines()[1] == (
        f"new: installed ecpat-data {ecpat_data.__version__} "
        f"(data edition {ecpat_data.DATA_EDITION})"
    )


def test_bundled_data_against_itself_has_no_differences(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ecpat_data._core.resources import data_dir

    directory = data_dir()
    if not isinstance(directory, Path):
        pytest.skip("the bundled data is not a directory on disk")
    status, out, _ = _run(capsys, str(directory), "--against-bundled")
    assert (status, out.splitlines()[-1]) == (0, "no differences")


# --- the invariant, on random edits ---------------------------------------------------------

_SCALARS = (None, True, False, 0, 78, 1994, "", "1994", "ECPAT UK", "briefing", "GB")


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() if k != "id" for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [path] + [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


@given(
    file=st.sampled_from(FILES),
    picks=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(_SCALARS), st.booleans())),
)
@settings(max_examples=150, deadline=None)
def test_diff_is_empty_exactly_when_fingerprints_are_equal_under_random_edits(
    file: str, picks: list[tuple[int, Any, bool]]
) -> None:
    old_files = {name: (FIXTURE / name).read_bytes() for name in FILES}
    document = json.loads(old_files[file])
    for index, scalar, shuffle in picks:
        paths = _leaves(document)
        path = paths[index % len(paths)]
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if len(path) < 3 and path[:1] not in (("current_to",), ("schema_version",)):
            continue  # keep the shape the diff is given after validation: files of records
        target = parent[path[-1]]
        if isinstance(target, list):
            if shuffle:
                target.reverse()
            else:
                target.append(scalar)
        elif not isinstance(target, dict):
            parent[path[-1]] = scalar
    new_files = {**old_files, file: json.dumps(document, indent=1).encode()}
    result = diff_files(old_files, new_files, old="old", new="new")
    same = fingerprint_of_files(old_files) == fingerprint_of_files(new_files)
    event(f"same={same}")
    assert result.empty == same
    assert (render_text(result).splitlines()[-1] == "no differences") == same
