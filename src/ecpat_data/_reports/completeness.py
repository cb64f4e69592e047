"""How complete the member list is against the totals the sources report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._core.dates import PartialDate
    from .._loading.reader import Bundle
    from ..models import SizeClaim

__all__ = ["Completeness", "compare"]


@dataclass(frozen=True)
class Completeness:
    """How the bundled member list compares with one dated total reported by a source.

    ``members`` and ``countries`` count the whole list; ``current_members`` and
    ``current_countries`` only the members whose :attr:`~ecpat_data.Member.status` is
    ``"current"``, so the two show how far the list, and the part of it evidenced as current,
    are from ECPAT's own count.
    """

    claim: SizeClaim
    members: int
    countries: int
    current_members: int
    current_countries: int

    @property
    def as_of(self) -> PartialDate | None:
        """Date of the reported total."""
        return self.claim.as_of

    @property
    def member_share(self) -> float | None:
        """Bundled members as a fraction of the reported organisations (None if not reported)."""
        return _share(self.members, self.claim.organisations)

    @property
    def country_share(self) -> float | None:
        """Bundled member countries as a fraction of the reported countries."""
        return _share(self.countries, self.claim.countries)

    @property
    def current_member_share(self) -> float | None:
        """Current members as a fraction of the reported organisations (None if not reported)."""
        return _share(self.current_members, self.claim.organisations)

    @property
    def current_country_share(self) -> float | None:
        """Countries with a current member as a fraction of the reported countries."""
        return _share(self.current_countries, self.claim.countries)


def _share(count: int, total: int | None) -> float | None:
    return count / total if total else None


def compare(data: Bundle) -> tuple[Completeness, ...]:
    """Compare the member list, and its current members, with every dated membership total.

    Only claims that count members (not assembly attendance or presence) and carry a date and
    a number of organisations are compared; oldest first.
    """
    current = data.members_by_status.get("current", ())
    counts = (
        len(data.members),
        len(data.members_by_country),
        len(current),
        len({m.country for m in current}),
    )
    claims = [
        c
        for c in data.organisation.network_size
        if c.counted == "members" and c.as_of is not None and c.organisations is not None
    ]
    claims.sort(key=lambda c: str(c.as_of))
    return tuple(Completeness(c, *counts) for c in claims)


# Reprs, tracebacks and pickles name the public path, where users import it from.
Completeness.__module__ = "ecpat_data"
