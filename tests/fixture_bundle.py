"""Helpers for tests that run on fixture data instead of the bundled data.

``load_bundle(directory)`` reads a data directory into the same :class:`Bundle` the library
builds for its bundled data; ``use_bundle(monkeypatch, bundle)`` makes every API call and
command in one test read that bundle instead (the bundled data is never touched).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ecpat_data import _loading
from ecpat_data._core.datasets import DATASETS
from ecpat_data._loading.reader import load

if TYPE_CHECKING:
    import pytest

    from ecpat_data._loading.reader import Bundle
    from ecpat_data.models import Member

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
#: The five data file names, in the order of the datasets.
FILES = tuple(d.file for d in DATASETS.values())


def load_bundle(directory: Path = VALID) -> Bundle:
    """The data in ``directory`` (five valid data files) as a :class:`Bundle`."""
    return load(directory)


def with_members(bundle: Bundle, members: tuple[Member, ...]) -> Bundle:
    """``bundle`` with its member list replaced (bound to its edition, indexes rebuilt)."""
    return bundle.replace(members=members)


def use_bundle(monkeypatch: pytest.MonkeyPatch, bundle: Bundle) -> None:
    """Serve ``bundle`` from the API (and so the CLI) for the rest of one test."""
    monkeypatch.setattr(_loading, "_loaded", bundle)


def make_member(
    id: str,
    name: str,
    country: str,
    *other_names: str,
    kind: str = "ecpat-country-page",
    as_of: str | None = None,
    member_type: str | None = None,
) -> Member:
    """A valid member citing the fixture's ``briefing`` source."""
    from ecpat_data.models import Member

    return Member.model_validate(
        {
            "id": id,
            "name": name,
            "other_names": list(other_names),
            "country": country,
            "member_type": member_type,
            "evidence": [
                {"kind": kind, "claim": "member", "as_of": as_of, "sources": ["briefing"]}
            ],
            "sources": ["briefing"],
        },
        strict=False,
    )
