"""Close matches for a misspelt word: the one "did you mean" helper of the package."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["closest"]

#: Words longer than this get no suggestion: matching costs the product of the lengths.
_LONGEST = 200


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``candidates`` that look like ``word``, the closest first.

    Case is ignored when comparing (``Ecpat-UK`` is close to ``ecpat-uk``); a candidate equal
    to ``word`` is not a suggestion. Returns ``[]`` when nothing is close enough.
    """
    if not word or len(word) > _LONGEST or n <= 0:
        return []
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        if candidate != word and len(candidate) <= _LONGEST:
            by_folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(word.casefold(), list(by_folded), n=n, cutoff=0.6)
    return [by_folded[match] for match in matches]
