"""Comparing two editions of the data from Python (``ecpat-data diff`` calls this)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import os

    from .._reports.diff import DataDiff

__all__ = ["diff"]


def diff(old: str | os.PathLike[str] | None, new: str | os.PathLike[str] | None) -> DataDiff:
    """Records added, removed and changed from ``old`` to ``new``: a :class:`DataDiff`.

    Each side is a data directory holding the five files, or ``None`` for the installed data
    (not both). A data steward asks "what does my change do to the bundled data?" with
    ``diff(None, "my-data")``; an analyst asks "what changed since the edition I pinned?" with
    ``diff("pinned-data", None)``. Both sides are validated first: raises
    :class:`~ecpat_data.DataError` listing every problem, ``FileNotFoundError`` for a missing
    directory. ``result.report("text")`` or ``("markdown")`` gives what the command prints.
    """
    from .._reports.diff import diff_files, installed_side, read_side

    if old is None and new is None:
        raise ValueError("diff() needs at least one data directory; None is the installed data")
    before, old_name = installed_side() if old is None else read_side(old)
    after, new_name = installed_side() if new is None else read_side(new)
    return diff_files(before, after, old=old_name, new=new_name)
