"""The data as flat tables (CSV, data frames) and as plain JSON / NDJSON records.

The flat form of a record (documented in docs/cli.md, "Flat form of the CSV files"):

- a scalar is its text: dates as written (``1996``, ``1996-08``, ``1996-08-27``), countries
  as their ISO code, booleans ``true`` / ``false``, null as an empty cell;
- a nested object (``place``, ``legal_name``, ``secretariat``, ...) becomes one column per
  field, named ``<field>_<subfield>`` (``place_city``, ``place_country``);
- a list of ids or names (``sources``, ``other_names``, ``programme_areas``, ...) is one cell
  with the items joined by ``" | "`` (empty when the list is empty);
- a list of objects (``evidence``, ``listings``, ``network_size``, ...) is one cell holding
  the list as compact JSON, and, in the Data Package, also its own table with one row per item
  (``members_evidence``: ``member_id``, ``position``, then the item's fields);
- every citation is also a row of a link table (``members_sources``: ``member_id``,
  ``source_id``) whose foreign keys point at the cited source and the citing record.

``members`` also has four derived columns that are not in the JSON: ``country_name``,
``latest_claim``, ``well_evidenced`` and ``status``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from .._core.datasets import DATASETS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from pydantic import BaseModel

    from .._loading.reader import Bundle

__all__ = [
    "LIST_SEPARATOR",
    "Column",
    "Table",
    "dataset_records",
    "dataset_tables",
    "main_table",
    "tables",
    "to_csv",
    "to_json",
    "to_ndjson",
]

#: How the items of a list of ids or names are joined in one CSV cell.
LIST_SEPARATOR: Final = " | "

Form = Literal["value", "list", "json"]

#: Dataset name -> the name its records' key has in other tables (``member_id``, ...).
_KEY_NAMES: Final = {d.name: d.key_column for d in DATASETS.values() if not d.single}
#: (table, column) -> (referenced table, name of the column in the link table).
_REFERENCES: Final = {("timeline", "programme_areas"): ("programme_areas", "programme_area_id")}


@dataclass(frozen=True)
class Column:
    """One column of a flat table: its Table Schema field and how to read it from a record."""

    name: str
    form: Form
    descriptor: dict[str, Any]
    get: Callable[[Any], Any] = field(repr=False, compare=False)
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A flat table: named columns, rows of plain values, keys for a Table Schema."""

    name: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[dict[str, Any], ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    def schema(self) -> dict[str, Any]:
        """The table's Frictionless Table Schema."""
        schema: dict[str, Any] = {
            "fields": [c.descriptor for c in self.columns],
            "missingValues": [""],
        }
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            schema["foreignKeys"] = list(self.foreign_keys)
        return schema

    def records(self) -> list[dict[str, Any]]:
        """Rows as dictionaries of plain values (lists stay lists)."""
        names = self.column_names
        return [dict(zip(names, row, strict=True)) for row in self.rows]

    def csv(self) -> str:
        """The table as CSV text: a header row, then one line per row, ``\\n`` line ends."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.column_names)
        for row in self.rows:
            writer.writerow(
                [
                    _cell(value, column, self.name)
                    for value, column in zip(row, self.columns, strict=True)
                ]
            )
        return buffer.getvalue()


def _cell(value: Any, column: Column, table: str) -> str:
    if column.form == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if value is None:
        return ""
    if column.form == "list":
        for item in value:
            if "|" in item:
                raise ValueError(
                    f"{table}.{column.name}: item {item!r} contains '|', the list separator "
                    "of the CSV form; use the JSON export"
                )
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- columns from the models' JSON Schemas ------------------------------------------------


def _plain(value: Any) -> Any:
    """A model value as plain data: text, numbers, booleans, None, lists and dicts."""
    from pydantic import BaseModel

    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return str(value)


def _getter(path: tuple[str, ...]) -> Callable[[Any], Any]:
    def get(record: Any) -> Any:
        value = record
        for name in path:
            if value is None:
                return None
            value = getattr(value, name)
        return _plain(value)

    return get


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """(the schema of a property without its null option, whether null is allowed)."""
    nullable = False
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        nullable = len(options) < len(node["anyOf"])
        merged = {k: v for k, v in node.items() if k != "anyOf"}
        node = {**options[0], **merged}
    if "allOf" in node and len(node["allOf"]) == 1:
        node = {**node["allOf"][0], **{k: v for k, v in node.items() if k != "allOf"}}
    if "$ref" in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, nullable


def _pattern(regex: str) -> str:
    """A JSON Schema pattern as a Table Schema one (XML Schema style: anchored, no ^ $)."""
    return regex.removeprefix("^").removesuffix("$")


def _descriptor(
    name: str, node: dict[str, Any], *, required: bool, description: str = ""
) -> dict[str, Any]:
    kind = node.get("type", "string")
    descriptor: dict[str, Any] = {
        "name": name,
        "type": kind if kind in ("string", "integer", "boolean", "number") else "string",
    }
    if description or node.get("description"):
        descriptor["description"] = description or node["description"]
    if node.get("format") == "uri":
        descriptor["format"] = "uri"
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if "enum" in node:
        constraints["enum"] = list(node["enum"])
    if "pattern" in node:
        constraints["pattern"] = _pattern(node["pattern"])
    if "minimum" in node:
        constraints["minimum"] = node["minimum"]
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def _schema_of(model: type[BaseModel]) -> tuple[dict[str, Any], dict[str, Any]]:
    schema = model.model_json_schema(mode="serialization")
    return schema, schema.get("$defs", {})


def _columns(
    node: dict[str, Any],
    defs: dict[str, Any],
    *,
    prefix: tuple[str, ...] = (),
    optional: bool = False,
    context: str = "",
) -> list[Column]:
    """Flat columns of an object schema; nested objects become prefixed columns."""
    columns: list[Column] = []
    for name, raw in node["properties"].items():
        prop, nullable = _resolve(raw, defs)
        path = (*prefix, name)
        column = "_".join(path)
        text = prop.get("description", "")
        if context:
            text = f"{context.rstrip('.')}: {text[:1].lower()}{text[1:]}"
        required = not nullable and not optional and raw.get("default", ...) is not None
        if prop.get("type") == "object" or "properties" in prop:
            columns += _columns(
                prop, defs, prefix=path, optional=optional or nullable, context=text
            )
        elif prop.get("type") == "array":
            items, _ = _resolve(prop["items"], defs)
            if "properties" in items:
                descriptor = _descriptor(column, {"type": "array"}, required=False)
                descriptor["type"] = "array"
                descriptor["description"] = f"{text} As a JSON array of objects."
                columns.append(Column(column, "json", descriptor, _getter(path), path))
            else:
                item_pattern = items.get("pattern")
                descriptor = _descriptor(
                    column,
                    {"type": "string"},
                    required=not optional and prop.get("minItems", 0) > 0,
                    description=f"{text} Items joined by {LIST_SEPARATOR!r}.",
                )
                if item_pattern:
                    one = _pattern(item_pattern)
                    descriptor.setdefault("constraints", {})["pattern"] = f"{one}( \\| {one})*"
                columns.append(Column(column, "list", descriptor, _getter(path), path))
        else:
            descriptor = _descriptor(column, prop, required=required, description=text)
            columns.append(Column(column, "value", descriptor, _getter(path), path))
    return columns


def _model_columns(model: type[BaseModel]) -> list[Column]:
    schema, defs = _schema_of(model)
    return _columns(schema, defs)


# --- the tables ---------------------------------------------------------------------------


def dataset_records(bundle: Bundle, dataset: str) -> tuple[BaseModel, ...]:
    """The records of one dataset (the organisation is a single record)."""
    described = DATASETS.get(dataset)
    if described is None:
        names = ", ".join(DATASETS)
        raise ValueError(f"unknown dataset {dataset!r}; choose one of {names}")
    return bundle.records(dataset)


def _member_extras(columns: list[Column]) -> list[Column]:
    """The derived member columns: country name, latest claim, well evidenced, status."""
    from .._core.dates import PATTERN
    from ..models import STATUSES

    country_name = Column(
        "country_name",
        "value",
        {
            "name": "country_name",
            "type": "string",
            "description": "Derived: the country's English name (pycountry's common name).",
            "constraints": {"required": True},
        },
        lambda m: m.country.name,
    )
    latest = Column(
        "latest_claim",
        "value",
        {
            "name": "latest_claim",
            "type": "string",
            "description": "Derived: date of the most recent dated evidence, if any.",
            "constraints": {"pattern": _pattern(PATTERN)},
        },
        lambda m: None if m.latest_claim is None else str(m.latest_claim),
    )
    well = Column(
        "well_evidenced",
        "value",
        {
            "name": "well_evidenced",
            "type": "boolean",
            "description": (
                "Derived: true if ECPAT or the member itself states the membership on a page "
                "that is not a mirror copy."
            ),
            "constraints": {"required": True},
        },
        lambda m: m.well_evidenced,
    )
    status = Column(
        "status",
        "value",
        {
            "name": "status",
            "type": "string",
            "description": (
                "Derived: current, historic or unconfirmed, from the dates and kinds of the "
                "evidence and the data edition (see docs/usage.md)."
            ),
            "constraints": {"required": True, "enum": list(STATUSES)},
        },
        lambda m: m.status,
    )
    at = [c.name for c in columns].index("country") + 1
    return [*columns[:at], country_name, *columns[at:], latest, well, status]


def main_table(bundle: Bundle, dataset: str, records: Sequence[BaseModel] | None = None) -> Table:
    """The one-row-per-record table of a dataset (what ``export DATASET --format csv`` writes).

    ``records`` (default: all of the dataset's) chooses and orders the rows.
    """
    if records is None:
        records = dataset_records(bundle, dataset)
    columns = _model_columns(DATASETS[dataset].record_model)
    if dataset == "members":
        columns = _member_extras(columns)
    rows = tuple(tuple(c.get(r) for c in columns) for r in records)
    key = ("id",) if dataset != "organisation" else ()
    return Table(dataset, DATASETS[dataset].description, tuple(columns), rows, key)


def _key_column(name: str, description: str) -> Column:
    from .._core.text import SLUG_PATTERN

    descriptor = {
        "name": name,
        "type": "string",
        "description": description,
        "constraints": {"required": True, "pattern": _pattern(SLUG_PATTERN)},
    }
    return Column(name, "value", descriptor, lambda row: row)


_POSITION: Final = Column(
    "position",
    "value",
    {
        "name": "position",
        "type": "integer",
        "description": "Place of the item in its record's list, from 1.",
        "constraints": {"required": True, "minimum": 1},
    },
    lambda row: row,
)


def _child_table(parent: Table, dataset: str, records: Sequence[Any], column: Column) -> Table:
    """The table of one list-of-objects column: one row per item, keyed by record and position."""
    annotation: Any = DATASETS[dataset].record_model
    for step in column.path:  # a list nested in an object: ("secretariat", "addresses")
        annotation = annotation.model_fields[step].annotation
    item_model: type[BaseModel] = annotation.__args__[0]
    item_columns = _model_columns(item_model)
    key_name = _KEY_NAMES.get(dataset)
    keys: list[Column] = []
    if key_name is not None:
        keys.append(_key_column(key_name, f"The id of the record in {parent.name}."))
    rows: list[tuple[Any, ...]] = []
    for record in records:
        items = record
        for step in column.path:
            items = getattr(items, step)
        for position, item in enumerate(items, 1):
            head: tuple[Any, ...] = (record.id,) if key_name is not None else ()
            rows.append((*head, position, *(c.get(item) for c in item_columns)))
    name = f"{parent.name}_{column.name}"
    primary = (*(k.name for k in keys), "position")
    foreign: tuple[dict[str, Any], ...] = ()
    if key_name is not None:
        foreign = (_fk([key_name], parent.name, ["id"]),)
    return Table(
        name,
        f"The {column.name} of each row of {parent.name}, one row per item.",
        (*keys, _POSITION, *item_columns),
        tuple(rows),
        primary,
        foreign,
    )


def _fk(fields: list[str], resource: str, reference: list[str]) -> dict[str, Any]:
    return {"fields": fields, "reference": {"resource": resource, "fields": reference}}


def _link_tables(table: Table) -> Iterator[Table]:
    """Link tables of a table's citations (``<table>_sources``) and other id lists."""
    key_columns = [c for c in table.columns if c.name in table.primary_key]
    cited = [c for c in table.columns if c.form == "list" and c.path[-1:] == ("sources",)]
    if cited:
        prefixed = any(len(c.path) > 1 for c in cited)
        columns: list[Column] = []
        names: list[str] = []
        for key in key_columns:
            name = _KEY_NAMES.get(table.name, key.name) if key.name == "id" else key.name
            names.append(name)
            columns.append(
                _key_column(name, f"The citing row of {table.name}.") if key.name == "id" else key
            )
        if prefixed:
            fields = ["_".join(c.path[:-1]) for c in cited]
            columns.append(
                Column(
                    "field",
                    "value",
                    {
                        "name": "field",
                        "type": "string",
                        "description": f"The field of {table.name} that cites the source.",
                        "constraints": {"required": True, "enum": fields},
                    },
                    lambda row: row,
                )
            )
        columns.append(_key_column("source_id", "The cited source (sources.id)."))
        indexes = [table.columns.index(k) for k in key_columns]
        rows: list[tuple[Any, ...]] = []
        for row in table.rows:
            head = tuple(row[i] for i in indexes)
            for column in cited:
                label = ("_".join(column.path[:-1]),) if prefixed else ()
                for source in dict.fromkeys(row[table.columns.index(column)] or ()):
                    rows.append((*head, *label, source))
        foreign = [_fk(["source_id"], "sources", ["id"])]
        if key_columns:
            foreign.insert(0, _fk(names, table.name, [k.name for k in key_columns]))
        yield Table(
            f"{table.name}_sources",
            f"Citations of {table.name}: one row per cited source.",
            tuple(columns),
            tuple(rows),
            tuple(c.name for c in columns),
            tuple(foreign),
        )
    for (name, list_column), (target, target_key) in _REFERENCES.items():
        if name != table.name:
            continue
        key_name = _KEY_NAMES[table.name]
        at = table.column_names.index(list_column)
        rows = [(row[0], ref) for row in table.rows for ref in dict.fromkeys(row[at] or ())]
        yield Table(
            f"{table.name}_{list_column}",
            f"The {list_column} each row of {table.name} relates to.",
            (
                _key_column(key_name, f"The row of {table.name}."),
                _key_column(target_key, f"The related row of {target}."),
            ),
            tuple(rows),
            (key_name, target_key),
            (_fk([key_name], table.name, ["id"]), _fk([target_key], target, ["id"])),
        )


def dataset_tables(bundle: Bundle, dataset: str) -> tuple[Table, ...]:
    """Every table of one dataset: the main table, its link tables and its list tables."""
    main = main_table(bundle, dataset)
    records = dataset_records(bundle, dataset)
    result = [main, *_link_tables(main)]
    for column in main.columns:
        if column.form == "json":
            child = _child_table(main, dataset, records, column)
            result += [child, *_link_tables(child)]
    return tuple(result)


def tables(bundle: Bundle) -> dict[str, Table]:
    """Every table of the Data Package, by name, in package order."""

    return {t.name: t for dataset in DATASETS for t in dataset_tables(bundle, dataset)}


# --- whole-dataset text exports -----------------------------------------------------------


def _dump(bundle: Bundle, dataset: str, records: Sequence[BaseModel] | None) -> Any:
    if records is None:
        records = dataset_records(bundle, dataset)
    if dataset == "organisation":
        return records[0].model_dump(mode="json")
    return [r.model_dump(mode="json") for r in records]


def to_json(bundle: Bundle, dataset: str, records: Sequence[BaseModel] | None = None) -> str:
    """The dataset's records as a JSON array (the organisation: one object), indented."""
    return json.dumps(_dump(bundle, dataset, records), indent=2, ensure_ascii=False) + "\n"


def to_ndjson(bundle: Bundle, dataset: str, records: Sequence[BaseModel] | None = None) -> str:
    """One compact JSON record per line (the organisation: one line)."""
    if records is None:
        records = dataset_records(bundle, dataset)
    return "".join(
        json.dumps(r.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":")) + "\n"
        for r in records
    )


def to_csv(bundle: Bundle, dataset: str, records: Sequence[BaseModel] | None = None) -> str:
    """The dataset's main table as CSV (see the module docstring for the flat form)."""
    return main_table(bundle, dataset, records).csv()
