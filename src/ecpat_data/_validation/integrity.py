"""Rules that span records and files: unique ids, citations, references, one edition."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from .._core.datasets import DATASETS
from .._core.dates import PartialDate

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from .._core.problems import Severity

__all__ = ["Finding", "Summary", "check"]

_MAX_DEPTH = 64

#: Dataset name -> key of its records, for every dataset that is a list of records with ids.
_COLLECTIONS: Final = {d.name: d.key for d in DATASETS.values() if not d.single}


@dataclass(frozen=True)
class Finding:
    """A cross-record problem, located by dataset and JSON pointer (not yet by line)."""

    dataset: str
    pointer: str
    code: str
    message: str
    severity: Severity = "error"
    #: A second place the message is about (the first occurrence of a duplicate id), as a
    #: JSON pointer; the message says where it is with ``{related}``, filled in by the caller.
    related: str = ""


@dataclass
class Summary:
    """What the checks need of a file known to be valid, gathered from its models.

    With it, a valid file's document is not walked again: ``ids`` are the record ids in file
    order, ``cited`` every source id its records cite.
    """

    ids: list[str] | None = None
    cited: set[str] = field(default_factory=set)
    #: ``current_to`` as the file writes it (a valid date has one spelling), or None.
    edition: str | None = None
    #: False once the models show that no date the after-edition rule looks at is after
    #: ``current_to``; True: not known, the document is looked at.
    late: bool = True
    #: False once the models show that no list of names the repeated-name rule looks at
    #: repeats a name (once in NFC); True: not known, the document is looked at.
    repeated: bool = True


def check(
    documents: Mapping[str, Any],
    *,
    known_sources: frozenset[str] | None = None,
    known_areas: frozenset[str] | None = None,
    summaries: Mapping[str, Summary] | None = None,
    limit: int | None = None,
) -> Findings:
    """Check parsed JSON documents (dataset name -> top-level object) against each other.

    ``known_sources`` replaces the registry when ``sources`` is not among the documents, and
    ``known_areas`` the programme areas when ``programme_areas`` is not (single-file
    validation against the bundled data); without either, those references are not checked.
    Orphan sources are reported only when all five datasets are present. ``summaries`` (by
    dataset) spare the walks over the documents of valid files: a document with a summary is
    only read (``documents[name]``) where the summary cannot answer, so ``documents`` may
    parse it then (validation's fast path, which never parses a valid file it need not).
    A summary is only given for a valid file, whose document is an object.
    """
    summaries = summaries or {}
    found = Findings(limit)
    ids: dict[str, set[str]] = {}
    for dataset, key in _COLLECTIONS.items():
        summary = summaries.get(dataset)
        if dataset in documents and summary is not None and summary.ids is not None:
            unique = set(summary.ids)
            if len(unique) == len(summary.ids):  # the common case: no record is looked at
                ids[dataset] = unique
                continue
        records = _records(documents.get(dataset), key)
        if records is None:
            continue
        seen: dict[str, int] = {}
        for index, record in enumerate(records):
            rid = record.get("id") if isinstance(record, dict) else None
            if not isinstance(rid, str):
                continue
            if rid in seen:
                found.add(
                    Finding(
                        dataset,
                        f"/{key}/{index}/id",
                        "duplicate-id",
                        f"id {rid!r} is used twice in {dataset} (first at {{related}}); "
                        "give one of the records another id",
                        related=f"/{key}/{seen[rid]}/id",
                    )
                )
            else:
                seen[rid] = index
        ids[dataset] = set(seen)

    registry = ids.get("sources", set(known_sources) if known_sources is not None else None)
    registry_name = "sources.json" if "sources" in ids else "the bundled sources.json"
    cited: set[str] = set()
    for dataset in documents:
        if dataset == "sources":
            continue
        summary = summaries.get(dataset)
        if summary is not None:
            ids_here = summary.cited
        else:
            document = documents[dataset]
            if not isinstance(document, dict):
                continue
            ids_here = _cited_ids(document)
        cited |= ids_here
        if registry is None or ids_here <= registry:
            continue  # the common case: no pointer is built for a valid citation
        for pointer, source_id in _citations(documents[dataset], ""):
            if source_id not in registry:
                message = ""
                if found.room(dataset):
                    message = f"cites source {source_id!r}, which is not in {registry_name}"
                    message += _did_you_mean(source_id, registry)
                found.add(Finding(dataset, pointer, "unknown-source", message))

    areas = ids.get("programme_areas", set(known_areas) if known_areas is not None else None)
    areas_name = (
        "programme_areas.json" if "programme_areas" in ids else "the bundled programme_areas.json"
    )
    events = _records(documents.get("timeline"), "events")
    if areas is not None and events is not None:
        for index, event in enumerate(events):
            refs = event.get("programme_areas") if isinstance(event, dict) else None
            for position, ref in enumerate(refs if isinstance(refs, list) else []):
                if isinstance(ref, str) and ref not in areas:
                    found.add(
                        Finding(
                            "timeline",
                            f"/events/{index}/programme_areas/{position}",
                            "unknown-programme-area",
                            f"refers to programme area {ref!r}, which is not in {areas_name}"
                            + _did_you_mean(ref, areas),
                        )
                    )

    if all(name in documents for name in ("sources", "organisation", *_COLLECTIONS)):
        for index, record in enumerate(_records(documents["sources"], "sources") or []):
            rid = record.get("id") if isinstance(record, dict) else None
            if isinstance(rid, str) and rid not in cited:
                found.add(
                    Finding(
                        "sources",
                        f"/sources/{index}/id",
                        "orphan-source",
                        f"source {rid!r} is not cited by any record",
                        "warning",
                    )
                )

    for dataset in documents:
        summary = summaries.get(dataset)
        if summary is None or summary.late:
            _future_dates(dataset, documents[dataset], found)
        if summary is None or summary.repeated:
            _repeated_names(dataset, documents[dataset], found)
    for finding in _undated_founding(documents.get("organisation")):
        found.add(finding)

    editions: dict[str, str] = {}
    for name in documents:
        summary = summaries.get(name)
        if summary is not None and summary.edition is not None:
            editions[name] = summary.edition
            continue
        doc = documents[name]
        if isinstance(doc, dict) and _is_date(doc.get("current_to")):
            editions[name] = doc["current_to"]
    if len(set(editions.values())) > 1:
        edition = _edition(editions)
        for name, other in editions.items():
            if other != edition:
                found.add(
                    Finding(
                        name,
                        "/current_to",
                        "edition-mismatch",
                        f"current_to is {other!r} but the other files say {edition!r}; all "
                        "files of one edition share one date",
                    )
                )
    return found


class Findings(list[Finding]):
    """Findings, at most ``limit`` per dataset; the rest only counted in ``omitted``."""

    def __init__(self, limit: int | None) -> None:
        super().__init__()
        self.limit = limit
        self.listed: Counter[str] = Counter()
        #: (dataset, severity) -> findings not listed.
        self.omitted: Counter[tuple[str, str]] = Counter()

    def room(self, dataset: str) -> bool:
        return self.limit is None or self.listed[dataset] < self.limit

    def add(self, finding: Finding) -> None:
        if self.room(finding.dataset):
            self.listed[finding.dataset] += 1
            self.append(finding)
        else:
            self.omitted[finding.dataset, finding.severity] += 1


#: Above this many candidates, no suggestion is looked for (each costs a pass over them all).
_MOST_CANDIDATES = 5000


def _did_you_mean(word: str, candidates: set[str] | frozenset[str]) -> str:
    from .._core.suggest import closest

    if len(candidates) > _MOST_CANDIDATES:
        return ""
    close = closest(word, candidates, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


#: Where each file has dates of things that happened, by collection key (None: the document):
#: (path below a record, what it is). A date after the file's own ``current_to`` is an error.
_DATED: Final = {
    "timeline": ("events", ((("date",), "the event's date"),)),
    "members": (
        "members",
        (
            (("joined",), "joined"),
            (("founded",), "founded"),
            (("evidence", "*", "as_of"), "the claim's date"),
        ),
    ),
    "organisation": (None, ((("organisation", "founding", "*", "date"), "the founding claim"),)),
}


def _future_dates(dataset: str, document: Any, found: Findings) -> None:
    """Dates after the data edition (``current_to``): a typo, or a fact from the future."""
    spec = _DATED.get(dataset)
    if spec is None or not isinstance(document, dict):
        return
    edition = document.get("current_to")
    if not isinstance(edition, str) or not _is_date(edition):
        return
    key, paths = spec
    records = [document] if key is None else _records(document, key) or []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        for path, what in paths:
            if not _any_late(record, path, edition):
                continue  # the common case: no pointer is built
            base = "" if key is None else f"/{key}/{index}"
            for pointer, value in _values(record, path, base):
                if _late(value, edition):
                    found.add(
                        Finding(
                            dataset,
                            pointer,
                            "after-edition",
                            f"{what} {value!r} is after the data edition (current_to "
                            f"{edition!r}): check the date, or move current_to on",
                        )
                    )


#: Lists of names, by dataset: (collection key, field).
_NAME_LISTS: Final = {
    "members": ("members", "other_names"),
    "programme_areas": ("programme_areas", "former_names"),
}


def _repeated_names(dataset: str, document: Any, found: Findings) -> None:
    """A name listed twice in one list of names (also once NFC makes two spellings one)."""
    import unicodedata

    spec = _NAME_LISTS.get(dataset)
    if spec is None:
        return
    key, field_name = spec
    for index, record in enumerate(_records(document, key) or []):
        names = record.get(field_name) if isinstance(record, dict) else None
        if not isinstance(names, list) or len(names) < 2:
            continue
        seen: dict[str, int] = {}
        for position, name in enumerate(names):
            if not isinstance(name, str):
                continue
            same = unicodedata.normalize("NFC", name)
            if same in seen:
                found.add(
                    Finding(
                        dataset,
                        f"/{key}/{index}/{field_name}/{position}",
                        "duplicate-name",
                        f"{name!r} is already in {field_name} (at {{related}}); list each "
                        "name once",
                        related=f"/{key}/{index}/{field_name}/{seen[same]}",
                    )
                )
            else:
                seen[same] = position


def dated_paths(dataset: str) -> list[tuple[str | int, ...]]:
    """Where the after-edition rule reads dates in a file, from its top level (0: any item)."""
    spec = _DATED.get(dataset)
    if spec is None:
        return []
    key, paths = spec
    prefix: tuple[str | int, ...] = () if key is None else (key, 0)
    return [(*prefix, *(0 if step == "*" else step for step in path)) for path, _ in paths]


def name_list_path(dataset: str) -> tuple[str | int, ...] | None:
    """Where the repeated-name rule reads lists of names in a file (0: any record), or None."""
    spec = _NAME_LISTS.get(dataset)
    return None if spec is None else (spec[0], 0, spec[1])


#: The fields the repeated-name rule reads, whatever the dataset.
NAME_FIELDS: Final = frozenset(field for _, field in _NAME_LISTS.values())


def _any_late(record: dict[str, Any], path: tuple[str, ...], edition: str) -> bool:
    """True if a value at ``path`` is a date after ``edition`` (the quick look of every record:
    a string comparison, the full check only for a string that sorts after the edition)."""
    first = record.get(path[0])
    if len(path) == 1:
        return isinstance(first, str) and first > edition and _late(first, edition)
    if len(path) == 3 and path[1] == "*" and isinstance(first, list):
        step = path[2]
        for item in first:
            value = item.get(step) if isinstance(item, dict) else None
            if isinstance(value, str) and value > edition and _late(value, edition):
                return True
        return False
    return any(_late(value, edition) for _, value in _values(record, path, None))


def _late(value: Any, edition: str) -> bool:
    """True for a date string after ``edition`` (``2026-12`` is after ``2026-11``, ``2026-11-30``
    is not: it is within it)."""
    return (
        isinstance(value, str)
        and value > edition
        and not value.startswith(edition)
        and _is_date(value)
    )


def _values(value: Any, path: tuple[str, ...], pointer: str | None) -> Iterator[tuple[str, Any]]:
    """(pointer, value) at ``path`` below ``value`` (``*``: every item); no pointers if None."""
    if not path:
        yield pointer or "", value
        return
    step, rest = path[0], path[1:]
    if step == "*":
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _values(item, rest, None if pointer is None else f"{pointer}/{index}")
    elif isinstance(value, dict) and step in value:
        yield from _values(value[step], rest, None if pointer is None else f"{pointer}/{step}")


def _undated_founding(document: Any) -> Iterator[Finding]:
    """Founding claims with neither a date nor a period: nothing says when ECPAT began."""
    organisation = document.get("organisation") if isinstance(document, dict) else None
    claims = _records(organisation, "founding")
    for index, claim in enumerate(claims or []):
        if isinstance(claim, dict) and claim.get("date") is None and claim.get("period") is None:
            yield Finding(
                "organisation",
                f"/organisation/founding/{index}",
                "undated-founding",
                "a founding claim needs a date or a period (as the source states it); this one "
                "has neither",
            )


def _edition(editions: Mapping[str, str]) -> str:
    """The edition most files give; on a tie, sources.json's, else the latest."""
    counts = Counter(editions.values())
    top = max(counts.values())
    tied = [edition for edition, count in counts.items() if count == top]
    if editions.get("sources") in tied:
        return editions["sources"]
    return max(tied, key=PartialDate.parse)


def _records(document: Any, key: str) -> list[Any] | None:
    if not isinstance(document, dict):
        return None
    records = document.get(key)
    return records if isinstance(records, list) else None


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        PartialDate.parse(value)
    except ValueError:
        return False
    return True


def _cited_ids(value: Any, depth: int = 0) -> set[str]:
    """Every string inside a ``sources`` array, without building pointers (see _citations)."""
    found: set[str] = set()
    if depth > _MAX_DEPTH:
        return found
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and isinstance(item, list):
                found.update(i for i in item if isinstance(i, str))
            elif isinstance(item, (dict, list)):
                found |= _cited_ids(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)):
                found |= _cited_ids(item, depth + 1)
    return found


def _citations(value: Any, pointer: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    """Yield (pointer, source id) for every string inside a ``sources`` array.

    Records nest a few levels deep; anything below ``_MAX_DEPTH`` is not a record (and is
    reported as too deep elsewhere), so the walk stops there instead of recursing without end.
    """
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            child = f"{pointer}/{_escape(key)}"
            if key == "sources" and isinstance(item, list):
                for index, source_id in enumerate(item):
                    if isinstance(source_id, str):
                        yield f"{child}/{index}", source_id
            else:
                yield from _citations(item, child, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _citations(item, f"{pointer}/{index}", depth + 1)


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
