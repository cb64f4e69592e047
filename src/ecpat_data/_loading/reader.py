"""Reading the bundled data: once, on first use, safely under threads.

Files whose sha256 matches the wheel's manifest passed ``ecpat-data validate`` when the wheel was
built; they are built into records without validating them again (``_construct``). When any file
does not match (a source checkout, an editable install, an edited or unlisted file), the five are
validated together as ``ecpat-data validate`` checks them, and invalid data raises
:class:`DataError` with its problems; a missing or unreadable file raises it too, naming the file.
The manifest is not a signature: whoever can edit the files can edit it too.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel
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

__all__ = ["Bundle", "load"]

_T = TypeVar("_T")
_F = TypeVar("_F", bound=BaseModel)


class Bundle:
    """Everything bundled, validated and indexed. Built once per process; read-only.

    A plain class rather than a frozen dataclass: a dataclass generates and compiles its
    methods when its module is imported, which happens on the first load (about half a
    millisecond; docs/performance.md). Assigning an attribute raises ``AttributeError``.
    """

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
    prevalidated: bool

    #: The constructor's arguments (the rest is derived from them).
    _ARGUMENTS = (
        "edition",
        "sources",
        "organisation",
        "events",
        "programme_areas",
        "members",
        "raw",
        "prevalidated",
    )

    def __init__(
        self,
        *,
        edition: PartialDate,
        sources: tuple[Source, ...],
        organisation: Organisation,
        events: tuple[Event, ...],
        programme_areas: tuple[ProgrammeArea, ...],
        members: tuple[Member, ...],
        raw: Mapping[str, bytes],
        prevalidated: bool = False,
    ) -> None:
        """Index the records; bind each member to ``edition`` and the mirror-copy sources."""
        bind_members(members, edition, mirror_sources(sources))
        values = self.__dict__
        values["edition"] = edition
        values["sources"] = sources
        values["sources_by_id"] = _index(sources, "id")
        values["organisation"] = organisation
        values["events"] = events
        values["events_by_id"] = _index(events, "id")
        values["programme_areas"] = programme_areas
        values["programme_areas_by_id"] = _index(programme_areas, "id")
        values["members"] = members
        values["members_by_id"] = _index(members, "id")
        values["members_by_country"] = _group(members, lambda m: m.country)
        values["raw"] = raw
        values["prevalidated"] = prevalidated

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"the loaded bundle is read-only; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"the loaded bundle is read-only; cannot delete {name!r}")

    def __repr__(self) -> str:
        return (
            f"<Bundle edition {self.edition}: {len(self.members)} members, "
            f"{len(self.sources)} sources>"
        )

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

    def replace(self, **changes: Any) -> Bundle:
        """A new bundle with some of the constructor's arguments changed, re-indexed.

        ``changes`` are keyword arguments of the constructor (``members=...``,
        ``events=...``); the indexes are derived from them, never passed.
        """
        kept = {name: getattr(self, name) for name in self._ARGUMENTS}
        return Bundle(**{**kept, **changes})  # an unknown name: the constructor's TypeError


class _Reader:
    """Reads the five files of one data directory, keeping their bytes (for digests).

    Every file is read first. If the build manifest vouches for all five, they are built into
    records without validation; otherwise the five are validated together, exactly as
    ``ecpat-data validate`` checks a data directory (cross-file checks included: duplicate
    ids, citations of missing sources, ...), and any error raises :class:`DataError`.
    """

    def __init__(self, directory: Traversable) -> None:
        from .._version import __version__
        from .manifest import validated_digests

        self.directory = directory
        self.raw: dict[str, bytes] = {}
        for described in DATASETS.values():
            self.raw[described.file] = self._bytes(described.file)
        validated = validated_digests(directory, __version__)
        self.prevalidated = all(
            validated.get(file) == hashlib.sha256(data).hexdigest()
            for file, data in self.raw.items()
        )
        if not self.prevalidated:
            self._check()

    def _bytes(self, file: str) -> bytes:
        try:
            return self.directory.joinpath(file).read_bytes()
        except OSError as error:
            from .._core.problems import Problem

            code = "missing-file" if isinstance(error, FileNotFoundError) else "unreadable"
            reason = "file not found" if code == "missing-file" else error.strerror or str(error)
            where = self.directory.joinpath(file)
            message = f"{reason} ({where}); reinstall ecpat-data, or restore the file"
            raise DataError(
                (Problem(f"<bundled>/{file}", None, None, "", code, message),)
            ) from None

    def _check(self) -> None:
        """Validate the five files together; raise :class:`DataError` on any error.

        Called with the loader's lock held: validation reads only the bytes given to it and
        never the cached bundle.
        """
        from .._validation.validate import validate_bytes

        report = validate_bytes({f"<bundled>/{file}": data for file, data in self.raw.items()})
        if not report.ok:
            omitted = sum(errors for _, errors, _ in report.omitted_by_file)
            raise DataError(report.errors, omitted)

    def read(self, dataset: str, model: type[_F]) -> _F:
        """One file as ``model``: built directly when trusted, else from validated bytes."""
        data = self.raw[DATASETS[dataset].file]
        if self.prevalidated:
            from .construct import build

            return build(model, from_json(data))
        return model.model_validate_json(data)


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


def load(directory: Traversable) -> Bundle:
    """Read, check and index the five files of ``directory``."""
    reader = _Reader(directory)
    try:
        return _build(reader)
    except Exception:
        if not reader.prevalidated:
            raise
        # The manifest vouched for data that cannot be built: it was edited with the files (it
        # is not a signature). Check the data as if no manifest covered it.
        reader.prevalidated = False
        reader._check()
        return _build(reader)


def _build(reader: _Reader) -> Bundle:
    sources = reader.read("sources", SourcesFile)
    organisation = reader.read("organisation", OrganisationFile)
    timeline = reader.read("timeline", TimelineFile)
    areas = reader.read("programme_areas", ProgrammeAreasFile)
    members = reader.read("members", MembersFile)
    # The edition is every file's: validation refuses files that disagree.
    return Bundle(
        edition=sources.current_to,
        sources=sources.sources,
        organisation=organisation.organisation,
        events=timeline.events,
        programme_areas=areas.programme_areas,
        members=members.members,
        raw=MappingProxyType(reader.raw),
        prevalidated=reader.prevalidated,
    )
