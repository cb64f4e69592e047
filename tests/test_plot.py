"""Charts: one mark per data point, each traceable to its sources; matplotlib only when called."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

import ecpat_data

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("matplotlib")

_GROUP = re.compile(r'<g id="([^"]+)">\s*<title>([^<]*)</title>')


def _marks(svg: bytes, prefix: str) -> dict[str, str]:
    return {gid: title for gid, title in _GROUP.findall(svg.decode()) if gid.startswith(prefix)}


def test_network_size_has_one_mark_per_dated_figure() -> None:
    svg = ecpat_data.plot_network_size()
    marks = _marks(svg, "network-size-")
    claims = ecpat_data.organisation().network_size
    expected = {
        f"network-size-{n}-{measure}"
        for n, claim in enumerate(claims, 1)
        if claim.as_of is not None
        for measure in ("organisations", "countries")
        if getattr(claim, measure) is not None
    }
    assert set(marks) == expected
    # each point names its date, figure (with its qualifier), what it counts and its sources
    for n, claim in enumerate(claims, 1):
        title = marks.get(f"network-size-{n}-organisations")
        if title is None:
            continue
        assert title.startswith(f"{claim.as_of}: ")
        assert f"({claim.counted})" in title
        assert all(source in title for source in claim.sources)
        if claim.organisations_qualifier == "more-than":
            assert "more than " in title


def test_members_chart_has_one_mark_per_region_and_status() -> None:
    from ecpat_data._export.plot import _group, _status

    svg = ecpat_data.plot_members()
    marks = _marks(svg, "members-")
    segments = {(_group(m), _status(m)) for m in ecpat_data.members()}
    assert len(marks) == len(segments)
    counted = sum(len(title.split("(", 1)[1].split(", ")) for title in marks.values())
    assert counted == len(ecpat_data.members())


def test_the_same_data_gives_the_same_svg() -> None:
    assert ecpat_data.plot_network_size() == ecpat_data.plot_network_size()


@pytest.mark.parametrize(("chart", "suffix"), [("network-size", "svg"), ("members", "png")])
def test_command_line_writes_the_chart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], chart: str, suffix: str
) -> None:
    from ecpat_data._cli.main import main

    target = tmp_path / f"chart.{suffix}"
    assert main(["plot", chart, "--output", str(target)]) == 0
    data = target.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG")
    else:
        assert data == ecpat_data.plot_network_size(format="svg")
    assert capsys.readouterr().out == f"wrote {target}\n"


def test_importing_the_package_does_not_import_matplotlib() -> None:
    code = "import sys, ecpat_data; ecpat_data.members(); print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_without_matplotlib_the_error_says_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from ecpat_data._cli.main import main

    real = importlib.import_module

    def no_matplotlib(name: str, package: str | None = None) -> object:
        if name.startswith("matplotlib"):
            raise ImportError(f"No module named {name!r}")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_matplotlib)
    with pytest.raises(ImportError, match=r'pip install "ecpat-data\[plot\]"'):
        ecpat_data.plot_members()
    assert main(["plot", "members", "--output", str(tmp_path / "m.svg")]) == 2
    assert 'pip install "ecpat-data[plot]"' in capsys.readouterr().err
    assert not (tmp_path / "m.svg").exists()
