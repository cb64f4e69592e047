"""Finding members by name, ignoring case, accents and punctuation, best match first."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..models import Member

__all__ = ["find_members", "normalize", "rank_members"]

# Letters NFKD does not decompose into a base letter and a combining mark.
_LETTERS: Final = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th", "ß": "ss"}
)
# Dropped without a space, so "People's" is "peoples" and "U.K." is "uk".
_JOINERS: Final = re.compile(r"['’ʼ`´.]")
_WORD: Final = re.compile(r"[^\W_]+")

#: Words so common in member names that sharing only them is not a partial match.
COMMON_WORDS: Final = frozenset(
    [
        "ecpat",
        "and",
        "for",
        "of",
        "the",
        "in",
        "on",
        "to",
        "a",
        "an",
        "de",
        "del",
        "la",
        "las",
        "le",
        "les",
        "los",
        "des",
        "du",
        "et",
        "y",
        "e",
        "en",
        "il",
        "di",
        "da",
        "do",
    ]
)

# Match tiers, best first.
_EXACT, _PREFIX, _ALL_WORDS, _SOME_WORDS = 4, 3, 2, 1


def normalize(text: str) -> str:
    """``text`` folded for matching: no accents, case or punctuation; words single-spaced.

    >>> normalize("Défense des Enfants – ECPAT (Côte d'Ivoire)")
    'defense des enfants ecpat cote divoire'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = bare.casefold().translate(_LETTERS).replace("&", " and ")
    return " ".join(_WORD.findall(_JOINERS.sub("", folded)))


def _score(query: str, words: tuple[str, ...], name: str) -> tuple[int, int]:
    """(tier, words matched) of one name; (0, 0) for no match."""
    if name == query:
        return _EXACT, len(words)
    if name.startswith(query):
        return _PREFIX, len(words)
    tokens = name.split()
    matched = [w for w in words if any(t.startswith(w) for t in tokens)]
    if len(matched) == len(words):
        return _ALL_WORDS, len(words)
    wanted = [w for w in words if w not in COMMON_WORDS]
    found = [w for w in matched if w not in COMMON_WORDS]
    if found and 2 * len(found) > len(wanted):
        return _SOME_WORDS, len(matched)
    return 0, 0


def rank_members(
    query: str, members: Iterable[Member], *, limit: int | None = None
) -> tuple[Member, ...]:
    """The members whose name or other names match ``query``, best match first.

    See :func:`find_members`; this takes the members to search, so any list can be searched.
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be a non-negative number, not {limit}")
    folded = normalize(query)
    if not folded:
        raise ValueError(f"nothing to search for in {query!r}: it has no letters or digits")
    words = tuple(folded.split())
    scored: list[tuple[int, int, str, str, Member]] = []
    for member in members:
        tier, matched = max(_score(folded, words, normalize(n)) for n in _names(member))
        if tier:
            scored.append((-tier, -matched, normalize(member.name), member.id, member))
    scored.sort(key=lambda row: row[:4])
    found = tuple(row[4] for row in scored)
    return found if limit is None else found[:limit]


def _names(member: Member) -> tuple[str, ...]:
    return (member.name, *member.other_names)


def find_members(query: str, *, limit: int | None = None) -> tuple[Member, ...]:
    """Members whose name or any other name matches ``query``, best match first.

    Matching ignores case, accents (``é`` is ``e``) and punctuation (``–``, ``/``, ``.``,
    apostrophes), and reads ``&`` as "and". Matches are ranked:

    1. the whole name equals the query;
    2. the name starts with the query;
    3. every word of the query is in the name (a query word may be the start of a name word:
       ``"defen"`` finds "Defence");
    4. most of the query's distinctive words are in the name: words such as "ECPAT", "and",
       "for" or "de" do not count, so "ECPAT Kenya alliance" finds "Kenya Alliance for
       Advancement of Children", but "defence for children" does not find every name with
       "children" in it.

    Within a rank, more shared words come first, then names in alphabetical order. ``limit``
    keeps the first ``limit`` results. Raises ``ValueError`` for a query with no letters or digits.

    >>> import ecpat_data
    >>> ecpat_data.find_members("defence for children")[0].name  # doctest: +SKIP
    'Defence for Children – ECPAT Netherlands'
    """
    from .._loading import bundle

    return rank_members(query, bundle().members, limit=limit)
