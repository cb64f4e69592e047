"""JSON Schemas (Draft 2020-12) of the data files, generated from the models.

The schemas are pydantic's ``model_json_schema(by_alias=True, mode="validation")``,
strengthened wherever pydantic's output is weaker than the model:

* text (names, titles, notes, ...): non-empty, no control or bidirectional-override
  characters, no leading or trailing whitespace (:data:`TEXT_PATTERN`);
* dates: months 01-12, days valid for their month, year 0001-9999 (:data:`DATE_PATTERN`);
  only 29 February of a non-leap year is left to the model;
* web addresses: ``http``/``https`` with a host (:data:`URL_PATTERN`);
* ids: the slug pattern; country codes: the enumeration of pycountry's alpha-2 codes;
* ``additionalProperties: false`` on every object; the ``$schema`` key allowed at the top.

What JSON Schema cannot say is listed in :data:`BEYOND_SCHEMA` (and in the data dictionary).
Regenerate the committed copies with ``python -m ecpat_data._schema data/schemas``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .._core.datasets import DATASETS

if TYPE_CHECKING:
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

__all__ = [
    "BEYOND_SCHEMA",
    "COUNTRY_DEF",
    "DATE_PATTERN",
    "DRAFT",
    "NAME_PATTERN",
    "SLUG_PATTERN",
    "TEXT_PATTERN",
    "URL_PATTERN",
    "file_name",
    "schema",
    "schema_id",
    "schema_text",
    "write_schemas",
]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"

# Unicode classes, spelled with \uXXXX escapes that both ECMA-262 and Python's re understand.
_CONTROL = r"\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069" + (
    # Invisible (format) characters, line and paragraph separators, private use and
    # noncharacters of the Basic Multilingual Plane; those above it (tag characters,
    # private-use planes) are beyond a pattern both dialects read: see BEYOND_SCHEMA.
    r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    r"\u2028\u2029\u2060-\u2064\u206a-\u206f\ue000-\uf8ff\ufdd0-\ufdef\ufeff"
    r"\ufff9-\ufffb\ufffe\uffff"
)
# Python's str.isspace() characters (what str.strip() removes), together with the controls.
_CONTROL_OR_SPACE = (
    r"\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028-\u202f\u205f\u2066-\u2069\u3000"
)

#: Text: non-empty, no controls, bidi overrides or invisible characters, no whitespace at
#: either end.
TEXT_PATTERN: Final = (
    f"^[^{_CONTROL_OR_SPACE}{_CONTROL}]([^{_CONTROL}]*[^{_CONTROL_OR_SPACE}{_CONTROL}])?$"
)
#: A name or title: text that does not begin with a spreadsheet formula's ``=``, ``+``, ``-``
#: or ``@``.
NAME_PATTERN: Final = (
    f"^[^{_CONTROL_OR_SPACE}{_CONTROL}=+@\\-]([^{_CONTROL}]*[^{_CONTROL_OR_SPACE}{_CONTROL}])?$"
)
#: Dates YYYY, YYYY-MM, YYYY-MM-DD with real months and days (29 February in every year).
DATE_PATTERN: Final = (
    r"^(?!0000)[0-9]{4}"
    r"(-((0[1-9]|1[0-2])(-(0[1-9]|1[0-9]|2[0-8]))?"
    r"|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31|02-29))?$"
)
#: http or https (any case, as urllib reads it), then a non-empty host; no spaces or controls.
URL_PATTERN: Final = f"^[hH][tT][tT][pP][sS]?://[^/?# {_CONTROL}]+([/?#][^ {_CONTROL}]*)?$"
SLUG_PATTERN: Final = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: Name of the shared definition of country codes in every schema's ``$defs``.
COUNTRY_DEF: Final = "CountryCode"

#: Checks ``ecpat-data validate`` makes that the JSON Schemas cannot express (problem codes).
BEYOND_SCHEMA: Final[dict[str, str]] = {
    "invalid-date": "29 February of a year that is not a leap year (`1997-02-29`)",
    "not-nfc": "text not in Unicode normal form NFC",
    "invisible-character": ("an invisible character above U+FFFF (tag characters such as U+E0041)"),
    "private-use-character": "a private-use character above U+FFFF (planes 15 and 16)",
    "noncharacter": "a noncharacter above U+FFFF (such as U+2FFFE)",
    "duplicate-name": "a name listed twice in one list of names",
    "after-edition": "a date after the file's `current_to` (the data edition)",
    "invalid-unicode": 'a lone UTF-16 surrogate written as an escape (`"\\ud800"`)',
    "wrong-type": "a whole number written with a fraction (`78.0` where an integer is due)",
    "invalid-schema-version": (
        "`schema_version` written as `2.0` (JSON Schema counts it as the integer 2)"
    ),
    "duplicate-key": "a key repeated in one object (JSON readers keep the last one silently)",
    "duplicate-id": "two records of one file with the same id",
    "unknown-source": "a citation of a source id that is not in `sources.json`",
    "unknown-programme-area": "an event naming a programme area that does not exist",
    "orphan-source": "a source that no record cites (a warning)",
    "edition-mismatch": "files of one directory with different `current_to` dates",
    "undated-founding": "a founding claim with neither a `date` nor a `period`",
    "file": (
        "faults in the file rather than the data: invalid UTF-8, a byte-order mark, an empty "
        "file, a file above the size limit, nesting deeper than 64 levels, NaN or Infinity "
        "literals and numbers too large to represent (not JSON: a schema only sees parsed "
        "data), a missing dataset file"
    ),
}

_PYDANTIC_URL_PATTERN: Final = "^https?://[^\\s]+$"


def _generator() -> type[Any]:
    from pydantic.json_schema import GenerateJsonSchema

    from .._core.text import _check_url, check_name, check_text

    class Generator(GenerateJsonSchema):
        """pydantic's generator, told what the text and address validators enforce."""

        def function_after_schema(
            self, schema: core_schema.AfterValidatorFunctionSchema
        ) -> JsonSchemaValue:
            result = super().function_after_schema(schema)
            function = schema["function"].get("function")
            if function is check_text:
                result = {**result, "minLength": 1, "pattern": TEXT_PATTERN}
            elif function is check_name:
                result = {**result, "minLength": 1, "pattern": NAME_PATTERN}
            elif function is _check_url:
                result = {**result, "pattern": URL_PATTERN}
            return result

    return Generator


def file_name(name: str) -> str:
    """``members`` -> ``members.schema.json``."""
    return f"{name}.schema.json"


def schema_id(name: str) -> str:
    """The ``$id`` of a dataset's schema (a URN: the schemas are not served anywhere)."""
    return f"urn:ecpat-data:schema:{name}"


def _strengthen(node: Any) -> Any:
    if isinstance(node, list):
        return [_strengthen(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _strengthen(value) for key, value in node.items()}
    pattern = result.get("pattern")
    if pattern == _PYDANTIC_URL_PATTERN or (
        result.get("format") == "uri" and pattern in (None, TEXT_PATTERN)
    ):
        result["pattern"] = URL_PATTERN
        result["format"] = "iri"  # addresses may hold non-ASCII characters
    elif pattern is not None and pattern.startswith("^[0-9]{4}(-[0-9]{2}"):
        result["pattern"] = DATE_PATTERN
    if result.get("type") == "object" or "properties" in result:
        result["additionalProperties"] = False
    return result


def _shared_types() -> dict[str, dict[str, Any]]:
    """The definitions every schema shares, by ``$defs`` name."""
    from .._core.countries import country_codes

    return {
        "Text": {
            "type": "string",
            "minLength": 1,
            "pattern": TEXT_PATTERN,
            "description": (
                "Text: non-empty, Unicode NFC, no control, bidirectional-override, invisible "
                "or private-use characters or noncharacters, no whitespace at either end."
            ),
        },
        "Name": {
            "type": "string",
            "minLength": 1,
            "pattern": NAME_PATTERN,
            "description": (
                "A name or title: text (as Text) that does not begin with =, +, - or @ "
                "(a spreadsheet would read it as a formula)."
            ),
        },
        "Id": {
            "type": "string",
            "maxLength": 80,
            "pattern": SLUG_PATTERN,
            "examples": ["ecpat-uk"],
            "description": "A stable lowercase id: a-z, 0-9 and single hyphens.",
        },
        "Date": {
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "ISO 8601 date, reduced precision: YYYY, YYYY-MM or YYYY-MM-DD.",
        },
        "WebUrl": {
            "type": "string",
            "format": "iri",
            "minLength": 1,
            "pattern": URL_PATTERN,
            "description": "An absolute http:// or https:// address.",
        },
        COUNTRY_DEF: {
            "type": "string",
            "enum": sorted(country_codes()),
            "description": "ISO 3166-1 alpha-2 country code, uppercase, known to pycountry.",
        },
    }


def _kind(node: dict[str, Any], shared: dict[str, dict[str, Any]]) -> str | None:
    for name, definition in shared.items():
        if "pattern" in definition and node.get("pattern") == definition["pattern"]:
            return name
        if "enum" in definition and node.get("enum") == definition["enum"]:
            return name
    return None


_KEEP: Final = ("title", "description", "default")


def _share(node: Any, shared: dict[str, dict[str, Any]], used: set[str]) -> Any:
    """Replace each inline text, id, date, address or country type by a ``$ref`` to it."""
    if isinstance(node, list):
        return [_share(item, shared, used) for item in node]
    if not isinstance(node, dict):
        return node
    kind = _kind(node, shared)
    if kind is not None:
        used.add(kind)
        kept = {
            key: value
            for key, value in node.items()
            if key in _KEEP and value != shared[kind].get(key)
        }
        return {"$ref": f"#/$defs/{kind}", **kept}
    return {key: _share(value, shared, used) for key, value in node.items()}


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of the dataset ``name`` (``members``, ``sources``, ...)."""
    file = DATASETS[name].file
    model = DATASETS[name].file_model
    generated = model.model_json_schema(
        by_alias=True, mode="validation", schema_generator=_generator()
    )
    shared = _shared_types()
    used: set[str] = set()
    body = _share(_strengthen(generated), shared, used)
    definitions = body.setdefault("$defs", {})
    for kind, definition in shared.items():
        if kind in used:
            definitions[kind] = definition
    body.pop("title", None)
    description = body.pop("description", "")
    return {
        "$schema": DRAFT,
        "$id": schema_id(name),
        "title": f"ecpat-data {file}",
        "description": f"{description} Generated from the ecpat-data models; do not edit.",
        **body,
    }


def schema_text(name: str) -> str:
    """The schema as the committed file holds it: 2-space JSON and a final newline."""
    return json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: str | Path) -> list[Path]:
    """Write every dataset's schema into ``directory``; return the files written."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in DATASETS:
        path = target / file_name(name)
        path.write_text(schema_text(name), encoding="utf-8", newline="\n")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    for written_path in write_schemas(sys.argv[1] if len(sys.argv) > 1 else "data/schemas"):
        print(written_path)
