"""``card(record)``: one record in full, with the sources it cites (``ecpat-data show KIND ID``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Event, Member, Organisation, ProgrammeArea, Source

__all__ = ["card"]


def card(record: Member | Event | Source | ProgrammeArea | Organisation) -> str:
    """Every field of one record, its evidence, and each cited source's title, date and URL.

    The text ``ecpat-data show member ID`` (and ``event``, ``source``, ``programme_area``)
    prints: the answer to "why do you say so?". ``str(record)`` is unchanged.

    >>> import ecpat_data
    >>> print(ecpat_data.card(ecpat_data.member("ecpat-uk")))  # doctest: +SKIP
    member ecpat-uk
      id               ecpat-uk
      ...
    """
    from .._loading import bundle
    from .._reports.card import card as render

    return render(record, bundle())
