"""The rooms of the package and the one direction their imports may point (docs/architecture.md).

Every import inside ``src/ecpat_data`` (at module level or inside a function) is read from the
source with ``ast``; a room may import only itself and the rooms below it, never the package root.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ecpat_data

PACKAGE = Path(ecpat_data.__file__).parent

#: Rooms from the floor up; each may import the rooms listed before it, and itself.
ORDER = (
    "_version",
    "_core",
    "models",
    "_validation",
    "_loading",
    "_reports",
    "_export",
    "_api",
    "types",
    "_cli",
)
#: ``_core`` is the floor, with one exception: the dataset descriptor names the models.
FLOOR_EXCEPTIONS = {("_core/datasets.py", "models")}

MODULES = sorted(
    p
    for p in PACKAGE.rglob("*.py")
    if p.parent != PACKAGE or p.name not in ("__init__.py", "__main__.py")
)


def _room(module: str) -> str:
    return module.split(".", 1)[0]


def _room_of(path: Path) -> str:
    return _room(path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", "."))


def _imports(source: str, package: tuple[str, ...]) -> list[str]:
    """Modules (relative to ``ecpat_data``; ``""`` for the root) that ``source`` imports, for a
    module inside the subpackage ``package`` (``()`` for the top level)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = [*base, *(node.module.split(".") if node.module else [])]
            if not target:
                found.append("")  # `from .. import x` reaching the package root
            elif node.module is None:
                found += [".".join([*target, alias.name]) for alias in node.names]
            else:
                found.append(".".join(target))
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] == "ecpat_data":
                found.append(node.module.removeprefix("ecpat_data").lstrip("."))
        elif isinstance(node, ast.Import):
            found += [
                a.name.removeprefix("ecpat_data").lstrip(".")
                for a in node.names
                if a.name.split(".")[0] == "ecpat_data"
            ]
    return found


def _imports_of(path: Path) -> list[str]:
    return _imports(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).parts[:-1])


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_point_only_down_and_never_to_the_package_root(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    room = _room_of(path)
    for target in _imports_of(path):
        assert target, f"{relative} imports the package root"
        if (relative, _room(target)) in FLOOR_EXCEPTIONS:
            continue
        assert ORDER.index(_room(target)) <= ORDER.index(room), f"{relative} imports {target}"


def test_every_module_belongs_to_a_room() -> None:
    assert {_room_of(p) for p in MODULES} <= set(ORDER)


def test_the_import_reader_resolves_relative_imports() -> None:
    imports = _imports("from ..models import Member\nfrom .reader import load\n", ("_loading",))
    assert imports == ["models", "_loading.reader"]


def test_the_import_reader_sees_an_import_of_the_package_root() -> None:
    assert _imports("from .. import __version__\n", ("_core",)) == [""]
    assert _imports("import ecpat_data\n", ("_core",)) == [""]
