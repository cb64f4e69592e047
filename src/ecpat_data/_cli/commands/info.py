"""``ecpat-data info``: what is installed, how much of it, and how complete the member list is.

``--json`` prints the same as one object (version, data edition, fingerprint, citation, record
counts, members by status, completeness of all and of current members, sha256 of each data
file); ``--verify`` checks the installed files against
the build manifest instead (see ``_verify``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from ..output import write_data
from ..status import FAILED, OK, USAGE, CommandHelp, epilog

if TYPE_CHECKING:
    import argparse

    from ..main import Subparsers

__all__ = ["add_parser", "run", "summary"]


def summary() -> dict[str, Any]:
    """The facts ``info`` prints, as plain data."""
    from ..._api.records import completeness
    from ..._loading import bundle
    from ..._reports.fingerprint import file_digests
    from ..._reports.pinning import citation, fingerprint
    from ..._version import __version__

    data = bundle()
    return {
        "version": __version__,
        "data_edition": str(data.edition),
        "fingerprint": fingerprint(),
        "citation": citation(),
        "records": {
            "sources": len(data.sources),
            "timeline": len(data.events),
            "programme_areas": len(data.programme_areas),
            "members": len(data.members),
            "member_countries": len(data.members_by_country),
            "members_by_status": {
                status: len(found) for status, found in data.members_by_status.items()
            },
            "network_size_claims": len(data.organisation.network_size),
        },
        "completeness": [
            {
                "as_of": str(c.as_of),
                "reported_organisations": c.claim.organisations,
                "organisations_qualifier": c.claim.organisations_qualifier,
                "reported_countries": c.claim.countries,
                "countries_qualifier": c.claim.countries_qualifier,
                "bundled_members": c.members,
                "bundled_countries": c.countries,
                "member_share": _round(c.member_share),
                "country_share": _round(c.country_share),
                "current_members": c.current_members,
                "current_countries": c.current_countries,
                "current_member_share": _round(c.current_member_share),
                "current_country_share": _round(c.current_country_share),
                "sources": list(c.claim.sources),
            }
            for c in completeness()
        ],
        "files": file_digests(data.raw),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _qualified(number: int | None, qualifier: str | None) -> str:
    if number is None:
        return "-"
    return {"more-than": ">", "almost": "~"}.get(qualifier or "", "") + str(number)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def add_parser(commands: Subparsers) -> None:
    """Add ``ecpat-data info`` and its options to the command line."""
    info = commands.add_parser(
        "info",
        help="version, data edition, counts and completeness",
        description=(
            "What is installed: the package version, the data edition, the fingerprint to "
            "record with a report, the number of records in each dataset, how complete the "
            "member list is against every total ECPAT has reported, and the sha256 of each data "
            "file. --verify instead checks the installed files against the manifest the wheel's "
            "build wrote (it shows that nothing changed since the build; it is not a "
            "signature: see docs/reproducible-reports.md)."
        ),
        epilog=epilog(
            ["ecpat-data info", "ecpat-data info --json", "ecpat-data info --verify"],
            [
                (OK, "done; with --verify: every file matches the build manifest"),
                (FAILED, "--verify: a file altered or missing; or the installed data is broken"),
                (USAGE, "--verify in a source checkout (no manifest: use validate)"),
            ],
        ),
        formatter_class=CommandHelp,
    )
    info.add_argument("--json", action="store_true", help="print JSON instead of text")
    info.add_argument(
        "--verify",
        action="store_true",
        help="check the installed files against the build manifest (exit 1 if altered)",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.verify:
        return verify_installed(out, as_json=args.json)
    facts = summary()
    if args.json:
        write_data(out, (json.dumps(facts, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        return 0
    records = facts["records"]
    lines = [
        f"ecpat-data {facts['version']}",
        f"data edition   {facts['data_edition']}",
        f"fingerprint    {facts['fingerprint']}",
        "",
        "records",
        f"  sources              {records['sources']:>5}",
        f"  timeline events      {records['timeline']:>5}",
        f"  programme areas      {records['programme_areas']:>5}",
        f"  members              {records['members']:>5}"
        f"  in {records['member_countries']} countries",
        f"  network-size claims  {records['network_size_claims']:>5}",
        "",
        "members by status (from the dates of their evidence; see docs/usage.md)",
        *(f"  {status:<20} {count:>5}" for status, count in records["members_by_status"].items()),
        "",
        "member completeness against each dated reported total",
        f"  {'':<10}  {'':>14}  {'all members':^33}  {'current members':^33}".rstrip(),
        f"  {'as of':<10}  {'reported':>14}  "
        + "  ".join([f"{'listed':>13}  {'members':>7}  {'countries':>9}"] * 2),
    ]
    for row in facts["completeness"]:
        reported = (
            f"{_qualified(row['reported_organisations'], row['organisations_qualifier'])} in "
            f"{_qualified(row['reported_countries'], row['countries_qualifier'])}"
        )
        listed = f"{row['bundled_members']} in {row['bundled_countries']}"
        current = f"{row['current_members']} in {row['current_countries']}"
        lines.append(
            f"  {row['as_of']:<10}  {reported:>14}  {listed:>13}  "
            f"{_percent(row['member_share']):>7}  {_percent(row['country_share']):>9}  "
            f"{current:>13}  {_percent(row['current_member_share']):>7}  "
            f"{_percent(row['current_country_share']):>9}"
        )
    lines += [
        "  (every total however old is compared with the list as it is: above 100% means that",
        "  total counted fewer organisations than the list now names; current members are",
        "  those with a claim dated within six years of the data edition)",
        "",
        "files",
    ]
    lines += [f"  {name:<22} {digest}" for name, digest in facts["files"].items()]
    out.write("\n".join(lines) + "\n")
    return 0


def verify_installed(out: TextIO, *, as_json: bool = False) -> int:
    """Check the installed data files against the build manifest; print and return the status.

    Prints one line per file (``ok``, ``ALTERED``, ``MISSING``, ``extra``) and a verdict, or with
    ``as_json`` one JSON object. Returns 0 if all match, 1 if anything was altered or is
    missing, 2 if ecpat-data runs from a source checkout (nothing to verify against).
    """
    from ..._core.resources import installed_data
    from ..._reports.verify import as_dict, render, verify
    from ..._version import __version__
    from ..status import FAILED, OK, error

    data = installed_data()
    if data is None:
        from ..._core.resources import data_dir

        return error(
            f"cannot verify: ecpat-data {__version__} runs from a source checkout or an editable "
            f"install (data read from {data_dir()}), which has no build manifest; --verify "
            "checks an installed wheel. Use `ecpat-data validate` to check this data."
        )
    result = verify(data, __version__)
    if as_json:
        out.write(json.dumps(as_dict(result), indent=2) + "\n")
    else:
        out.write(render(result, __version__))
    return OK if result.ok else FAILED
