"""Country: ISO 3166-1 alpha-2 codes backed by pycountry, with people-facing names."""

from __future__ import annotations

import pytest

from ecpat_data import Country


def test_a_country_is_its_code() -> None:
    assert Country("TH") == "TH"
    assert Country("TH").alpha_3 == "THA"


@pytest.mark.parametrize(
    ("code", "name"), [("TW", "Taiwan"), ("BO", "Bolivia"), ("TH", "Thailand")]
)
def test_name_is_the_common_name_where_pycountry_has_one(code: str, name: str) -> None:
    assert Country(code).name == name


def test_official_name_stays_available() -> None:
    assert Country("BO").official_name == "Plurinational State of Bolivia"
    assert Country("TH").official_name == "Kingdom of Thailand"


@pytest.mark.parametrize("code", ["th", "THA", "XX", "", "T", "T H"])
def test_codes_that_are_not_uppercase_alpha_2_are_rejected(code: str) -> None:
    with pytest.raises(ValueError, match=r"country code|ISO 3166-1"):
        Country(code)


def test_non_string_is_rejected() -> None:
    with pytest.raises(TypeError):
        Country(None)  # type: ignore[arg-type]


def test_lowercase_error_suggests_the_uppercase_code() -> None:
    with pytest.raises(ValueError, match="'TH'"):
        Country("th")


@pytest.mark.parametrize(
    ("language", "name"), [("fr", "Thaïlande"), ("es", "Tailandia"), ("de", "Thailand")]
)
def test_name_in_translates(language: str, name: str) -> None:
    assert Country("TH").name_in(language) == name


def test_name_in_unknown_language_falls_back_to_english() -> None:
    assert Country("TW").name_in("xx-not-a-language") == "Taiwan"
