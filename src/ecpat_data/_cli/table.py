"""Plain-text tables for a terminal: aligned columns, long text wrapped to the width.

Standard library only. Widths count what a terminal shows: East Asian wide characters take two
columns, combining marks none.
"""

from __future__ import annotations

import re
import shutil
import textwrap
import unicodedata
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

__all__ = ["DEFAULT_WIDTH", "render", "terminal_width", "text_width"]

#: Width used when the output is not a terminal and ``COLUMNS`` is not set.
DEFAULT_WIDTH: Final = 100
_MIN_WIDTH: Final = 40
_GAP: Final = "  "
_MIN_COLUMN: Final = 8
_WORD_CAP: Final = 20
_PIECE: Final = re.compile(r"[^\s-]*-+|[^\s-]+")


def terminal_width() -> int:
    """Columns of the terminal (``COLUMNS`` wins; 100 when not a terminal), at least 40."""
    return max(_MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def text_width(text: str) -> int:
    """How many terminal columns ``text`` takes."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - text_width(text))


def _split_wide(line: str, width: int) -> list[str]:
    """Cut a line that textwrap thought short enough but is wider on screen."""
    pieces: list[str] = []
    current = ""
    for char in line:
        if current and text_width(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    pieces.append(current)
    return pieces


def _wrap(cell: str, width: int) -> list[str]:
    """A cell's lines at ``width``: each paragraph (a line of ``cell``) wrapped on its own."""
    lines: list[str] = []
    for paragraph in cell.split("\n"):
        wrapped = textwrap.wrap(paragraph, width=width, break_long_words=True) or [""]
        for line in wrapped:
            lines.extend(_split_wide(line, width) if text_width(line) > width else [line])
    return lines


def _natural(cell: str) -> int:
    return max((text_width(line) for line in cell.split("\n")), default=0)


def _longest_word(cell: str) -> int:
    """Width of the longest piece textwrap keeps whole (words, split after hyphens)."""
    return max((text_width(piece) for piece in _PIECE.findall(cell)), default=0)


def _typical(cells: Sequence[str]) -> int:
    """The width three cells in four fit in."""
    widths = sorted(_natural(cell) for cell in cells)
    return widths[(len(widths) * 3) // 4] if widths else 0


def _widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    keep: Collection[int],
    nowrap: Collection[int] = (),
) -> list[int]:
    """Column widths that fit ``width`` if they can.

    The column that is widest compared with its typical cell gives way first, so a column with
    one long cell wraps that cell rather than take room from the rest. Columns in ``keep``
    (dates, addresses, labels) give way only once the others are down to their longest word.
    Words are cut only when every column is down to its longest word (at most 20 columns).
    Columns in ``nowrap`` (ids) keep their full width.
    """
    columns = range(len(headers))
    natural = [max([text_width(headers[i]), *(_natural(row[i]) for row in rows)]) for i in columns]
    least = [max(text_width(headers[i]), min(natural[i], _MIN_COLUMN)) for i in columns]
    words = [
        max(least[i], min(_WORD_CAP, max((_longest_word(row[i]) for row in rows), default=0)))
        for i in columns
    ]
    typical = [max(least[i], _typical([row[i] for row in rows])) for i in columns]
    for i in nowrap:
        least[i] = words[i] = natural[i]
    widths = list(natural)
    excess = sum(widths) - (width - len(_GAP) * (len(headers) - 1))
    others = [i for i in columns if i not in keep]
    for chosen, floor in ((others, words), (list(columns), words), (list(columns), least)):
        while excess > 0:
            shrinkable = [i for i in chosen if widths[i] > floor[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i] / typical[i])
            widths[widest] -= 1
            excess -= 1
    return widths  # if still too wide, the terminal wraps


def render(
    headers: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    *,
    width: int | None = None,
    keep: Collection[int] = (),
    nowrap: Collection[int] = (),
) -> str:
    """``rows`` as aligned text columns no wider than ``width`` (default: the terminal's).

    ``headers`` (or ``None`` for a table without them) are underlined with dashes. A cell may
    hold several lines (``"\\n"``); each is wrapped on its own. Columns whose indexes are in
    ``keep`` (dates, addresses, labels) give way last; those in ``nowrap`` (ids) never wrap.
    Ends with a newline.
    """
    if width is None:
        width = terminal_width()
    names = list(headers) if headers is not None else [""] * (len(rows[0]) if rows else 0)
    if not names:
        return ""
    widths = _widths(names, rows, width, keep, nowrap)
    lines: list[str] = []
    if headers is not None:
        lines.append(_line(names, widths))
        lines.append(_line(["-" * w for w in widths], widths))
    for row in rows:
        cells = [_wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        for n in range(max(len(c) for c in cells)):
            lines.append(_line([c[n] if n < len(c) else "" for c in cells], widths))
    return "\n".join(lines) + "\n"


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return _GAP.join(_pad(cell, w) for cell, w in zip(cells, widths, strict=True)).rstrip()
