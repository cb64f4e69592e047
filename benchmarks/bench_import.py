"""Benchmark: import, first load and lookup costs against their baselines (issue 2's speed section).

Not a test: run it on purpose with the interpreter of the environment to measure, in which
ecpat-data is installed (a wheel or an editable install)::

    python benchmarks/bench_import.py               # 40 fresh processes per command
    python benchmarks/bench_import.py --runs 100

Side by side, in one run:

1. ``import ecpat_data`` against ``python -c pass`` (a bare interpreter start): median wall time
   of fresh processes, started alternately so that drift in the machine's load hits both;
   target at most 1.5x.
2. Loading all five datasets (``members()``, ``organisation()``, ``timeline()``,
   ``programme_areas()``, ``sources()``) in a fresh process against
   ``python -c "import pydantic, pycountry"``; target at most 1.5x. An installed wheel builds
   its records without validating files its build validated; an editable install has no
   build manifest and validates every file, so measure a wheel (the output says which).
3. Lookups by id (``member``, ``source``) and by country (``members(country=...)``) against
   pycountry's ``countries.get(alpha_2="TH")``, in nanoseconds per call (``timeit``, best of
   several repeats, after a first call); target no slower than pycountry.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time

IMPORT = "import ecpat_data"
LOAD = (
    "import ecpat_data as e; e.members(); e.organisation(); e.timeline(); "
    "e.programme_areas(); e.sources()"
)
#: The issue's baselines, plus one for context: `import pydantic` alone defers pydantic's model
#: machinery (pydantic 2 imports BaseModel lazily), which any pydantic-model loader must pay.
CASES = (
    (IMPORT, "pass", 1.5),
    (LOAD, "import pydantic, pycountry", 1.5),
    (LOAD, "from pydantic import BaseModel; import pycountry", None),
)

LOOKUPS = r"""
import json, sys, timeit
import pycountry
import ecpat_data as e

members = e.members()
member_id = members[0].id
country = "TH" if e.members(country="TH") else str(members[0].country)
source_id = e.sources()[0].id
cases = {
    "pycountry.countries.get(alpha_2='TH')": lambda: pycountry.countries.get(alpha_2="TH"),
    f"ecpat_data.member({member_id!r})": lambda: e.member(member_id),
    f"ecpat_data.members(country={country!r})": lambda: e.members(country=country),
    f"ecpat_data.source({source_id!r})": lambda: e.source(source_id),
}
result = {}
for name, call in cases.items():
    call()
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    best = min(timer.repeat(repeat=7, number=number)) / number
    result[name] = best * 1e9
print(json.dumps(result))
"""


def _start(code: str, cwd: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    return elapsed


def startup(code: str, baseline: str, runs: int, cwd: str) -> tuple[float, float]:
    """Median wall time of ``code`` and of ``baseline`` in fresh processes, interleaved."""
    _start(code, cwd)  # warm the file cache for both
    _start(baseline, cwd)
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(_start(code, cwd))
        theirs.append(_start(baseline, cwd))
    return statistics.median(mine), statistics.median(theirs)


def lookups(cwd: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", LOOKUPS], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


WHICH = """
import pathlib, ecpat_data
package = pathlib.Path(ecpat_data.__file__).parent
manifest = (package / "data" / "MANIFEST.json").is_file()
print(f"ecpat-data {ecpat_data.__version__} at {package}: " + (
    "installed wheel with its build manifest (validated files are not validated again)"
    if manifest else "no build manifest (editable install?): every file is validated on load"))
"""


def _which(cwd: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", WHICH], cwd=cwd, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or done.stderr.strip()


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="fresh processes per command")
    args = parser.parse_args()
    lines = [
        f"Python {sys.version.split()[0]} ({sys.executable}); "
        f"median of {args.runs} fresh processes each",
        "",
        "| measurement | time | baseline | baseline time | ratio | target |",
        "|---|---:|---|---:|---:|---|",
    ]
    status = 0
    with tempfile.TemporaryDirectory() as cwd:  # not the source tree: the installed package
        lines[1:1] = [_which(cwd)]
        for code, baseline, target in CASES:
            goal = f"≤ {target}x" if target is not None else "context"
            try:
                mine, theirs = startup(code, baseline, args.runs, cwd)
            except RuntimeError as error:
                lines.append(f"| `{code}` | failed: {error} | `{baseline}` | | | {goal} |")
                status = 1
                continue
            ratio = mine / theirs
            verdict = f": {_verdict(ratio <= target)}" if target is not None else ""
            lines.append(
                f'| `{code}` | {mine * 1e3:.1f} ms | `python -c "{baseline}"` '
                f"| {theirs * 1e3:.1f} ms | {ratio:.2f}x | {goal}{verdict} |"
            )
        lines += [
            "",
            "| lookup | ns per call | vs pycountry | target |",
            "|---|---:|---:|---|",
        ]
        try:
            figures = lookups(cwd)
        except RuntimeError as error:
            lines.append(f"| lookups | failed: {error} | | |")
            status = 1
        else:
            reference = next(iter(figures.values()))
            for name, nanoseconds in figures.items():
                ratio = nanoseconds / reference
                verdict = "baseline" if name.startswith("pycountry") else _verdict(ratio <= 1.0)
                lines.append(f"| `{name}` | {nanoseconds:,.0f} | {ratio:.2f}x | {verdict} |")
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
