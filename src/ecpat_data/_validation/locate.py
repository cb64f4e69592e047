"""Turn JSON pointers into line and column numbers by a targeted scan of the text.

Used only once a problem is known, so valid input pays nothing for it. Like tomli's
``TOMLDecodeError``, positions are computed from a character offset into the document.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Locator", "line_col", "pointer"]

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_LITERAL = re.compile(r"[^\s,\]}:]+")
_STRUCT = re.compile(r'["\[\]{}]')
_NEWLINE = re.compile("\n")
_SURROGATE = re.compile("[\ud800-\udfff]")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def pointer(path: Sequence[str | int]) -> str:
    """A JSON pointer (RFC 6901) for a path of keys and indexes.

    An unpaired surrogate in a key (which no UTF-8 output can carry) is shown as U+FFFD.
    """
    text = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
    return _SURROGATE.sub("\ufffd", text)


class _Scan:
    """How far one container has been scanned, and the members found so far."""

    __slots__ = ("count", "found", "is_object", "next")

    def __init__(self, is_object: bool, start: int) -> None:
        self.is_object = is_object
        self.next: int | None = start
        self.count = 0
        self.found: dict[str | int, tuple[int, int]] = {}


class Locator:
    """Finds where values, keys and duplicate keys sit in one JSON text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._keys: dict[int, _Scan] = {}
        self._lines: list[int] | None = None
        #: True when no object of the text repeats a key (objects then need not be scanned to
        #: their end to find the last occurrence of a key); the caller knows it from parsing.
        self.unique_keys = False

    def line_col(self, offset: int) -> tuple[int, int]:
        """Like :func:`line_col`, by a binary search of the line starts (found once)."""
        if self._lines is None:
            self._lines = [m.end() for m in _NEWLINE.finditer(self.text)]
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._lines, offset)
        start = self._lines[line - 1] if line else 0
        return line + 1, offset - start + 1

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

    def _scan_children(self, i: int) -> list[tuple[str | int, int, int]]:
        """(key or index, key offset, value offset) for each member of the container at ``i``."""
        out: list[tuple[str | int, int, int]] = []
        if i >= len(self.text) or self.text[i] not in "[{":
            return out
        j: int | None = self._ws(i + 1)
        index = 0
        while j is not None:
            step = self._member(j, self.text[i] == "{", index)
            if step is None:
                break
            key, key_at, value_at, j = step
            out.append((key, key_at, value_at))
            index += 1
        return out

    def _member(
        self, j: int, is_object: bool, index: int
    ) -> tuple[str | int, int, int, int | None] | None:
        """The member starting at ``j``: (key, key offset, value offset, next member or None)."""
        text = self.text
        if j >= len(text) or text[j] in "]}":
            return None
        key_at = j
        key: str | int = index
        if is_object:
            name, j = self._key(j)
            if name is None:
                return None
            key = name
            j = self._ws(j)
            if j < len(text) and text[j] == ":":
                j = self._ws(j + 1)
        value_at = j
        j = self._ws(self._skip(j))
        if j < len(text) and text[j] == ",":
            return key, key_at, value_at, self._ws(j + 1)
        return key, key_at, value_at, None

    def find(self, path: Sequence[str | int], *, key: bool = False) -> int:
        """Offset of the value at ``path`` (of its key if ``key``); as deep as the path exists.

        Where an object repeats a key, the last occurrence is the one found: it is the value
        JSON readers keep, so it is the one any problem is about.
        """
        at = self._ws(0)
        key_at = at
        for step in path:
            is_object = self.text.startswith("{", at)
            wanted: str | int = str(step)
            if not is_object:
                wanted = int(step) if isinstance(step, int) or step.isdigit() else -1
            match = self._lookup(at, wanted)
            if match is None:
                return at
            at, key_at = match
        return key_at if key else at

    def _lookup(self, at: int, wanted: str | int) -> tuple[int, int] | None:
        """(value offset, key offset) of ``wanted`` in the container at ``at``; last one wins.

        The container is scanned only as far as needed: a problem at the start of an array of
        a million items costs a few items, not the million. An object is scanned to its end
        when the text repeats keys somewhere (the last occurrence is the one that counts).
        """
        state = self._keys.get(at)
        if state is None:
            if at >= len(self.text) or self.text[at] not in "[{":
                return None
            state = self._keys[at] = _Scan(self.text[at] == "{", self._ws(at + 1))
        whole = state.is_object and not self.unique_keys
        while state.next is not None and (whole or wanted not in state.found):
            step = self._member(state.next, state.is_object, state.count)
            if step is None:
                state.next = None
                break
            name, name_at, value_at, state.next = step
            state.found[name] = (value_at, name_at)
            state.count += 1
        return state.found.get(wanted)

    def duplicate_keys(self, limit: int | None = None) -> list[tuple[str, int]]:
        """(pointer, key offset) of every repeated key after its first occurrence.

        With ``limit``, the scan stops once that many are found (they are then not
        necessarily the first ones in the text).
        """
        found: list[tuple[str, int]] = []
        stack: list[tuple[int, tuple[str | int, ...]]] = [(self._ws(0), ())]
        while stack and (limit is None or len(found) < limit):
            at, path = stack.pop()
            if len(path) > 200:
                continue
            seen: set[str] = set()
            is_object = self.text.startswith("{", at)
            for name, name_at, value_at in self._scan_children(at):
                if is_object and isinstance(name, str):
                    if name in seen:
                        found.append((pointer((*path, name)), name_at))
                    seen.add(name)
                if self.text.startswith(("{", "["), value_at):
                    stack.append((value_at, (*path, name)))
        return sorted(found, key=lambda item: item[1])
