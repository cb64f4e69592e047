"""Close matches for a misspelt word: the one "did you mean" helper of the package.

Ids, field names, countries and regions all get their suggestions here, in the API, on the
command line, in ``ecpat_data.types`` and in validation messages.
"""

from __future__ import annotations

TYPE_CHECKING = False  # errors.py imports this lazily; keep it as cheap as errors.py
if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["CUTOFF", "ID_CUTOFF", "closest", "did_you_mean"]

#: How alike two words must be (difflib's ratio, 0-1) to be suggested.
CUTOFF = 0.6
#: The stricter cutoff for record ids and names: ids share prefixes such as "ecpat-", so at
#: 0.6 an unknown id would be offered ids that only share the prefix.
ID_CUTOFF = 0.75
#: Words longer than this get no suggestion: matching costs the product of the lengths.
_LONGEST = 200


def closest(
    word: str, candidates: Iterable[str], n: int = 3, *, cutoff: float = CUTOFF
) -> tuple[str, ...]:
    """Up to ``n`` of ``candidates`` that look like ``word``, the closest first.

    Case is ignored when comparing (``ECPAT-UK`` is close to ``ecpat-uk``) and the candidate's
    own spelling is returned; a candidate equal to ``word`` is not a suggestion. Returns ``()``
    when nothing is close enough, and for words longer than 200 characters.

    >>> closest("ecpat-u", ["ecpat-uk", "ecpat-usa", "ecpat-france"], cutoff=ID_CUTOFF)
    ('ecpat-uk', 'ecpat-usa')
    >>> closest("THAILAND", ["Thailand", "Taiwan"], n=1)
    ('Thailand',)
    """
    if not word or len(word) > _LONGEST or n <= 0:
        return ()
    import difflib

    folded: dict[str, str] = {}
    for candidate in candidates:
        if candidate != word and len(candidate) <= _LONGEST:
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
