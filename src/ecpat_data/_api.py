"""The public functions. Nothing here reads data or imports pydantic until it is called."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._errors import UnknownIdError

if TYPE_CHECKING:
    import os

    from ._dates import PartialDate
    from ._loading import Bundle
    from ._models import Event, Member, Organisation, ProgrammeArea, SizeClaim, Source
    from ._problems import Report

__all__ = [
    "Completeness",
    "completeness",
    "member",
    "members",
    "organisation",
    "programme_area",
    "programme_areas",
    "source",
    "sources",
    "timeline",
    "validate",
]


def _bundle() -> Bundle:
    from ._loading import bundle

    return bundle()


def organisation() -> Organisation:
    """ECPAT International's profile: names, founding, secretariat, vision, mission, size."""
    return _bundle().organisation


def timeline() -> tuple[Event, ...]:
    """Every dated event, oldest first."""
    return _bundle().events


def programme_areas() -> tuple[ProgrammeArea, ...]:
    """ECPAT's areas of work."""
    return _bundle().programme_areas


def programme_area(id: str) -> ProgrammeArea:
    """One programme area by id; raises :class:`UnknownIdError` if there is none."""
    try:
        return _bundle().programme_areas_by_id[id]
    except KeyError:
        raise UnknownIdError("programme area", id) from None


def members(country: str | None = None) -> tuple[Member, ...]:
    """Member organisations, all or those in one country (ISO 3166-1 alpha-2, e.g. ``"TH"``).

    A country with no member gives an empty tuple; a string that is not a country code raises
    :class:`UnknownIdError`.
    """
    data = _bundle()
    if country is None:
        return data.members
    found = data.members_by_country.get(country)
    if found is not None:
        return found
    from ._countries import country_codes

    if country not in country_codes():
        raise UnknownIdError("country", country, "countries are uppercase ISO 3166-1 alpha-2")
    return ()


def member(id: str) -> Member:
    """One member organisation by id; raises :class:`UnknownIdError` if there is none."""
    try:
        return _bundle().members_by_id[id]
    except KeyError:
        raise UnknownIdError("member", id) from None


def sources() -> tuple[Source, ...]:
    """The sources registry every record cites."""
    return _bundle().sources


def source(id: str) -> Source:
    """One source by id; raises :class:`UnknownIdError` if there is none."""
    try:
        return _bundle().sources_by_id[id]
    except KeyError:
        raise UnknownIdError("source", id) from None


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


def completeness() -> tuple[Completeness, ...]:
    """The member list against every dated membership total in the sources, oldest first.

    Only claims that count members (not assembly attendance or presence) and carry a date and
    a number of organisations are compared.
    """
    data = _bundle()
    count = len(data.members)
    countries = len(data.members_by_country)
    claims = [
        c
        for c in data.organisation.network_size
        if c.counted == "members" and c.as_of is not None and c.organisations is not None
    ]
    claims.sort(key=lambda c: str(c.as_of))
    return tuple(Completeness(c, count, countries) for c in claims)


def validate(*paths: str | os.PathLike[str]) -> Report:
    """Validate data directories or files (no path: the bundled data); never raises on bad data.

    Returns a :class:`Report` whose ``problems`` each carry file, line, column, JSON pointer,
    a stable ``code`` and a message.
    """
    from ._validation import validate as run

    return run(*paths)
