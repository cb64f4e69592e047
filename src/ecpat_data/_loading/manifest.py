"""The build manifest: what the wheel's build recorded about the data files it ships.

The build hook (``hatch_build.py``) validates ``data/`` and then puts
``ecpat_data/data/MANIFEST.json`` into every wheel: the sha256 and size of each data file, the
package version, the data edition and ``"validated": true``. ``ecpat-data info --verify`` checks
the installed files against it (``_verify``), and the loader builds records from files that still
match it without validating them again (``_loading``). This module stays small: the loader
imports it on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from pydantic_core import from_json

if TYPE_CHECKING:
    from collections.abc import Mapping

    from importlib_resources.abc import Traversable

__all__ = ["MANIFEST_NAME", "validated_digests"]

MANIFEST_NAME: Final = "MANIFEST.json"


def validated_digests(data: Traversable, installed_version: str) -> Mapping[str, str]:
    """File name -> sha256 of each file ``ecpat-data validate`` passed when the wheel was built.

    Empty when there is no usable manifest, when it was written for another version, or when it
    does not record that the build validated the data: the loader then validates every file.
    """
    try:
        manifest = from_json(data.joinpath(MANIFEST_NAME).read_bytes())
    except (OSError, ValueError, KeyError):
        return {}
    if (
        not isinstance(manifest, dict)
        or manifest.get("version") != installed_version
        or manifest.get("validated") is not True
        or not isinstance(manifest.get("files"), dict)
    ):
        return {}
    return {
        name: entry["sha256"]
        for name, entry in manifest["files"].items()
        if isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
    }
