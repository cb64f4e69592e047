"""The version of the data file format, and the check that a file declares it."""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

__all__ = ["SCHEMA_VERSION", "SchemaVersion", "check_schema_version"]

#: The version of the file format this version of ecpat-data reads and writes.
SCHEMA_VERSION: Final = 2


def check_schema_version(value: int) -> int:
    """Accept exactly this format's version (the field is a strict integer: not true, not 2.0).

    A newer version is reported before the models see the file (``_validation.validate``),
    as the one problem that matters; this message is for any other integer.
    """
    if value != SCHEMA_VERSION:
        raise PydanticCustomError(
            "schema_version",
            "schema_version is {value}; this version of ecpat-data reads {expected}",
            {"value": value, "expected": SCHEMA_VERSION},
        )
    return value


#: ``schema_version``: the JSON integer :data:`SCHEMA_VERSION`, nothing else.
SchemaVersion = Annotated[
    int,
    AfterValidator(check_schema_version),
    Field(json_schema_extra={"const": SCHEMA_VERSION}),
]
