"""Hatchling build hook: validate ``data/``, then put ``ecpat_data/data/MANIFEST.json`` into the wheel.

First it runs ``ecpat-data validate data`` with the package from ``src/``: a wheel is never built
from data that does not validate, and the build fails showing every problem. The manifest then
records the sha256 and size of every file under ``data/`` (as the wheel ships it, at
``ecpat_data/data/``), the package version, the data edition and ``"validated": true``, so that

- ``ecpat-data info --verify`` can tell whether installed files were altered or lost, and
- the loader can build records from files that still match without validating them again.

It is written to a temporary directory and added with ``force_include``: the source tree is never
touched. Editable installs read ``data/`` from the checkout and get no manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MANIFEST_NAME = "MANIFEST.json"
MANIFEST_TARGET = f"ecpat_data/data/{MANIFEST_NAME}"
FORMAT_VERSION = 1


def build_manifest(data_dir: Path, version: str) -> dict[str, Any]:
    """The manifest of ``data_dir``: every regular file, by ``/``-separated relative path."""
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(data_dir).as_posix()
        if relative == MANIFEST_NAME:
            continue
        content = path.read_bytes()
        files[relative] = {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
    return {
        "manifest_version": FORMAT_VERSION,
        "package": "ecpat-data",
        "version": version,
        "data_edition": _edition(data_dir),
        "algorithm": "sha256",
        "validated": True,
        "files": files,
    }


class InvalidDataError(Exception):
    """``data/`` does not pass ``ecpat-data validate``; no wheel is built from it."""


def validate_data(root: Path) -> None:
    """Run ``ecpat-data validate data`` with the package in ``root/src``; raise if it fails."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(root / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    done = subprocess.run(
        [sys.executable, "-m", "ecpat_data", "validate", str(root / "data")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise InvalidDataError(
            "ecpat-data validate data failed, so no wheel is built:\n" + done.stdout + done.stderr
        )


def _edition(data_dir: Path) -> str | None:
    """The ``current_to`` the top-level data files share, or None if they do not agree."""
    editions = set()
    for path in data_dir.glob("*.json"):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(document, dict) and isinstance(document.get("current_to"), str):
            editions.add(document["current_to"])
    return editions.pop() if len(editions) == 1 else None


class ManifestHook(BuildHookInterface):  # type: ignore[type-arg]
    """Writes the data manifest into wheels (not editable installs, not sdists)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        validate_data(Path(self.root))
        manifest = build_manifest(Path(self.root) / "data", self.metadata.version)
        self._temp = tempfile.mkdtemp(prefix="ecpat-data-manifest-")
        path = Path(self._temp) / MANIFEST_NAME
        path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        build_data["force_include"][str(path)] = MANIFEST_TARGET

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        temp = getattr(self, "_temp", None)
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
