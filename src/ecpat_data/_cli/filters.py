"""The record filters ``show`` and ``export`` share, answered by the public API functions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from pydantic import BaseModel

__all__ = ["FILTERS", "add_arguments", "select"]

#: option -> the dataset it applies to.
FILTERS = {
    "country": "members",
    "status": "members",
    "region": "members",
    "since": "timeline",
    "until": "timeline",
    "programme_area": "timeline",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--country``, ``--status``, ``--region``, ``--since``, ``--until`` and
    ``--programme-area`` to ``parser``."""
    parser.add_argument(
        "--country",
        metavar="COUNTRY",
        help="members: only this country (code in any case, or name: TH, th, Thailand)",
    )
    from .._core.membership import STATUSES

    parser.add_argument(
        "--status",
        choices=STATUSES,
        help="members: only this membership status (from the dates of their evidence)",
    )
    parser.add_argument(
        "--region",
        metavar="REGION",
        help="members: only this UN M49 region or sub-region (name or code: Europe, 202)",
    )
    parser.add_argument(
        "--since", metavar="DATE", help="timeline: events overlapping DATE or later (1996-06)"
    )
    parser.add_argument(
        "--until", metavar="DATE", help="timeline: events overlapping DATE or earlier (1999)"
    )
    parser.add_argument(
        "--programme-area", metavar="ID", help="timeline: events related to this programme area"
    )


def given(args: argparse.Namespace) -> list[str]:
    """The filter options given, as ``--option`` names."""
    return ["--" + n.replace("_", "-") for n in FILTERS if getattr(args, n, None) is not None]


def select(dataset: str, args: argparse.Namespace) -> Sequence[BaseModel] | str:
    """The records of ``dataset`` the filters in ``args`` keep, or a usage problem as text."""
    wrong = [
        "--" + n.replace("_", "-")
        for n, applies in FILTERS.items()
        if getattr(args, n, None) is not None and applies != dataset
    ]
    if wrong:
        by = {"--" + n.replace("_", "-"): d for n, d in FILTERS.items()}
        return "; ".join(f"{w} applies only to {by[w]}, not {dataset}" for w in wrong)
    from .._api import records
    from .._core.dates import PartialDate
    from .._core.errors import UnknownIdError

    for option in ("since", "until"):
        value = getattr(args, option, None)
        if value is not None:
            try:
                PartialDate.parse(value)
            except ValueError as problem:
                return f"--{option}: {problem}"
    try:
        if dataset == "members":
            return records.members(args.country, status=args.status, region=args.region)
        if dataset == "timeline":
            return records.timeline(
                since=args.since, until=args.until, programme_area=args.programme_area
            )
    except UnknownIdError as problem:
        names = {"country": "--country", "programme area": "--programme-area"}
        return f"{names.get(problem.kind, '--region')}: {problem}"
    from .._loading import bundle

    return bundle().records(dataset)
