"""Reading the bundled data: once, on first use, safely under threads.

Files whose sha256 matches the wheel's manifest passed ``ecpat-data validate`` when the wheel was
built; they are built into records without validating them again (``_construct``). Any other file
(a source checkout, an editable install, an edited or unlisted file) is validated here, and
invalid data raises :class:`DataError` with every problem found.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import from_json

from .._core.datasets import DATASETS
from .._core.errors import DataError
from ..models import (
    STATUSES,
    Event,
    Member,
    MembersFile,
    Organisation,
    OrganisationFile,
    ProgrammeArea,
    ProgrammeAreasFile,
    Source,
    SourcesFile,
    TimelineFile,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from importlib_resources.abc import Traversable

    from .._core.dates import PartialDate

__all__ = ["Bundle", "bind_members", "index_members", "load", "mirror_sources"]

_T = TypeVar("_T")
_F = TypeVar("_F", bound=BaseModel)


@dataclass(frozen=True)
class Bundle:
    """Everything bundled, validated and indexed. Built once per process."""

    edition: PartialDate
    sources: tuple[Source, ...]
    sources_by_id: Mapping[str, Source]
    organisation: Organisation
    events: tuple[Event, ...]
    events_by_id: Mapping[str, Event]
    programme_areas: tuple[ProgrammeArea, ...]
    programme_areas_by_id: Mapping[str, ProgrammeArea]
    members: tuple[Member, ...]
    members_by_id: Mapping[str, Member]
    members_by_country: Mapping[str, tuple[Member, ...]]
    raw: Mapping[str, bytes]
    #: True when every file matched the build manifest and so was not validated again on load.
    prevalidated: bool = False

    @cached_property
    def members_by_status(self) -> Mapping[str, tuple[Member, ...]]:
        """Status -> the members with it (every status a key, possibly with no members).

        Built on first use, not on load: deriving every status costs about 0.6 ms, a twentieth
        of the first load, which most uses never need.
        """
        return _group(self.members, lambda m: m.status, STATUSES)

    def records(self, dataset: str) -> tuple[BaseModel, ...]:
        """The records of one dataset by its public name (the organisation as a 1-tuple)."""
        described = DATASETS[dataset]
        held = getattr(self, described.key)
        return (held,) if described.single else held


class _Reader:
    """Reads the five files of one data directory, keeping their bytes (for digests)."""

    def __init__(self, directory: Traversable) -> None:
        from .._version import __version__
        from .manifest import validated_digests

        self.directory = directory
        self.validated = validated_digests(directory, __version__)
        self.raw: dict[str, bytes] = {}
        self.prevalidated = True

    def read(self, dataset: str, model: type[_F]) -> _F:
        """One file as ``model``: built directly if the build validated it, else validated."""
        file = DATASETS[dataset].file
        data = self.raw[file] = self.directory.joinpath(file).read_bytes()
        if self.validated.get(file) == hashlib.sha256(data).hexdigest():
            from .construct import build

            return build(model, from_json(data))
        self.prevalidated = False
        try:
            return model.model_validate_json(data)
        except ValidationError:
            from .._validation.validate import validate_bytes

            report = validate_bytes({f"<bundled>/{file}": data})
            raise DataError(report.problems) from None


def _index(records: tuple[_T, ...], key: str) -> Mapping[str, _T]:
    return MappingProxyType({getattr(r, key): r for r in records})


def _group(
    records: tuple[_T, ...], key: Callable[[_T], str], keys: Iterable[str] = ()
) -> Mapping[str, tuple[_T, ...]]:
    """Records by ``key``, in their order; every one of ``keys`` is present, if only empty."""
    groups: dict[str, list[_T]] = {name: [] for name in keys}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return MappingProxyType({name: tuple(found) for name, found in groups.items()})


def mirror_sources(sources: tuple[Source, ...]) -> frozenset[str]:
    """Ids of the sources that are mirror, proxy or archive copies, or flagged unverified."""
    return frozenset(s.id for s in sources if s.copy_of is not None or s.unverified)


def bind_members(
    members: tuple[Member, ...], edition: PartialDate, mirrors: frozenset[str]
) -> None:
    """Record on each member the data edition it was loaded with and the mirror-copy sources.

    :attr:`Member.status` and :attr:`Member.well_evidenced` read them. They are private
    attributes, not fields: never validated, serialised or compared, and the same on both
    load paths (validated, or built from a manifest-checked file).
    """
    for member in members:
        private = member.__pydantic_private__
        assert private is not None  # Member declares private attributes
        private["_edition"] = edition
        private["_mirror_sources"] = mirrors


def index_members(bundle: Bundle, members: tuple[Member, ...]) -> Bundle:
    """``bundle`` with ``members`` as its member list: bound to its edition, re-indexed."""
    bind_members(members, bundle.edition, mirror_sources(bundle.sources))
    return dataclasses.replace(
        bundle,
        members=members,
        members_by_id=_index(members, "id"),
        members_by_country=_group(members, lambda m: m.country),
    )


def load(directory: Traversable) -> Bundle:
    """Read, check and index the five files of ``directory``."""
    reader = _Reader(directory)
    sources = reader.read("sources", SourcesFile)
    organisation = reader.read("organisation", OrganisationFile)
    timeline = reader.read("timeline", TimelineFile)
    areas = reader.read("programme_areas", ProgrammeAreasFile)
    members = reader.read("members", MembersFile)
    # The edition is every file's: validation refuses files that disagree.
    bind_members(members.members, sources.current_to, mirror_sources(sources.sources))
    return Bundle(
        edition=sources.current_to,
        sources=sources.sources,
        sources_by_id=_index(sources.sources, "id"),
        organisation=organisation.organisation,
        events=timeline.events,
        events_by_id=_index(timeline.events, "id"),
        programme_areas=areas.programme_areas,
        programme_areas_by_id=_index(areas.programme_areas, "id"),
        members=members.members,
        members_by_id=_index(members.members, "id"),
        members_by_country=_group(members.members, lambda m: m.country),
        raw=MappingProxyType(reader.raw),
        prevalidated=reader.prevalidated,
    )
