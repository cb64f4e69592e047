"""Checking the installed data files against the manifest written when the wheel was built.

``ecpat-data info --verify`` compares the installed files with ``MANIFEST.json`` (see
``_loading.manifest``); the command (``_cli.commands.info``) prints the result.

Exit statuses of ``ecpat-data info --verify``:

- ``0``: every file in the manifest is present with the recorded sha256 and size;
- ``1``: a file was altered or is missing, the manifest itself is missing or unreadable in an
  installed package, or it was written for another version of the package;
- ``2``: there is nothing to verify against: ecpat-data runs from a source checkout or an
  editable install, which read ``data/`` from the working tree and have no manifest
  (``ecpat-data validate`` checks that data instead).

Files in the data directory that the manifest does not list are reported as ``extra`` but do not
fail the check: ecpat-data reads only files the manifest lists.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .._loading.manifest import MANIFEST_NAME

if TYPE_CHECKING:
    from collections.abc import Iterator

    from importlib_resources.abc import Traversable

__all__ = [
    "FileCheck",
    "Verification",
    "as_dict",
    "render",
    "verify",
]

Status = Literal["ok", "altered", "missing", "extra"]


@dataclass(frozen=True)
class FileCheck:
    """The outcome for one file: ``ok``, ``altered``, ``missing`` or ``extra``."""

    name: str
    status: Status
    expected_sha256: str | None = None
    expected_size: int | None = None
    found_sha256: str | None = None
    found_size: int | None = None


@dataclass(frozen=True)
class Verification:
    """Installed files compared with the build manifest; ``ok`` when nothing failed."""

    location: str
    version: str | None
    data_edition: str | None
    files: tuple[FileCheck, ...]
    problems: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[FileCheck, ...]:
        """Files altered or missing."""
        return tuple(f for f in self.files if f.status in ("altered", "missing"))

    @property
    def ok(self) -> bool:
        """True when every listed file matches and the manifest is usable."""
        return not self.failed and not self.problems


def verify(data: Traversable, installed_version: str) -> Verification:
    """Compare the files in ``data`` with ``data/MANIFEST.json``."""
    location = str(data)
    manifest_file = data.joinpath(MANIFEST_NAME)
    if not manifest_file.is_file():
        return Verification(
            location,
            None,
            None,
            (FileCheck(MANIFEST_NAME, "missing"),),
            (f"{MANIFEST_NAME} is missing, so the installed files cannot be checked",),
        )
    try:
        manifest = json.loads(manifest_file.read_bytes().decode("utf-8"))
        listed: dict[str, Any] = manifest["files"]
        version = manifest.get("version")
        edition = manifest.get("data_edition")
        if not isinstance(listed, dict):
            raise TypeError("files is not an object")
    except (ValueError, KeyError, TypeError) as problem:
        return Verification(
            location, None, None, (), (f"{MANIFEST_NAME} is unreadable ({problem})",)
        )
    problems: list[str] = []
    if version != installed_version:
        problems.append(
            f"{MANIFEST_NAME} was written for ecpat-data {version}, but the installed package "
            f"is {installed_version}"
        )
    checks = [_check(data, name, entry) for name, entry in sorted(listed.items())]
    checks += [
        FileCheck(name, "extra")
        for name in sorted(set(_walk(data, "")) - set(listed) - {MANIFEST_NAME})
    ]
    return Verification(location, version, edition, tuple(checks), tuple(problems))


def _check(data: Traversable, name: str, entry: Any) -> FileCheck:
    expected_sha = entry.get("sha256") if isinstance(entry, dict) else None
    expected_size = entry.get("size") if isinstance(entry, dict) else None
    target = data
    for part in name.split("/"):
        target = target.joinpath(part)
    if not target.is_file():
        return FileCheck(name, "missing", expected_sha, expected_size)
    content = target.read_bytes()
    found = hashlib.sha256(content).hexdigest()
    status: Status = "ok" if found == expected_sha and len(content) == expected_size else "altered"
    return FileCheck(name, status, expected_sha, expected_size, found, len(content))


def _walk(directory: Traversable, prefix: str) -> Iterator[str]:
    for child in directory.iterdir():
        if child.is_dir():
            yield from _walk(child, f"{prefix}{child.name}/")
        elif child.is_file():
            yield prefix + child.name


def render(result: Verification, installed_version: str) -> str:
    """The verification as text: one line per file, then the verdict."""
    lines = [
        f"verifying {result.location} against {MANIFEST_NAME}"
        + (
            f" (ecpat-data {result.version}, data edition {result.data_edition})"
            if result.version
            else ""
        )
    ]
    width = max((len(f.name) for f in result.files), default=0)
    for check in result.files:
        name = f"{check.name:<{width}}"
        if check.status == "ok":
            lines.append(f"ok       {name}  sha256:{check.found_sha256}")
        elif check.status == "altered":
            lines.append(
                f"ALTERED  {name}  expected sha256:{check.expected_sha256} "
                f"({check.expected_size} bytes), found sha256:{check.found_sha256} "
                f"({check.found_size} bytes)"
            )
        elif check.status == "missing":
            lines.append(f"MISSING  {check.name}")
        else:
            lines.append(
                f"extra    {check.name}  (not in the manifest; ecpat-data does not read it)"
            )
    lines += [f"PROBLEM  {problem}" for problem in result.problems]
    listed = [f for f in result.files if f.status != "extra"]
    if result.ok:
        lines.append(f"verified: all {len(listed)} file(s) match the build manifest")
    else:
        altered = sum(f.status == "altered" for f in result.files)
        missing = sum(f.status == "missing" for f in result.files)
        lines.append(
            f"FAILED: {altered} altered, {missing} missing of {len(listed)} file(s)"
            + (f", {len(result.problems)} other problem(s)" if result.problems else "")
            + f"; reinstall: pip install --force-reinstall ecpat-data=={installed_version}"
        )
    return "\n".join(lines) + "\n"


def as_dict(result: Verification) -> dict[str, Any]:
    return {
        "ok": result.ok,
        "location": result.location,
        "version": result.version,
        "data_edition": result.data_edition,
        "files": [
            {
                "name": f.name,
                "status": f.status,
                "expected_sha256": f.expected_sha256,
                "expected_size": f.expected_size,
                "found_sha256": f.found_sha256,
                "found_size": f.found_size,
            }
            for f in result.files
        ],
        "problems": list(result.problems),
    }
