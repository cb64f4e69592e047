"""The pre-commit hooks, run by the real pre-commit on a steward's repository (issue 12).

pre-commit passes a hook only the staged files. A staged data file must still be checked with
the other data files beside it: against the repository's own ``sources.json``, not the one
bundled in ecpat-data. ``pre-commit try-repo`` installs the hook from a copy of this checkout
into its own virtual environment (from PyPI: pydantic, pycountry, the build backend), once for
this module, and runs it in a temporary git repository holding a copy of the fixture data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "valid"

pytest.importorskip("pre_commit")

_GIT = shutil.which("git")


def _git(cwd: Path, *args: str) -> str:
    assert _GIT is not None
    done = subprocess.run(
        [_GIT, *args], cwd=cwd, capture_output=True, text=True, check=True, env=_ENV
    )
    return done.stdout.strip()


_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Steward",
    "GIT_AUTHOR_EMAIL": "steward@example.org",
    "GIT_COMMITTER_NAME": "Steward",
    "GIT_COMMITTER_EMAIL": "steward@example.org",
    "PRE_COMMIT_COLOR": "never",
}


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """A committed copy of this checkout's files (as they are now), its commit, and a
    pre-commit home shared by the tests of this module (the hook is installed once)."""
    if _GIT is None or not (ROOT / ".pre-commit-hooks.yaml").exists():
        pytest.skip("needs git and a checkout of ecpat-data")
    try:
        listed = _git(ROOT, "ls-files", "-co", "--exclude-standard", "-z")
    except subprocess.CalledProcessError:
        pytest.skip("not a git checkout")
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "ecpat-data as under test")
    return repo, _git(repo, "rev-parse", "HEAD"), tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def steward(tmp_path: Path) -> Path:
    """A steward's repository with a committed copy of the fixture data in ``data/``."""
    repo = tmp_path / "steward"
    shutil.copytree(FIXTURES, repo / "data")
    _git(repo.parent, "init", "-q", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "data")
    return repo


def try_repo(
    steward: Path, hooks: tuple[Path, str, Path], *files: str
) -> subprocess.CompletedProcess[str]:
    repo, commit, home = hooks
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(repo),
            "ecpat-data-validate",
            "--ref",
            commit,
            "--files",
            *files,
        ],
        cwd=steward,
        capture_output=True,
        text=True,
        env={**_ENV, "PRE_COMMIT_HOME": str(home)},
        check=False,
        timeout=900,
    )


def rewrite(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_staged_members_citing_a_source_new_in_the_repositorys_sources_passes(
    steward: Path, hooks: tuple[Path, str, Path]
) -> None:
    own = {
        "id": "steward-own-source",
        "title": "A page only this repository knows",
        "url": "https://example.org/own",
    }
    rewrite(steward / "data" / "sources.json", lambda doc: doc["sources"].append(own))
    _git(steward, "commit", "-q", "-am", "a source of our own")
    rewrite(
        steward / "data" / "members.json",
        lambda doc: doc["members"][0]["sources"].append("steward-own-source"),
    )
    _git(steward, "add", "data/members.json")
    result = try_repo(steward, hooks, "data/members.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ecpat-data validate" in result.stdout
    assert "Passed" in result.stdout


def test_staged_sources_without_a_cited_source_fails(
    steward: Path, hooks: tuple[Path, str, Path]
) -> None:
    def remove(document: dict[str, Any]) -> None:
        document["sources"] = [
            s for s in document["sources"] if s["id"] != "ecpat-org-uk-our-history"
        ]

    rewrite(steward / "data" / "sources.json", remove)
    _git(steward, "add", "data/sources.json")
    result = try_repo(steward, hooks, "data/sources.json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    text = (steward / "data" / "members.json").read_text(encoding="utf-8")
    at = text.index('"ecpat-org-uk-our-history"')
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert (
        f"data/members.json:{line}:{column}: /members/0/evidence/0/sources/0: cites source "
        "'ecpat-org-uk-our-history', which is not in sources.json"
    ) in result.stdout
