"""Writing output files safely: atomically, and never through a link that is already there.

A file is written to a fresh temporary file beside it and renamed into place (``os.replace``):
a reader sees the old file or the new one, a full disk or an interruption leaves the old file
intact and no temporary file behind. A symbolic link already at the target is replaced by the
new file, never written through (its target is left alone). A directory of files is written
into a fresh temporary directory first, then renamed into place (or, when the directory
exists, each file renamed into it).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["write_directory", "write_file"]


def _target(path: str | os.PathLike[str], what: str) -> Path:
    if isinstance(path, (str, os.PathLike)) and os.fspath(path) == "":
        raise ValueError(f"the {what} is an empty string; name a {what}")
    return Path(path)


def _write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to a file that must not exist yet (mode 0666 less the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags, 0o666)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def write_file(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace the file at ``path`` by ``data`` atomically; return the path.

    Raises ``ValueError`` for an empty path, ``IsADirectoryError`` when ``path`` is a
    directory, and ``OSError`` when the directory cannot be written (the old file is intact).
    """
    target = _target(path, "file")
    if target.is_dir() and not target.is_symlink():
        raise IsADirectoryError(21, "is a directory", str(target))
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        _write_new(temporary, data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return target


def write_directory(directory: str | os.PathLike[str], files: Mapping[str, bytes]) -> Path:
    """Write ``files`` (name -> bytes) into ``directory``; return the directory.

    A missing directory is built as a fresh temporary directory beside it and renamed into
    place. In an existing directory the files are written into a fresh temporary directory
    inside it and each renamed over the file of its name; other files are left alone. A link
    at ``directory`` itself is refused (``NotADirectoryError``): the files would land
    wherever it points.
    """
    target = _target(directory, "directory")
    if target.is_symlink():
        raise NotADirectoryError(20, "is a symbolic link; give the real directory", str(target))
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(20, "not a directory", str(target))
    exists = target.is_dir()
    if not exists:
        target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(dir=target if exists else target.parent, prefix=f".{target.name}.")
    )
    try:
        for name, data in files.items():
            _write_new(staging / name, data)
        if exists:
            for name in files:
                os.replace(staging / name, target / name)
            staging.rmdir()
        else:
            staging.chmod(0o777 & ~_umask())
            os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _umask() -> int:
    """The process umask, read without changing it (where /proc says it), else 0o022."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022
