"""Charts from Python, as ``ecpat-data plot`` draws them (needs the ``[plot]`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    import os
    from typing import BinaryIO

    from .._export.plot import ChartFormat

__all__ = ["plot_members", "plot_network_size"]


@overload
def plot_network_size(path: None = None, *, format: ChartFormat | None = None) -> bytes: ...
@overload
def plot_network_size(
    path: str | os.PathLike[str] | BinaryIO, *, format: ChartFormat | None = None
) -> None: ...
def plot_network_size(
    path: str | os.PathLike[str] | BinaryIO | None = None, *, format: ChartFormat | None = None
) -> bytes | None:
    """Chart the dated network-size series: organisations and countries over time.

    One point per dated figure, coloured by what it counts (``members``,
    ``assembly-participation``, ``countries-present``, ...); a triangle marks a qualified figure
    ("more than" up, "almost" down). In SVG each point is a ``<g id="network-size-N-...">``
    (``N``: the claim's position in ``organisation().network_size``) whose ``<title>`` gives
    the date, the figure and its source ids.

    Writes SVG or PNG (``format``, else the path's suffix, else SVG) to ``path`` (replaced
    atomically) or a binary stream; with no ``path``, returns the bytes. Needs matplotlib
    (``pip install "ecpat-data[plot]"``), imported only here; ``ImportError`` says so.
    """
    from .._export.plot import network_size_chart, render
    from .._loading import bundle

    return render(network_size_chart(bundle()), path, format)


@overload
def plot_members(path: None = None, *, format: ChartFormat | None = None) -> bytes: ...
@overload
def plot_members(
    path: str | os.PathLike[str] | BinaryIO, *, format: ChartFormat | None = None
) -> None: ...
def plot_members(
    path: str | os.PathLike[str] | BinaryIO | None = None, *, format: ChartFormat | None = None
) -> bytes | None:
    """Chart the members by region and status: a stacked bar per region.

    In SVG each segment is a ``<g id="members-REGION-STATUS">`` whose ``<title>`` lists the
    member ids it counts. Output as for :func:`plot_network_size`.
    """
    from .._export.plot import members_chart, render
    from .._loading import bundle

    return render(members_chart(bundle()), path, format)
