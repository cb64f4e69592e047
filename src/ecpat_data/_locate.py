"""Turn JSON pointers into line and column numbers by a targeted scan of the text.

Used only once a problem is known, so valid input pays nothing for it. Like tomli's
``TOMLDecodeError``, positions are computed from a character offset into the document.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Locator", "line_col", "pointer"]

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_LITERAL = re.compile(r"[^\s,\]}:]+")
_STRUCT = re.compile(r'["\[\]{}]')


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def pointer(path: Sequence[str | int]) -> str:
    """A JSON pointer (RFC 6901) for a path of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


class Locator:
    """Finds where values, keys and duplicate keys sit in one JSON text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _ws(self, i: int) -> int:
        match = _WS.match(self.text, i)
        return match.end() if match else i

    def _skip(self, i: int) -> int:
        """Offset just past the value starting at ``i``."""
        text = self.text
        if i >= len(text):
            return i
        char = text[i]
        if char == '"':
            match = _STRING.match(text, i)
            return match.end() if match else len(text)
        if char in "[{":
            depth = 0
            j = i
            while True:
                match = _STRUCT.search(text, j)
                if match is None:
                    return len(text)
                j = match.start()
                found = text[j]
                if found == '"':
                    string = _STRING.match(text, j)
                    j = string.end() if string else len(text)
                    continue
                depth += 1 if found in "[{" else -1
                j += 1
                if depth == 0:
                    return j
        match = _LITERAL.match(text, i)
        return match.end() if match and match.end() > i else i + 1

    def _key(self, i: int) -> tuple[str | None, int]:
        match = _STRING.match(self.text, i)
        if match is None:
            return None, i
        try:
            return json.loads(match.group()), match.end()
        except ValueError:
            return None, match.end()

    def _children(self, i: int) -> list[tuple[str | int, int, int]]:
        """(key or index, key offset, value offset) for each member of the container at ``i``."""
        text = self.text
        out: list[tuple[str | int, int, int]] = []
        if i >= len(text) or text[i] not in "[{":
            return out
        is_object = text[i] == "{"
        j = self._ws(i + 1)
        index = 0
        while j < len(text) and text[j] not in "]}":
            key_at = j
            key: str | int = index
            if is_object:
                name, j = self._key(j)
                if name is None:
                    break
                key = name
                j = self._ws(j)
                if j < len(text) and text[j] == ":":
                    j = self._ws(j + 1)
            out.append((key, key_at, j))
            j = self._ws(self._skip(j))
            index += 1
            if j < len(text) and text[j] == ",":
                j = self._ws(j + 1)
            else:
                break
        return out

    def find(self, path: Sequence[str | int], *, key: bool = False) -> int:
        """Offset of the value at ``path`` (of its key if ``key``); as deep as the path exists."""
        at = self._ws(0)
        key_at = at
        for step in path:
            for name, name_at, value_at in self._children(at):
                if name == step:
                    at, key_at = value_at, name_at
                    break
            else:
                return at
        return key_at if key else at

    def duplicate_keys(self) -> list[tuple[str, int]]:
        """(pointer, key offset) of every repeated key after its first occurrence."""
        found: list[tuple[str, int]] = []
        stack: list[tuple[int, tuple[str | int, ...]]] = [(self._ws(0), ())]
        while stack:
            at, path = stack.pop()
            if len(path) > 200:
                continue
            seen: set[str] = set()
            is_object = self.text.startswith("{", at)
            for name, name_at, value_at in self._children(at):
                if is_object and isinstance(name, str):
                    if name in seen:
                        found.append((pointer((*path, name)), name_at))
                    seen.add(name)
                if self.text.startswith(("{", "["), value_at):
                    stack.append((value_at, (*path, name)))
        return sorted(found, key=lambda item: item[1])
