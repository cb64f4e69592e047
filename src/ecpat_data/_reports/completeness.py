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
    """How the bundled member list compares with one dated total reported by a source."""

    claim: SizeClaim
    members: int
    countries: int

    @property
    def as_of(self) -> PartialDate | None:
        """Date of the reported total."""
        return self.claim.as_of

    @property
    def member_share(self) -> float | None:
        """Bundled members as a fraction of the reported organisations (None if not reported)."""
        total = self.claim.organisations
        return self.members / total if total else None

    @property
    def country_share(self) -> float | None:
        """Bundled member countries as a fraction of the reported countries."""
        total = self.claim.countries
        return self.countries / total if total else None


def compare(data: Bundle) -> tuple[Completeness, ...]:
    """Compare the member list with every dated membership total, oldest first."""
    count = len(data.members)
    countries = len(data.members_by_country)
    claims = [
        c
        for c in data.organisation.network_size
        if c.counted == "members" and c.as_of is not None and c.organisations is not None
    ]
    claims.sort(key=lambda c: str(c.as_of))
    return tuple(Completeness(c, count, countries) for c in claims)


# Reprs, tracebacks and pickles name the public path, where users import it from.
Completeness.__module__ = "ecpat_data"
