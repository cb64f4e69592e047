"""Prepare a release in one command, or check that the tree is ready for a tag.

Prepare (on a branch, then review the diff, commit, merge, tag)::

    python scripts/release.py 0.2.0 --edition 2026-12

sets the package version (in the file ``[tool.hatch.version] path`` names in pyproject.toml);
with ``--edition``, the data edition (``current_to`` in the five data files, and a
``DATA_EDITION = "..."`` constant under src/ if the package has one); and in CHANGELOG.md turns
``## [Unreleased]`` into ``## [0.2.0] - <today>``, stating the edition and the fingerprint,
below a fresh, empty ``## [Unreleased]``.

Check (the release workflow runs this on the tag's commit)::

    python scripts/release.py --check v0.2.0

exits 1, naming every problem, unless the version is the tag's, the five data files agree on
``current_to`` (and with ``DATA_EDITION`` where the package states it), and CHANGELOG.md has a
dated ``## [0.2.0]`` section that states that edition and the fingerprint of the data in the
tree.

Standard library only (plus ``tomli`` on Python 3.10), so it runs before anything is
installed. The fingerprint is computed as docs/reproducible-reports.md defines it. The docs'
pasted output is left alone: it is labelled as a run of the version that produced it, and no
test ties it to the data (docs/releasing.md says when to paste it again).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

#: The five data files, by the key the fingerprint gives each one.
DATASETS = {
    "members": "members.json",
    "organisation": "organisation.json",
    "programme_areas": "programme_areas.json",
    "sources": "sources.json",
    "timeline": "timeline.json",
}
#: hatchling's default version pattern (used when pyproject.toml gives none).
HATCH_VERSION_PATTERN = r"""(?i)^(__version__|VERSION) *= *(['"])v?(?P<version>.+?)\2"""
EDITION_ASSIGNMENT = re.compile(
    r"""^DATA_EDITION(?:\s*:\s*[\w\[\]., ]+)?\s*=\s*(['"])(?P<edition>[^'"]*)\1""", re.MULTILINE
)
CURRENT_TO = re.compile(r'^(?P<head>  "current_to": )"(?P<edition>[^"]*)"', re.MULTILINE)
VERSION_FORMAT = re.compile(r"^\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?$")
EDITION_FORMAT = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
UNRELEASED = "## [Unreleased]"
EDITION_LINE = re.compile(r"^Data edition .*$", re.MULTILINE)


class ReleaseError(Exception):
    """The tree cannot be released as asked; the message says why."""


@dataclass(frozen=True)
class Tree:
    """The files a release touches, found from pyproject.toml."""

    root: Path

    def _hatch_version(self) -> dict[str, str]:
        with (self.root / "pyproject.toml").open("rb") as f:
            pyproject: dict[str, Any] = tomllib.load(f)
        config = pyproject.get("tool", {}).get("hatch", {}).get("version", {})
        if not isinstance(config, dict) or "path" not in config:
            raise ReleaseError("pyproject.toml has no [tool.hatch.version] path")
        return config

    @property
    def version_file(self) -> Path:
        return self.root / self._hatch_version()["path"]

    @property
    def version_pattern(self) -> re.Pattern[str]:
        return re.compile(self._hatch_version().get("pattern", HATCH_VERSION_PATTERN), re.M)

    @property
    def edition_file(self) -> Path | None:
        """The Python file under src/ that assigns ``DATA_EDITION``, if the package has one.

        (The package may instead read its edition from the data, as it does since the package
        regroup: then ``current_to`` is the only place the edition is written.)
        """
        found = [
            path
            for path in sorted((self.root / "src").rglob("*.py"))
            if EDITION_ASSIGNMENT.search(path.read_text(encoding="utf-8"))
        ]
        if len(found) > 1:
            where = ", ".join(str(p.relative_to(self.root)) for p in found)
            raise ReleaseError(f"DATA_EDITION is assigned in more than one file: {where}")
        return found[0] if found else None

    @property
    def data_files(self) -> list[Path]:
        return [self.root / "data" / name for name in DATASETS.values()]

    @property
    def changelog(self) -> Path:
        return self.root / "CHANGELOG.md"

    def version(self) -> str:
        match = self.version_pattern.search(self.version_file.read_text(encoding="utf-8"))
        if match is None:
            raise ReleaseError(f"no version found in {self.version_file}")
        return match.group("version")

    def edition_constant(self) -> str | None:
        """The value of a ``DATA_EDITION = "..."`` constant, if the package has one."""
        source = self.edition_file
        if source is None:
            return None
        match = EDITION_ASSIGNMENT.search(source.read_text(encoding="utf-8"))
        assert match is not None  # edition_file found it
        return match.group("edition")

    def edition(self) -> str:
        """The data edition: the constant if there is one, else what most data files say."""
        constant = self.edition_constant()
        if constant is not None:
            return constant
        values = [v for v in self.current_to().values() if v is not None]
        if not values:
            raise ReleaseError("no data file states current_to")
        return Counter(values).most_common(1)[0][0]

    def current_to(self) -> dict[Path, str | None]:
        """Each data file's top-level ``current_to``."""
        found: dict[Path, str | None] = {}
        for path in self.data_files:
            value = json.loads(path.read_text(encoding="utf-8")).get("current_to")
            found[path] = value if isinstance(value, str) else None
        return found

    def fingerprint(self) -> str:
        """The fingerprint of data/, as docs/reproducible-reports.md defines it."""
        documents = {}
        for key, name in DATASETS.items():
            document = json.loads((self.root / "data" / name).read_text(encoding="utf-8"))
            document.pop("$schema", None)
            documents[key] = document
        canonical = json.dumps(
            documents, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        ).encode("utf-8")
        return "sha256:" + hashlib.sha256(canonical).hexdigest()


def _sub_once(pattern: re.Pattern[str], text: str, group: str, value: str, where: Path) -> str:
    match = pattern.search(text)
    if match is None:
        raise ReleaseError(f"{where}: nothing to replace")
    return text[: match.start(group)] + value + text[match.end(group) :]


def _section(text: str, heading_prefix: str) -> tuple[int, int] | None:
    """(start, end) of the changelog section whose heading starts with ``heading_prefix``."""
    start = next(
        (
            m.start()
            for m in re.finditer(r"^## .*$", text, re.M)
            if m.group().startswith(heading_prefix)
        ),
        None,
    )
    if start is None:
        return None
    following = re.compile(r"^## ", re.M).search(text, start + 1)
    return start, following.start() if following else len(text)


def _write(path: Path, text: str, changed: list[Path]) -> None:
    if path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="\n")
        if path not in changed:
            changed.append(path)


def _edition_key(edition: str) -> tuple[int, ...]:
    return tuple(int(part) for part in edition.split("-"))


def prepare(tree: Tree, version: str, edition: str | None, today: datetime.date) -> list[Path]:
    """Bump everything for ``version`` (and ``edition``); return the files changed."""
    if not VERSION_FORMAT.match(version):
        raise ReleaseError(f"version {version!r} is not MAJOR.MINOR.PATCH (see docs/versioning.md)")
    old_version = tree.version()
    if version == old_version:
        raise ReleaseError(f"the version is already {version}")
    old_edition = tree.edition()
    disagree = sorted(p.name for p, v in tree.current_to().items() if v != old_edition)
    if disagree:
        raise ReleaseError(f"current_to of {', '.join(disagree)} is not the edition {old_edition}")
    if edition is not None:
        if not EDITION_FORMAT.match(edition):
            raise ReleaseError(f"edition {edition!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if _edition_key(edition) < _edition_key(old_edition):
            raise ReleaseError(f"edition {edition} is earlier than the current {old_edition}")
    changelog = tree.changelog.read_text(encoding="utf-8")
    if re.search(rf"^## \[{re.escape(version)}\]", changelog, re.M):
        raise ReleaseError(f"CHANGELOG.md already has a section for {version}")
    unreleased = _section(changelog, UNRELEASED)
    if unreleased is None:
        raise ReleaseError(f"CHANGELOG.md has no '{UNRELEASED}' section")
    body = changelog[unreleased[0] + len(UNRELEASED) : unreleased[1]]
    if not EDITION_LINE.sub("", body).strip():
        raise ReleaseError("CHANGELOG.md's Unreleased section is empty: say what changed first")

    changed: list[Path] = []
    _write(
        tree.version_file,
        _sub_once(
            tree.version_pattern,
            tree.version_file.read_text(encoding="utf-8"),
            "version",
            version,
            tree.version_file,
        ),
        changed,
    )
    new_edition = edition or old_edition
    source = tree.edition_file
    if new_edition != old_edition and source is not None:
        text = _sub_once(
            EDITION_ASSIGNMENT, source.read_text(encoding="utf-8"), "edition", new_edition, source
        )
        _write(source, text, changed)
    if new_edition != old_edition:
        for path in tree.data_files:
            text = _sub_once(
                CURRENT_TO, path.read_text(encoding="utf-8"), "edition", new_edition, path
            )
            if json.loads(text).get("current_to") != new_edition:
                raise ReleaseError(f"{path}: current_to is not a top-level key on its own line")
            _write(path, text, changed)

    new_fingerprint = tree.fingerprint()

    # The section states the edition and the fingerprint, in place of an edition line it had.
    statement = f"Data edition {new_edition}, fingerprint `{new_fingerprint}`."
    preamble, parts, rest = body.strip("\n").partition("\n### ")
    if EDITION_LINE.search(preamble):
        preamble = EDITION_LINE.sub(statement, preamble, count=1)
    else:
        preamble = f"{statement}\n\n{preamble}".rstrip("\n")
    body = preamble + parts + rest
    section = f"{UNRELEASED}\n\n## [{version}] - {today.isoformat()}\n\n{body}\n\n"
    text = changelog[: unreleased[0]] + section + changelog[unreleased[1] :].lstrip("\n")
    _write(tree.changelog, text.rstrip("\n") + "\n", changed)
    return changed


def check(tree: Tree, tag: str) -> list[str]:
    """Every reason the tree is not ready to be released as ``tag``; empty if it is."""
    problems: list[str] = []
    version = tag.removeprefix("refs/tags/").removeprefix("v")
    if tree.version() != version:
        problems.append(
            f"{tree.version_file.relative_to(tree.root)}: version is {tree.version()}, "
            f"the tag says {version}"
        )
    edition = tree.edition()
    said_by = "DATA_EDITION is" if tree.edition_constant() is not None else "the other files say"
    for path, value in tree.current_to().items():
        if value != edition:
            problems.append(f"data/{path.name}: current_to is {value!r}, {said_by} {edition!r}")
    changelog = tree.changelog.read_text(encoding="utf-8")
    span = _section(changelog, f"## [{version}]")
    if span is None:
        problems.append(f"CHANGELOG.md has no '## [{version}] - YYYY-MM-DD' section")
        return problems
    section = changelog[span[0] : span[1]]
    if not re.match(rf"## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}\n", section):
        problems.append(
            f"CHANGELOG.md: the heading of {version} is not '## [{version}] - YYYY-MM-DD'"
        )
    statement = f"Data edition {edition}, fingerprint `{tree.fingerprint()}`."
    if statement not in section:
        problems.append(
            f"CHANGELOG.md: the {version} section does not say '{statement}' "
            "(the edition and the fingerprint of the data in this tree)"
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="release.py",
        description="Bump version, data edition, fingerprints and CHANGELOG for a release, "
        "or check (--check TAG) that the tree is ready for that tag.",
    )
    parser.add_argument("version", nargs="?", help="the new version, MAJOR.MINOR.PATCH")
    parser.add_argument("--edition", help="the new data edition (YYYY-MM); default: unchanged")
    parser.add_argument("--date", type=datetime.date.fromisoformat, help="release date (today)")
    parser.add_argument("--check", metavar="TAG", help="check the tree for tag TAG (vX.Y.Z)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args(argv)
    tree = Tree(args.root.resolve())
    try:
        if args.check is not None:
            if args.version or args.edition or args.date:
                parser.error("--check takes only the tag")
            problems = check(tree, args.check)
            for problem in problems:
                print(f"release.py: {problem}", file=sys.stderr)
            if problems:
                print(f"not ready to release {args.check}", file=sys.stderr)
                return 1
            print(f"ok: the tree is release {tree.version()}, data edition {tree.edition()}")
            return 0
        if args.version is None:
            parser.error("give a VERSION to prepare, or --check TAG")
        changed = prepare(tree, args.version, args.edition, args.date or datetime.date.today())
    except ReleaseError as error:
        print(f"release.py: {error}", file=sys.stderr)
        return 1
    for path in changed:
        print(f"updated {path.relative_to(tree.root).as_posix()}")
    print(
        f"prepared {args.version} (data edition {tree.edition()}, {tree.fingerprint()}); "
        "review the diff, fill in CHANGELOG's Data part from `ecpat-data diff`, commit, tag "
        f"v{args.version} (docs/releasing.md)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
