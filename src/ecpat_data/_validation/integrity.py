"""Rules that span records and files: unique ids, citations, references, one edition."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from .._core.datasets import DATASETS
from .._core.dates import PartialDate

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from .._core.problems import Severity

__all__ = ["Finding", "check"]

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


def check(
    documents: Mapping[str, Any],
    *,
    known_sources: frozenset[str] | None = None,
    known_areas: frozenset[str] | None = None,
) -> list[Finding]:
    """Check parsed JSON documents (dataset name -> top-level object) against each other.

    ``known_sources`` replaces the registry when ``sources`` is not among the documents, and
    ``known_areas`` the programme areas when ``programme_areas`` is not (single-file
    validation against the bundled data); without either, those references are not checked.
    Orphan sources are reported only when all five datasets are present.
    """
    found: list[Finding] = []
    ids: dict[str, set[str]] = {}
    for dataset, key in _COLLECTIONS.items():
        records = _records(documents.get(dataset), key)
        if records is None:
            continue
        seen: dict[str, int] = {}
        for index, record in enumerate(records):
            rid = record.get("id") if isinstance(record, dict) else None
            if not isinstance(rid, str):
                continue
            if rid in seen:
                found.append(
                    Finding(
                        dataset,
                        f"/{key}/{index}/id",
                        "duplicate-id",
                        f"id {rid!r} is used twice in {dataset} (first at /{key}/{seen[rid]})",
                    )
                )
            else:
                seen[rid] = index
        ids[dataset] = set(seen)

    registry = ids.get("sources", set(known_sources) if known_sources is not None else None)
    registry_name = "sources.json" if "sources" in ids else "the bundled sources.json"
    cited: set[str] = set()
    for dataset, document in documents.items():
        if dataset == "sources" or not isinstance(document, dict):
            continue
        ids_here = _cited_ids(document)
        cited |= ids_here
        if registry is None or ids_here <= registry:
            continue  # the common case: no pointer is built for a valid citation
        for pointer, source_id in _citations(document, ""):
            if source_id not in registry:
                found.append(
                    Finding(
                        dataset,
                        pointer,
                        "unknown-source",
                        f"cites source {source_id!r}, which is not in {registry_name}",
                    )
                )

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
                    found.append(
                        Finding(
                            "timeline",
                            f"/events/{index}/programme_areas/{position}",
                            "unknown-programme-area",
                            f"refers to programme area {ref!r}, which is not in {areas_name}",
                        )
                    )

    if all(name in documents for name in ("sources", "organisation", *_COLLECTIONS)):
        for index, record in enumerate(_records(documents["sources"], "sources") or []):
            rid = record.get("id") if isinstance(record, dict) else None
            if isinstance(rid, str) and rid not in cited:
                found.append(
                    Finding(
                        "sources",
                        f"/sources/{index}/id",
                        "orphan-source",
                        f"source {rid!r} is not cited by any record",
                        "warning",
                    )
                )

    found.extend(_undated_founding(documents.get("organisation")))

    editions: dict[str, str] = {
        name: doc["current_to"]
        for name, doc in documents.items()
        if isinstance(doc, dict) and _is_date(doc.get("current_to"))
    }
    if len(set(editions.values())) > 1:
        edition = _edition(editions)
        for name, other in editions.items():
            if other != edition:
                found.append(
                    Finding(
                        name,
                        "/current_to",
                        "edition-mismatch",
                        f"current_to is {other!r} but the other files say {edition!r}; all "
                        "files of one edition share one date",
                    )
                )
    return found


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
