"""Draw the documentation's charts from the bundled data into docs/img/.

Run from the repository root, with the ``[plot]`` extra installed:

    python docs/make_charts.py

The charts are the ones ``ecpat-data plot`` draws, through the same public functions.
"""

from __future__ import annotations

from pathlib import Path

import ecpat_data

IMG = Path(__file__).parent / "img"


def main() -> None:
    """Write network-size.svg and members.svg."""
    IMG.mkdir(exist_ok=True)
    ecpat_data.plot_network_size(IMG / "network-size.svg")
    ecpat_data.plot_members(IMG / "members.svg")
    print(f"wrote {IMG / 'network-size.svg'} and {IMG / 'members.svg'}")


if __name__ == "__main__":
    main()
