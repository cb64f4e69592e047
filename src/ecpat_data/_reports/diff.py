"""What changed between two editions of the data: records added, removed and changed.

Both sides are validated first, then compared as the JSON the files hold (the ``$schema``
pointer left out), so the diff is empty exactly when the two fingerprints are equal.

- Records of ``sources``, ``timeline``, ``programme_areas`` and ``members`` are matched by
  ``id``; ``organisation`` is one record, compared field by field.
- Within a record, objects are compared key by key, giving paths such as
  ``evidence[0].as_of``.
- Lists of plain values (``sources``, ``other_names``, ...) are compared as collections: each
  value added or removed is one change; a pure reordering is reported as such.
- Lists of objects without ids (``network_size``, ``evidence``, ``founding``, ...) are matched
  item by item: identical items first, then each remaining item with the most similar one (at
  least half of its fields equal), whose fields are compared; what is left is added or removed.
  Indexes in paths are positions in the new list (in the old list for removed items).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

from .._core.datasets import DATASETS

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping, Sequence

__all__ = [
    "ChangeKind",
    "DataDiff",
    "DatasetDiff",
    "FieldChange",
    "RecordChange",
    "RecordRef",
    "diff_against_bundled",
    "diff_dirs",
    "diff_files",
    "installed_side",
    "read_side",
    "render",
    "render_markdown",
    "render_text",
]

ChangeKind = Literal["changed", "added", "removed", "reordered"]

_SIMILAR: Final = 0.5  # share of equal fields for two list items to count as one item changed


@dataclass(frozen=True)
class FieldChange:
    """One difference inside a record (or a file's header).

    ``path`` locates it (``website``, ``evidence[0].as_of``, ``sources``); ``kind`` is
    ``changed`` (``before`` -> ``after``), ``added`` (only ``after``), ``removed`` (only
    ``before``) or ``reordered`` (same items, new order; neither value). Values are JSON values
    (``None`` for null), with lists as tuples and objects as read-only mappings.
    """

    path: str
    kind: ChangeKind
    before: Any = None
    after: Any = None


@dataclass(frozen=True)
class RecordRef:
    """A record added or removed: its ``id``, a readable ``label`` and the record itself."""

    id: str
    label: str
    record: Any


@dataclass(frozen=True)
class RecordChange:
    """A record present on both sides whose content differs."""

    id: str
    label: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class DatasetDiff:
    """The differences in one dataset (one data file)."""

    dataset: str
    file: str
    added: tuple[RecordRef, ...] = ()
    removed: tuple[RecordRef, ...] = ()
    changed: tuple[RecordChange, ...] = ()
    reordered: bool = False  # the same records, in another order
    header: tuple[FieldChange, ...] = ()  # schema_version, current_to

    @property
    def empty(self) -> bool:
        """True when the dataset is the same on both sides."""
        return not (self.added or self.removed or self.changed or self.reordered or self.header)


@dataclass(frozen=True)
class DataDiff:
    """The differences between two editions of the data, dataset by dataset."""

    old: str
    new: str
    old_edition: str | None
    new_edition: str | None
    datasets: tuple[DatasetDiff, ...]

    @property
    def empty(self) -> bool:
        """True when there is no difference at all (the fingerprints are equal)."""
        return all(d.empty for d in self.datasets)

    @property
    def added(self) -> int:
        """Records added, all datasets."""
        return sum(len(d.added) for d in self.datasets)

    @property
    def removed(self) -> int:
        """Records removed, all datasets."""
        return sum(len(d.removed) for d in self.datasets)

    @property
    def changed(self) -> int:
        """Records changed, all datasets."""
        return sum(len(d.changed) for d in self.datasets)

    def dataset(self, name: str) -> DatasetDiff:
        """The diff of one dataset by name, e.g. ``"members"``."""
        for item in self.datasets:
            if item.dataset == name:
                return item
        raise KeyError(name)

    def report(self, format: Literal["text", "markdown"] = "text") -> str:
        """The diff as ``ecpat-data diff`` prints it: plain ``text`` or ``markdown``."""
        if format not in ("text", "markdown"):
            raise ValueError(f"unknown format {format!r}; choose 'text' or 'markdown'")
        return render(self, format)


# --- reading ------------------------------------------------------------------------------


def _load_dir(path: str | os.PathLike[str]) -> dict[str, bytes]:
    from .._validation.validate import read_valid_directory

    return read_valid_directory(path)


def _documents(files: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    documents: dict[str, dict[str, Any]] = {}
    for dataset, file in ((d.name, d.file) for d in DATASETS.values()):
        document = json.loads(files[file].decode("utf-8"))
        document.pop("$schema", None)
        documents[dataset] = document
    return documents


def read_side(path: str | os.PathLike[str]) -> tuple[Mapping[str, bytes], str]:
    """(the validated files of a data directory, its name for the header)."""
    return _load_dir(path), str(path)


def installed_side() -> tuple[Mapping[str, bytes], str]:
    """(the installed data's files, its name for the header)."""
    from .._loading import bundle
    from .._version import __version__

    return bundle().raw, f"installed ecpat-data {__version__}"


def diff_dirs(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> DataDiff:
    """Compare two data directories (each holding the five files); both are validated first.

    Raises ``FileNotFoundError`` for a missing directory and :class:`~ecpat_data.DataError`
    (with every problem) if either side is not valid data.
    """
    return diff_files(_load_dir(old), _load_dir(new), old=str(old), new=str(new))


def diff_against_bundled(old: str | os.PathLike[str]) -> DataDiff:
    """Compare a data directory (the old side) with the installed data (the new side)."""
    from .._loading import bundle
    from .._version import __version__

    files = _load_dir(old)
    return diff_files(files, bundle().raw, old=str(old), new=f"installed ecpat-data {__version__}")


def diff_files(
    old_files: Mapping[str, bytes], new_files: Mapping[str, bytes], *, old: str, new: str
) -> DataDiff:
    """Compare two sets of already-validated files, given as ``{file name: bytes}``."""
    before, after = _documents(old_files), _documents(new_files)
    datasets = tuple(_dataset(name, before[name], after[name]) for name in DATASETS)
    return DataDiff(
        old,
        new,
        _edition(before),
        _edition(after),
        datasets,
    )


def _edition(documents: Mapping[str, Mapping[str, Any]]) -> str | None:
    value = documents["sources"].get("current_to")
    return value if isinstance(value, str) else None


# --- comparing ----------------------------------------------------------------------------


def _dataset(name: str, old: dict[str, Any], new: dict[str, Any]) -> DatasetDiff:
    file = DATASETS[name].file
    key = DATASETS[name].key
    header: list[FieldChange] = []
    for field in _keys(old, new):
        if field != key:
            _compare(field, old.get(field, _ABSENT), new.get(field, _ABSENT), header)
    if name == "organisation":
        changes: list[FieldChange] = []
        _compare("", old[key], new[key], changes)
        changed = (
            (RecordChange("organisation", _label(name, new[key]), tuple(changes)),)
            if changes
            else ()
        )
        return DatasetDiff(name, file, changed=changed, header=tuple(header))
    old_records = {r["id"]: r for r in old[key]}
    new_records = {r["id"]: r for r in new[key]}
    added = tuple(
        RecordRef(rid, _label(name, r), _freeze(r))
        for rid, r in new_records.items()
        if rid not in old_records
    )
    removed = tuple(
        RecordRef(rid, _label(name, r), _freeze(r))
        for rid, r in old_records.items()
        if rid not in new_records
    )
    changed_records: list[RecordChange] = []
    for rid, record in new_records.items():
        if rid in old_records:
            changes = []
            _compare("", old_records[rid], record, changes)
            if changes:
                changed_records.append(RecordChange(rid, _label(name, record), tuple(changes)))
    common_old = [rid for rid in old_records if rid in new_records]
    common_new = [rid for rid in new_records if rid in old_records]
    return DatasetDiff(
        name,
        file,
        added,
        removed,
        tuple(changed_records),
        reordered=common_old != common_new,
        header=tuple(header),
    )


def _label(dataset: str, record: Mapping[str, Any]) -> str:
    if dataset == "members":
        return f"{record.get('name')} ({record.get('country')})"
    if dataset == "timeline":
        return f"{record.get('date')} {record.get('title')}"
    if dataset == "sources":
        return str(record.get("title"))
    return str(record.get("name"))


class _Absent:
    def __repr__(self) -> str:
        return "<absent>"


_ABSENT: Final = _Absent()


def _keys(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return list(old) + [k for k in new if k not in old]


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _compare(path: str, old: Any, new: Any, out: list[FieldChange]) -> None:
    if old is _ABSENT:
        out.append(FieldChange(path, "added", after=_freeze(new)))
    elif new is _ABSENT:
        out.append(FieldChange(path, "removed", before=_freeze(old)))
    elif _canonical(old) == _canonical(new):
        return
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in _keys(old, new):
            _compare(_join(path, key), old.get(key, _ABSENT), new.get(key, _ABSENT), out)
    elif isinstance(old, list) and isinstance(new, list):
        if all(not isinstance(v, (dict, list)) for v in (*old, *new)):
            _compare_values(path, old, new, out)
        else:
            _compare_items(path, old, new, out)
    else:
        out.append(FieldChange(path, "changed", _freeze(old), _freeze(new)))


def _compare_values(path: str, old: list[Any], new: list[Any], out: list[FieldChange]) -> None:
    """Lists of plain values, as collections: what was removed, what was added, or reordered."""
    remaining = [_canonical(v) for v in new]
    removed = []
    for value in old:
        key = _canonical(value)
        if key in remaining:
            remaining.remove(key)
        else:
            removed.append(value)
    kept = [_canonical(v) for v in old]
    added = []
    for value in new:
        key = _canonical(value)
        if key in kept:
            kept.remove(key)
        else:
            added.append(value)
    out.extend(FieldChange(path, "removed", before=_freeze(v)) for v in removed)
    out.extend(FieldChange(path, "added", after=_freeze(v)) for v in added)
    if not removed and not added:
        out.append(FieldChange(path, "reordered"))


def _compare_items(path: str, old: list[Any], new: list[Any], out: list[FieldChange]) -> None:
    """Lists of objects: pair identical items, then similar ones; the rest is added/removed."""
    pairs: dict[int, int] = {}  # new index -> old index
    free_old: dict[str, list[int]] = {}
    for index, item in enumerate(old):
        free_old.setdefault(_canonical(item), []).append(index)
    for index, item in enumerate(new):
        waiting = free_old.get(_canonical(item))
        if waiting:
            pairs[index] = waiting.pop(0)
    identical = set(pairs)
    left_old = [i for i in range(len(old)) if i not in pairs.values()]
    left_new = [j for j in range(len(new)) if j not in pairs]
    candidates = sorted(
        (
            (-score, abs(i - j), j, i)
            for i in left_old
            for j in left_new
            if (score := _similarity(old[i], new[j])) >= _SIMILAR
        ),
    )
    for _, _, j, i in candidates:
        if j not in pairs and i not in pairs.values():
            pairs[j] = i
    removed = sorted(set(range(len(old))) - set(pairs.values()))
    for j in range(len(new)):
        if j not in pairs:
            out.append(FieldChange(f"{path}[{j}]", "added", after=_freeze(new[j])))
        elif j not in identical:
            _compare(f"{path}[{j}]", old[pairs[j]], new[j], out)
    out.extend(FieldChange(f"{path}[{i}]", "removed", before=_freeze(old[i])) for i in removed)
    order = [pairs[j] for j in sorted(pairs)]
    if order != sorted(order):
        out.append(FieldChange(path, "reordered"))


def _similarity(old: Any, new: Any) -> float:
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return 0.0
    keys = set(old) | set(new)
    if not keys:
        return 1.0
    same = sum(
        1 for k in keys if k in old and k in new and _canonical(old[k]) == _canonical(new[k])
    )
    return same / len(keys)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


# --- rendering ----------------------------------------------------------------------------


def _value(value: Any) -> str:
    return json.dumps(
        value,
        ensure_ascii=False,
        separators=(", ", ": "),
        default=lambda o: dict(o) if isinstance(o, MappingProxyType) else str(o),
    )


def _counts(item: DatasetDiff) -> str:
    parts = [
        f"{len(item.added)} added" if item.added else "",
        f"{len(item.removed)} removed" if item.removed else "",
        f"{len(item.changed)} changed" if item.changed else "",
        "records reordered" if item.reordered else "",
    ]
    return ", ".join(p for p in parts if p) or "header only"


def _headers(diff: DataDiff) -> list[tuple[FieldChange, list[str]]]:
    """Header changes, each with the files it appears in (most often: all five)."""
    grouped: dict[str, tuple[FieldChange, list[str]]] = {}
    for item in diff.datasets:
        for change in item.header:
            key = _canonical(
                [change.path, change.kind, _value(change.before), _value(change.after)]
            )
            grouped.setdefault(key, (change, []))[1].append(item.file)
    return list(grouped.values())


def _where(files: Sequence[str]) -> str:
    return f"all {len(files)} files" if len(files) == len(DATASETS) else ", ".join(files)


def _text_change(change: FieldChange) -> str:
    path = change.path or "(record)"
    if change.kind == "changed":
        return f"{path}: {_value(change.before)} -> {_value(change.after)}"
    if change.kind == "added":
        return f"{path}: added {_value(change.after)}"
    if change.kind == "removed":
        return f"{path}: removed {_value(change.before)}"
    return f"{path}: order changed"


def render_text(diff: DataDiff) -> str:
    """The diff as plain text, for a terminal."""
    lines = [
        f"old: {diff.old} (data edition {diff.old_edition})",
        f"new: {diff.new} (data edition {diff.new_edition})",
    ]
    if diff.empty:
        return "\n".join([*lines, "", "no differences"]) + "\n"
    lines.append("(+ only in new, - only in old, ~ changed: old -> new)")
    for change, files in _headers(diff):
        lines.append(f"{_text_change(change)}  ({_where(files)})")
    unchanged = []
    for item in diff.datasets:
        if not (item.added or item.removed or item.changed or item.reordered):
            unchanged.append(item.dataset)
            continue
        lines += ["", f"{item.dataset}: {_counts(item)}"]
        lines += [f"  + {r.id}: {r.label}" for r in item.added]
        lines += [f"  - {r.id}: {r.label}" for r in item.removed]
        for record in item.changed:
            lines.append(f"  ~ {record.id}: {record.label}")
            lines += [f"      {_text_change(c)}" for c in record.changes]
        if item.reordered:
            lines.append("  records are in a different order")
    if unchanged:
        lines += ["", f"unchanged: {', '.join(unchanged)}"]
    lines += ["", _summary(diff)]
    return "\n".join(lines) + "\n"


def _summary(diff: DataDiff) -> str:
    return f"records: {diff.added} added, {diff.removed} removed, {diff.changed} changed"


_MD_SPECIAL: Final = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~"})


#: What GitHub would turn into a notification or a link in plain text: @mentions (people,
#: teams) and e-mail addresses, web addresses, and issue references such as #12.
_LINKABLE: Final = re.compile(r"\S*@\S+|\b(?:https?|ftp)://\S+|\bwww\.\S+|#\d+", re.IGNORECASE)


def _md(text: str) -> str:
    """Plain text made safe for a markdown line or table cell.

    Markdown's special characters are escaped, and each word GitHub would link (``@someone``,
    ``@org/team``, ``a@b.org``, ``https://...``, ``www....``, ``#12``) is put in a code span, which
    GitHub shows as written but never links: a bot posting the diff pings nobody.
    """
    parts: list[str] = []
    end = 0
    for found in _LINKABLE.finditer(text):
        parts += [text[end : found.start()].translate(_MD_SPECIAL), _code(found.group())]
        end = found.end()
    parts.append(text[end:].translate(_MD_SPECIAL))
    return "".join(parts)


def _code(text: str) -> str:
    """Text as a markdown code span that survives backticks and table pipes."""
    ticks = "`"
    while ticks in text:
        ticks += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    escaped = text.replace("|", "\\|")
    return f"{ticks}{pad}{escaped}{pad}{ticks}"


def _md_row(change: FieldChange) -> str:
    path = _code(change.path or "(record)")
    if change.kind == "changed":
        return f"| {path} | {_code(_value(change.before))} | {_code(_value(change.after))} |"
    if change.kind == "added":
        return f"| {path} | — | added {_code(_value(change.after))} |"
    if change.kind == "removed":
        return f"| {path} | removed {_code(_value(change.before))} | — |"
    return f"| {path} | (order changed) | (order changed) |"


def render_markdown(diff: DataDiff) -> str:
    """The diff as GitHub-flavoured markdown, for a pull-request comment or a CHANGELOG."""
    lines = [
        "### Data changes",
        "",
        f"Old: {_code(diff.old)} (data edition {_md(str(diff.old_edition))})  ",
        f"New: {_code(diff.new)} (data edition {_md(str(diff.new_edition))})",
        "",
    ]
    if diff.empty:
        return "\n".join([*lines, "No differences."]) + "\n"
    lines += ["| dataset | added | removed | changed |", "|---|--:|--:|--:|"]
    lines += [
        f"| {_md(d.dataset)} | {len(d.added)} | {len(d.removed)} | {len(d.changed)} |"
        for d in diff.datasets
    ]
    headers = _headers(diff)
    if headers:
        lines += ["", "| file | field | before | after |", "|---|---|---|---|"]
        for change, files in headers:
            row = _md_row(change).removeprefix("|")
            lines.append(f"| {_md(_where(files))} |{row}")
    for item in diff.datasets:
        if not (item.added or item.removed or item.changed or item.reordered):
            continue
        lines += ["", f"#### {_md(item.dataset)}: {_counts(item)}"]
        if item.added:
            lines += ["", "Added:", ""]
            lines += [f"- {_code(r.id)}: {_md(r.label)}" for r in item.added]
        if item.removed:
            lines += ["", "Removed:", ""]
            lines += [f"- {_code(r.id)}: {_md(r.label)}" for r in item.removed]
        if item.reordered:
            lines += ["", "The records are in a different order."]
        for record in item.changed:
            lines += [
                "",
                f"Changed {_code(record.id)}: {_md(record.label)}",
                "",
                "| field | before | after |",
                "|---|---|---|",
            ]
            lines += [_md_row(c) for c in record.changes]
    lines += ["", _summary(diff) + "."]
    return "\n".join(lines) + "\n"


def render(diff: DataDiff, form: str) -> str:
    """The diff as ``text`` or ``markdown``."""
    return render_markdown(diff) if form == "markdown" else render_text(diff)
