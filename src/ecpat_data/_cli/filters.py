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
    "since": "timeline",
    "until": "timeline",
    "programme_area": "timeline",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--country``, ``--since``, ``--until`` and ``--programme-area`` to ``parser``."""
    parser.add_argument(
        "--country",
        metavar="COUNTRY",
        help="members: only this country (code in any case, or name: TH, th, Thailand)",
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
            return records.members(args.country)
        if dataset == "timeline":
            return records.timeline(
                since=args.since, until=args.until, programme_area=args.programme_area
            )
    except UnknownIdError as problem:
        option = "--country" if problem.kind == "country" else "--programme-area"
        return f"{option}: {problem}"
    from .._loading import bundle

    return bundle().records(dataset)
