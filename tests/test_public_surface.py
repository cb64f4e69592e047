"""A snapshot of every public name and signature: a change to the public surface is deliberate.

The public surface is ``ecpat_data.__all__``, ``ecpat_data.models.__all__`` and
``ecpat_data.types.__all__``. When this test fails, the change is either a mistake, or it is
meant: then regenerate the snapshot and record the change in CHANGELOG.md::

    python tests/test_public_surface.py > tests/public_surface.txt
"""

from __future__ import annotations

import inspect
from importlib import import_module
from pathlib import Path
from typing import Annotated, get_args, get_origin

from pydantic import BaseModel

SNAPSHOT = Path(__file__).with_name("public_surface.txt")
MODULES = ("ecpat_data", "ecpat_data.models", "ecpat_data.types")


def _describe(value: object) -> str:
    if inspect.isclass(value) and issubclass(value, BaseModel):
        fields = ", ".join(
            f"{f.alias or name}{'' if f.is_required() else '?'}"
            for name, f in value.model_fields.items()
        )
        extras = sorted(
            name
            for name, member in vars(value).items()
            if not name.startswith("_") and isinstance(member, property | classmethod)
        )
        return f"model({fields})" + (f" +{', '.join(extras)}" if extras else "")
    if inspect.isclass(value):
        methods = sorted(
            name
            for name, member in vars(value).items()
            if (not name.startswith("_") and callable(getattr(value, name, None)))
            or isinstance(member, property)
        )
        bases = ", ".join(b.__name__ for b in value.__bases__)
        return f"class({bases}) {', '.join(methods)}".rstrip()
    if callable(value) and not hasattr(value, "__origin__"):
        try:
            return f"def{inspect.signature(value)}"
        except (TypeError, ValueError):
            return "callable"
    if isinstance(value, str):
        return "str"
    if get_origin(value) is Annotated:
        base = get_args(value)[0]
        return f"annotated {getattr(base, '__name__', base)!s}"
    return f"alias {value!r}"


def surface() -> str:
    """One line per public name: ``module.name: description``."""
    lines = []
    for module_name in MODULES:
        module = import_module(module_name)
        for name in sorted(module.__all__):
            if name in ("__version__", "DATA_EDITION"):
                lines.append(f"{module_name}.{name}: str")
                continue
            lines.append(f"{module_name}.{name}: {_describe(getattr(module, name))}")
    return "\n".join(lines) + "\n"


def test_the_public_surface_matches_its_snapshot() -> None:
    assert surface() == SNAPSHOT.read_text(encoding="utf-8"), (
        "the public surface changed: if meant, regenerate tests/public_surface.txt "
        "(see this module's docstring) and say so in CHANGELOG.md"
    )


if __name__ == "__main__":
    print(surface(), end="")
