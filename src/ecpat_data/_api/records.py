"""The public functions. Nothing here reads data or imports pydantic until it is called."""

from __future__ import annotations

from .._core.errors import UnknownIdError
from .._loading import bundle as _bundle

TYPE_CHECKING = False  # the typing module costs a millisecond at import; see tomli
if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from .._core.countries import Country
    from .._core.dates import DateLike
    from .._core.problems import Report
    from .._loading.reader import Bundle
    from .._reports.completeness import Completeness
    from ..models import Event, Member, MembershipStatus, Organisation, ProgrammeArea, Source

__all__ = [
    "completeness",
    "event",
    "member",
    "members",
    "organisation",
    "programme_area",
    "programme_areas",
    "resolve_country",
    "source",
    "sources",
    "timeline",
    "validate",
]


def _unknown(kind: str, id: str, known: Iterable[str], hint: str = "") -> UnknownIdError:
    """The error for an unknown id, naming the closest known ids."""
    from .._core.suggest import ID_CUTOFF, closest

    suggestions = closest(id, known, cutoff=ID_CUTOFF) if isinstance(id, str) else ()
    return UnknownIdError(kind, id, hint, str(_bundle().edition), suggestions)


def organisation() -> Organisation:
    """ECPAT International's profile: names, founding, secretariat, vision, mission, size."""
    return _bundle().organisation


def timeline(
    *,
    since: DateLike | None = None,
    until: DateLike | None = None,
    programme_area: str | None = None,
) -> tuple[Event, ...]:
    """Dated events, oldest first: all, or those that match every filter given.

    ``since`` and ``until`` (a :class:`PartialDate`, text such as ``"1996-06"``, an ``int``
    year or a ``datetime.date``) keep the events whose span (``date`` to ``end``, each date a
    span of days) overlaps the period: an event dated ``1996`` matches ``since="1996-06"``.
    ``programme_area`` keeps the events related to that area (an unknown id raises
    :class:`UnknownIdError` naming the closest ids).
    """
    data = _bundle()
    events = data.events
    if programme_area is not None:
        if programme_area not in data.programme_areas_by_id:
            raise _unknown("programme area", programme_area, data.programme_areas_by_id)
        events = tuple(e for e in events if programme_area in e.programme_areas)
    if since is not None or until is not None:
        from .._core.dates import PartialDate

        first = None if since is None else PartialDate.coerce(since).first_day()
        last = None if until is None else PartialDate.coerce(until).last_day()
        events = tuple(
            e
            for e in events
            if (first is None or (e.end or e.date).last_day() >= first)
            and (last is None or e.date.first_day() <= last)
        )
    return events


def event(id: str) -> Event:
    """One timeline event by id; raises :class:`UnknownIdError` if there is none."""
    try:
        return _bundle().events_by_id[id]
    except KeyError:
        raise _unknown("event", id, _bundle().events_by_id) from None


def programme_areas() -> tuple[ProgrammeArea, ...]:
    """ECPAT's areas of work."""
    return _bundle().programme_areas


def programme_area(id: str) -> ProgrammeArea:
    """One programme area by id; raises :class:`UnknownIdError` if there is none."""
    try:
        return _bundle().programme_areas_by_id[id]
    except KeyError:
        raise _unknown("programme area", id, _bundle().programme_areas_by_id) from None


def resolve_country(text: str) -> Country:
    """The country ``text`` names: an ISO 3166-1 alpha-2 or alpha-3 code in any case
    (``"th"``, ``"THA"``) or a name pycountry knows (``"Thailand"``, ``"thailand"``).

    Raises :class:`UnknownIdError` naming the closest country names for anything else.
    """
    from .._core.countries import country_names, find_country

    found = find_country(text) if isinstance(text, str) else None
    if found is None:
        raise _unknown(
            "country",
            text,
            country_names(),
            "give an ISO 3166-1 code such as 'TH' or a name such as 'Thailand'",
        )
    return found


def members(
    country: str | None = None,
    *,
    status: MembershipStatus | None = None,
    region: str | None = None,
) -> tuple[Member, ...]:
    """Member organisations: all of them, or those matching every filter given.

    - ``country``: an ISO 3166-1 code in any case (``"TH"``, ``"th"``, ``"THA"``) or a country
      name (``"Thailand"``). A country with no member gives an empty tuple; text that names no
      country raises :class:`UnknownIdError` naming the closest countries.
    - ``status``: ``"current"``, ``"historic"`` or ``"unconfirmed"`` (see
      :attr:`Member.status`); another value raises ``ValueError``.
    - ``region``: a UN M49 region, sub-region or intermediate region, by name in any case
      (``"Sub-Saharan Africa"``) or by code (``"202"``); an unknown one raises
      :class:`UnknownIdError`.

    Members keep the file's order (by country, then id).
    """
    data = _bundle()
    found = data.members
    if country is not None:
        found = _in_country(data, country)
    if status is not None:
        by_status = data.members_by_status.get(status)
        if by_status is None:
            from ..models import STATUSES

            raise ValueError(
                f"unknown membership status {status!r}; expected one of "
                + ", ".join(repr(s) for s in STATUSES)
            )
        found = by_status if country is None else tuple(m for m in found if m.status == status)
    if region is not None:
        from .._core.regions import area, countries_in

        inside = countries_in(area(region))
        found = tuple(m for m in found if m.country in inside)
    return found


def _in_country(data: Bundle, country: str) -> tuple[Member, ...]:
    found = data.members_by_country.get(country)
    if found is not None:
        return found
    return data.members_by_country.get(resolve_country(country), ())


def member(id: str) -> Member:
    """One member organisation by id; raises :class:`UnknownIdError` if there is none."""
    try:
        return _bundle().members_by_id[id]
    except KeyError:
        raise _unknown("member", id, _bundle().members_by_id) from None


def sources() -> tuple[Source, ...]:
    """The sources registry every record cites."""
    return _bundle().sources


def source(id: str) -> Source:
    """One source by id; raises :class:`UnknownIdError` if there is none."""
    try:
        return _bundle().sources_by_id[id]
    except KeyError:
        raise _unknown("source", id, _bundle().sources_by_id) from None


def completeness() -> tuple[Completeness, ...]:
    """The member list against every dated membership total in the sources, oldest first.

    Only claims that count members (not assembly attendance or presence) and carry a date and
    a number of organisations are compared.
    """
    from .._reports.completeness import compare

    return compare(_bundle())


def validate(*paths: str | os.PathLike[str], max_problems: int | None = 100) -> Report:
    """Validate data directories or files (no path: the bundled data); never raises on bad data.

    Returns a :class:`Report` whose ``problems`` each carry file, line, column, JSON pointer,
    a stable ``code`` and a message. At most ``max_problems`` problems are listed per file
    (``None``: all); the rest are counted in :attr:`Report.omitted` (and
    ``Report.omitted_by_file``), and ``Report.ok`` counts them too.
    """
    from .._validation.validate import validate as run

    return run(*paths, max_problems=max_problems)
