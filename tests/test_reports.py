"""Reproducible reports: the fingerprint, require() and citation().

Most tests use the fixture dataset (tests/fixtures/valid), fingerprinted as a directory or
installed into a copy of the package; the tests marked "bundled" need the real bundled data.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fixture_bundle import FILES, load_bundle

import ecpat_data
from ecpat_data import EcpatDataError, MismatchError
from ecpat_data._core.datasets import DATASETS
from ecpat_data._core.resources import data_dir
from ecpat_data._reports import pinning as reports
from ecpat_data._reports.fingerprint import (
    canonical_bytes,
    file_digests,
    fingerprint_of,
    fingerprint_of_files,
)

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
FAKE = "sha256:" + "ab" * 32


def _copy(tmp_path: Path, name: str = "data") -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURE, target)
    return target


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _shuffled(value: Any, rng: random.Random) -> Any:
    """The same JSON value with every object's keys in a random order."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


# --- the fingerprint of a directory ---------------------------------------------------------


def test_fingerprint_has_the_documented_form() -> None:
    value = fingerprint_of(FIXTURE)
    assert value.startswith("sha256:")
    assert len(value) == len("sha256:") + 64
    assert int(value.removeprefix("sha256:"), 16) >= 0


def test_fingerprint_is_sha256_of_the_documented_canonical_form() -> None:
    documents = {}
    for file in FILES:
        document = _load(FIXTURE / file)
        del document["$schema"]
        documents[file.removesuffix(".json")] = document
    expected = json.dumps(documents, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    raw = {file: (FIXTURE / file).read_bytes() for file in FILES}
    assert canonical_bytes(raw) == expected.encode("utf-8")
    assert fingerprint_of(FIXTURE) == "sha256:" + hashlib.sha256(expected.encode()).hexdigest()


def test_fingerprint_ignores_formatting_key_order_line_endings_and_schema_pointer(
    tmp_path: Path,
) -> None:
    original = fingerprint_of(FIXTURE)
    copy = _copy(tmp_path)
    rng = random.Random(4)
    for number, file in enumerate(FILES):
        document = _shuffled(_load(copy / file), rng)
        if number % 2:
            document["$schema"] = "https://example.invalid/elsewhere.json"
        text = json.dumps(document, indent=[None, 1, 4, "\t", 3][number], ensure_ascii=number > 2)
        if number == 1:
            text = text.replace("\n", "\r\n")
        (copy / file).write_bytes(text.encode("utf-8"))
    for file in FILES:  # really reformatted, not the same bytes
        assert (copy / file).read_bytes() != (FIXTURE / file).read_bytes()
    assert fingerprint_of(copy) == original


def test_fingerprint_changes_when_one_record_changes(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    document = _load(copy / "members.json")
    document["members"][1]["founded"] = "1993"
    (copy / "members.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    assert fingerprint_of(copy) != fingerprint_of(FIXTURE)


def test_fingerprint_changes_when_only_the_edition_changes(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    for file in FILES:
        document = _load(copy / file)
        document["current_to"] = "2026-12"
        (copy / file).write_text(json.dumps(document), encoding="utf-8")
    assert fingerprint_of(copy) != fingerprint_of(FIXTURE)


def test_fingerprint_changes_when_records_are_reordered(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    document = _load(copy / "members.json")
    document["members"].reverse()
    (copy / "members.json").write_text(json.dumps(document), encoding="utf-8")
    assert fingerprint_of(copy) != fingerprint_of(FIXTURE)


def test_fingerprint_of_invalid_data_names_the_problems(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    document = _load(copy / "members.json")
    document["members"][0]["country"] = "XX"
    (copy / "members.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ecpat_data.DataError, match=r"members\.json") as caught:
        fingerprint_of(copy)
    assert any(p.pointer == "/members/0/country" for p in caught.value.problems)
    with pytest.raises(FileNotFoundError):
        fingerprint_of(tmp_path / "nowhere")


def test_fingerprint_of_data_with_more_errors_than_listed_counts_the_rest(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    document = _load(copy / "members.json")
    document["members"] = [1] * 150  # 150 errors; 100 are listed per file
    (copy / "members.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ecpat_data.DataError, match=r"^150 problem") as caught:
        fingerprint_of(copy)
    assert (len(caught.value.problems), caught.value.omitted) == (100, 50)


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_fingerprint_is_reproducible_with_jq_and_sha256() -> None:
    """The recipe in docs/reproducible-reports.md, run for real: another JSON implementation."""
    program = (
        "{members: input, organisation: input, programme_areas: input, sources: input, "
        'timeline: input} | map_values(del(."$schema"))'
    )
    files = ["members.json", "organisation.json", "programme_areas.json", "sources.json"]
    files.append("timeline.json")
    canonical = subprocess.run(
        ["jq", "-j", "-S", "-c", "-n", program, *files],
        cwd=FIXTURE,
        capture_output=True,
        check=True,
    ).stdout
    assert "sha256:" + hashlib.sha256(canonical).hexdigest() == fingerprint_of(FIXTURE)


# --- ecpat_data.fingerprint() in fresh processes --------------------------------------------


def _package_with_fixture_data(tmp_path: Path) -> Path:
    """A copy of the imported package whose bundled data is the fixture dataset."""
    site = tmp_path / "site"
    package = Path(ecpat_data.__file__).resolve().parent
    shutil.copytree(
        package, site / "ecpat_data", ignore=shutil.ignore_patterns("data", "__pycache__")
    )
    shutil.copytree(FIXTURE, site / "ecpat_data" / "data")
    return site


def _fresh(site: Path, code: str, cwd: Path, **env: str) -> str:
    prelude = (
        "import ecpat_data, pathlib\n"
        f"assert pathlib.Path(ecpat_data.__file__).is_relative_to({str(site)!r}), "
        "ecpat_data.__file__\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(site), **env}
    return subprocess.run(
        [sys.executable, "-c", prelude + code],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_fingerprint_is_the_same_in_two_fresh_processes(tmp_path: Path) -> None:
    site = _package_with_fixture_data(tmp_path)
    code = "print(ecpat_data.fingerprint()); print(ecpat_data.citation())"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _fresh(site, code, tmp_path / "a", PYTHONHASHSEED="1", LC_ALL="C", TZ="UTC")
    second = _fresh(
        site, code, tmp_path / "b", PYTHONHASHSEED="2", LC_ALL="C.UTF-8", TZ="Asia/Bangkok"
    )
    assert first == second
    assert first.splitlines()[0] == fingerprint_of(FIXTURE)
    assert fingerprint_of(FIXTURE) in first.splitlines()[1]


def test_require_in_a_fresh_process_checks_the_installed_fingerprint(tmp_path: Path) -> None:
    site = _package_with_fixture_data(tmp_path)
    good = fingerprint_of(FIXTURE)
    code = (
        f"ecpat_data.require(fingerprint={good!r}, version=ecpat_data.__version__)\n"
        "try:\n"
        f"    ecpat_data.require(fingerprint={FAKE!r})\n"
        "except ecpat_data.MismatchError as e:\n"
        "    print(e)\n"
    )
    out = _fresh(site, code, tmp_path)
    assert f"fingerprint: expected {FAKE}, installed {good}" in out


def test_fingerprint_serves_the_loaded_bundle_and_follows_a_new_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ecpat_data import _loading

    fixture = load_bundle(FIXTURE)
    copy = _copy(tmp_path)
    document = _load(copy / "members.json")
    document["members"][0]["joined"] = "1998"
    (copy / "members.json").write_text(json.dumps(document), encoding="utf-8")
    edited = load_bundle(copy)

    monkeypatch.setattr(_loading, "_loaded", fixture)
    first = ecpat_data.fingerprint()
    assert first == fingerprint_of(FIXTURE)
    assert ecpat_data.fingerprint() is first  # cached
    ecpat_data.require(fingerprint=first, version=ecpat_data.__version__, edition="2026-11")
    assert f"fingerprint {first}." in ecpat_data.citation()

    monkeypatch.setattr(_loading, "_loaded", edited)
    assert ecpat_data.fingerprint() == fingerprint_of(copy) != first
    with pytest.raises(MismatchError, match="fingerprint: expected"):
        ecpat_data.require(fingerprint=first)


# --- require() ------------------------------------------------------------------------------


@pytest.fixture
def known_fingerprint(monkeypatch: pytest.MonkeyPatch) -> str:
    """Pretend the installed data's fingerprint is FAKE."""
    monkeypatch.setattr(reports, "_installed_fingerprint", lambda: FAKE)
    return FAKE


def test_require_passes_when_everything_matches(known_fingerprint: str) -> None:
    ecpat_data.require(
        fingerprint=known_fingerprint,
        version=ecpat_data.__version__,
        edition=ecpat_data.DATA_EDITION,
    )
    ecpat_data.require(fingerprint=known_fingerprint.removeprefix("sha256:").upper())
    ecpat_data.require(version=ecpat_data.__version__)
    ecpat_data.require(edition=ecpat_data.DATA_EDITION)


def test_require_names_expected_and_installed_version_and_what_to_install() -> None:
    with pytest.raises(MismatchError) as caught:
        ecpat_data.require(version="0.0.1")
    message = str(caught.value)
    assert message == (
        "the installed ecpat-data is not the data this report was built with:\n"
        f"  version: expected 0.0.1, installed {ecpat_data.__version__}\n"
        "Install the version the report was built with: pip install ecpat-data==0.0.1"
    )
    assert isinstance(caught.value, EcpatDataError)
    [mismatch] = caught.value.mismatches
    assert (mismatch.what, mismatch.expected, mismatch.installed) == (
        "version",
        "0.0.1",
        ecpat_data.__version__,
    )


def test_require_reports_every_mismatch_at_once(known_fingerprint: str) -> None:
    other = "sha256:" + "cd" * 32
    with pytest.raises(MismatchError) as caught:
        ecpat_data.require(fingerprint=other, version="9.9.9", edition="1999")
    assert [m.what for m in caught.value.mismatches] == ["version", "edition", "fingerprint"]
    message = str(caught.value)
    assert f"edition:     expected 1999, installed {ecpat_data.DATA_EDITION}" in message
    assert f"fingerprint: expected {other}, installed {known_fingerprint}" in message
    assert message.endswith("pip install ecpat-data==9.9.9")


def test_require_with_the_right_version_but_other_data_says_the_install_was_altered(
    known_fingerprint: str,
) -> None:
    other = "sha256:" + "cd" * 32
    with pytest.raises(MismatchError) as caught:
        ecpat_data.require(fingerprint=other, version=ecpat_data.__version__)
    assert caught.value.advice == (
        f"This is ecpat-data {ecpat_data.__version__}, but its data is not what that release "
        "ships (edited files, or a development checkout): run `ecpat-data info --verify`, "
        f"then reinstall: pip install --force-reinstall ecpat-data=={ecpat_data.__version__}"
    )


def test_require_with_only_a_fingerprint_points_to_the_citation(known_fingerprint: str) -> None:
    with pytest.raises(MismatchError, match="citation line names the version"):
        ecpat_data.require(fingerprint="sha256:" + "cd" * 32)


def test_require_refuses_nothing_and_malformed_fingerprints() -> None:
    with pytest.raises(TypeError, match="at least one"):
        ecpat_data.require()
    with pytest.raises(ValueError, match="not a fingerprint"):
        ecpat_data.require(fingerprint="sha256:1234")
    with pytest.raises(ValueError, match="not a fingerprint"):
        ecpat_data.require(fingerprint="md5:" + "ab" * 32)


# --- citation() -----------------------------------------------------------------------------


def test_citation_is_one_line_with_name_version_edition_fingerprint_and_source(
    known_fingerprint: str,
) -> None:
    line = ecpat_data.citation()
    assert line == (
        f"ECPAT International reference data, ecpat-data {ecpat_data.__version__} "
        f"(data edition {ecpat_data.DATA_EDITION}), fingerprint {known_fingerprint}. "
        "Source: ECPAT International fact base; see sources.json."
    )
    assert "\n" not in line


# --- the bundled data (needs data/ complete and valid) --------------------------------------


def test_bundled_fingerprint_is_cached_and_stable() -> None:
    first = ecpat_data.fingerprint()
    assert first == ecpat_data.fingerprint()
    assert first.startswith("sha256:")
    ecpat_data.require(fingerprint=first, version=ecpat_data.__version__)
    assert first in ecpat_data.citation()


def test_bundled_fingerprint_equals_the_fingerprint_of_its_directory() -> None:
    from ecpat_data._core.resources import data_dir

    directory = data_dir()
    if not isinstance(directory, Path):
        pytest.skip("the bundled data is not a directory on disk (zip import)")
    assert ecpat_data.fingerprint() == fingerprint_of(directory)


# --- ecpat-data info --json -----------------------------------------------------------------


def test_info_json_gives_version_edition_fingerprint_citation_and_file_digests(
    tmp_path: Path,
) -> None:
    site = _package_with_fixture_data(tmp_path)
    out = _fresh(site, "from ecpat_data._cli.main import main; main(['info', '--json'])", tmp_path)
    facts = json.loads(out)
    assert facts["version"] == ecpat_data.__version__
    edition = json.loads((FIXTURE / "sources.json").read_bytes())["current_to"]
    assert facts["data_edition"] == edition  # the data it reads, not the test process's
    assert facts["fingerprint"] == fingerprint_of(FIXTURE)
    assert facts["citation"].endswith(
        f"fingerprint {fingerprint_of(FIXTURE)}. "
        "Source: ECPAT International fact base; see sources.json."
    )
    assert facts["files"] == {
        file: "sha256:" + hashlib.sha256((FIXTURE / file).read_bytes()).hexdigest()
        for file in sorted(FILES)
    }
    assert facts["records"]["members"] == 2
    assert [row["as_of"] for row in facts["completeness"]] == ["2008"]


def test_info_json_counts_members_by_status(tmp_path: Path) -> None:
    site = _package_with_fixture_data(tmp_path)
    out = _fresh(site, "from ecpat_data._cli.main import main; main(['info', '--json'])", tmp_path)
    facts = json.loads(out)
    # ECPAT UK: an undated own statement; ECPAT/STOP Japan: an undated country page.
    assert facts["records"]["members_by_status"] == {
        "current": 0,
        "historic": 0,
        "unconfirmed": 2,
    }


def test_info_json_compares_current_and_all_members_with_each_total(tmp_path: Path) -> None:
    site = _package_with_fixture_data(tmp_path)
    out = _fresh(site, "from ecpat_data._cli.main import main; main(['info', '--json'])", tmp_path)
    (row,) = json.loads(out)["completeness"]
    assert (row["reported_organisations"], row["reported_countries"]) == (78, 73)
    assert (row["bundled_members"], row["bundled_countries"]) == (2, 2)
    assert (row["current_members"], row["current_countries"]) == (0, 0)
    assert (row["member_share"], row["current_member_share"]) == (round(2 / 78, 3), 0.0)


def test_info_text_shows_the_status_counts_and_both_comparisons(tmp_path: Path) -> None:
    site = _package_with_fixture_data(tmp_path)
    out = _fresh(site, "from ecpat_data._cli.main import main; main(['info'])", tmp_path)
    lines = out.splitlines()
    at = lines.index("members by status (from the dates of their evidence; see docs/usage.md)")
    assert lines[at + 1 : at + 4] == [
        "  current                  0",
        "  historic                 0",
        "  unconfirmed              2",
    ]
    (row,) = [line for line in lines if line.startswith("  2008 ")]
    assert row.split() == [
        *("2008", "78", "in", "73"),
        *("2", "in", "2", "3%", "3%"),
        *("0", "in", "0", "0%", "0%"),
    ]


# --- known answers: the fingerprint is a major-version contract ------------------------------

#: Five tiny files, written by hand, with their fingerprint computed once and written down.
#: The value must never change within a major version: a change here breaks every report that
#: recorded a fingerprint.
KNOWN_FILES = {
    "sources.json": b'{"$schema": "schemas/sources.schema.json", "current_to": "2026",\n'
    b' "sources": [{"id": "a", "title": "\xc3\x89t\xc3\xa9"}]}',
    "organisation.json": b'{"organisation": {"name": "X"}, "current_to": "2026"}',
    "timeline.json": b'{"events": [], "current_to": "2026"}',
    "programme_areas.json": b'{"programme_areas": [], "current_to": "2026"}',
    "members.json": b'{"members": [{"id": "m", "country": "TH"}], "current_to": "2026"}',
}
KNOWN_FINGERPRINT = "sha256:226e706dddd392e924d65b62e01f175e7add567282c28ebeee86bd375e4b2139"


def test_fingerprint_of_known_files_is_the_known_answer() -> None:
    assert fingerprint_of_files(KNOWN_FILES) == KNOWN_FINGERPRINT


def test_fingerprint_of_known_files_ignores_their_formatting() -> None:
    reformatted = {
        name: json.dumps(json.loads(raw), indent=4, sort_keys=False).encode()
        for name, raw in KNOWN_FILES.items()
    }
    assert fingerprint_of_files(reformatted) == KNOWN_FINGERPRINT


def test_fingerprint_and_file_hashes_pasted_in_the_cli_guide_are_the_bundled_ones() -> None:
    guide = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    bundled = ecpat_data.fingerprint()
    digests = file_digests({d.file: (data_dir() / d.file).read_bytes() for d in DATASETS.values()})
    checked = 0
    for line in guide.splitlines():
        pasted = re.search(r"(?<![/\w.])([a-z_]+\.json)\s+(sha256:[0-9a-f]{64})", line)
        if pasted is not None:
            assert pasted[2] == digests[pasted[1]], f"docs/cli.md: old sha256 in {line.strip()!r}"
            checked += 1
        if "fingerprint" in line and "sha256:" in line:
            assert bundled in line, f"docs/cli.md shows an old fingerprint: {line.strip()!r}"
            checked += 1
    assert checked >= 6
