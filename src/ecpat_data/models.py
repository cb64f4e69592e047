"""The records: frozen pydantic models, one per kind of fact, and one per data file.

Every record type a user may name in an annotation is here, nested ones included (``Evidence``,
``SizeClaim``, ``Place``, ...). Each class's docstring ends with its fields and what they mean,
generated from the field descriptions, so ``help(ecpat_data.models.Member)`` shows them first.
Records are immutable; their collections are tuples.

No ``from __future__ import annotations`` here: with real annotation objects pydantic does not
have to evaluate each field's annotation string when the classes are created (about 3 ms of the
first load).
"""

import inspect
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ._core.countries import Country
from ._core.dates import PartialDate
from ._core.fileformat import SCHEMA_VERSION, SchemaVersion
from ._core.membership import CURRENT_WITHIN_YEARS, STATUSES, MembershipStatus
from ._core.text import Name, Slug, Text, WebUrl

__all__ = [
    "CURRENT_WITHIN_YEARS",
    "SCHEMA_VERSION",
    "STATUSES",
    "DataFile",
    "Event",
    "EventDate",
    "Evidence",
    "EvidenceKind",
    "Founder",
    "FoundingClaim",
    "GovernanceFact",
    "Listing",
    "Member",
    "MemberType",
    "MembersFile",
    "MembershipStatus",
    "NameExpansion",
    "OfficeHolder",
    "Organisation",
    "OrganisationFile",
    "Place",
    "ProgrammeArea",
    "ProgrammeAreasFile",
    "Qualifier",
    "Secretariat",
    "SizeClaim",
    "SizeCounted",
    "Source",
    "SourcesFile",
    "Statement",
    "StatementVariant",
    "TimelineFile",
    "UnStatus",
]

SourceIds = tuple[Slug, ...]

_SOURCES = Field(min_length=1, description="Ids of the sources (sources.json) that support this.")
_UNVERIFIED = Field(
    default=False,
    description='True where the fact base marks the fact "(unverified)": weak or mirror-only.',
)


_FIELDS_HEADING: Final = "\n\nFields:\n"


def summary_of(doc: str) -> str:
    """A record type's docstring without the list of fields generated at its end."""
    return doc.split(_FIELDS_HEADING, 1)[0]


def _summary_only(schema: dict[str, Any]) -> None:
    # The JSON Schema describes each field itself: keep the docstring's summary, not its list.
    description = schema.get("description")
    if isinstance(description, str):
        schema["description"] = summary_of(description)


class _Record(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        strict=True,
        validate_default=False,
        hide_input_in_errors=True,
        defer_build=True,
        json_schema_extra=_summary_only,
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: object) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls.__doc__ = _with_fields(cls)


def _with_fields(cls: type[BaseModel]) -> str:
    """``cls``'s docstring followed by its fields and their descriptions (cannot drift)."""
    # Dedented first: a docstring of several paragraphs would otherwise keep its indentation
    # (the field lines below set the common margin to zero) in help() and the JSON Schema.
    lines = [inspect.cleandoc(cls.__doc__ or cls.__name__) + _FIELDS_HEADING.rstrip("\n")]
    for name, field in cls.model_fields.items():
        key = field.alias or name
        optional = "" if field.is_required() else " (optional)"
        lines.append(f"    {key}{optional}: {field.description or ''}".rstrip())
    return "\n".join(lines) + "\n"


class Place(_Record):
    """A city (where known) in a country."""

    city: Text | None = Field(default=None, description="City name in English, or null.")
    country: Country = Field(description="ISO 3166-1 alpha-2 country code.")


# --- sources.json -------------------------------------------------------------------------


class Source(_Record):
    """A page or document that facts are read from."""

    id: Slug = Field(description="Registry id, cited by records in `sources`.")
    title: Name = Field(description="Title of the page, or a short plain description of it.")
    url: WebUrl | None = Field(
        description="http(s) address the stored copy was read under; null only for the briefing."
    )
    copy_of: WebUrl | None = Field(
        default=None, description="For a mirror, proxy or archive copy: the original page."
    )
    publisher: Text | None = Field(default=None, description="Who published the page, if evident.")
    published: PartialDate | None = Field(
        default=None, description="The page's own date where known."
    )
    unverified: bool = Field(
        default=False,
        description="True for mirror/proxy copies and pages the fact base flags as unverified.",
    )
    note: Text | None = Field(default=None, description="Caveat about this source.")


# --- organisation.json --------------------------------------------------------------------


class Statement(_Record):
    """A text with its sources (a name, the vision, the mission)."""

    text: Text = Field(description="The text; verbatim where it is the organisation's own words.")
    as_of: PartialDate | None = Field(default=None, description="When the text was in use.")
    note: Text | None = Field(default=None, description='Caveat or context (e.g. "c. 2008").')
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED

    def __str__(self) -> str:
        """The text itself, so that ``print(organisation().mission)`` prints the mission."""
        return self.text


class NameExpansion(_Record):
    """One way the acronym ECPAT was spelled out, for the period a source gives."""

    text: Text = Field(description="The expansion, verbatim.")
    period: Text = Field(description="The period as the source states it.")
    start: PartialDate | None = Field(default=None, description="Start of the period, if dated.")
    end: PartialDate | None = Field(default=None, description="End of the period, if dated.")
    note: Text | None = Field(default=None, description="Caveat or context.")
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED


class FoundingClaim(_Record):
    """One source's account of when (and where) ECPAT began; sources disagree.

    A claim gives a ``date``, a ``period`` as the source states it, or both; validation refuses
    a claim with neither (problem code ``undated-founding``).
    """

    date: PartialDate | None = Field(
        default=None, description="The founding date this claim gives; null if it gives a period."
    )
    period: Text | None = Field(
        default=None,
        description='The period as the source states it ("the 1980\'s"); date or period required.',
    )
    place: Place | None = Field(default=None, description="Where, if the claim says.")
    claim: Text = Field(description="The claim, in the project's own words.")
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED


class Secretariat(_Record):
    """Where the International Secretariat is."""

    city: Text = Field(description="City.")
    country: Country = Field(description="ISO 3166-1 alpha-2 country code.")
    addresses: tuple[Statement, ...] = Field(
        default=(), description="Published general postal addresses, each dated and sourced."
    )
    websites: tuple[Statement, ...] = Field(
        default=(), description="Published websites (the address as `text`), dated and sourced."
    )
    emails: tuple[Statement, ...] = Field(
        default=(), description="Published general e-mail addresses, dated and sourced."
    )
    sources: SourceIds = _SOURCES


class Founder(_Record):
    """A person a source names as an initiator of the 1990 campaign."""

    person: Text = Field(description="The person's name as published.")
    role: Text = Field(description="What the source says the person did, in own words.")
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED


class UnStatus(_Record):
    """Status with a United Nations body."""

    body: Text = Field(description="The UN body.")
    status: Text = Field(description="The status held.")
    since: PartialDate | None = Field(default=None, description="Year granted, if known.")
    sources: SourceIds = _SOURCES


class StatementVariant(_Record):
    """A dated variant of the vision or mission as quoted by a source."""

    kind: Literal["vision", "mission"] = Field(description="Which statement this is a variant of.")
    text: Text = Field(description="The variant, verbatim.")
    as_of: PartialDate | None = Field(default=None, description="When it was in use.")
    period: Text | None = Field(default=None, description="The period as the source states it.")
    note: Text | None = Field(default=None, description="Caveat or context.")
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED


class GovernanceFact(_Record):
    """A dated fact about how the organisation is governed or registered."""

    as_of: PartialDate | None = Field(default=None, description="Date the fact refers to.")
    period: Text = Field(description="The date or period as the source states it.")
    fact: Text = Field(description="The fact, in the project's own words.")
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED


class OfficeHolder(_Record):
    """A public office holder named in a source, with the date the source gives."""

    role: Text = Field(description="The office, as the source names it.")
    person: Text = Field(description="The office holder's name as published.")
    period: Text = Field(description="The date or period as the source states it.")
    as_of: PartialDate | None = Field(default=None, description="Date of the source's statement.")
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED


Qualifier = Literal["exact", "more-than", "almost"]
SizeCounted = Literal[
    "members",
    "member-ordinal",
    "assembly-participation",
    "countries-present",
    "members-and-partners",
    "groups-before-network",
    "regional-subcount",
]


class SizeClaim(_Record):
    """One source's dated figure for the size of the network."""

    as_of: PartialDate | None = Field(
        default=None, description="Date of the figure; null if undated."
    )
    period: Text = Field(description="The date as the source gives it.")
    organisations: int | None = Field(default=None, ge=0, description="Organisations counted.")
    organisations_qualifier: Qualifier | None = Field(
        default=None, description='"exact", "more-than" or "almost"; null when no figure.'
    )
    countries: int | None = Field(default=None, ge=0, description="Countries counted.")
    countries_qualifier: Qualifier | None = Field(
        default=None, description='"exact", "more-than" or "almost"; null when no figure.'
    )
    counted: SizeCounted = Field(
        description="What the figure counts: members, assembly participation, presence, ..."
    )
    quote: Text = Field(description="The source's wording, as the fact base gives it.")
    note: Text | None = Field(default=None, description="Caveat or context.")
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED


class Organisation(_Record):
    """ECPAT International's profile."""

    name: Name = Field(description="Current name.")
    acronym: Name = Field(description="Acronym.")
    legal_name: Statement = Field(description="Name of the legal entity.")
    campaign_name: Statement = Field(description="Name of the original 1990s campaign.")
    campaign_initiators: tuple[Founder, ...] = Field(
        default=(), description="People named by sources as initiators of the 1990 campaign."
    )
    name_expansions: tuple[NameExpansion, ...] = Field(
        description="Every dated expansion of the acronym."
    )
    founding: tuple[FoundingClaim, ...] = Field(
        min_length=1, description="Founding claims; sources disagree, none is picked."
    )
    secretariat: Secretariat = Field(description="Seat of the International Secretariat.")
    un_status: UnStatus = Field(description="UN ECOSOC status.")
    vision: Statement = Field(description="Vision, verbatim from the briefing.")
    mission: Statement = Field(description="Mission, verbatim from the briefing.")
    statement_variants: tuple[StatementVariant, ...] = Field(
        default=(), description="Dated variants of vision and mission quoted by sources."
    )
    governance: tuple[GovernanceFact, ...] = Field(default=(), description="Governance facts.")
    office_holders: tuple[OfficeHolder, ...] = Field(
        default=(), description="Public office holders named in sources."
    )
    network_size: tuple[SizeClaim, ...] = Field(
        description="Every dated figure for the size of the network."
    )


# --- timeline.json ------------------------------------------------------------------------


class EventDate(_Record):
    """An alternative date for an event, where sources disagree."""

    date: PartialDate = Field(description="Start date by this account.")
    end: PartialDate | None = Field(default=None, description="Last day by this account.")
    note: Text = Field(description="Whose account this is, in the project's own words.")
    sources: SourceIds = _SOURCES


class Event(_Record):
    """Something that happened, dated as precisely as the sources allow."""

    id: Slug = Field(description="Stable id.")
    date: PartialDate = Field(description="Date (start) of the event.")
    end: PartialDate | None = Field(default=None, description="Last day of a multi-day event.")
    date_note: Text | None = Field(default=None, description="How the date is stated or caveated.")
    title: Name = Field(description="Short title.")
    description: Text = Field(description="What happened, in the project's own words.")
    place: Place | None = Field(default=None, description="Where, if known.")
    programme_areas: tuple[Slug, ...] = Field(
        default=(), description="Ids of related programme areas."
    )
    alternative_dates: tuple[EventDate, ...] = Field(
        default=(), description="Other dates given by other sources."
    )
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED


# --- programme_areas.json -----------------------------------------------------------------


class Listing(_Record):
    """A year or edition in which ECPAT (or a close proxy) listed an area of work."""

    period: Text = Field(description="The year or edition as stated.")
    as_of: PartialDate | None = Field(default=None, description="Date of the listing, if dated.")
    sources: SourceIds = _SOURCES


class ProgrammeArea(_Record):
    """An area of ECPAT's work."""

    id: Slug = Field(description="Stable id.")
    name: Name = Field(description="Current name.")
    description: Text = Field(description="What the area covers, in the project's own words.")
    listings: tuple[Listing, ...] = Field(
        min_length=1, description="Years or editions in which the area was listed."
    )
    former_names: tuple[Name, ...] = Field(
        default=(), description="Earlier names of the area, each once."
    )
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED


# --- members.json -------------------------------------------------------------------------

MemberType = Literal["national-group", "affiliate", "coalition", "member"]
EvidenceKind = Literal["ecpat-country-page", "ecpat-statement", "own-statement", "third-party"]
#: Kinds of evidence in which ECPAT or the organisation itself states the membership.
_DIRECT: Final = frozenset({"ecpat-country-page", "ecpat-statement", "own-statement"})


class Evidence(_Record):
    """One source's claim that an organisation is an ECPAT member."""

    kind: EvidenceKind = Field(
        description=(
            "Who states it: ecpat-country-page (an ecpat.org country page), ecpat-statement "
            "(another ECPAT page or report), own-statement (the organisation) or third-party."
        )
    )
    claim: Text = Field(description="The claim: short labels as stated, else own words.")
    as_of: PartialDate | None = Field(
        default=None,
        description=(
            "Date of the claim, if known; for an ecpat.org country page, the latest year of "
            "the resources the stored copy lists, or null where it shows none."
        ),
    )
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED


class Member(_Record):
    """A member organisation of the ECPAT network.

    :attr:`status` and :attr:`well_evidenced` are derived from the evidence, never stored in
    the file. Both need to know the data a member was loaded with (the data edition, and which
    sources are mirror copies): the loader records that on each member it hands out.
    """

    id: Slug = Field(description="Stable lowercase id.")
    name: Name = Field(description="Name.")
    other_names: tuple[Name, ...] = Field(
        default=(), description="Other and former names, each once."
    )
    country: Country = Field(description="ISO 3166-1 alpha-2 country code.")
    website: WebUrl | None = Field(default=None, description="Website as stated, if any.")
    member_type: MemberType | None = Field(
        default=None, description="national-group, affiliate, coalition or member, where stated."
    )
    type_as_stated: Text | None = Field(default=None, description="The source's own wording.")
    constituents: tuple[Text, ...] = Field(
        default=(),
        description=(
            "For a coalition: the organisations its entry names, which are not members in "
            "their own right."
        ),
    )
    joined: PartialDate | None = Field(default=None, description="When membership began, if dated.")
    founded: PartialDate | None = Field(default=None, description="The organisation's founding.")
    dates_note: Text | None = Field(default=None, description="Dates as stated, where unclear.")
    evidence: tuple[Evidence, ...] = Field(min_length=1, description="Evidence of membership.")
    note: Text | None = Field(default=None, description="Caveats, in the project's own words.")
    sources: SourceIds = _SOURCES
    unverified: bool = _UNVERIFIED

    #: The data edition this member was loaded with (set by the loader; None when built by hand).
    _edition: PartialDate | None = PrivateAttr(default=None)
    #: Ids of the sources of that data that are mirror copies (``copy_of`` or ``unverified``).
    _mirror_sources: frozenset[str] = PrivateAttr(default=frozenset())

    def __eq__(self, other: object) -> bool:
        """Members are equal when their data is: what they were loaded with is not compared.

        So a member read back from an export equals the member exported.
        """
        if not isinstance(other, Member):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    @property
    def latest_claim(self) -> PartialDate | None:
        """Date of the most recent dated evidence, or ``None`` if no claim is dated."""
        dates = [e.as_of for e in self.evidence if e.as_of is not None]
        return max(dates) if dates else None

    @property
    def edition(self) -> PartialDate | None:
        """The data edition this member was loaded with; ``None`` for a member built by hand."""
        return self._edition

    @property
    def status(self) -> MembershipStatus:
        """``"current"``, ``"historic"`` or ``"unconfirmed"``, for the edition it was loaded with.

        The rule is :meth:`status_for`'s. A member built by hand (not loaded) has no edition:
        this raises ``ValueError``; call ``status_for(edition)`` instead.
        """
        if self._edition is None:
            raise ValueError(
                f"member {self.id!r} was not loaded from a data edition, so its status is not "
                "defined; use member.status_for(edition)"
            )
        return self.status_for(self._edition)

    def status_for(self, edition: PartialDate | int) -> MembershipStatus:
        """The membership status by the evidence, for a data edition (a date or a year).

        - ``"current"``: a claim dated in or after the year six years before the edition
          (``latest_claim.year >= edition.year - 6``: 2020 or later for edition 2026-12);
        - ``"historic"``: no such claim, at least one older dated claim, and no undated
          claim by ECPAT or by the organisation itself (kinds ``ecpat-country-page``,
          ``ecpat-statement``, ``own-statement``);
        - ``"unconfirmed"``: anything else (only undated claims, or old claims beside an
          undated direct one).
        """
        year = edition if isinstance(edition, int) else edition.year
        latest = self.latest_claim
        if latest is None:
            return "unconfirmed"
        if latest.year >= year - CURRENT_WITHIN_YEARS:
            return "current"
        if any(e.as_of is None and e.kind in _DIRECT for e in self.evidence):
            return "unconfirmed"
        return "historic"

    @property
    def well_evidenced(self) -> bool:
        """True if ECPAT or the member itself states the membership, not via a mirror copy.

        A claim read only on a mirror copy (marked ``unverified``, or every source it cites has
        ``copy_of`` or is ``unverified``) does not count, and a member marked ``unverified`` is
        never well evidenced. A member that is current only through such claims (every claim
        dated within the six years is one) is not well evidenced either, whatever older or
        undated claims it has. A member built by hand knows neither its edition nor which
        sources are mirrors: only the ``unverified`` marks count then.
        """
        if self.unverified:
            return False
        edition = self._edition
        if edition is not None and self.status_for(edition) == "current":
            since = edition.year - CURRENT_WITHIN_YEARS
            recent = [e for e in self.evidence if e.as_of is not None and e.as_of.year >= since]
            if all(self._mirrored(e) for e in recent):
                return False
        return any(e.kind in _DIRECT and not self._mirrored(e) for e in self.evidence)

    def _mirrored(self, evidence: Evidence) -> bool:
        """True if ``evidence`` was read only on a mirror copy, or is marked unverified."""
        mirrors = self._mirror_sources
        return evidence.unverified or (
            bool(mirrors) and all(source in mirrors for source in evidence.sources)
        )


# --- the files ----------------------------------------------------------------------------


class _File(_Record):
    schema_uri: str | None = Field(
        default=None, alias="$schema", description="Relative path to the file's JSON Schema."
    )
    schema_version: SchemaVersion = Field(
        description=f"Version of the file format: the integer {SCHEMA_VERSION}."
    )
    current_to: PartialDate = Field(description="Date the data is current to (the data edition).")

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class SourcesFile(_File):
    """sources.json: the registry every record cites."""

    sources: tuple[Source, ...] = Field(description="The sources.")


class OrganisationFile(_File):
    """organisation.json: the organisation's profile."""

    organisation: Organisation = Field(description="The profile.")


class TimelineFile(_File):
    """timeline.json: dated events."""

    events: tuple[Event, ...] = Field(description="The events, in date order.")


class ProgrammeAreasFile(_File):
    """programme_areas.json: areas of work."""

    programme_areas: tuple[ProgrammeArea, ...] = Field(description="The programme areas.")


class MembersFile(_File):
    """members.json: member organisations."""

    members: tuple[Member, ...] = Field(description="The members.")


DataFile = SourcesFile | OrganisationFile | TimelineFile | ProgrammeAreasFile | MembersFile
