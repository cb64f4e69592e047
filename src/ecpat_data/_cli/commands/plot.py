"""``ecpat-data plot CHART --output FILE``: a chart as SVG or PNG (needs the ``[plot]`` extra).

Draws through the public functions (``ecpat_data.plot_network_size``, ``plot_members``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TextIO

from ..status import FAILED, OK, USAGE, CommandHelp, epilog, error

if TYPE_CHECKING:
    import argparse

    from ..main import Subparsers

__all__ = ["CHARTS", "add_parser", "run"]

#: Chart name -> the public function that draws it.
CHARTS: Final = {"network-size": "plot_network_size", "members": "plot_members"}


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data plot`` and its options to the command line."""
    plot = commands.add_parser(
        "plot",
        help="draw a chart as SVG or PNG (needs ecpat-data[plot])",
        description=(
            "Draw a chart of the installed data with matplotlib (pip install "
            "'ecpat-data[plot]'): network-size, the dated series of organisations and countries "
            "ECPAT reported, each point traceable to its source; or members, the members by "
            "region and status. Written as SVG or PNG to the file given with --output."
        ),
        epilog=epilog(
            [
                "ecpat-data plot network-size --output network-size.svg",
                "ecpat-data plot members --output members.png",
            ],
            [
                (OK, "written"),
                (FAILED, "the installed data is broken"),
                (USAGE, "no matplotlib, bad arguments, or a file that cannot be written"),
            ],
        ),
        formatter_class=CommandHelp,
    )
    plot.add_argument("chart", choices=tuple(CHARTS), help="the chart to draw")
    plot.add_argument(
        "--output", metavar="FILE", required=True, help="where to write (.svg or .png)"
    )
    plot.add_argument("--format", choices=("svg", "png"), help="default: FILE's suffix, else svg")


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.output == "":
        return error("--output: the file name is an empty string; name a file")
    from ..._api import plot

    draw = getattr(plot, CHARTS[args.chart])
    try:
        draw(args.output, format=args.format)
    except ImportError as missing:  # trouble, not a verdict: nothing was drawn
        return error(str(missing))
    except OSError as problem:
        return error(f"{args.output}: {problem.strerror or problem}")
    out.write(f"wrote {args.output}\n")
    return OK
