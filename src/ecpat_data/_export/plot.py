"""Charts of the data with matplotlib (the optional ``[plot]`` extra), imported only when called.

Every mark (a point, a bar segment) is its own artist with a ``gid``, so an SVG has one
``<g id="...">`` per data point, and in SVG each carries a ``<title>`` (a tooltip) naming what it
shows and the source ids behind it: every point can be traced to its sources.
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date
    from typing import BinaryIO

    from .._loading.reader import Bundle

__all__ = [
    "ChartFormat",
    "Mark",
    "members_chart",
    "network_size_chart",
    "render",
]

ChartFormat = Literal["svg", "png"]
_INSTALL: Final = 'pip install "ecpat-data[plot]"'
#: Marker for each qualifier: a triangle points the way the true figure lies.
_MARKERS: Final = {"exact": "o", "more-than": "^", "almost": "v", None: "o"}
_QUALIFIER_WORDS: Final = {"more-than": "more than ", "almost": "almost "}
#: Membership statuses in their order, each with its colour.
_STATUS_COLOURS: Final = {"current": "#2e933c", "historic": "#8c8c8c", "unconfirmed": "#edae49"}
_COLOURS: Final = (
    "#1b6ca8",
    "#d1495b",
    "#2e933c",
    "#edae49",
    "#6d597a",
    "#00798c",
    "#8d6a9f",
    "#555555",
)


class Mark:
    """One data point of a chart: its ``gid`` in the SVG and its tooltip."""

    __slots__ = ("gid", "title")

    def __init__(self, gid: str, title: str) -> None:
        self.gid = gid
        self.title = title


def _pyplot() -> Any:
    from importlib import import_module

    try:
        matplotlib = import_module("matplotlib")
    except ImportError:
        raise ImportError(f"charts need matplotlib, which is not installed: {_INSTALL}") from None
    matplotlib.use("Agg", force=False)
    return import_module("matplotlib.pyplot")


def _year(day: date) -> float:
    """A date as a fractional year, for the x axis."""
    start = day.replace(month=1, day=1)
    end = start.replace(year=start.year + 1)
    return day.year + (day - start).days / (end - start).days


def _qualified(number: int, qualifier: str | None) -> str:
    return f"{_QUALIFIER_WORDS.get(qualifier or '', '')}{number}"


def network_size_chart(data: Bundle) -> tuple[Any, list[Mark]]:
    """The dated network-size figures: organisations and countries, by what each counts."""
    plt = _pyplot()
    claims = [
        (n, c) for n, c in enumerate(data.organisation.network_size, 1) if c.as_of is not None
    ]
    counted = list(dict.fromkeys(c.counted for _, c in claims))
    colour = {kind: _COLOURS[i % len(_COLOURS)] for i, kind in enumerate(counted)}
    figure, axes = plt.subplots(2, 1, sharex=True, figsize=(9, 7), layout="constrained")
    marks: list[Mark] = []
    for ax, measure in zip(axes, ("organisations", "countries"), strict=True):
        for n, claim in claims:
            value = getattr(claim, measure)
            if value is None:
                continue
            qualifier = getattr(claim, f"{measure}_qualifier")
            assert claim.as_of is not None
            x = _year(claim.as_of.first_day())
            (artist,) = ax.plot(
                [x],
                [value],
                linestyle="none",
                marker=_MARKERS.get(qualifier, "o"),
                markersize=7,
                color=colour[claim.counted],
                markeredgecolor="black" if qualifier in ("more-than", "almost") else "none",
            )
            gid = f"network-size-{n}-{measure}"
            artist.set_gid(gid)
            title = (
                f"{claim.as_of}: {_qualified(value, qualifier)} {measure} "
                f"({claim.counted}); claim {n}; sources: {', '.join(claim.sources)}"
            )
            marks.append(Mark(gid, title))
        ax.set_ylabel(measure)
        ax.set_ylim(bottom=0)
        ax.grid(True, color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    axes[1].set_xlabel("as of (a year or month is placed at its first day)")
    handles = [
        plt.Line2D([], [], linestyle="none", marker="o", color=colour[k], label=k) for k in counted
    ]
    handles += [
        plt.Line2D(
            [],
            [],
            linestyle="none",
            marker=_MARKERS[q],
            color="white",
            markeredgecolor="black",
            label=f"{_QUALIFIER_WORDS[q].strip()} (qualified figure)",
        )
        for q in ("more-than", "almost")
    ]
    figure.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False)
    figure.suptitle(
        f"ECPAT network size: {len(claims)} dated claims, by what each counts "
        f"(data edition {data.edition})"
    )
    return figure, marks


def _group(member: Any) -> str:
    region = getattr(member.country, "region", None)
    return str(region) if region else "all regions"


def _status(member: Any) -> str:
    try:
        status = getattr(member, "status", None)
    except ValueError:
        status = None
    if status:
        return str(status)
    return "well evidenced" if member.well_evidenced else "other evidence"


def members_chart(data: Bundle) -> tuple[Any, list[Mark]]:
    """Members by region and status: one stacked bar per region, a segment per status."""
    plt = _pyplot()
    counts: dict[str, dict[str, list[str]]] = {}
    for member in data.members:
        counts.setdefault(_group(member), {}).setdefault(_status(member), []).append(member.id)
    groups = sorted(counts, key=lambda g: (-sum(len(v) for v in counts[g].values()), g))
    order = {s: n for n, s in enumerate(_STATUS_COLOURS)}
    statuses = sorted({s for by in counts.values() for s in by}, key=lambda s: (order.get(s, 9), s))
    colour = {
        s: _STATUS_COLOURS.get(s, _COLOURS[i % len(_COLOURS)]) for i, s in enumerate(statuses)
    }
    figure, ax = plt.subplots(figsize=(9, 1.2 + 0.45 * len(groups)), layout="constrained")
    marks: list[Mark] = []
    for row, group in enumerate(groups):
        left = 0
        for status in statuses:
            ids = counts[group].get(status, [])
            if not ids:
                continue
            (bar,) = ax.barh([row], [len(ids)], left=left, color=colour[status]).patches
            gid = f"members-{_slug(group)}-{_slug(status)}"
            bar.set_gid(gid)
            marks.append(Mark(gid, f"{group}, {status}: {len(ids)} members ({', '.join(ids)})"))
            ax.text(
                left + len(ids) / 2,
                row,
                str(len(ids)),
                ha="center",
                va="center",
                color="white",
                fontsize=8,
            )
            left += len(ids)
    ax.set_yticks(range(len(groups)), groups)
    ax.invert_yaxis()
    ax.set_xlabel("members")
    ax.legend(
        handles=[plt.Rectangle((0, 0), 1, 1, color=colour[s], label=s) for s in statuses],
        loc="lower right",
        frameon=False,
    )
    ax.set_title(
        f"ECPAT members by region and status: {len(data.members)} members "
        f"(data edition {data.edition})"
    )
    return figure, marks


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _with_titles(svg: bytes, marks: Sequence[Mark]) -> bytes:
    """Give each mark's ``<g id=...>`` a ``<title>`` child: a tooltip naming its sources."""
    from xml.sax.saxutils import escape

    text = svg.decode("utf-8")
    for mark in marks:
        opening = f'<g id="{mark.gid}">'
        text = text.replace(opening, f"{opening}\n   <title>{escape(mark.title)}</title>", 1)
    return text.encode("utf-8")


def render(
    chart: tuple[Any, list[Mark]],
    to: str | os.PathLike[str] | BinaryIO | None,
    format: ChartFormat | None = None,
) -> bytes | None:
    """Save a chart as SVG or PNG: to a path (atomically), a binary stream, or as bytes (None).

    ``format`` defaults to the path's suffix (``.svg``, ``.png``), else SVG. SVG output has no
    dates or random ids in it, so the same data gives the same file.
    """
    figure, marks = chart
    if format is None:
        suffix = (
            os.fspath(to).rsplit(".", 1)[-1].lower() if isinstance(to, (str, os.PathLike)) else ""
        )
        format = "png" if suffix == "png" else "svg"
    if format not in ("svg", "png"):
        raise ValueError(f"unknown chart format {format!r}; choose 'svg' or 'png'")
    buffer = io.BytesIO()
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "ecpat-data", "svg.fonttype": "path"}):
        figure.savefig(buffer, format=format, metadata={"Date": None} if format == "svg" else {})
    import matplotlib.pyplot as plt

    plt.close(figure)
    data = buffer.getvalue()
    if format == "svg":
        data = _with_titles(data, marks)
    if to is None:
        return data
    if isinstance(to, (str, os.PathLike)):
        from .output import write_file

        write_file(to, data)
    else:
        to.write(data)
    return None
