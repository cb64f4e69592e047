"""UN M49 regions: each country's region, sub-region and intermediate region.

The UN Statistics Division's "Standard country or area codes for statistical use" (M49) groups
countries into five regions, seventeen sub-regions and eight intermediate regions, each with a
three-digit code (Africa ``002`` / Sub-Saharan Africa ``202`` / Eastern Africa ``014``). It is
a code table, like pycountry's, not a fact about ECPAT: it lives here, not in ``data/``, and
changes neither the data files nor their fingerprint.

The country -> area table (:mod:`._m49_table`) is generated from country-converter by
``python -m ecpat_data._core._m49_generate``, and a test compares it with country-converter for
every code pycountry knows.
Two places are not as M49 lists them:

- Taiwan (``TW``) is not in M49; it is placed in Eastern Asia, as the Unicode CLDR's territory
  containment (and country-converter) place it;
- Antarctica (``AQ``) belongs to no M49 region: its region and sub-region are ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal

from ._m49_table import COUNTRY_AREAS
from .errors import UnknownIdError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["AREAS", "Level", "Region", "area", "countries_in", "lowest_area", "regions_of"]

Level = Literal["region", "sub-region", "intermediate region"]


@dataclass(frozen=True)
class Region:
    """An M49 region, sub-region or intermediate region: ``Region("202", "Sub-Saharan Africa")``.

    ``str()`` gives its name.
    """

    code: str
    name: str
    level: Level
    #: The code of the area it belongs to (``None`` for a region).
    parent: str | None = None

    def __str__(self) -> str:
        return self.name


def _areas(*rows: tuple[str, str, Level, str | None]) -> Mapping[str, Region]:
    return MappingProxyType({code: Region(code, name, level, up) for code, name, level, up in rows})


#: Every M49 region, sub-region and intermediate region, by code.
AREAS: Final = _areas(
    ("002", "Africa", "region", None),
    ("019", "Americas", "region", None),
    ("142", "Asia", "region", None),
    ("150", "Europe", "region", None),
    ("009", "Oceania", "region", None),
    ("015", "Northern Africa", "sub-region", "002"),
    ("202", "Sub-Saharan Africa", "sub-region", "002"),
    ("419", "Latin America and the Caribbean", "sub-region", "019"),
    ("021", "Northern America", "sub-region", "019"),
    ("143", "Central Asia", "sub-region", "142"),
    ("030", "Eastern Asia", "sub-region", "142"),
    ("035", "South-eastern Asia", "sub-region", "142"),
    ("034", "Southern Asia", "sub-region", "142"),
    ("145", "Western Asia", "sub-region", "142"),
    ("151", "Eastern Europe", "sub-region", "150"),
    ("154", "Northern Europe", "sub-region", "150"),
    ("039", "Southern Europe", "sub-region", "150"),
    ("155", "Western Europe", "sub-region", "150"),
    ("053", "Australia and New Zealand", "sub-region", "009"),
    ("054", "Melanesia", "sub-region", "009"),
    ("057", "Micronesia", "sub-region", "009"),
    ("061", "Polynesia", "sub-region", "009"),
    ("014", "Eastern Africa", "intermediate region", "202"),
    ("017", "Middle Africa", "intermediate region", "202"),
    ("018", "Southern Africa", "intermediate region", "202"),
    ("011", "Western Africa", "intermediate region", "202"),
    ("029", "Caribbean", "intermediate region", "419"),
    ("013", "Central America", "intermediate region", "419"),
    ("005", "South America", "intermediate region", "419"),
    ("830", "Channel Islands", "intermediate region", "154"),
)

_BY_NAME: Final = MappingProxyType({region.name.casefold(): region for region in AREAS.values()})


def lowest_area(country: str) -> Region | None:
    """The smallest M49 area a country is in (its intermediate region, else its sub-region)."""
    code = COUNTRY_AREAS.get(country)
    return None if code is None else AREAS[code]


def regions_of(country: str) -> tuple[Region | None, Region | None, Region | None]:
    """A country's (region, sub-region, intermediate region); ``None`` where there is none."""
    found: dict[Level, Region] = {}
    current = lowest_area(country)
    while current is not None:
        found[current.level] = current
        current = None if current.parent is None else AREAS[current.parent]
    return (found.get("region"), found.get("sub-region"), found.get("intermediate region"))


def area(query: str) -> Region:
    """The area named ``query`` (any case: ``"sub-saharan africa"``) or coded (``"202"``).

    Raises :class:`UnknownIdError` naming the regions and sub-regions if there is none.
    """
    found = AREAS.get(query) or _BY_NAME.get(query.strip().casefold())
    if found is None:
        from .suggest import ID_CUTOFF, closest

        names = ", ".join(r.name for r in AREAS.values() if r.level != "intermediate region")
        raise UnknownIdError(
            "region",
            query,
            f"a UN M49 region, sub-region or intermediate region, by name or code: {names}",
            suggestions=closest(query, [r.name for r in AREAS.values()], cutoff=ID_CUTOFF),
        )
    return found


@lru_cache(maxsize=64)
def countries_in(region: Region) -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes of every country in ``region``."""
    return frozenset(country for country in COUNTRY_AREAS if region in regions_of(country))


# Reprs, tracebacks and pickles name the public path, where users import it from.
Region.__module__ = "ecpat_data"
