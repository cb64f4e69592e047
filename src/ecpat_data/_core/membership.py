"""The membership statuses and the span that makes a claim recent (the rule is ``Member``'s).

Kept apart from the models so that the command line can offer the statuses as choices without
importing pydantic.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["CURRENT_WITHIN_YEARS", "STATUSES", "MembershipStatus"]

MembershipStatus = Literal["current", "historic", "unconfirmed"]
#: The membership statuses, in the order ``ecpat-data info`` lists them.
STATUSES: Final[tuple[MembershipStatus, ...]] = ("current", "historic", "unconfirmed")
#: A claim dated in or after the year this many years (two Assembly cycles) before the data
#: edition makes a member current.
CURRENT_WITHIN_YEARS: Final = 6
