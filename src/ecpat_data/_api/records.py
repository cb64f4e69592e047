"""The public functions. Nothing here reads data or imports pydantic until it is called."""

from __future__ import annotations

from .._core.errors import UnknownIdError
from .._loading import bundle as _bundle

TYPE_CHECKING = False  # the typing module costs a millisecond at import; see tomli
if TYPE_CHECKING:
    import os

    from .._core.problems import Report
    from .._loading.reader import Bundle
    from .._reports.completeness import Completeness
    from ..models import Event, Member, MembershipStatus, Organisation, ProgrammeArea, Source

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


def members(
    country: str | None = None,
    *,
    status: MembershipStatus | None = None,
    region: str | None = None,
) -> tuple[Member, ...]:
    """Member organisations: all of them, or those matching every filter given.

    - ``country``: an ISO 3166-1 alpha-2 code (``"TH"``). A country with no member gives an
      empty tuple; a string that is not a country code raises :class:`UnknownIdError`.
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


def validate(*paths: str | os.PathLike[str], max_problems: int | None = 100) -> Report:
    """Validate data directories or files (no path: the bundled data); never raises on bad data.

    Returns a :class:`Report` whose ``problems`` each carry file, line, column, JSON pointer,
    a stable ``code`` and a message. At most ``max_problems`` problems are listed per file
    (``None``: all); the rest are counted in :attr:`Report.omitted` (and
    ``Report.omitted_by_file``), and ``Report.ok`` counts them too.
    """
    from .._validation.validate import validate as run

    return run(*paths, max_problems=max_problems)
