"""Paths given to ``validate`` and ``fmt``: the one check that they name data at all.

Both commands accept data directories and data files, and refuse the same things the same way
(a usage problem, exit status 2): a path that does not exist or cannot be examined, a file whose
name is not a data file name, and a directory holding no data file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .._core.datasets import FILE_NAMES

__all__ = ["argument_problem", "dataset_entries"]


def dataset_entries(directory: Path) -> list[Path]:
    """The data files a directory holds, as directory entries: a link to nothing, a link loop,
    a named pipe or a directory of a data file's name counts too (reading it then fails, as in
    ``validate DIR``), so that nothing is skipped silently."""
    return [directory / file for file in FILE_NAMES if os.path.lexists(directory / file)]


def argument_problem(raw: str | os.PathLike[str]) -> str | None:
    """Why ``raw`` names no data (a one-line usage problem), or None when it may be checked."""
    path = Path(raw)
    try:
        info = path.stat()
    except FileNotFoundError:
        if os.path.lexists(path):
            return f"{path}: a symbolic link to {os.readlink(path)!r}, which does not exist"
        return f"{path}: no such file or directory"
    except OSError as error:  # a directory above it cannot be entered, a link loop, ...
        return f"{path}: {error.strerror or error}"
    if stat.S_ISDIR(info.st_mode):
        if not dataset_entries(path):
            return f"{path}: directory holds no data file ({', '.join(FILE_NAMES)})"
        return None
    if path.name not in FILE_NAMES:
        return f"{path}: not a data file name; expected one of {', '.join(FILE_NAMES)}"
    return None
