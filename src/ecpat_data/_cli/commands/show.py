"""``ecpat-data show``: one dataset as a readable terminal table, or as JSON."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, Final, TextIO

from ..._core.datasets import DATASETS, NAMES
from ..._core.membership import STATUSES
from .. import filters
from ..output import write_data
from ..status import FAILED, OK, USAGE, CommandHelp, epilog, error
from ..table import render

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from ..._core.countries import Country
    from ...models import Event, Member, Organisation, Place, ProgrammeArea, Source
    from ..main import Subparsers

__all__ = [
    "KINDS",
    "SORTS",
    "add_parser",
    "has_translations",
    "members_table",
    "organisation_table",
    "programme_areas_table",
    "run",
    "sort_rows",
    "sources_table",
    "timeline_table",
]

_NONE = "-"


#: Record kinds ``show KIND ID`` prints a card for (the organisation is a dataset and a kind).
KINDS: Final = tuple(d.kind for d in DATASETS.values() if not d.single)
#: ``--sort`` keys each table offers, the default first (programme areas: file order).
SORTS: Final = {
    "members": ("country", "name", "id", "type", "status", "latest-claim"),
    "timeline": ("date", "title", "place"),
    "programme_areas": ("listed", "id", "name"),
    "sources": ("id", "title", "url"),
    "organisation": (),
}


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data show`` and its options to the command line."""
    show = commands.add_parser(
        "show",
        help="print a dataset as a table or JSON, or one record",
        description=(
            "Print one dataset as a table sized to the terminal (COLUMNS if set; 100 columns "
            "when the output is not a terminal), or as JSON exactly as in the data files; or, "
            "given a record kind (member, event, source, programme_area) and an id, that "
            "record's card: every field, its evidence and each cited source. Members can be "
            "narrowed by country (code or name), status, region and name, events by period and "
            "programme area; rows are sorted by what is shown (--sort to choose); country names "
            "can be shown in another language."
        ),
        epilog=epilog(
            [
                "ecpat-data show members --country thailand",
                "ecpat-data show members --status current --region europe --sort name",
                "ecpat-data show timeline --since 1996-06 --until 1999",
                "ecpat-data show member ecpat-uk",
            ],
            [(OK, "printed"), (FAILED, "the installed data is broken"), (USAGE, "bad arguments")],
        ),
        formatter_class=CommandHelp,
    )
    show.add_argument(
        "dataset",
        metavar="DATASET|KIND",
        choices=(*NAMES, *KINDS),
        help=", ".join(NAMES)
        + "; or a record kind ("
        + ", ".join(KINDS)
        + ") and an ID for one record's card",
    )
    show.add_argument("id", metavar="ID", nargs="?", help="the record to show (with a KIND)")
    filters.add_arguments(show)
    show.add_argument("--search", metavar="TEXT", help="only members whose names match TEXT")
    show.add_argument("--lang", metavar="LANG", default="en", help="language of country names")
    show.add_argument(
        "--sort",
        metavar="COLUMN",
        help="order rows by this column (members: country (default), name, id, type, status, "
        "latest-claim; timeline: date (default), title, place; sources: id (default), title, "
        "url; programme_areas: listed (file order, default), id, name)",
    )
    show.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table: aligned columns for people (default); json: the records as in the files",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.dataset in KINDS:
        return _card(args, out)
    if args.id is not None:
        kind = DATASETS[args.dataset].kind
        return error(f"to show one record name its kind: ecpat-data show {kind} {args.id}")
    if args.dataset != "members" and args.search is not None:
        return error("--search applies only to: show members")
    sorts = SORTS[args.dataset]
    if args.sort is not None and args.sort not in sorts:
        offered = ", ".join(sorts) or "nothing (one record)"
        return error(f"--sort: {args.dataset} can be sorted by {offered}, not {args.sort!r}")
    chosen = filters.select(args.dataset, args)
    if isinstance(chosen, str):
        return error(chosen)
    if args.search is not None:
        from ..._api.search import rank_members

        try:
            chosen = rank_members(args.search, chosen)  # type: ignore[arg-type]
        except ValueError as problem:
            return error(f"--search: {problem}")
    records: Any = chosen[0] if args.dataset == "organisation" else tuple(chosen)
    if args.format == "json":
        write_data(out, _json(records).encode("utf-8"))
        return OK
    language = args.lang
    if not has_translations(language):
        print(
            f"ecpat-data: no country-name translations for language {language!r}; "
            "showing English names",
            file=sys.stderr,
        )
    if args.dataset != "organisation":
        by = args.sort or (None if args.search is not None else sorts[0])
        if by is not None:
            records = sort_rows(args.dataset, records, by, language)
    out.write(_table(args.dataset, records, language))
    return OK


def _card(args: argparse.Namespace, out: TextIO) -> int:
    if args.id is None:
        return error(f"show {args.dataset} needs an ID, e.g. ecpat-data show {args.dataset} ID")
    extra = [*filters.given(args)]
    extra += [f"--{o}" for o in ("search", "sort") if getattr(args, o) is not None]
    if extra:
        return error(f"{', '.join(extra)} do not apply to one record")
    from ..._api import records
    from ..._api.card import card
    from ..._core.errors import UnknownIdError

    lookups: dict[str, Callable[[str], Member | Event | Source | ProgrammeArea]] = {
        "member": records.member,
        "event": records.event,
        "source": records.source,
        "programme_area": records.programme_area,
    }
    try:
        record = lookups[args.dataset](args.id)
    except UnknownIdError as problem:
        return error(str(problem))
    if args.format == "json":
        write_data(out, _json(record).encode("utf-8"))
        return OK
    out.write(card(record))
    return OK


def _fold(text: str) -> str:
    from ..._api.search import normalize

    return normalize(text)


def sort_rows(dataset: str, records: Sequence[Any], by: str, language: str = "en") -> list[Any]:
    """``records`` in the order of the shown column ``by`` (text without case or accents)."""
    if by == "listed":
        return list(records)
    last = (1, "")

    def text(value: str | None) -> tuple[int, str]:
        return last if not value else (0, _fold(value))

    keys: dict[str, Any] = {
        "id": lambda r: r.id,
        "name": lambda r: (text(r.name), r.id),
        "title": lambda r: (text(r.title), r.id),
        "url": lambda r: (text(r.url), r.id),
        "type": lambda r: (text(r.member_type), text(r.name), r.id),
        "status": lambda r: (STATUSES.index(r.status), text(r.name), r.id),
        "country": lambda r: (text(_country(r.country, language)), text(r.name), r.id),
        "latest-claim": lambda r: (
            (0, r.latest_claim) if r.latest_claim is not None else (1, None),
            text(r.name),
            r.id,
        ),
        "date": lambda r: (r.date, r.id),
        "place": lambda r: (text(_place(r.place, language)), r.date, r.id),
    }
    key = keys[by]
    if by == "latest-claim":
        dated = sorted((r for r in records if r.latest_claim is not None), key=key)
        return dated + sorted((r for r in records if r.latest_claim is None), key=key)
    return sorted(records, key=key)


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
    """Members: id, name, country (named in ``language``), then type over status over the date
    of the latest claim the status rests on, then the kinds of evidence.

    Type, status and date share a column so that the table, whose ids never wrap, fits 100
    columns without cutting words.
    """
    rows = [
        [
            m.id,
            m.name,
            _country(m.country, language),
            "\n".join(
                [m.member_type or _NONE, m.status]
                + ([f"({m.latest_claim})"] if m.latest_claim is not None else [])
            ),
            "\n".join(_unique([e.kind for e in m.evidence])),
        ]
        for m in members
    ]
    headers = ["id", "name", "country", "type / status", "evidence"]
    countries = len({m.country for m in members})
    footer = f"{_count(len(members), 'member')} in {_count(countries, 'country', 'countries')}"
    return render(headers, rows, width=width, keep=(3, 4), nowrap=(0,)) + footer + "\n"


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
    text = render(["id", "name", "listed"], rows, width=width, keep=(0,), nowrap=(0,))
    return text + _count(len(areas), "programme area") + "\n"


def sources_table(sources: Sequence[Source], width: int | None = None) -> str:
    """Sources: id, then title (marked when unverified) over its address.

    Ids are long and never wrap, so title and address share the rest of the line.
    """
    rows = [
        [
            s.id,
            s.title + (" [unverified]" if s.unverified else "") + "\n" + (s.url or "(no address)"),
        ]
        for s in sources
    ]
    text = render(["id", "title / url"], rows, width=width, nowrap=(0,))
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
