"""The public functions. Nothing here reads data or imports pydantic until it is called."""

from __future__ import annotations

from ._errors import UnknownIdError

TYPE_CHECKING = False  # the typing module costs a millisecond at import; see tomli
if TYPE_CHECKING:
    import os

    from ._completeness import Completeness
    from ._loading import Bundle
    from ._models import Event, Member, Organisation, ProgrammeArea, Source
    from ._problems import Report

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


_loaded: Bundle | None = None


def _bundle() -> Bundle:
    # A module global read is a few nanoseconds; the import statement below costs ~800 ns,
    # so it runs only until the first successful load.
    global _loaded
    data = _loaded
    if data is None:
        data = _loaded = _first_load()
    return data


def _first_load() -> Bundle:
    """Import pydantic and the models and load the data, with the cyclic GC paused.

    The first load allocates tens of thousands of objects that stay alive and form no garbage
    cycles, so the collections they trigger find nothing; pausing them saves about 4 ms inside
    the process and 2 ms end to end (docs/performance.md). The collector's previous state is
    restored, even on error.
    """
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        from ._loading import bundle

        return bundle()
    finally:
        if paused:
            gc.enable()


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


def completeness() -> tuple[Completeness, ...]:
    """The member list against every dated membership total in the sources, oldest first.

    Only claims that count members (not assembly attendance or presence) and carry a date and
    a number of organisations are compared.
    """
    from ._completeness import compare

    return compare(_bundle())


def validate(*paths: str | os.PathLike[str]) -> Report:
    """Validate data directories or files (no path: the bundled data); never raises on bad data.

    Returns a :class:`Report` whose ``problems`` each carry file, line, column, JSON pointer,
    a stable ``code`` and a message.
    """
    from ._validation import validate as run

    return run(*paths)
