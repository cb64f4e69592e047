"""``ecpat-data show``: one dataset as a readable terminal table, or as JSON."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from ..._core.datasets import NAMES
from ..._core.membership import STATUSES
from ..status import OK, error
from ..table import render

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from ..._core.countries import Country
    from ..._loading.reader import Bundle
    from ...models import Event, Member, Organisation, Place, ProgrammeArea, Source
    from ..main import Subparsers

__all__ = [
    "add_parser",
    "has_translations",
    "members_table",
    "organisation_table",
    "programme_areas_table",
    "run",
    "sources_table",
    "timeline_table",
]

_NONE = "-"


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data show`` and its options to the command line."""
    show = commands.add_parser("show", help="print a dataset as a table or JSON")
    show.add_argument("dataset", choices=NAMES)
    show.add_argument("--country", metavar="CC", help="only members in this country")
    show.add_argument("--search", metavar="TEXT", help="only members whose names match TEXT")
    show.add_argument(
        "--status",
        choices=STATUSES,
        help="only members with this status (from the dates of their evidence)",
    )
    show.add_argument(
        "--region",
        metavar="REGION",
        help="only members in this UN M49 region or sub-region (name or code)",
    )
    show.add_argument("--lang", metavar="LANG", default="en", help="language of country names")
    show.add_argument("--format", choices=("table", "json"), default="table")


def run(args: argparse.Namespace, out: TextIO) -> int:
    filters = (args.country, args.search, args.status, args.region)
    if args.dataset != "members" and any(f is not None for f in filters):
        return error("--country, --search, --status and --region apply only to: show members")
    from ..._loading import bundle

    data = bundle()
    if args.dataset == "members":
        chosen = _select_members(data, args.country, args.search, args.status, args.region)
        if isinstance(chosen, str):
            return error(chosen)
        records: Any = chosen
    else:
        records = data.records(args.dataset)
        if args.dataset == "organisation":
            records = records[0]
    if args.format == "json":
        out.write(_json(records))
        return OK
    language = args.lang
    if not has_translations(language):
        print(
            f"ecpat-data: no country-name translations for language {language!r}; "
            "showing English names",
            file=sys.stderr,
        )
    out.write(_table(args.dataset, records, language))
    return OK


def _select_members(
    data: Bundle,
    country: str | None,
    search: str | None,
    status: str | None = None,
    region: str | None = None,
) -> tuple[Member, ...] | str:
    """The members to show, or a usage problem as a string."""
    chosen = data.members
    if status is not None:
        chosen = data.members_by_status.get(status, ())
    if region is not None:
        from ..._core.errors import UnknownIdError
        from ..._core.regions import area, countries_in

        try:
            inside = countries_in(area(region))
        except UnknownIdError as problem:
            return f"--region: {problem}"
        chosen = tuple(m for m in chosen if m.country in inside)
    if country is not None:
        from ..._core.countries import Country

        try:
            code = Country(country)
        except ValueError as problem:
            return f"--country: {problem}"
        chosen = tuple(m for m in data.members_by_country.get(code, ()) if m in chosen)
    if search is not None:
        from ..._api.search import rank_members

        try:
            chosen = rank_members(search, chosen)
        except ValueError as problem:
            return f"--search: {problem}"
    return chosen


def _json(records: Any) -> str:
    if isinstance(records, tuple):
        value: Any = [record.model_dump(mode="json") for record in records]
    else:
        value = records.model_dump(mode="json")
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _table(dataset: str, records: Any, language: str) -> str:
    if dataset == "members":
        return members_table(records, language)
    if dataset == "timeline":
        return timeline_table(records, language)
    if dataset == "programme_areas":
        return programme_areas_table(records)
    if dataset == "sources":
        return sources_table(records)
    return organisation_table(records, language)


def has_translations(language: str) -> bool:
    """True if pycountry can translate country names into ``language`` (English always can)."""
    if language == "en" or language.startswith(("en_", "en-")):
        return True
    import gettext

    import pycountry

    return gettext.find("iso3166-1", pycountry.LOCALES_DIR, languages=[language]) is not None


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"


def _country(code: Country, language: str) -> str:
    return code.name_in(language)


def _place(place: Place | None, language: str) -> str:
    if place is None:
        return ""
    country = _country(place.country, language)
    return f"{place.city}, {country}" if place.city else country


def _unique(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))


def members_table(members: Sequence[Member], language: str = "en", width: int | None = None) -> str:
    """Members: id, name, country (named in ``language``), type, status, latest claim, evidence."""
    rows = [
        [
            m.id,
            m.name,
            _country(m.country, language),
            m.member_type or _NONE,
            m.status,
            str(m.latest_claim) if m.latest_claim is not None else _NONE,
            "\n".join(_unique([e.kind for e in m.evidence])),
        ]
        for m in members
    ]
    headers = ["id", "name", "country", "type", "status", "latest claim", "evidence"]
    countries = len({m.country for m in members})
    footer = f"{_count(len(members), 'member')} in {_count(countries, 'country', 'countries')}"
    return render(headers, rows, width=width, keep=(4, 5, 6)) + footer + "\n"


def _when(event: Event) -> str:
    text = str(event.date) if event.end is None else f"{event.date}/{event.end}"
    return text + (" *" if event.alternative_dates else "")


def timeline_table(events: Sequence[Event], language: str = "en", width: int | None = None) -> str:
    """Events: date (``start/end`` for multi-day events), title, place."""
    rows = [[_when(e), e.title, _place(e.place, language)] for e in events]
    text = render(["date", "title", "place"], rows, width=width, keep=(0,)) + _count(
        len(events), "event"
    )
    if any(e.alternative_dates for e in events):
        text += "\n* sources give other dates too: see `ecpat-data show timeline --format json`"
    return text + "\n"


def programme_areas_table(areas: Sequence[ProgrammeArea], width: int | None = None) -> str:
    """Programme areas: id, name, the years or editions in which ECPAT listed them."""
    rows = [[a.id, a.name, ", ".join(_unique([x.period for x in a.listings]))] for a in areas]
    text = render(["id", "name", "listed"], rows, width=width, keep=(0,))
    return text + _count(len(areas), "programme area") + "\n"


def sources_table(sources: Sequence[Source], width: int | None = None) -> str:
    """Sources: id, title (marked when unverified), address."""
    rows = [
        [s.id, s.title + (" [unverified]" if s.unverified else ""), s.url or "(no address)"]
        for s in sources
    ]
    text = render(["id", "title", "url"], rows, width=width, keep=(2,))
    return text + _count(len(sources), "source") + "\n"


def organisation_table(
    organisation: Organisation, language: str = "en", width: int | None = None
) -> str:
    """The organisation's key facts as a two-column table."""
    o = organisation
    un = f"{o.un_status.status}, {o.un_status.body}"
    if o.un_status.since is not None:
        un += f" (since {o.un_status.since})"
    latest = _latest_size(o)
    facts: list[tuple[str, str]] = [
        ("name", f"{o.name} ({o.acronym})"),
        ("legal name", o.legal_name.text),
        ("campaign name", o.campaign_name.text),
        ("acronym spelled out", "\n".join(f"{e.period}: {e.text}" for e in o.name_expansions)),
        (
            "founded",
            "\n".join(
                _founding(c.date or c.period, c.place, c.claim, language) for c in o.founding
            ),
        ),
        ("secretariat", f"{o.secretariat.city}, {_country(o.secretariat.country, language)}"),
        ("UN status", un),
        ("vision", o.vision.text),
        ("mission", o.mission.text),
        ("network size", latest),
        (
            "office holders",
            "\n".join(f"{h.role}: {h.person} ({h.period})" for h in o.office_holders),
        ),
        (
            "more",
            f"{_count(len(o.governance), 'governance fact')}, "
            f"{_count(len(o.statement_variants), 'statement variant')}: "
            "see `ecpat-data show organisation --format json`",
        ),
    ]
    rows = [[key, value or _NONE] for key, value in facts]
    return render(None, rows, width=width, keep=(0,))


def _founding(date: object, place: Place | None, claim: str, language: str) -> str:
    where = _place(place, language)
    return f"{date}{f' ({where})' if where else ''}: {claim}"


def _latest_size(organisation: Organisation) -> str:
    claims = organisation.network_size
    counted = [
        c
        for c in claims
        if c.counted == "members" and c.as_of is not None and c.organisations is not None
    ]
    total = _count(len(claims), "dated claim")
    if not counted:
        return f"{total}; see `ecpat-data info`"
    newest = max(counted, key=lambda c: (c.as_of, c.period))
    figure = _qualified(newest.organisations, newest.organisations_qualifier) + " organisations"
    if newest.countries is not None:
        figure += f" in {_qualified(newest.countries, newest.countries_qualifier)} countries"
    return f"{figure}, as of {newest.as_of}; {total} in all: see `ecpat-data info`"


def _qualified(number: int | None, qualifier: str | None) -> str:
    prefix = {"more-than": "more than ", "almost": "almost "}.get(qualifier or "", "")
    return f"{prefix}{number}"
