"""The data dictionary (``docs/data-dictionary.md``), generated from the models.

Every field of every model of every file, with its JSON type, whether it is required (and its
default when not), and the description given in the model. It is rendered from the JSON
Schemas of :mod:`ecpat_data._schema`, which are themselves generated from the models, so the
three cannot drift apart; a test compares the committed file with :func:`render`.
Regenerate it with ``python -m ecpat_data._dictionary docs/data-dictionary.md``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Final

from .._core.datasets import DATASETS
from .._validation.schema import BEYOND_SCHEMA, COUNTRY_DEF, file_name, schema
from ..models import summary_of

__all__ = ["render", "write"]

_TYPE_NAMES: Final = {
    "Text": "text",
    "Id": "id",
    "Date": "date",
    "WebUrl": "URL",
    COUNTRY_DEF: "country code",
}

_TYPES_TABLE: Final = """\
| type | in JSON | rule |
|---|---|---|
| text | string | Non-empty; Unicode NFC; no control characters (U+0000-U+001F, U+007F-U+009F) \
or bidirectional embedding, override or isolate marks (U+202A-U+202E, U+2066-U+2069); no \
whitespace at either end. |
| id | string | A stable lowercase slug: `a-z`, `0-9` and single hyphens, at most 80 characters \
(`ecpat-uk`). Unique within its file. |
| date | string | ISO 8601 extended form with reduced precision: `YYYY`, `YYYY-MM` or \
`YYYY-MM-DD`, a real calendar date (`1997-02-29` is refused). Written with the precision the \
source gives. Dates order as their strings do: `1996` < `1996-08` < `1996-08-27`. |
| URL | string | An absolute `http://` or `https://` address with a host, kept exactly as \
written. |
| country code | string | An uppercase ISO 3166-1 alpha-2 code known to pycountry (`TH`, \
`GB`); `th`, `THA` and `XX` are refused. |
| integer | number | A whole number written without a fraction or exponent. |
| boolean | `true` / `false` | |
"""


def _ref_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _type(node: dict[str, Any]) -> str:
    """A short, readable type for a schema node, linking to the models it refers to."""
    ref = _ref_name(node)
    if ref is not None:
        return _TYPE_NAMES.get(ref) or f"[{ref}](#{ref.lower()})"
    if "anyOf" in node:
        options = [option for option in node["anyOf"] if option.get("type") != "null"]
        nullable = len(options) < len(node["anyOf"])
        text = " or ".join(_type(option) for option in options)
        return f"{text} or null" if nullable else text
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    if "enum" in node:
        return "one of " + ", ".join(f"`{json.dumps(value)}`" for value in node["enum"])
    kind = node.get("type")
    if kind == "array":
        items = _type(node.get("items", {}))
        return f"non-empty list of {items}" if node.get("minItems") else f"list of {items}"
    if kind == "integer" and node.get("minimum") == 0:
        return "integer ≥ 0"
    return str(kind or "any")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(definition: dict[str, Any]) -> list[str]:
    required = set(definition.get("required", ()))
    rows = ["| field | type | required | description |", "|---|---|---|---|"]
    for name, node in definition.get("properties", {}).items():
        default = json.dumps(node.get("default"))
        needed = "yes" if name in required else f"no (default `{default}`)"
        rows.append(
            f"| `{name}` | {_cell(_type(node))} | {needed} | {_cell(node.get('description', ''))} |"
        )
    return rows


def _references(node: Any) -> list[str]:
    """Names of the ``$defs`` a node refers to, in order of first appearance."""
    found: list[str] = []
    if isinstance(node, dict):
        ref = _ref_name(node)
        if ref is not None:
            found.append(ref)
        for value in node.values():
            found.extend(_references(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_references(item))
    return list(dict.fromkeys(found))


def render() -> str:
    """The data dictionary, as Markdown."""
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated from the models by `python -m ecpat_data._dictionary "
        "docs/data-dictionary.md`; a test keeps it in sync. Do not edit by hand. -->",
        "",
        "The field names below are a public contract: they are the same for every reader of the",
        "files, in Python or not. Each data file in `data/` is one UTF-8 JSON object with a",
        "schema version, the date the data is current to, and one collection. Its JSON Schema",
        "(Draft 2020-12) is in `data/schemas/` (`ecpat-data schema NAME` prints it), and each",
        'file points to it with `"$schema"`. `ecpat-data validate` checks everything listed',
        "here; `ecpat-data fmt` writes every file in one canonical form: keys in the order",
        "of the tables below, every optional field written out with its default, two-space",
        "indentation, NFC text and records in the order given for each file.",
        "",
        "## Types",
        "",
        _TYPES_TABLE.rstrip("\n"),
        "",
        "A field shown as “or null” must still be written (canonical form) but may be `null`;",
        "`sources` lists hold ids from `sources.json`; `unverified` is `true` where the fact",
        'base marks the fact "(unverified)".',
    ]
    described: set[str] = set()
    for name, file, model, _ in ((d.name, d.file, d.file_model, d.key) for d in DATASETS.values()):
        document = schema(name)
        definitions: dict[str, Any] = document.get("$defs", {})
        top = model.__name__
        lines += [
            "",
            f"## {file}",
            "",
            summary_of(model.__doc__ or "").strip(),
            "",
            f"Schema: `data/schemas/{file_name(name)}`. "
            f"Order of the records (canonical form): {DATASETS[name].order}.",
            "",
            f"### {top}",
            "",
            "The top-level object of the file.",
            "",
            *_table(document),
        ]
        queue = _references(document.get("properties", {}))
        while queue:
            ref = queue.pop(0)
            if ref in described or ref in _TYPE_NAMES or ref not in definitions:
                continue
            described.add(ref)
            definition = definitions[ref]
            lines += [
                "",
                f"### {ref}",
                "",
                str(definition.get("description", "")).strip(),
                "",
                *_table(definition),
            ]
            queue.extend(_references(definition.get("properties", {})))
    lines += [
        "",
        "## Derived, never in the files",
        "",
        "These are computed when the data is loaded; no file holds them and `ecpat-data fmt`",
        "never writes them (the export adds the first three to the members table):",
        "",
        "- a member's `latest_claim`: the newest `as_of` of its evidence;",
        "- a member's `status`: `current` when a claim is dated in or after the year six years",
        "  before the data edition (`current_to`); `historic` when no claim is, at least one",
        "  older claim is dated, and no undated claim is of kind `ecpat-country-page`,",
        "  `ecpat-statement` or `own-statement`; `unconfirmed` otherwise;",
        "- a member's `well_evidenced`: a claim of one of those three kinds, not `unverified`,",
        "  citing a source that is not a mirror copy (`copy_of` or `unverified`), and, for a",
        "  current member, a recent claim that is not read only on a mirror copy;",
        "- a country's UN M49 `region`, `subregion` and `intermediate_region`: from a code table",
        "  in the package (Taiwan in Eastern Asia, as the Unicode CLDR places it).",
        "",
        "## Checks beyond JSON Schema",
        "",
        "The schemas check types, required and unknown fields, the text, id, date, address and",
        "country rules above, and non-empty lists. `ecpat-data validate` checks these as well,",
        "which no JSON Schema can express (with the problem code it reports):",
        "",
        *[f"- {text} (`{code}`)" for code, text in BEYOND_SCHEMA.items() if code != "file"],
        f"- {BEYOND_SCHEMA['file']}.",
        "",
        "Python's `jsonschema` library reads a pattern's `$` as “end, or before a final",
        "newline”, so with it a value such as `1996\\n` passes the pattern; `validate` refuses it.",
        "",
    ]
    return "\n".join(lines)


def write(path: str | Path) -> Path:
    """Write :func:`render` to ``path``."""
    target = Path(path)
    target.write_text(render(), encoding="utf-8", newline="\n")
    return target


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    print(write(sys.argv[1] if len(sys.argv) > 1 else "docs/data-dictionary.md"))
