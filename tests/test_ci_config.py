"""The places that name supported Pythons, minimum versions and the test command agree.

pyproject.toml declares them; noxfile.py, .github/workflows/ci.yml, .ci/run and the README
repeat them. These tests read the files of a checkout (they skip where there is none).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
FILES = ["pyproject.toml", "noxfile.py", ".github/workflows/ci.yml", ".ci/run", "README.md"]

pytestmark = pytest.mark.skipif(
    not all((ROOT / name).exists() for name in FILES), reason="not run from a checkout"
)


def pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


def noxfile_constant(name: str) -> Any:
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"noxfile.py has no {name}")


def ci_jobs() -> dict[str, Any]:
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    jobs: dict[str, Any] = workflow["jobs"]
    return jobs


def release(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in version.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def lower_bounds() -> dict[str, tuple[int, ...]]:
    bounds = {}
    for requirement in pyproject()["project"]["dependencies"]:
        match = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)", requirement)
        assert match, requirement
        bounds[match.group(1).lower()] = release(match.group(2))
    return bounds


def pins(text: str) -> dict[str, tuple[int, ...]]:
    return {
        name.lower(): release(v) for name, v in re.findall(r"([A-Za-z0-9_.-]+)==([0-9.]+)", text)
    }


def test_supported_pythons_are_the_same_everywhere() -> None:
    classifiers = pyproject()["project"]["classifiers"]
    declared = [
        c.rsplit(" :: ", 1)[1]
        for c in classifiers
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert pyproject()["project"]["requires-python"] == f">={declared[0]}"
    assert noxfile_constant("PYTHONS") == declared
    assert ci_jobs()["tests"]["strategy"]["matrix"]["python"] == declared
    run = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert f"for version in {declared[0]} {declared[-1]}; do" in run


def test_minimum_versions_are_the_declared_lower_bounds() -> None:
    bounds = lower_bounds()
    assert pins(" ".join(noxfile_constant("MINIMUM"))) == bounds
    steps = ci_jobs()["minimum-versions"]["steps"]
    assert pins(" ".join(step.get("run", "") for step in steps)) == bounds


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(setup) == 2
    assert setup[1].endswith(".venv/bin/python -m pytest")
    run = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert '\n"$py" -m pytest\n' in run
    assert ci_jobs()["tests"]["steps"][-3]["run"] == "python -m pytest"
