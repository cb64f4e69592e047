"""action.yml: its check step, run by bash as GitHub runs it, on valid and broken data.

The install step (setup-python, a venv, ``pip install`` of the action's checkout) needs a
runner; CI runs the whole Action on this repository's data (the ``action`` job of ci.yml).
Here the check step runs with this test's Python as the installed ecpat-data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTION = ROOT / "action.yml"

pytestmark = [
    pytest.mark.skipif(not ACTION.exists(), reason="action.yml is not in this tree"),
    pytest.mark.skipif(shutil.which("bash") is None or os.name == "nt", reason="needs bash"),
]


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return loaded


def check_step() -> dict[str, Any]:
    (step,) = [s for s in action()["runs"]["steps"] if "ECPAT_DATA_PYTHON" in s.get("env", {})]
    return step


def run_check(
    path: Path, check_format: str = "false", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ECPAT_DATA_PYTHON": sys.executable,
        "DATA_PATH": str(path),
        "CHECK_FORMAT": check_format,
    }
    return subprocess.run(
        ["bash", "-c", check_step()["run"]],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_inputs_reach_the_scripts_only_through_env() -> None:
    """No ${{ }} inside a run: script (template injection); every input has a default."""
    for step in action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
    for name, spec in action()["inputs"].items():
        assert "default" in spec, name
    env = check_step()["env"]
    assert env["DATA_PATH"] == "${{ inputs.path }}"
    assert env["CHECK_FORMAT"] == "${{ inputs.format }}"


def test_valid_data_passes() -> None:
    result = run_check(ROOT / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout


def test_every_problem_is_an_annotation_and_the_step_fails(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    members = data / "members.json"
    text = members.read_text(encoding="utf-8")
    country = text.index('"country": "') + len('"country": "')
    members.write_text(text[:country] + "gb" + text[country + 2 :], encoding="utf-8")
    result = run_check(data)
    assert result.returncode == 1
    assert f"::error file={members},line=" in result.stdout
    assert "country code 'gb' must be uppercase: 'GB' [invalid-country]" in result.stdout


def test_a_path_that_looks_like_an_option_is_still_a_path(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "--format")
    result = run_check(Path("--format"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bad_format_input_fails_with_an_annotation() -> None:
    result = run_check(ROOT / "data", check_format="yes")
    assert result.returncode == 1
    assert "::error title=ecpat-data action::input 'format' must be true or false" in result.stdout


def test_format_check_shows_a_diff(tmp_path: Path) -> None:
    usage = subprocess.run(
        [sys.executable, "-m", "ecpat_data", "fmt", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "--diff" not in usage:
        pytest.skip("this ecpat-data's fmt has no --diff yet")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    timeline = data / "timeline.json"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("\n  ", "\n    ", 1))
    result = run_check(data, check_format="true")
    assert result.returncode == 1
    assert "timeline.json" in result.stdout + result.stderr
