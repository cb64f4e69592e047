"""The examples in docstrings are run, so that what the documentation shows stays true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import ecpat_data

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(ecpat_data.__path__, "ecpat_data.")
    if not info.name.endswith("__main__")
)


def _examples(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    for public in getattr(module, "__all__", ()):
        getattr(module, public)  # lazy names join the module's namespace, where doctest looks
    return [t for t in doctest.DocTestFinder().find(module, name) if t.examples]


@pytest.mark.parametrize("name", ["ecpat_data", *MODULES])
def test_docstring_examples_give_what_they_show(name: str) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in _examples(name):
        runner.run(test)
    assert runner.failures == 0, f"{runner.failures} docstring example(s) in {name} failed"


def test_the_package_has_docstring_examples_to_run() -> None:
    assert sum(len(_examples(name)) for name in ["ecpat_data", *MODULES]) >= 6
