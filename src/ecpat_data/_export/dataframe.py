"""``to_dataframe``: any table of the data as a pandas DataFrame (pandas is an optional extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Type checkers see a real DataFrame where pandas (or pandas-stubs) is installed; pandas is
    # imported at run time only when a frame is asked for.
    import pandas as pd

    from .._loading.reader import Bundle

__all__ = ["table_names", "to_dataframe"]

_INSTALL = 'pip install "ecpat-data[pandas]"'
#: Table Schema type -> pandas nullable dtype.
_DTYPES = {"string": "string", "integer": "Int64", "boolean": "boolean", "number": "Float64"}


def table_names() -> tuple[str, ...]:
    """Every name :func:`to_dataframe` accepts: the five datasets and their Data Package tables."""
    from .._loading import bundle

    return _names(bundle())


def _names(data: Bundle) -> tuple[str, ...]:
    from .tables import tables

    return tuple(tables(data))


def _pandas() -> Any:
    from importlib import import_module

    try:
        pandas = import_module("pandas")
    except ImportError as missing:
        raise ImportError(
            f"ecpat_data.to_dataframe() needs pandas, which is not installed: {_INSTALL}"
        ) from missing
    return pandas


def frame(data: Bundle, name: str) -> pd.DataFrame:
    """``to_dataframe`` over any bundle (the tests give it fixture data)."""
    pandas = _pandas()
    from .tables import tables

    every = tables(data)
    table = every.get(name)
    if table is None:
        known = ", ".join(every)
        raise ValueError(f"no table named {name!r}; to_dataframe() knows: {known}")
    df = pandas.DataFrame.from_records(
        [list(row) for row in table.rows], columns=list(table.column_names)
    )
    dtypes = {
        c.name: _DTYPES[c.descriptor["type"]]
        for c in table.columns
        if c.form == "value" and c.descriptor["type"] in _DTYPES
    }
    result: pd.DataFrame = df.astype(dtypes)
    return result


def to_dataframe(name: str) -> pd.DataFrame:
    """One dataset (or one table of the Data Package) as a ``pandas.DataFrame``.

    ``name`` is a dataset (``"members"``, ``"timeline"``, ``"programme_areas"``, ``"sources"``,
    ``"organisation"``: one row per record, in the flat form of ``ecpat-data export``) or any
    other table of the Data Package (``"members_evidence"``, ``"members_sources"``,
    ``"organisation_network_size"``, ...). Columns use pandas' nullable dtypes (``string``,
    ``Int64``, ``boolean``); dates stay text (``"1996"``, ``"1996-08"``), since most are not
    whole days; lists stay Python lists (lists of objects: lists of dicts).

    Needs the optional extra: ``pip install "ecpat-data[pandas]"``; pandas is imported only
    when this is called, and an ``ImportError`` says how to install it if it is missing.
    Raises ``ValueError`` naming the known tables for an unknown ``name``.

    >>> import ecpat_data
    >>> ecpat_data.to_dataframe("members")[["id", "country"]].head(2)  # doctest: +SKIP
    """
    _pandas()  # before reading any data
    from .._loading import bundle

    return frame(bundle(), name)
