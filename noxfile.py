"""The test suite on every supported Python, and the other CI checks, with nox.

    pip install ".[lint]"       # nox is in the lint extra
    nox -s tests                # python -m pytest on 3.10, 3.11, 3.12 and 3.13
    nox -s tests-3.13           # one of them
    nox -s minimum pydantic_pre lint

Each tests session installs the package from a freshly built wheel (pip builds it, and the
build hook validates data/), never from src/, and runs the README's test command. A Python that
is not installed is skipped locally (nox says so) and is an error under CI=true. pyenv's
interpreters are found even where its shims answer only with PYENV_VERSION set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nox

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
#: The lowest versions pyproject.toml declares (keep in step with [project] dependencies).
MINIMUM = ["pydantic==2.11.0", "pycountry==22.3.5", "importlib-resources==6.0.0"]

nox.options.sessions = ["tests", "lint"]
nox.options.default_venv_backend = "venv"


def _pyenv_interpreters_on_path() -> None:
    """Put each supported pyenv Python's bin/ first on PATH, so nox finds ``python3.X``."""
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return
    found = []
    for version in PYTHONS:
        result = subprocess.run(
            [pyenv, "prefix", version], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and result.stdout.strip():
            found.append(str(Path(result.stdout.strip().split(os.pathsep)[0]) / "bin"))
    os.environ["PATH"] = os.pathsep.join([*found, os.environ.get("PATH", "")])


_pyenv_interpreters_on_path()


def _pytest(session: nox.Session) -> None:
    """The README's test command, against the installed package (src/ is never on sys.path)."""
    session.run(
        "python",
        "-c",
        "import ecpat_data, pathlib; p = pathlib.Path(ecpat_data.__file__).resolve(); "
        "assert 'site-packages' in p.parts, p; print('testing installed', p.parent)",
    )
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite on one supported Python, against the built and installed package."""
    session.install(".[test]")
    _pytest(session)


@nox.session(python=PYTHONS[0])
def minimum(session: nox.Session) -> None:
    """The test suite at the minimum declared versions of the dependencies, on the oldest Python."""
    session.install(".[test]")
    session.install(*MINIMUM)
    _pytest(session)


@nox.session(name="pydantic_pre", python=PYTHONS[-1])
def pydantic_pre(session: nox.Session) -> None:
    """The test suite against pydantic's next pre-release (CI allows this one to fail)."""
    session.install(".[test]")
    session.install("--pre", "--upgrade", "pydantic")
    _pytest(session)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """ruff, mypy, and the GitHub workflows and Action: zizmor and check-jsonschema, offline."""
    session.install("-e", ".[lint]")
    code = ["src", "tests", "benchmarks", "scripts", "noxfile.py"]
    session.run("ruff", "check", *code)
    session.run("ruff", "format", "--check", *code)
    session.run("mypy", "src/ecpat_data", "scripts/release.py", "noxfile.py")
    workflows = sorted(str(p) for p in Path(".github/workflows").glob("*.yml"))
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-actions", "action.yml")
    session.run("zizmor", "--offline", ".")
