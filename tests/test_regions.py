"""UN M49 regions: on every country, as a member filter, and checked against country-converter."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest
from fixture_bundle import load_bundle, use_bundle

import ecpat_data
from ecpat_data import Country, UnknownIdError
from ecpat_data._core._m49_generate import converter_areas
from ecpat_data._core._m49_table import COUNTRY_AREAS
from ecpat_data._core.regions import AREAS, Region, area, lowest_area


def names(country: str) -> tuple[str | None, str | None, str | None]:
    found = Country(country)
    levels = (found.region, found.subregion, found.intermediate_region)
    return tuple(None if r is None else r.name for r in levels)  # type: ignore[return-value]


# --- on a country ---------------------------------------------------------------------------


def test_a_country_has_its_region_sub_region_and_intermediate_region() -> None:
    kenya = Country("KE")
    assert kenya.region == Region("002", "Africa", "region")
    assert kenya.subregion == Region("202", "Sub-Saharan Africa", "sub-region", "002")
    assert kenya.intermediate_region == Region(
        "014", "Eastern Africa", "intermediate region", "202"
    )


def test_a_region_prints_as_its_name() -> None:
    assert str(Country("TH").subregion) == "South-eastern Asia"


def test_a_country_without_an_intermediate_region_has_none() -> None:
    assert names("FR") == ("Europe", "Western Europe", None)


def test_taiwan_is_in_eastern_asia_as_cldr_places_it() -> None:
    assert names("TW") == ("Asia", "Eastern Asia", None)


def test_antarctica_is_in_no_region() -> None:
    assert names("AQ") == (None, None, None)


def test_guernsey_is_in_the_channel_islands() -> None:
    assert names("GG") == ("Europe", "Northern Europe", "Channel Islands")


def test_every_area_belongs_to_one_of_the_level_above() -> None:
    above = {"sub-region": "region", "intermediate region": "sub-region"}
    for region in AREAS.values():
        if region.level == "region":
            assert region.parent is None
        else:
            assert region.parent is not None
            assert AREAS[region.parent].level == above[region.level]


# --- looking an area up ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["Sub-Saharan Africa", "sub-saharan africa", "SUB-SAHARAN AFRICA"]
)
def test_an_area_is_found_by_its_name_in_any_case(query: str) -> None:
    assert area(query).code == "202"


def test_an_area_is_found_by_its_code() -> None:
    assert area("150").name == "Europe"


def test_an_unknown_area_raises_naming_the_regions() -> None:
    with pytest.raises(UnknownIdError, match=r"'Atlantis'.*Africa, Americas, Asia, Europe"):
        area("Atlantis")


# --- members(region=...) --------------------------------------------------------------------


@pytest.fixture
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture data: ECPAT UK (GB) and ECPAT/STOP Japan (JP)."""
    use_bundle(monkeypatch, load_bundle())


@pytest.mark.usefixtures("fixture_data")
@pytest.mark.parametrize(
    ("region", "ids"),
    [
        ("Europe", ["ecpat-uk"]),
        ("northern europe", ["ecpat-uk"]),
        ("030", ["ecpat-stop-japan"]),
        ("Asia", ["ecpat-stop-japan"]),
        ("Africa", []),
    ],
)
def test_members_filtered_by_region(region: str, ids: list[str]) -> None:
    assert [m.id for m in ecpat_data.members(region=region)] == ids


@pytest.mark.usefixtures("fixture_data")
def test_region_and_country_filters_combine() -> None:
    assert [m.id for m in ecpat_data.members("GB", region="Europe")] == ["ecpat-uk"]
    assert ecpat_data.members("GB", region="Asia") == ()


@pytest.mark.usefixtures("fixture_data")
def test_an_unknown_region_filter_raises() -> None:
    with pytest.raises(UnknownIdError, match="region"):
        ecpat_data.members(region="Middle Earth")


# --- the table against country-converter ----------------------------------------------------


def test_every_country_is_in_the_area_country_converter_gives() -> None:
    converter = converter_areas()
    differ = {}
    for country in sorted(c.alpha_2 for c in pycountry.countries):
        ours = lowest_area(country)
        theirs = converter[country]
        if country == "AQ":
            assert (ours, theirs) == (None, "Antarctica")
        elif country in ("GG", "JE"):  # country-converter stops one level above
            assert ours is not None
            assert ours.parent is not None
            assert (ours.name, AREAS[ours.parent].name) == ("Channel Islands", theirs)
        elif ours is None or ours.name != theirs:
            differ[country] = (ours, theirs)
    assert differ == {}


def test_the_table_covers_every_country_pycountry_knows_but_antarctica() -> None:
    assert set(COUNTRY_AREAS) == {c.alpha_2 for c in pycountry.countries} - {"AQ"}


def test_the_table_is_what_the_generator_writes() -> None:
    from ecpat_data._core import _m49_generate

    written = Path(_m49_generate.__file__).with_name("_m49_table.py").read_text(encoding="utf-8")
    assert written == _m49_generate.render(_m49_generate.table())
