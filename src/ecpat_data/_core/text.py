"""Field types for text, ids and web addresses, with the rules every data file follows."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Final
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from .fileformat import check_schema_version

__all__ = ["CHECKS", "SLUG_PATTERN", "Slug", "Text", "WebUrl", "check_text"]

SLUG_PATTERN: Final = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# C0 and C1 controls, DEL, and the Unicode bidirectional embedding/override/isolate marks.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_text(value: str) -> str:
    """Reject text a reader could be misled by: controls, bidi overrides, stray spaces, non-NFC."""
    bad = _FORBIDDEN.search(value)
    if bad is not None:
        raise PydanticCustomError(
            "text_control_character",
            "text contains the control or bidirectional character U+{code} at offset {offset}",
            {"code": f"{ord(bad.group()):04X}", "offset": bad.start()},
        )
    if value != value.strip():
        raise PydanticCustomError("text_whitespace", "text has leading or trailing whitespace")
    if not value:
        raise PydanticCustomError("text_empty", "text is empty")
    if not unicodedata.is_normalized("NFC", value):
        raise PydanticCustomError(
            "text_not_nfc", "text is not in Unicode normal form NFC (run `ecpat-data fmt`)"
        )
    return value


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise PydanticCustomError(
            "url_scheme",
            "'{value}' is not an http:// or https:// address",
            {"value": value},
        )
    return value


#: Validators that only check a value and return it unchanged: the loader's fast path, which
#: builds records from data validated at build time, may skip them (``_loading.construct``).
#: A validator that changes values must not be listed here.
CHECKS: Final = frozenset({check_text, _check_url, check_schema_version})

#: Human-readable text: non-empty, NFC, no controls or bidi overrides, no outer whitespace.
Text = Annotated[str, AfterValidator(check_text)]

#: A stable lowercase identifier such as ``ecpat-uk``.
Slug = Annotated[
    str,
    Field(pattern=SLUG_PATTERN, max_length=80, json_schema_extra={"examples": ["ecpat-uk"]}),
]

#: An absolute http or https address, kept exactly as written.
WebUrl = Annotated[
    str,
    AfterValidator(check_text),
    AfterValidator(_check_url),
    Field(json_schema_extra={"format": "uri", "pattern": "^https?://[^\\s]+$"}),
]
