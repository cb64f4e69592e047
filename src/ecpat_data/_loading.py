"""Reading the bundled data: once, on first use, safely under threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

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


def _read(dataset: str) -> tuple[Any, bytes]:
    file, model, _ = DATASETS[dataset]
    data = data_file(file).read_bytes()
    try:
        return model.model_validate_json(data), data
    except ValidationError:
        from ._validation import validate_bytes

        report = validate_bytes({f"<bundled>/{file}": data})
        raise DataError(report.problems) from None


def _index(records: tuple[_T, ...], key: str) -> Mapping[str, _T]:
    return MappingProxyType({getattr(r, key): r for r in records})


def _load() -> Bundle:
    sources, raw_sources = _read("sources")
    organisation, raw_organisation = _read("organisation")
    timeline, raw_timeline = _read("timeline")
    areas, raw_areas = _read("programme_areas")
    members, raw_members = _read("members")
    assert isinstance(sources, SourcesFile)
    assert isinstance(organisation, OrganisationFile)
    assert isinstance(timeline, TimelineFile)
    assert isinstance(areas, ProgrammeAreasFile)
    assert isinstance(members, MembersFile)
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
        raw=MappingProxyType(
            {
                "sources.json": raw_sources,
                "organisation.json": raw_organisation,
                "timeline.json": raw_timeline,
                "programme_areas.json": raw_areas,
                "members.json": raw_members,
            }
        ),
    )
