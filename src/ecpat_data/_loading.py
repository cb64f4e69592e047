"""Reading the bundled data: once, on first use, safely under threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ValidationError

from ._errors import DataError
from ._models import (
    DATASETS,
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
from ._resources import data_file

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._dates import PartialDate

__all__ = ["Bundle", "bundle"]

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


_lock = threading.Lock()
_bundle: Bundle | None = None


def bundle() -> Bundle:
    """The bundled data, loaded on first call (pycountry-style: a lock, the flag set last)."""
    loaded = _bundle
    if loaded is not None:
        return loaded
    return _load_once()


def _load_once() -> Bundle:
    global _bundle
    with _lock:
        if _bundle is None:
            _bundle = _load()  # assigned only once fully built
        return _bundle


def _read(dataset: str, model: type[_F], raw: dict[str, bytes]) -> _F:
    """Read and validate one bundled file, keeping its bytes in ``raw`` (for digests)."""
    file, _, _ = DATASETS[dataset]
    data = raw[file] = data_file(file).read_bytes()
    try:
        return model.model_validate_json(data)
    except ValidationError:
        from ._validation import validate_bytes

        report = validate_bytes({f"<bundled>/{file}": data})
        raise DataError(report.problems) from None


def _index(records: tuple[_T, ...], key: str) -> Mapping[str, _T]:
    return MappingProxyType({getattr(r, key): r for r in records})


def _load() -> Bundle:
    raw: dict[str, bytes] = {}
    sources = _read("sources", SourcesFile, raw)
    organisation = _read("organisation", OrganisationFile, raw)
    timeline = _read("timeline", TimelineFile, raw)
    areas = _read("programme_areas", ProgrammeAreasFile, raw)
    members = _read("members", MembersFile, raw)
    by_country: dict[str, list[Member]] = {}
    for member in members.members:
        by_country.setdefault(member.country, []).append(member)
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
        members_by_country=MappingProxyType({k: tuple(v) for k, v in by_country.items()}),
        raw=MappingProxyType(raw),
    )
