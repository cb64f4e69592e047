"""find_members: names and other names, ignoring case, accents and punctuation, best first."""

from __future__ import annotations

import pytest
from fixture_bundle import load_bundle, make_member, use_bundle, with_members

import ecpat_data
from ecpat_data._api.search import normalize, rank_members

MEMBERS = (
    make_member("dci-nl", "Defence for Children – ECPAT Netherlands", "NL"),
    make_member("dci-lr", "Defence for Children International – Liberia", "LR"),
    make_member("children-defence-fund", "Children Defence Fund", "US"),
    make_member("renacer", "Fundación Renacer", "CO"),
    make_member("ecpat-germany", "ECPAT Germany", "DE", "Arbeitsgemeinschaft zum Schutz"),
    make_member("ecpat-germany-youth", "ECPAT Germany Youth Network", "DE"),
    make_member("crc", "Children's Rights Centre", "ZA"),
    make_member("borns-vilkar", "Børns Vilkår", "DK"),
    make_member("ecpat-uk", "ECPAT UK", "GB"),
)


def names(found: tuple[ecpat_data.Member, ...]) -> list[str]:
    return [m.name for m in found]


def test_the_example_of_the_issue() -> None:
    found = rank_members("defence for children", MEMBERS)
    assert found[0].name == "Defence for Children – ECPAT Netherlands"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("fundacion renacer", "Fundación Renacer"),  # accents
        ("FUNDACIÓN—RENACER!!", "Fundación Renacer"),  # case and punctuation
        ("borns vilkar", "Børns Vilkår"),  # letters NFKD does not decompose
        ("childrens rights centre", "Children's Rights Centre"),  # apostrophes vanish
        ("children’s rights", "Children's Rights Centre"),  # typographic apostrophe
        ("ecpat-uk", "ECPAT UK"),  # hyphen as a space
    ],
)
def test_case_accents_and_punctuation_are_ignored(query: str, name: str) -> None:
    assert names(rank_members(query, MEMBERS))[0] == name


def test_other_names_are_searched() -> None:
    assert names(rank_members("arbeitsgemeinschaft zum schutz", MEMBERS)) == ["ECPAT Germany"]


def test_exact_match_comes_before_a_prefix_match() -> None:
    assert names(rank_members("ecpat germany", MEMBERS))[:2] == [
        "ECPAT Germany",
        "ECPAT Germany Youth Network",
    ]


def test_prefix_comes_before_all_words() -> None:
    assert names(rank_members("children defence", MEMBERS)) == [
        "Children Defence Fund",  # prefix
        "Defence for Children – ECPAT Netherlands",  # all words, then by name ("ecpat" < ...)
        "Defence for Children International – Liberia",
    ]


def test_all_words_come_before_most_words() -> None:
    assert names(rank_members("defence children netherlands", MEMBERS))[0] == (
        "Defence for Children – ECPAT Netherlands"
    )
    # most, not all, of the words: "Children Defence Fund" shares only two of four
    assert names(rank_members("defence children netherlands uganda", MEMBERS)) == [
        "Defence for Children – ECPAT Netherlands"
    ]


def test_more_shared_words_come_first() -> None:
    found = names(rank_members("defence children international liberia netherlands", MEMBERS))
    assert found == [
        "Defence for Children International – Liberia",  # four words shared
        "Defence for Children – ECPAT Netherlands",  # three
    ]


def test_query_words_may_be_the_start_of_name_words() -> None:
    assert "Defence for Children – ECPAT Netherlands" in names(rank_members("defen child", MEMBERS))


def test_ties_are_broken_by_name() -> None:
    found = names(rank_members("ecpat", MEMBERS))
    prefix = [n for n in found if n.startswith("ECPAT")]
    assert prefix == sorted(prefix, key=str.casefold)
    assert found[: len(prefix)] == prefix  # prefix matches before "... – ECPAT Netherlands"
    assert found[len(prefix)] == "Defence for Children – ECPAT Netherlands"


def test_sharing_only_common_words_is_no_match() -> None:
    assert rank_members("ECPAT Atlantis", MEMBERS) == ()
    # "ecpat" is missing, but both distinctive words are in the name
    assert names(rank_members("ECPAT children rights", MEMBERS)) == ["Children's Rights Centre"]


def test_one_distinctive_word_of_two_is_not_enough() -> None:
    assert names(rank_members("save the children", MEMBERS)) == []


def test_no_match_is_an_empty_tuple() -> None:
    assert rank_members("zzz", MEMBERS) == ()


def test_limit_keeps_the_best() -> None:
    assert rank_members("ecpat", MEMBERS, limit=2) == rank_members("ecpat", MEMBERS)[:2]
    assert rank_members("ecpat", MEMBERS, limit=0) == ()


@pytest.mark.parametrize("query", ["", "   ", "–!?"])
def test_a_query_without_letters_is_an_error(query: str) -> None:
    with pytest.raises(ValueError, match="nothing to search for"):
        rank_members(query, MEMBERS)


def test_a_negative_limit_is_an_error() -> None:
    with pytest.raises(ValueError, match="limit"):
        rank_members("ecpat", MEMBERS, limit=-1)


def test_normalize() -> None:
    assert normalize("Défense des Enfants – ECPAT (Côte d'Ivoire)") == (
        "defense des enfants ecpat cote divoire"
    )
    assert normalize("Save the Children & Partners") == "save the children and partners"


def test_find_members_searches_the_installed_members(monkeypatch: pytest.MonkeyPatch) -> None:
    use_bundle(monkeypatch, with_members(load_bundle(), MEMBERS))
    found = ecpat_data.find_members("defence for children")
    assert found[0].id == "dci-nl"
    assert isinstance(found, tuple)
    assert ecpat_data.find_members("ecpat", limit=1) == (ecpat_data.member("ecpat-germany"),)


def test_find_members_on_the_bundled_data() -> None:
    found = ecpat_data.find_members("defence for children")
    assert found[0].name == "Defence for Children – ECPAT Netherlands"
    assert found[0].country == "NL"
