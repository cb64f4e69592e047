"""A record card: every field of one record, its evidence, and each cited source in full.

The answer to "why do you say so?": ``ecpat-data show member ID`` prints it, and
``ecpat_data.card(record)`` returns the same text.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Final

from pydantic import BaseModel

from .._core.datasets import DATASETS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .._loading.reader import Bundle

__all__ = ["WIDTH", "card", "cited_sources"]

#: Lines are wrapped to this many characters.
WIDTH: Final = 100
_NONE: Final = "-"
#: Properties computed from a record's fields, shown after them.
_DERIVED: Final = {"Member": ("status", "latest_claim", "well_evidenced")}


def _kind(record: BaseModel) -> str:
    for dataset in DATASETS.values():
        if type(record) is dataset.record_model:
            return dataset.kind
    raise TypeError(
        "card() takes a member, event, source, programme area or the organisation, "
        f"not {type(record).__name__}"
    )


def _scalar(value: Any) -> str:
    if value is None:
        return _NONE
    if isinstance(value, bool):
        return "true" if value else "false"
    name = getattr(value, "name", None)
    if type(value).__name__ == "Country" and isinstance(name, str):
        return f"{value} ({name})"
    return str(value)


def _wrapped(label: str, text: str, indent: int, width: int) -> list[str]:
    head = " " * indent + f"{label:<{width}}  "
    lines: list[str] = []
    for n, paragraph in enumerate(text.split("\n")):
        first = head if n == 0 else " " * len(head)
        lines += textwrap.wrap(
            paragraph,
            WIDTH,
            initial_indent=first,
            subsequent_indent=" " * len(head),
            break_long_words=False,
            break_on_hyphens=False,
        ) or [first.rstrip()]
    return lines


def _fields(model: BaseModel, indent: int) -> list[str]:
    derived = _DERIVED.get(type(model).__name__, ())
    names = [*type(model).model_fields, *(n for n in derived if hasattr(type(model), n))]
    width = max(len(n) for n in names)
    lines: list[str] = []
    for name in names:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            lines.append(" " * indent + name)
            lines += _fields(value, indent + 4)
        elif isinstance(value, tuple) and value and isinstance(value[0], BaseModel):
            lines.append(" " * indent + f"{name} ({len(value)})")
            for number, item in enumerate(value, 1):
                marker = f"{number}."
                inner = indent + 3 + len(marker)
                item_lines = _fields(item, inner)
                item_lines[0] = " " * (indent + 2) + marker + " " + item_lines[0][inner:]
                lines += item_lines
        elif isinstance(value, tuple):
            text = "\n".join(_scalar(v) for v in value) if value else _NONE
            lines += _wrapped(name, text, indent, width)
        else:
            lines += _wrapped(name, _scalar(value), indent, width)
    return lines


def _source_ids(value: Any) -> Iterator[str]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            field = getattr(value, name)
            if name == "sources" and isinstance(field, tuple):
                yield from field
            else:
                yield from _source_ids(field)
    elif isinstance(value, tuple):
        for item in value:
            yield from _source_ids(item)


def cited_sources(record: BaseModel) -> tuple[str, ...]:
    """Every source id the record cites, anywhere in it, in order of first citation."""
    return tuple(dict.fromkeys(_source_ids(record)))


def card(record: BaseModel, data: Bundle) -> str:
    """The card of ``record`` (a record of ``data``): its fields, then its cited sources."""
    kind = _kind(record)
    key = getattr(record, "id", None)
    lines = [f"{kind} {key}" if key else kind, *_fields(record, 2)]
    cited = cited_sources(record)
    if cited:
        lines += ["", f"sources cited ({len(cited)})"]
        for source_id in cited:
            source = data.sources_by_id.get(source_id)
            lines.append(f"  {source_id}")
            if source is None:
                lines.append("    (not in the sources registry)")
                continue
            facts = [
                ("title", source.title + (" [unverified]" if source.unverified else "")),
                ("published", _scalar(source.published)),
                ("url", source.url or "(no address)"),
            ]
            if source.copy_of:
                facts.append(("copy of", source.copy_of))
            for label, text in facts:
                lines += _wrapped(label, text, 4, 9)
    return "\n".join(lines) + "\n"
