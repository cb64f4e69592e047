"""The public surface: declared once in __all__, documented, typed, cheap to import."""

from __future__ import annotations

import inspect
import subprocess
import sys
from importlib.resources import files

import pytest

import ecpat_data


def test_every_public_name_resolves() -> None:
    for name in ecpat_data.__all__:
        assert getattr(ecpat_data, name) is not None, name


def test_dir_lists_exactly_the_public_names() -> None:
    assert dir(ecpat_data) == sorted(ecpat_data.__all__)


def test_every_public_callable_and_class_has_a_docstring() -> None:
    for name in ecpat_data.__all__:
        value = getattr(ecpat_data, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"{name} has no docstring"


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        ecpat_data.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_version_is_a_literal_string() -> None:
    assert isinstance(ecpat_data.__version__, str)
    assert ecpat_data.__version__.count(".") == 2


def test_py_typed_ships_with_the_package() -> None:
    assert files("ecpat_data").joinpath("py.typed").is_file()


def test_all_data_files_ship_with_the_package() -> None:
    from ecpat_data._core.resources import data_dir

    names = {"sources.json", "organisation.json", "timeline.json", "programme_areas.json"}
    names.add("members.json")
    for name in names:
        assert data_dir().joinpath(name).is_file(), name


def _fresh(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout


def test_import_reads_no_data_and_imports_nothing_heavy() -> None:
    out = _fresh(
        "import sys, ecpat_data\n"
        "heavy = ['pydantic', 'pycountry', 'ecpat_data._loading.reader', 'importlib_resources',\n"
        "         'importlib.metadata', 'jsonschema', 'pandas', 'json', 'matplotlib']\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    assert out.strip() == "[]"


def test_first_access_from_many_threads_yields_one_object() -> None:
    out = _fresh(
        "import threading, ecpat_data\n"
        "start = threading.Barrier(32)\n"
        "seen = []\n"
        "def work():\n"
        "    start.wait()\n"
        "    seen.append((id(ecpat_data.members()), id(ecpat_data.organisation())))\n"
        "threads = [threading.Thread(target=work) for _ in range(32)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(len(seen), len(set(seen)))"
    )
    assert out.split() == ["32", "1"]


def test_python_m_runs_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ecpat_data", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"ecpat-data {ecpat_data.__version__}"
