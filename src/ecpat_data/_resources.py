"""Where the bundled data files are: inside the installed package, or beside a source tree."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

__all__ = ["data_dir", "data_file"]


def data_dir() -> Traversable:
    """The bundled ``data`` directory (works from a wheel, a zip or a source checkout)."""
    from importlib_resources import files

    packaged = files("ecpat_data").joinpath("data")
    if packaged.is_dir():
        return packaged
    # An editable install or a plain source checkout: the repository's data/ directory.
    return Path(__file__).resolve().parents[2] / "data"


def data_file(name: str) -> Traversable:
    """One bundled data file, e.g. ``data_file("members.json")``."""
    return data_dir().joinpath(name)
