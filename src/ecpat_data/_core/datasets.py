"""The five datasets, described once: file, models, collection key, record kind, order, meaning.

Everything that walks the datasets (validation, formatting, loading, export, diff, the command
line) derives what it needs from :data:`DATASETS`, so adding a dataset or renaming a file is one
edit here. Public dataset names are the file names without ``.json``; a record kind is the
singular (``member``); the keys inside the JSON files are the files' own (``events``).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from ..models import (
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
    _File,
    _Record,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["DATASETS", "FILE_NAMES", "NAMES", "Dataset"]


class Dataset(NamedTuple):
    """One data file and the records it holds.

    A named tuple, not a frozen dataclass: as immutable, and it costs no generated code at
    import, which happens on the first load (docs/performance.md).
    """

    #: Public name: the file name without ``.json`` (``"timeline"``).
    name: str
    #: The file name in a data directory (``"timeline.json"``).
    file: str
    #: The model of the whole file.
    file_model: type[_File]
    #: The model of one record.
    record_model: type[_Record]
    #: The key of the records inside the file, and the loaded bundle's attribute (``"events"``).
    key: str
    #: One record's kind, singular (``"event"``).
    kind: str
    #: How the canonical form orders the records (for the docs and ``--help``).
    order: str
    #: The fields whose JSON values, compared as strings in this order, order the records in
    #: canonical form (``("country", "id")``); empty keeps the file order.
    sort_fields: tuple[str, ...]
    #: What the dataset holds, one sentence.
    description: str

    @property
    def single(self) -> bool:
        """True when the file holds one record (the organisation), not a list."""
        return self.file_model is OrganisationFile

    @property
    def sort_key(self) -> Callable[[Any], tuple[str, ...]] | None:
        """Sort key of a record as parsed JSON in canonical form; ``None`` keeps the file order."""
        fields = self.sort_fields
        if not fields:
            return None
        return lambda record: tuple([record[field] for field in fields])

    def record_sort_key(self, record: Any) -> tuple[str, ...]:
        """The same key of a validated record: the string forms of its sort fields, which are
        their JSON values (a test holds them to it)."""
        return tuple([str(getattr(record, field)) for field in self.sort_fields])

    @property
    def key_column(self) -> str:
        """The name a record's id takes in other tables (``event_id``)."""
        return f"{self.kind}_id"


DATASETS: Final[Mapping[str, Dataset]] = MappingProxyType(
    {
        d.name: d
        for d in (
            Dataset(
                "sources",
                "sources.json",
                SourcesFile,
                Source,
                "sources",
                "source",
                "by id",
                ("id",),
                "The registry of sources every record cites, one row per source.",
            ),
            Dataset(
                "organisation",
                "organisation.json",
                OrganisationFile,
                Organisation,
                "organisation",
                "organisation",
                "file order (a single record)",
                (),
                "ECPAT International's profile: one row; its lists are also own tables.",
            ),
            Dataset(
                "timeline",
                "timeline.json",
                TimelineFile,
                Event,
                "events",
                "event",
                "by date (ISO string), then id",
                ("date", "id"),
                "Dated events, oldest first, one row per event.",
            ),
            Dataset(
                "programme_areas",
                "programme_areas.json",
                ProgrammeAreasFile,
                ProgrammeArea,
                "programme_areas",
                "programme_area",
                "file order (meaningful)",
                (),
                "ECPAT's areas of work, one row per area.",
            ),
            Dataset(
                "members",
                "members.json",
                MembersFile,
                Member,
                "members",
                "member",
                "by country, then id",
                ("country", "id"),
                "Member organisations, one row per member (with four derived columns).",
            ),
        )
    }
)

#: Dataset names, in file order.
NAMES: Final = tuple(DATASETS)

#: Data file name -> dataset name.
FILE_NAMES: Final[Mapping[str, str]] = MappingProxyType({d.file: d.name for d in DATASETS.values()})
