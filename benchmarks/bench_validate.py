"""Benchmark: validate a synthetic, valid 100,000-member dataset end to end (issue 3).

Not a test: run it on purpose, from the repository root, with the interpreter of the
environment to measure (``jsonschema`` must be installed)::

    python benchmarks/bench_validate.py                 # 100,000 members, 5 runs each
    python benchmarks/bench_validate.py --members 20000 --runs 3 --jsonschema-runs 1

It writes the five data files into a temporary directory (``--keep DIR`` to keep them): a
``members.json`` of N deterministic, valid records whose fields follow the patterns of
``tests/fixtures/valid`` (country codes from pycountry, citations of the fixture sources), and
the other four fixture files. Then, side by side and each run in a fresh interpreter, it measures:

(a)  pydantic's bare ``MembersFile.model_validate_json(bytes)`` on the bytes of
     ``members.json`` (the same core call as ``TypeAdapter(MembersFile).validate_json``);
(a') the same call with the garbage collector disabled (at 100k records the bare call is
     largely bound by the collector);
(b)  ``ecpat_data.validate(DIR)``: all five files, end to end (reading, strict JSON reading,
     model validation, cross-file checks);
(c)  ``jsonschema.Draft202012Validator`` with the exported schema, on the already parsed
     ``members.json`` (its parsing is not timed, which favours it);
(d)  ``ecpat-data fmt --check`` on the five files (``format_paths(..., check=True)``);
(h)  the hostile case of issue 10: ``ecpat_data.validate`` of a 2 MB ``members.json`` whose
     ``members`` is a list of a million ``1`` (alone in its directory): a million problems,
     100 listed and the rest counted (18 s and 1.8 GB before the limit).

Wall time is the median over the runs; memory is measured in separate runs (tracemalloc
slows Python down): the tracemalloc peak during the call, and the growth of the process's
maximum resident set size over the call (``ru_maxrss``), which also sees memory that
tracemalloc does not (pydantic-core's Rust allocations). Targets (issue 3): (b) at most 1.2x
the time of (a) and at most 1.5x its peak memory; (c) at least 10x slower than (b). Issues 10
and 12: (b) at most 1.5x the time of (a'); (d) at most 1.5x the time of (b); (h) linear, with
memory a small multiple of the file.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "valid"
WARM_UP = FIXTURES / "members.json"
FILES = ("sources.json", "organisation.json", "timeline.json", "programme_areas.json")

KINDS = {
    "a": "(a) pydantic MembersFile.model_validate_json(bytes)",
    "a-nogc": "(a') the same, garbage collector disabled",
    "b": "(b) ecpat_data.validate(dir), end to end",
    "c": "(c) jsonschema Draft202012Validator, parsed data",
    "d": "(d) ecpat-data fmt --check: the five files",
    "h": "(h) hostile: validate a 2 MB members.json of a million 1s",
}
#: Where the hostile file of (h) is written, inside the benchmark's directory.
HOSTILE = "hostile"


# --- the synthetic dataset ------------------------------------------------------------------


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def _date(rnd: random.Random, first: int = 1985, last: int = 2025) -> str:
    year = rnd.randint(first, last)
    precision = rnd.random()
    if precision < 0.5:
        return f"{year:04d}"
    month = rnd.randint(1, 12)
    if precision < 0.8:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{rnd.randint(1, 28):02d}"


def synthetic_members(count: int, seed: int = 20261101) -> list[dict[str, Any]]:
    """``count`` valid member records, the same for the same arguments."""
    import pycountry

    rnd = random.Random(seed)
    countries = sorted(
        (c.alpha_2, unicodedata.normalize("NFC", getattr(c, "common_name", None) or c.name))
        for c in pycountry.countries
    )
    sources = [s["id"] for s in json.loads((FIXTURES / "sources.json").read_bytes())["sources"]]
    prefixes = {"ECPAT": "ecpat", "Coalition against child exploitation in": "coalition"}
    prefixes["Child Rights Network"] = "network"
    import typing

    from ecpat_data.models import EvidenceKind

    kinds = list(typing.get_args(EvidenceKind))  # the kinds of the file format in use
    types = [None, "national-group", "affiliate", "coalition", "member"]
    members = []
    for index in range(count):
        code, country = rnd.choice(countries)
        prefix = rnd.choice(sorted(prefixes))
        name = f"{prefix} {country}"
        evidence = []
        for _ in range(rnd.choice((1, 1, 2))):
            kind = rnd.choice(kinds)
            evidence.append(
                {
                    "kind": kind,
                    "claim": rnd.choice(["member (country page)", "national representative"]),
                    "as_of": _date(rnd, 2008, 2025) if rnd.random() < 0.6 else None,
                    "sources": [rnd.choice(sources)],
                    "unverified": kind == "third-party",
                }
            )
        cited = sorted({source for item in evidence for source in item["sources"]})
        member_type = rnd.choice(types)
        members.append(
            {
                "id": f"{prefixes[prefix]}-{_slug(country)[:40].strip('-')}-{index}",
                "name": name,
                "other_names": [f"{name} ({index})"] if rnd.random() < 0.2 else [],
                "country": code,
                "website": f"https://www.{_slug(country)}-{index}.example.org"
                if rnd.random() < 0.7
                else None,
                "member_type": member_type,
                "type_as_stated": f"{member_type} (as stated)" if member_type else None,
                "joined": _date(rnd) if rnd.random() < 0.4 else None,
                "founded": _date(rnd, 1970, 2020) if rnd.random() < 0.5 else None,
                "dates_note": None,
                "evidence": evidence,
                "note": "Listed on a mirror copy only." if rnd.random() < 0.1 else None,
                "sources": cited,
                "unverified": rnd.random() < 0.05,
            }
        )
    members.sort(key=lambda m: (m["country"], m["id"]))
    return members


def build(directory: Path, count: int) -> None:
    """Write the five files of a valid dataset with ``count`` members into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for file in FILES:
        shutil.copyfile(FIXTURES / file, directory / file)
    document = {
        "$schema": "./schemas/members.schema.json",
        "schema_version": 2,
        "current_to": json.loads((FIXTURES / "sources.json").read_bytes())["current_to"],
        "members": synthetic_members(count),
    }
    from ecpat_data._validation.format import canonical_text

    # In canonical form (every field written, as `fmt` writes it), so that (d) changes nothing.
    text = canonical_text("members", document)
    (directory / "members.json").write_text(text, encoding="utf-8")
    hostile = directory / HOSTILE
    hostile.mkdir(exist_ok=True)
    (hostile / "members.json").write_bytes(
        b'{"schema_version": 2, "current_to": "2026-11", "members": ['
        + b",".join([b"1"] * 1_000_000)
        + b"]}\n"
    )


# --- one measurement, in a fresh interpreter ------------------------------------------------


def _max_rss_bytes() -> int:
    import resource

    scale = 1 if sys.platform == "darwin" else 1024  # Linux reports KiB, macOS bytes
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _rss_bytes() -> int:
    """The resident set size now (Linux); elsewhere the maximum so far."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return _max_rss_bytes()


def child(kind: str, directory: Path, memory: bool) -> dict[str, Any]:
    """Run one measurement in this process; return its figures."""
    import gc
    import time
    import tracemalloc

    members = directory / "members.json"
    if kind in ("a", "a-nogc"):
        from ecpat_data.models import MembersFile

        data = members.read_bytes()
        MembersFile.model_validate_json(WARM_UP.read_bytes())  # pycountry read once, as in (b)

        def call() -> object:
            return MembersFile.model_validate_json(data)

        if kind == "a-nogc":
            inner = call

            def call() -> object:
                gc.disable()
                try:
                    return inner()
                finally:
                    gc.enable()

    elif kind == "b":
        import ecpat_data
        from ecpat_data._validation.validate import validate_bytes

        validate_bytes({"members.json": WARM_UP.read_bytes()})  # import and build everything

        def call() -> object:
            report = ecpat_data.validate(directory)
            if not report.ok:
                raise SystemExit(f"the synthetic data is invalid: {report.errors[:3]}")
            return report

    elif kind == "d":
        from ecpat_data._validation.format import data_files, format_paths

        format_paths(data_files([FIXTURES]), check=True)  # import and build everything
        paths = data_files([directory])

        def call() -> object:
            outcomes = format_paths(paths, check=True)
            if any(outcome.status != "unchanged" for outcome in outcomes):
                raise SystemExit(f"fmt --check would change the data: {outcomes}")
            return outcomes

    elif kind == "h":
        import ecpat_data
        from ecpat_data._validation.validate import validate_bytes

        validate_bytes({"members.json": WARM_UP.read_bytes()})
        hostile = directory / HOSTILE / "members.json"

        def call() -> object:
            report = ecpat_data.validate(hostile)
            if report.ok or report.omitted != 1_000_000 - 100:
                raise SystemExit(f"unexpected report of the hostile file: {report.omitted}")
            return report

    elif kind == "c":
        from jsonschema import Draft202012Validator

        from ecpat_data._validation.schema import schema

        validator = Draft202012Validator(schema("members"))
        document = json.loads(members.read_bytes())

        def call() -> object:
            errors = list(validator.iter_errors(document))
            if errors:
                raise SystemExit(f"jsonschema refuses the synthetic data: {errors[0].message}")
            return errors

    else:
        raise SystemExit(f"unknown kind {kind!r}")

    gc.collect()
    rss_before = _rss_bytes()
    if memory:
        tracemalloc.start()
        call()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"tracemalloc_peak": peak, "rss_growth": _max_rss_bytes() - rss_before}
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    rss_growth = _max_rss_bytes() - rss_before
    del result
    return {"seconds": elapsed, "rss_growth": rss_growth, "max_rss": _max_rss_bytes()}


def _spawn(kind: str, directory: Path, *, memory: bool) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind, "--data", str(directory)]
    if memory:
        command.append("--memory")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --- the side-by-side run -------------------------------------------------------------------


def _mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB"


def measure(
    directory: Path, runs: int, jsonschema_runs: int, kinds: list[str] | None = None
) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for kind in kinds or KINDS:
        count = jsonschema_runs if kind == "c" else runs
        if count < 1:
            continue  # --jsonschema-runs 0: (c) not measured
        timings = [_spawn(kind, directory, memory=False) for _ in range(count)]
        memory = _spawn(kind, directory, memory=True)
        results[kind] = {
            "seconds": statistics.median(t["seconds"] for t in timings),
            "runs": count,
            "rss_growth": statistics.median(t["rss_growth"] for t in timings),
            "tracemalloc_peak": memory["tracemalloc_peak"],
        }
        print(f"  measured {KINDS[kind]}: {results[kind]['seconds']:.3f} s", file=sys.stderr)
    return results


def table(results: dict[str, dict[str, float]], members: int, size: int, hostile: int) -> str:
    base = results["a"]
    lines = [
        f"validating {members:,} members ({size / 2**20:,.1f} MiB members.json); "
        f"Python {sys.version.split()[0]}",
        "",
        "| measurement | runs | time (median) | vs (a) | tracemalloc peak | vs (a) "
        "| max-RSS growth | vs (a) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, label in KINDS.items():
        if kind not in results:
            continue
        row = results[kind]
        lines.append(
            f"| {label} | {row['runs']:.0f} | {row['seconds']:.3f} s "
            f"| {row['seconds'] / base['seconds']:.2f}x "
            f"| {_mib(row['tracemalloc_peak'])} "
            f"| {row['tracemalloc_peak'] / base['tracemalloc_peak']:.2f}x "
            f"| {_mib(row['rss_growth'])} | {row['rss_growth'] / max(base['rss_growth'], 1):.2f}x |"
        )
    b = results["b"]
    time_ratio = b["seconds"] / base["seconds"]
    nogc_ratio = b["seconds"] / results["a-nogc"]["seconds"]
    peak_ratio = b["tracemalloc_peak"] / base["tracemalloc_peak"]
    rss_ratio = b["rss_growth"] / max(base["rss_growth"], 1)
    verdict = {True: "met", False: "NOT met"}
    lines += [
        "",
        f"- (b) time {time_ratio:.2f}x (a), target at most 1.2x: {verdict[time_ratio <= 1.2]}",
        f"- (b) time {nogc_ratio:.2f}x (a'), the collector-off bare call, target at most 1.5x: "
        f"{verdict[nogc_ratio <= 1.5]}",
        f"- (b) peak memory {peak_ratio:.2f}x (a) by tracemalloc, {rss_ratio:.2f}x by max RSS; "
        f"target at most 1.5x: {verdict[max(peak_ratio, rss_ratio) <= 1.5]}",
    ]
    if "c" in results:
        speedup = results["c"]["seconds"] / b["seconds"]
        lines.append(
            f"- (b) is {speedup:.1f}x faster than (c), target at least 10x: "
            f"{verdict[speedup >= 10]}"
        )
    if "d" in results:
        fmt_ratio = results["d"]["seconds"] / b["seconds"]
        lines.append(
            f"- (d) fmt --check takes {fmt_ratio:.2f}x (b), target at most 1.5x: "
            f"{verdict[fmt_ratio <= 1.5]}"
        )
    if "h" in results:
        h = results["h"]
        lines.append(
            f"- (h) the hostile file ({hostile / 2**20:.1f} MiB, a million problems, 100 listed): "
            f"{h['seconds']:.2f} s, {h['seconds'] / b['seconds']:.2f}x the valid run's time; "
            f"peak {_mib(h['tracemalloc_peak'])} by tracemalloc "
            f"({h['tracemalloc_peak'] / hostile:.0f}x the file), "
            f"{_mib(h['rss_growth'])} max-RSS growth ({h['rss_growth'] / hostile:.0f}x the file)"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of (a), (a'), (b)")
    parser.add_argument("--jsonschema-runs", type=int, default=1, help="timed runs of (c)")
    parser.add_argument("--keep", metavar="DIR", help="write the dataset here and keep it")
    parser.add_argument(
        "--only", nargs="+", choices=list(KINDS), help="measure these only ((a) always)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--build", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, Path(args.data), args.memory)))
        return 0
    if args.build:
        build(Path(args.build), args.members)
        return 0
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ecpat-bench-"))
    try:
        print(f"building {args.members:,} members in {work}", file=sys.stderr)
        # In a child process: this one stays small, and the children it starts inherit its
        # maximum resident set size (Linux keeps ru_maxrss across fork and exec).
        subprocess.run(
            [sys.executable, __file__, "--build", str(work), "--members", str(args.members)],
            check=True,
        )
        kinds = (
            None
            if not args.only
            else sorted({"a", "a-nogc", "b", *args.only}, key=list(KINDS).index)
        )
        results = measure(work, args.runs, args.jsonschema_runs, kinds)
        size = os.path.getsize(work / "members.json")
        hostile = os.path.getsize(work / HOSTILE / "members.json")
        print(table(results, args.members, size, hostile))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
