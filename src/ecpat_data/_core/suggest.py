"""Close-match suggestions for a mistyped id, field or name: one helper for every message."""

from __future__ import annotations

TYPE_CHECKING = False  # errors.py imports this lazily; keep it as cheap as errors.py
if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]

#: How alike two words must be (difflib's ratio, 0-1) to be suggested: ids share prefixes such
#: as "ecpat-", so a lower cutoff suggests ids that only share the prefix.
CUTOFF = 0.75


def closest(
    word: str, candidates: Iterable[str], n: int = 3, *, cutoff: float = CUTOFF
) -> tuple[str, ...]:
    """The (at most ``n``) candidates most like ``word``, best first, ignoring case.

    >>> closest("ecpat-u", ["ecpat-uk", "ecpat-usa", "ecpat-france"])
    ('ecpat-uk', 'ecpat-usa')
    >>> closest("THAILAND", ["Thailand", "Taiwan"], n=1)
    ('Thailand',)
    """
    import difflib

    folded: dict[str, str] = {}
    for candidate in candidates:
        folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(word.casefold(), list(folded), n=n, cutoff=cutoff)
    return tuple(folded[m] for m in matches)


def did_you_mean(matches: Iterable[str]) -> str:
    """``"did you mean 'a' or 'b'?"`` for the matches, or ``""`` when there are none.

    >>> did_you_mean(("ecpat-uk", "ecpat-usa"))
    "did you mean 'ecpat-uk' or 'ecpat-usa'?"
    """
    quoted = [repr(m) for m in matches]
    return f"did you mean {' or '.join(quoted)}?" if quoted else ""
