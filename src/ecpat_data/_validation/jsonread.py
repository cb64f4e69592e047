"""Strict JSON reading: the faults ordinary parsers let through become located errors."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "Bad",
    "Issue",
    "JsonFault",
    "decode",
    "fix_surrogates",
    "key_bound",
    "kind_of",
    "parse",
    "scrub",
]

#: Largest data file accepted (bytes): 256 MiB. The bundled files are well under 1 MiB; a
#: synthetic 100,000-member file is about 70 MB. (Not ``Final``: tests lower it.)
MAX_BYTES = 256 * 1024 * 1024
#: Deepest nesting of arrays and objects accepted (the top-level object is level 1); the data
#: files need 6.
MAX_DEPTH = 64

_SURROGATE = re.compile("[\ud800-\udfff]")
#: A quote, whitespace, a colon: how a key written with space before its colon ends.
_SPACED_COLON = re.compile(rb'"[ \t\n\r]+:')
#: A colon after whitespace (found faster than the above: the search starts at colons only).
_COLON_AFTER_SPACE = re.compile(rb":(?<=[ \t\n\r]:)")


class JsonFault(Exception):
    """The text is not acceptable JSON. ``pos`` is a character offset, or None."""

    def __init__(self, code: str, message: str, pos: int | None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.pos = pos


class Bad:
    """Stands in the parsed document for a value JSON cannot carry (NaN, 1e400, ...)."""

    __slots__ = ("code", "message")

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message


class _Hooks:
    """Per-parse hooks: count repeated keys, replace unrepresentable numbers by `Bad`."""

    def __init__(self) -> None:
        self.duplicates = 0
        self.bad = 0

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.duplicates += len(pairs) - len(result)
        return result

    def constant(self, name: str) -> Bad:
        self.bad += 1
        return Bad("json-nan", f"{name} is not valid JSON (JSON has no NaN or Infinity)")

    def float(self, text: str) -> float | Bad:
        value = float(text)
        if math.isinf(value):
            self.bad += 1
            return Bad("number-out-of-range", f"number {text} is too large to represent")
        return value

    def int(self, text: str) -> int | Bad:
        if len(text.lstrip("-")) > 100:
            self.bad += 1
            return Bad("number-out-of-range", f"integer of {len(text)} digits is too large")
        return int(text)


def decode(data: bytes) -> str:
    """Decode UTF-8 (a leading byte-order mark is refused), or raise :class:`JsonFault`."""
    if len(data) > MAX_BYTES:
        raise JsonFault(
            "file-too-large",
            f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes",
            None,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8")
        raise JsonFault(
            "invalid-utf8",
            f"file is not valid UTF-8 (byte 0x{data[error.start]:02X} at byte offset "
            f"{error.start})",
            len(good),
        ) from None
    if text.startswith("\ufeff"):
        raise JsonFault(
            "utf8-bom", "file starts with a byte-order mark; save as UTF-8 without BOM", 0
        )
    if not text.strip():
        raise JsonFault("empty-file", "file is empty; expected a JSON object", 0)
    return text


def key_bound(data: bytes) -> int:
    """At least as many as the object keys in ``data``, if ``data`` is JSON text.

    Each key is a string followed by optional whitespace and a colon, so it ends in a quote
    that is followed by whitespace and a colon, and no two keys end at the same quote; the
    quotes so followed are counted. A string may hold more (``"a\\": b"``, or one starting
    with ``:``), never fewer, so the count is exact for text without such strings. In UTF-8 no
    byte of a multi-byte character is a quote, colon or whitespace, so bytes and characters
    count the same. Keys written with space before the colon are rare: they are looked for
    only where some colon follows whitespace.
    """
    spaced = 0
    if _COLON_AFTER_SPACE.search(data) is not None:
        spaced = len(_SPACED_COLON.findall(data))
    return data.count(b'":') + spaced


def parse(text: str) -> tuple[Any, int, int]:
    """Parse JSON text; return (value, repeated keys, unrepresentable values).

    Repeated keys keep the last value (as every JSON reader does) and are counted so the caller
    can report them; NaN, Infinity and out-of-range numbers become :class:`Bad` markers.
    Syntax errors and runaway nesting raise :class:`JsonFault`.
    """
    hooks = _Hooks()
    try:
        value = json.loads(
            text,
            object_pairs_hook=hooks.pairs,
            parse_constant=hooks.constant,
            parse_float=hooks.float,
            parse_int=hooks.int,
        )
    except json.JSONDecodeError as error:
        raise JsonFault("json-syntax", f"invalid JSON: {error.msg}", error.pos) from None
    except RecursionError:
        raise JsonFault(
            "too-deep",
            _DEEP_MESSAGE.format(MAX_DEPTH),
            _too_deep(text),
        ) from None
    return value, hooks.duplicates, hooks.bad


_DEEP_MESSAGE = (
    "arrays and objects are nested more than {} levels deep here; data files need at most 6"
)


@dataclass(frozen=True)
class Issue:
    """A value (or, with ``key``, an object key) the models cannot be given, with its path."""

    path: tuple[str | int, ...]
    code: str
    message: str
    key: bool = False


def scrub(value: Any) -> tuple[Any, list[Issue]]:
    """A copy of a parsed document that pydantic's JSON reader accepts, and why it differs.

    :class:`Bad` markers become ``null``; strings and keys holding unpaired UTF-16 surrogates
    (``"\\ud800"``: Python's reader accepts them, pydantic's does not) get U+FFFD instead;
    arrays and objects nested more than :data:`MAX_DEPTH` levels deep become ``null``. Each
    change is returned as an :class:`Issue`. Recursion is bounded by ``MAX_DEPTH``.
    """
    issues: list[Issue] = []
    return _scrub(value, (), 1, issues), issues


def _scrub(value: Any, path: tuple[str | int, ...], level: int, issues: list[Issue]) -> Any:
    if isinstance(value, str):
        if _SURROGATE.search(value) is None:
            return value
        issues.append(Issue(path, "invalid-unicode", _surrogate_message(value, "string")))
        return fix_surrogates(value)
    if isinstance(value, Bad):
        issues.append(Issue(path, value.code, value.message))
        return None
    if isinstance(value, (dict, list)) and level > MAX_DEPTH:
        issues.append(Issue(path, "too-deep", _DEEP_MESSAGE.format(MAX_DEPTH)))
        return None
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = key
            if _SURROGATE.search(key) is not None:
                issues.append(
                    Issue((*path, key), "invalid-unicode", _surrogate_message(key, "key"), True)
                )
                name = fix_surrogates(key)
            out[name] = _scrub(item, (*path, key), level + 1, issues)
        return out
    if isinstance(value, list):
        return [_scrub(item, (*path, i), level + 1, issues) for i, item in enumerate(value)]
    return value


def fix_surrogates(text: str) -> str:
    """``text`` with each unpaired surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _surrogate_message(text: str, what: str) -> str:
    match = _SURROGATE.search(text)
    assert match is not None
    return (
        f"{what} contains \\u{ord(match.group()):04x}, half of a UTF-16 surrogate pair with "
        "no other half: it is not a Unicode character"
    )


def _too_deep(text: str) -> int | None:
    """Offset of the first bracket nested deeper than MAX_DEPTH, outside strings."""
    depth = 0
    in_string = False
    escaped = False
    for offset, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return offset
        elif char in "]}":
            depth -= 1
    return None


def kind_of(value: Any) -> str:
    """How a JSON value is named in messages: 'null', 'a string', 'an array', ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"a number ({value})" if len(str(value)) <= 20 else "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a value JSON cannot carry"
