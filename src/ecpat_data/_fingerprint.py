"""The data fingerprint: a sha256 over a canonical serialization of all bundled records."""

from __future__ import annotations

import hashlib
import json
from typing import Final

from ._loading import Bundle, bundle

__all__ = ["FINGERPRINT_PREFIX", "canonical_bytes", "file_digests", "fingerprint"]

FINGERPRINT_PREFIX: Final = "sha256:"
_ORDER: Final = ("sources", "organisation", "timeline", "programme_areas", "members")


def canonical_bytes(data: Bundle | None = None) -> bytes:
    """All records as one canonical JSON text: sorted keys, no whitespace, UTF-8.

    Formatting, key order and line endings of the files do not change it; any change of
    content does. The ``$schema`` pointers are left out (they are editor hints, not data).
    """
    data = data or bundle()
    from ._models import DATASETS

    parts = {}
    for name in _ORDER:
        file, model, _ = DATASETS[name]
        document = model.model_validate_json(data.raw[file]).model_dump(
            mode="json", exclude={"schema_uri"}
        )
        parts[name] = document
    return json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(data: Bundle | None = None) -> str:
    """``sha256:<hex>`` of :func:`canonical_bytes`: cite it, and check it with ``require``."""
    return FINGERPRINT_PREFIX + hashlib.sha256(canonical_bytes(data)).hexdigest()


def file_digests(data: Bundle | None = None) -> dict[str, str]:
    """sha256 of each bundled file's bytes, by file name."""
    data = data or bundle()
    return {name: hashlib.sha256(raw).hexdigest() for name, raw in sorted(data.raw.items())}
