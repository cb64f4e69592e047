"""The public functions. Nothing here reads data or imports pydantic until it is called."""

from __future__ import annotations

from .._core.errors import UnknownIdError
from .._loading import bundle as _bundle

TYPE_CHECKING = False  # the typing module costs a millisecond at import; see tomli
if TYPE_CHECKING:
    import os

    from .._core.problems import Report
    from .._reports.completeness import Completeness
    from ..models import Event, Member, Organisation, ProgrammeArea, Source

__all__ = [
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
        raise UnknownIdError("programme area", id, edition=str(_bundle().edition)) from None


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
    from .._core.countries import country_codes

    if country not in country_codes():
        raise UnknownIdError(
            "country", country, "countries are uppercase ISO 3166-1 alpha-2", str(data.edition)
        )
    return ()


def member(id: str) -> Member:
    """One member organisation by id; raises :class:`UnknownIdError` if there is none."""
    try:
        return _bundle().members_by_id[id]
    except KeyError:
        raise UnknownIdError("member", id, edition=str(_bundle().edition)) from None


def sources() -> tuple[Source, ...]:
    """The sources registry every record cites."""
    return _bundle().sources


def source(id: str) -> Source:
    """One source by id; raises :class:`UnknownIdError` if there is none."""
    try:
        return _bundle().sources_by_id[id]
    except KeyError:
        raise UnknownIdError("source", id, edition=str(_bundle().edition)) from None


def completeness() -> tuple[Completeness, ...]:
    """The member list against every dated membership total in the sources, oldest first.

    Only claims that count members (not assembly attendance or presence) and carry a date and
    a number of organisations are compared.
    """
    from .._reports.completeness import compare

    return compare(_bundle())


def validate(*paths: str | os.PathLike[str]) -> Report:
    """Validate data directories or files (no path: the bundled data); never raises on bad data.

    Returns a :class:`Report` whose ``problems`` each carry file, line, column, JSON pointer,
    a stable ``code`` and a message.
    """
    from .._validation.validate import validate as run

    return run(*paths)
