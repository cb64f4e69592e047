"""scripts/release.py, run for real on a copy of this repository's tree (no network, no git)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ecpat_data

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "release.py"
OLD = ecpat_data.DATA_EDITION
NEW = "2099-12"  # any later edition
DATA_FILES = ("sources", "organisation", "timeline", "programme_areas", "members")

pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="scripts/release.py is not here")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of what a release touches: pyproject.toml, src/, data/, CHANGELOG.md."""
    copy = tmp_path / "tree"
    copy.mkdir()
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("src", "data"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    for name in ("pyproject.toml", "CHANGELOG.md"):
        shutil.copy2(ROOT / name, copy / name)
    return copy


def release(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(tree), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def fingerprint(data: Path) -> str:
    """The fingerprint as docs/reproducible-reports.md defines it, computed here again."""
    documents = {}
    for name in DATA_FILES:
        document = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
        document.pop("$schema", None)
        documents[name] = document
    text = json.dumps(documents, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def version_in(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split('"')[1]
    raise AssertionError(f"no __version__ in {path}")


def version_path(tree: Path) -> str:
    """The version file pyproject.toml's [tool.hatch.version] names."""
    lines = (tree / "pyproject.toml").read_text("utf-8").splitlines()
    start = lines.index("[tool.hatch.version]")
    return next(x for x in lines[start:] if x.startswith("path = ")).split('"')[1]


def edition_constants(tree: Path) -> list[Path]:
    """Files that assign a DATA_EDITION constant (none since the package reads it from data)."""
    return [p for p in (tree / "src").rglob("*.py") if "\nDATA_EDITION = " in p.read_text("utf-8")]


def test_recomputed_fingerprint_is_the_library_s() -> None:
    assert fingerprint(ROOT / "data") == ecpat_data.fingerprint()


def test_prepare_bumps_version_edition_and_changelog_together(tree: Path) -> None:
    before = {name: (tree / "data" / f"{name}.json").read_text("utf-8") for name in DATA_FILES}
    result = release(tree, "90.2.0", "--edition", NEW, "--date", "2026-12-02")
    assert result.returncode == 0, result.stderr
    assert f"prepared 90.2.0 (data edition {NEW}" in result.stdout

    for constant in edition_constants(tree):
        assert f'DATA_EDITION = "{NEW}"' in constant.read_text("utf-8")
    for name, old in before.items():
        new = (tree / "data" / f"{name}.json").read_text("utf-8")
        assert json.loads(new)["current_to"] == NEW
        # Only the one line changed, so the file is still in fmt's canonical form.
        changed = [
            (a, b) for a, b in zip(old.splitlines(), new.splitlines(), strict=True) if a != b
        ]
        assert changed == [(f'  "current_to": "{OLD}",', f'  "current_to": "{NEW}",')]
    assert ecpat_data.validate(tree / "data").ok

    changelog = (tree / "CHANGELOG.md").read_text("utf-8")
    new_fingerprint = fingerprint(tree / "data")
    assert new_fingerprint != ecpat_data.fingerprint()
    assert (
        "## [Unreleased]\n\n## [90.2.0] - 2026-12-02\n\n"
        f"Data edition {NEW}, fingerprint `{new_fingerprint}`.\n\n### Added\n"
    ) in changelog
    assert changelog.count("Data edition") == 1  # the old "Data edition 2026-11." is replaced

    check = release(tree, "--check", "v90.2.0")
    assert check.returncode == 0, check.stderr
    assert check.stdout == f"ok: the tree is release 90.2.0, data edition {NEW}\n"


def test_prepare_follows_the_hatch_version_path(tree: Path) -> None:
    """Wherever the package keeps its version, the script writes it where pyproject.toml says."""
    old_path = version_path(tree)
    old_file = tree / old_path
    text = old_file.read_text("utf-8")
    line = next(x for x in text.splitlines() if x.startswith("__version__"))
    old_file.write_text(text.replace(line + "\n", ""), "utf-8")
    moved = tree / "src" / "ecpat_data" / "_moved_version.py"
    moved.write_text(f"{line}\n", "utf-8")
    pyproject = tree / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text("utf-8").replace(
            f'path = "{old_path}"', 'path = "src/ecpat_data/_moved_version.py"'
        ),
        "utf-8",
    )
    result = release(tree, "90.1.1")
    assert result.returncode == 0, result.stderr
    assert version_in(moved) == "90.1.1"
    assert "90.1.1" not in old_file.read_text("utf-8")


def test_a_version_only_release_keeps_the_edition_and_the_data(tree: Path) -> None:
    before = {p.name: p.read_bytes() for p in (tree / "data").glob("*.json")}
    result = release(tree, "90.1.1", "--date", "2027-01-05")
    assert result.returncode == 0, result.stderr
    assert {p.name: p.read_bytes() for p in (tree / "data").glob("*.json")} == before
    assert result.stdout.splitlines()[:2] == [
        f"updated {version_path(tree)}",
        "updated CHANGELOG.md",
    ]
    changelog = (tree / "CHANGELOG.md").read_text("utf-8")
    assert (
        f"## [90.1.1] - 2027-01-05\n\nData edition {ecpat_data.DATA_EDITION}, "
        f"fingerprint `{ecpat_data.fingerprint()}`.\n"
    ) in changelog


def test_check_names_every_problem(tree: Path) -> None:
    members = tree / "data" / "members.json"
    members.write_text(
        members.read_text("utf-8").replace(f'"current_to": "{OLD}"', '"current_to": "1999-10"'),
        "utf-8",
    )
    result = release(tree, "--check", "v90.3.0")
    assert result.returncode == 1
    version_file = version_path(tree)
    said_by = "DATA_EDITION is" if edition_constants(tree) else "the other files say"
    version = version_in(tree / version_file)
    assert result.stderr.splitlines() == [
        f"release.py: {version_file}: version is {version}, the tag says 90.3.0",
        f"release.py: data/members.json: current_to is '1999-10', {said_by} '{OLD}'",
        "release.py: CHANGELOG.md has no '## [90.3.0] - YYYY-MM-DD' section",
        "not ready to release v90.3.0",
    ]


def test_check_catches_data_changed_after_the_changelog_was_written(tree: Path) -> None:
    assert release(tree, "90.2.0", "--date", "2026-12-02").returncode == 0
    sources = tree / "data" / "sources.json"
    document = json.loads(sources.read_text("utf-8"))
    document["sources"][0]["title"] += " (corrected)"
    sources.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    result = release(tree, "--check", "refs/tags/v90.2.0")
    assert result.returncode == 1
    assert f"the 90.2.0 section does not say 'Data edition {OLD}, fingerprint" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["0.2"], "version '0.2' is not MAJOR.MINOR.PATCH"),
        (["90.2.0", "--edition", "2026-13-40x"], "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        (["90.2.0", "--edition", "1999-01"], "edition 1999-01 is earlier than the current"),
    ],
)
def test_prepare_refuses_bad_input_and_changes_nothing(
    tree: Path, args: list[str], message: str
) -> None:
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    result = release(tree, *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()} == before


def test_prepare_refuses_a_version_already_in_the_changelog_or_an_empty_unreleased(
    tree: Path,
) -> None:
    assert release(tree, "90.2.0").returncode == 0
    again = release(tree, "90.2.0")
    assert again.returncode == 1
    assert "the version is already 90.2.0" in again.stderr
    empty = release(tree, "90.3.0")
    assert empty.returncode == 1
    assert "Unreleased section is empty: say what changed first" in empty.stderr


def test_prepare_refuses_data_files_of_different_editions(tree: Path) -> None:
    members = tree / "data" / "members.json"
    text = members.read_text("utf-8")
    members.write_text(text.replace(f'"current_to": "{OLD}"', '"current_to": "1999-10"'), "utf-8")
    result = release(tree, "90.2.0", "--edition", NEW)
    assert result.returncode == 1
    assert f"current_to of members.json is not the edition {OLD}" in result.stderr
    assert (tree / "data" / "organisation.json").read_text("utf-8") == (
        ROOT / "data" / "organisation.json"
    ).read_text("utf-8")
