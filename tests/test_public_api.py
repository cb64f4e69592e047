"""The public surface: declared once in __all__, documented, typed, cheap to import."""

from __future__ import annotations

import inspect
import pickle
import pydoc
import subprocess
import sys
from importlib.resources import files

import pytest
from pydantic import BaseModel

import ecpat_data
from ecpat_data import models


def test_every_public_name_resolves() -> None:
    for name in ecpat_data.__all__:
        assert getattr(ecpat_data, name) is not None, name


def test_dir_lists_the_functions_constants_and_public_modules() -> None:
    assert dir(ecpat_data) == [
        "DATA_EDITION",
        "__version__",
        "card",
        "citation",
        "completeness",
        "diff",
        "event",
        "export",
        "find_members",
        "fingerprint",
        "member",
        "members",
        "models",
        "organisation",
        "plot_members",
        "plot_network_size",
        "programme_area",
        "programme_areas",
        "require",
        "source",
        "sources",
        "timeline",
        "to_dataframe",
        "types",
        "validate",
        "write_datapackage",
    ]


def test_every_name_dir_lists_resolves() -> None:
    for name in dir(ecpat_data):
        assert getattr(ecpat_data, name) is not None, name


def test_every_public_class_is_exported_but_left_out_of_dir() -> None:
    classes = [n for n in ecpat_data.__all__ if inspect.isclass(getattr(ecpat_data, n))]
    assert "Member" in classes
    assert not set(classes) & set(dir(ecpat_data))


def test_help_of_the_package_is_a_short_overview() -> None:
    text = pydoc.render_doc(ecpat_data, renderer=pydoc.plaintext)
    assert len(text.splitlines()) < 300
    assert "organisation()" in text
    assert "ecpat_data.models" in text


RECORD_TYPES = [
    name
    for name in models.__all__
    if inspect.isclass(getattr(models, name)) and issubclass(getattr(models, name), BaseModel)
]


@pytest.mark.parametrize("name", RECORD_TYPES)
def test_help_of_a_record_type_lists_every_field_on_its_first_screen(name: str) -> None:
    value = getattr(models, name)
    lines = pydoc.render_doc(value, renderer=pydoc.plaintext).splitlines()
    # Python 3.13's pydoc wraps a long signature one parameter a line, which a model has once
    # pydantic has built it (after any validation): count the screen from the signature's end.
    wrapped = f" |  {name}("
    if wrapped in lines:
        begin = lines.index(wrapped)
        end = next(i for i in range(begin, len(lines)) if lines[i].startswith(" |  )"))
        lines = lines[: begin + 1] + lines[end:]
    first_screen = "\n".join(lines[:40])
    for field_name, field in value.model_fields.items():
        assert f"    {field.alias or field_name}" in first_screen, (name, field_name)
        assert (field.description or "") in first_screen, (name, field_name)


def test_every_record_type_of_the_models_module_is_public() -> None:
    defined = {
        name
        for name, value in vars(models).items()
        if inspect.isclass(value)
        and issubclass(value, BaseModel)
        and value.__module__ == models.__name__
        and not name.startswith("_")
    }
    assert defined <= set(models.__all__)


def test_pickled_records_name_only_public_module_paths() -> None:
    member = ecpat_data.members()[0]
    dumped = pickle.dumps(member)
    assert b"ecpat_data.models" in dumped
    assert b"ecpat_data._" not in dumped
    assert pickle.loads(dumped) == member


@pytest.mark.parametrize(
    "name", ["PartialDate", "Country", "Problem", "Report", "Completeness", "Mismatch"]
)
def test_public_classes_name_the_package_as_their_module(name: str) -> None:
    assert getattr(ecpat_data, name).__module__ == "ecpat_data"


def test_problems_sort_when_a_line_is_missing() -> None:
    located = ecpat_data.Problem("a.json", 3, 1, "/x", "c", "m")
    unread = ecpat_data.Problem("a.json", None, None, "", "unreadable", "m")
    assert sorted([located, unread]) == [unread, located]


def test_types_partial_date_is_the_class_itself() -> None:
    from ecpat_data.types import PartialDate

    assert isinstance(ecpat_data.PartialDate.parse("1996"), PartialDate)


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
