"""Field types for text, ids and web addresses, with the rules every data file follows."""

from __future__ import annotations

import re
from typing import Annotated, Final
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from .fileformat import check_schema_version

__all__ = [
    "CHECKS",
    "FORMULA_STARTS",
    "SLUG_PATTERN",
    "Name",
    "Slug",
    "Text",
    "WebUrl",
    "check_name",
    "check_text",
    "is_noncharacter",
]

SLUG_PATTERN: Final = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# C0 and C1 controls, DEL, and the Unicode bidirectional embedding/override/isolate marks.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Categories of characters text may not hold besides those: format characters (zero-width
#: spaces and joiners, marks, the byte-order mark, tag characters), private use, surrogates,
#: and line and paragraph separators.
_INVISIBLE_CATEGORIES: Final = frozenset({"Cf", "Co", "Cs", "Zl", "Zp"})
#: The first characters that turn a CSV cell into a formula in a spreadsheet.
FORMULA_STARTS: Final = ("=", "+", "-", "@")


def is_noncharacter(char: str) -> bool:
    """True for the 66 Unicode noncharacters (U+FDD0-U+FDEF, and U+xFFFE, U+xFFFF)."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _invisible(value: str) -> int | None:
    """Offset of the first format, private-use, surrogate, separator or noncharacter, if any."""
    if value.isprintable():  # the common case: none of them is printable
        return None
    import unicodedata  # here, not at the top: see _is_nfc

    for offset, char in enumerate(value):
        if not char.isprintable() and (
            unicodedata.category(char) in _INVISIBLE_CATEGORIES or is_noncharacter(char)
        ):
            return offset
    return None


def check_text(value: str) -> str:
    """Reject text a reader could be misled by: controls, bidi overrides, invisible and
    private-use characters, noncharacters, stray spaces, non-NFC."""
    bad = _FORBIDDEN.search(value)
    offset = bad.start() if bad is not None else _invisible(value)
    if offset is not None:
        raise PydanticCustomError(
            "text_control_character",
            "text contains the control, invisible or bidirectional character U+{code} at "
            "offset {offset}",
            {"code": f"{ord(value[offset]):04X}", "offset": offset},
        )
    if value != value.strip():
        raise PydanticCustomError("text_whitespace", "text has leading or trailing whitespace")
    if not value:
        raise PydanticCustomError("text_empty", "text is empty")
    if not value.isascii() and not _is_nfc(value):
        raise PydanticCustomError(
            "text_not_nfc", "text is not in Unicode normal form NFC (run `ecpat-data fmt`)"
        )
    return value


def _is_nfc(value: str) -> bool:
    # Imported on first use, not with this module: loading unicodedata costs about 0.5 ms of
    # the first load, which builds records from validated files and never checks their text.
    # ASCII text is always NFC, so most values never get here.
    import unicodedata

    return unicodedata.is_normalized("NFC", value)


def check_name(value: str) -> str:
    """Reject a name or title a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``)."""
    if value.startswith(FORMULA_STARTS):
        raise PydanticCustomError(
            "text_formula",
            "a name or title may not begin with '{char}': spreadsheets read it as a formula",
            {"char": value[0]},
        )
    return value


#: http or https (lowercase), then a host of plain ASCII characters, then nothing or a path,
#: query or fragment without spaces: the common form, which urllib always accepts.
_PLAIN_URL = re.compile(r"https?://[!$&-.0-9:;=@-Z_a-z~]+(?:[/?#][^ ]*)?\Z")


def _check_url(value: str) -> str:
    """Accept what urllib reads as an http(s) address with a host, without spaces.

    The common form is recognised by one regular expression; anything else (an uppercase
    scheme, a bracketed or non-ASCII host, a mistake) is decided by ``urllib.parse`` as before.
    """
    if _PLAIN_URL.match(value):
        return value
    return _check_url_slowly(value)


def _check_url_slowly(value: str) -> str:
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
CHECKS: Final = frozenset({check_text, check_name, _check_url, check_schema_version})

#: Human-readable text: non-empty, NFC, no controls, bidi overrides, invisible or private-use
#: characters or noncharacters, no outer whitespace.
Text = Annotated[str, AfterValidator(check_text)]

#: A name or title: :data:`Text` that does not begin with ``=``, ``+``, ``-`` or ``@`` (which a
#: spreadsheet opening the CSV export would run as a formula).
Name = Annotated[str, AfterValidator(check_text), AfterValidator(check_name)]

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
