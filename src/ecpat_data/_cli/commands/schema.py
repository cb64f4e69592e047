"""``ecpat-data schema NAME``: print the JSON Schema (Draft 2020-12) of a data file."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ..main import OK

if TYPE_CHECKING:
    import argparse

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from ..._validation.schema import schema_text

    out.write(schema_text(args.name))
    return OK
