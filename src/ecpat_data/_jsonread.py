"""Strict JSON reading: the faults ordinary parsers let through become located errors."""

from __future__ import annotations

import json
import math
from typing import Any, Final

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Bad", "JsonFault", "decode", "parse"]

#: Largest data file accepted (bytes). The bundled files are well under 1 MiB; a 100,000-member
#: file is about 40 MiB.
MAX_BYTES: Final = 256 * 1024 * 1024
#: Deepest nesting of arrays and objects accepted; the data files need 6.
MAX_DEPTH: Final = 64


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
            f"arrays and objects are nested too deeply to read (more than {MAX_DEPTH} levels here)",
            _too_deep(text),
        ) from None
    return value, hooks.duplicates, hooks.bad


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
