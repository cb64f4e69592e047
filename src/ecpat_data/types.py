"""Pydantic types for other projects' models, checked against the installed ecpat-data.

A report's own data (a CSV of activities per member, say) can name ECPAT records by id and be
validated, in its own CI, against exactly the registry it cites::

    from pydantic import BaseModel
    from ecpat_data.types import CountryCode, MemberId, PartialDate, ProgrammeAreaId

    class Activity(BaseModel):
        member: MemberId
        country: CountryCode
        date: PartialDate
        area: ProgrammeAreaId | None = None
        activities: int

    Activity(member="ecpat-atlantis", country="GB", date="2024-05", activities=3)
    # ValidationError: member: unknown member id 'ecpat-atlantis'; see ecpat-data show members

The id types are plain ``str`` values once validated (no wrapper objects), so they serialise as
the id. The registry is read lazily, on the first validation that needs it, not on import.

- :data:`MemberId`, :data:`ProgrammeAreaId`, :data:`SourceId`, :data:`EventId`: a string that
  names a bundled member, programme area, source or timeline event; the error suggests close
  matches.
- :data:`CountryCode`: an uppercase ISO 3166-1 alpha-2 code (a :class:`~ecpat_data.Country`,
  so ``.name``, ``.name_in("fr")`` work).
- :data:`MemberCountryCode`: a country code with at least one bundled member.
- :data:`PartialDate`: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; the value is an
  :class:`ecpat_data.PartialDate` (the same class: ``isinstance`` and ``parse`` work on it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ._core.countries import Country
from ._core.dates import PartialDate as _PartialDate
from ._core.suggest import ID_CUTOFF, closest, did_you_mean
from ._core.text import SLUG_PATTERN
from ._loading import bundle as _bundle

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ._loading.reader import Bundle

__all__ = [
    "CountryCode",
    "EventId",
    "MemberCountryCode",
    "MemberId",
    "PartialDate",
    "ProgrammeAreaId",
    "SourceId",
]


def _suggestion(value: str, known: Mapping[str, Any]) -> str:
    hint = did_you_mean(closest(value, known, cutoff=ID_CUTOFF))
    return f" ({hint})" if hint else ""


def _id_checker(
    kind: str, code: str, index: Callable[[Bundle], Mapping[str, Any]], show: str
) -> Callable[[str], str]:
    def check(value: str) -> str:
        known = index(_bundle())
        if value not in known:
            raise PydanticCustomError(
                code,
                "unknown {kind} id {value}{hint}; see ecpat-data show {show}",
                {
                    "kind": kind,
                    "value": repr(value),
                    "hint": _suggestion(value, known),
                    "show": show,
                },
            )
        return value

    return check


def _id_type(description: str) -> Any:
    return Field(description=description, json_schema_extra={"pattern": SLUG_PATTERN}, strict=True)


#: The id of a bundled member organisation, e.g. ``"ecpat-uk"``.
MemberId = Annotated[
    str,
    _id_type("Id of an ECPAT member organisation (ecpat-data members)."),
    AfterValidator(
        _id_checker("member", "unknown_member_id", lambda b: b.members_by_id, "members")
    ),
]

#: The id of a bundled programme area, e.g. ``"travel-and-tourism"``.
ProgrammeAreaId = Annotated[
    str,
    _id_type("Id of an ECPAT programme area (ecpat-data programme_areas)."),
    AfterValidator(
        _id_checker(
            "programme area",
            "unknown_programme_area_id",
            lambda b: b.programme_areas_by_id,
            "programme_areas",
        )
    ),
]

#: The id of a source in the registry, e.g. ``"briefing"``.
SourceId = Annotated[
    str,
    _id_type("Id of a source in the ecpat-data source registry."),
    AfterValidator(
        _id_checker("source", "unknown_source_id", lambda b: b.sources_by_id, "sources")
    ),
]

#: The id of a timeline event, e.g. ``"world-congress-i-stockholm"``.
EventId = Annotated[
    str,
    _id_type("Id of an event in the ecpat-data timeline."),
    AfterValidator(_id_checker("event", "unknown_event_id", lambda b: b.events_by_id, "timeline")),
]

#: An uppercase ISO 3166-1 alpha-2 country code known to pycountry: a :class:`Country`.
CountryCode = Country


def _has_member(country: Country) -> Country:
    if country not in _bundle().members_by_country:
        raise PydanticCustomError(
            "country_without_member",
            "no ECPAT member in {code} ({name}) in the installed data; see ecpat-data show members",
            {"code": str(country), "name": country.name},
        )
    return country


#: A country code with at least one bundled member organisation.
MemberCountryCode = Annotated[Country, AfterValidator(_has_member)]


#: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: validates to an :class:`ecpat_data.PartialDate`
#: (ordered, exact round trip) and serialises back to the same text. The class carries its own
#: pydantic schema, so one name is a type, a field annotation and an ``isinstance`` check.
PartialDate = _PartialDate
