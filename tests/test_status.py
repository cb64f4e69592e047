"""Membership status, derived from the evidence and the data edition, never stored.

The rule (``Member.status_for``): current with a claim dated in or after the edition's year
minus six; historic with only older dated claims and no undated claim by ECPAT or the member
itself; unconfirmed otherwise. Members here are built by hand, one per branch of the rule.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from fixture_bundle import VALID, load_bundle, use_bundle, with_members

import ecpat_data
from ecpat_data import PartialDate
from ecpat_data._validation.format import canonical_text
from ecpat_data.models import Member

EDITION = PartialDate(2026, 12)


def member(*claims: tuple[str, str | None], sources: tuple[str, ...] = ("briefing",)) -> Member:
    """A member whose evidence is one (kind, as_of) claim per argument."""
    return Member.model_validate(
        {
            "id": "ecpat-example",
            "name": "ECPAT Example",
            "country": "TH",
            "evidence": [
                {"kind": kind, "claim": "member", "as_of": as_of, "sources": list(sources)}
                for kind, as_of in claims
            ],
            "sources": list(sources),
        },
        strict=False,
    )


# --- the rule, branch by branch -------------------------------------------------------------


def test_a_claim_dated_six_years_before_the_edition_makes_a_member_current() -> None:
    assert member(("third-party", "2020")).status_for(EDITION) == "current"


def test_a_claim_dated_seven_years_before_the_edition_does_not() -> None:
    assert member(("third-party", "2019-12-31")).status_for(EDITION) == "historic"


def test_only_the_year_of_the_edition_counts() -> None:
    assert member(("third-party", "2020-01")).status_for(PartialDate(2026, 1, 1)) == "current"


def test_a_recent_claim_makes_a_member_current_beside_older_and_undated_ones() -> None:
    found = member(("own-statement", None), ("third-party", "2011"), ("third-party", "2024"))
    assert found.status_for(EDITION) == "current"


def test_only_older_dated_claims_make_a_member_historic() -> None:
    assert member(("ecpat-statement", "2011"), ("third-party", "2015")).status_for(EDITION) == (
        "historic"
    )


def test_an_undated_third_party_claim_beside_an_old_one_keeps_a_member_historic() -> None:
    found = member(("ecpat-statement", "2012"), ("third-party", None))
    assert found.status_for(EDITION) == "historic"


@pytest.mark.parametrize("kind", ["ecpat-country-page", "ecpat-statement", "own-statement"])
def test_an_undated_direct_claim_beside_an_old_one_leaves_a_member_unconfirmed(kind: str) -> None:
    assert member(("third-party", "2012"), (kind, None)).status_for(EDITION) == "unconfirmed"


def test_only_undated_claims_leave_a_member_unconfirmed() -> None:
    found = member(("ecpat-country-page", None), ("third-party", None))
    assert found.status_for(EDITION) == "unconfirmed"


def test_the_status_takes_the_edition_as_a_year_too() -> None:
    assert member(("third-party", "2020")).status_for(2027) == "historic"


def test_the_rule_reads_the_newest_dated_claim() -> None:
    found = member(("third-party", "2011"), ("third-party", "2021-06"))
    assert found.latest_claim == PartialDate(2021, 6)
    assert found.status_for(2027) == "current"
    assert found.status_for(2028) == "historic"


# --- where the edition comes from -----------------------------------------------------------


def test_a_member_built_by_hand_has_no_edition_and_so_no_status() -> None:
    found = member(("third-party", "2024"))
    assert found.edition is None
    with pytest.raises(ValueError, match=r"status_for\(edition\)"):
        _ = found.status


def test_loaded_members_carry_the_edition_of_their_data() -> None:
    data = load_bundle()
    assert {m.edition for m in data.members} == {data.edition}


def test_a_loaded_members_status_is_its_status_for_the_data_edition() -> None:
    recent = member(("ecpat-country-page", "2024"))
    data = with_members(load_bundle(), (recent,))
    assert data.members[0].status == recent.status_for(data.edition) == "current"


def test_the_status_is_never_written_out() -> None:
    found = load_bundle().members[0]
    assert "status" not in found.model_dump()
    assert "edition" not in found.model_dump()
    assert '"status"' not in found.model_dump_json()


def test_fmt_writes_no_status_into_a_file() -> None:
    text = canonical_text("members", json.loads((VALID / "members.json").read_bytes()))
    assert '"status"' not in text


def test_a_member_read_back_from_json_equals_the_loaded_one() -> None:
    loaded = load_bundle().members[0]
    assert Member.model_validate_json(loaded.model_dump_json()) == loaded


# --- members(status=...) --------------------------------------------------------------------


@pytest.fixture
def three_statuses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture data with one member of each status (edition 2026-11)."""
    found: list[Member] = []
    for id, country, claims in (
        ("ecpat-now", "SE", [("ecpat-country-page", "2024")]),
        ("ecpat-then", "SE", [("third-party", "2011")]),
        ("ecpat-maybe", "TH", [("ecpat-country-page", None)]),
    ):
        record: dict[str, Any] = json.loads(member(*claims).model_dump_json())
        found.append(Member.model_validate({**record, "id": id, "country": country}, strict=False))
    use_bundle(monkeypatch, with_members(load_bundle(), tuple(found)))


@pytest.mark.usefixtures("three_statuses")
@pytest.mark.parametrize(
    ("status", "ids"),
    [("current", ["ecpat-now"]), ("historic", ["ecpat-then"]), ("unconfirmed", ["ecpat-maybe"])],
)
def test_members_filtered_by_status(status: Any, ids: list[str]) -> None:
    assert [m.id for m in ecpat_data.members(status=status)] == ids


@pytest.mark.usefixtures("three_statuses")
def test_members_without_a_status_are_all_of_them() -> None:
    assert [m.id for m in ecpat_data.members()] == ["ecpat-now", "ecpat-then", "ecpat-maybe"]


@pytest.mark.usefixtures("three_statuses")
def test_status_and_country_filters_combine() -> None:
    assert [m.id for m in ecpat_data.members("SE", status="historic")] == ["ecpat-then"]
    assert ecpat_data.members("TH", status="current") == ()


@pytest.mark.usefixtures("three_statuses")
def test_an_unknown_status_raises_a_value_error_naming_the_statuses() -> None:
    with pytest.raises(ValueError, match=r"'active'.*'current', 'historic', 'unconfirmed'"):
        ecpat_data.members(status="active")  # type: ignore[arg-type]


# --- well evidenced: never through a mirror copy only ---------------------------------------


def test_a_direct_claim_read_only_on_a_mirror_copy_is_not_well_evidenced() -> None:
    mirrored = member(("ecpat-country-page", "2024"), sources=("mirror-ecpat-org-country-japan",))
    assert mirrored.well_evidenced  # built by hand: it cannot know the source is a mirror
    loaded = with_members(load_bundle(), (mirrored,)).members[0]
    assert loaded.status == "current"
    assert not loaded.well_evidenced


def test_a_member_current_only_through_a_mirror_copy_is_not_well_evidenced() -> None:
    found = member(("own-statement", None), ("ecpat-country-page", "2024"))
    mirrored = Member.model_validate(
        {
            **json.loads(found.model_dump_json()),
            "evidence": [
                {"kind": "own-statement", "claim": "member", "sources": ["briefing"]},
                {
                    "kind": "ecpat-country-page",
                    "claim": "member",
                    "as_of": "2024",
                    "sources": ["mirror-ecpat-org-country-japan"],
                },
            ],
        },
        strict=False,
    )
    loaded = with_members(load_bundle(), (mirrored,)).members[0]
    assert loaded.status == "current"
    assert not loaded.well_evidenced  # its undated own statement does not make it current


def test_a_member_current_by_a_real_page_and_stated_directly_is_well_evidenced() -> None:
    found = member(("own-statement", None), ("third-party", "2024"))
    loaded = with_members(load_bundle(), (found,)).members[0]
    assert loaded.status == "current"
    assert loaded.well_evidenced


def test_a_direct_claim_also_read_on_the_original_page_is_well_evidenced() -> None:
    both = ("mirror-ecpat-org-country-japan", "ecpat-org-our-history")
    loaded = with_members(load_bundle(), (member(("ecpat-statement", None), sources=both),))
    assert loaded.members[0].well_evidenced
