"""The bundled data: valid, internally consistent, faithful to its sources."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

import ecpat_data
from ecpat_data import PartialDate
from ecpat_data._core.datasets import DATASETS
from ecpat_data._core.resources import data_file

BRIEFING = Path(__file__).parent / "fixtures" / "sources" / "ecpat-briefing.txt"


def _briefing_paragraph_after(heading: str) -> str:
    lines = BRIEFING.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading) + 1
    body = next(line for line in lines[start:] if line.strip())
    return body.strip()


def test_bundled_data_validates_without_errors_or_warnings() -> None:
    report = ecpat_data.validate()
    assert [str(p) for p in report.problems] == []


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_every_file_round_trips_through_its_model_unchanged(dataset: str) -> None:
    file = DATASETS[dataset].file
    model = DATASETS[dataset].file_model
    raw = data_file(file).read_bytes()
    parsed = model.model_validate_json(raw)
    assert parsed.model_dump(mode="json", by_alias=True) == json.loads(raw)


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_every_file_records_the_data_edition(dataset: str) -> None:
    file = DATASETS[dataset].file
    document = json.loads(data_file(file).read_bytes())
    assert document["current_to"] == ecpat_data.DATA_EDITION
    assert document["$schema"] == f"./schemas/{file.removesuffix('.json')}.schema.json"


def test_vision_is_the_briefing_text_word_for_word() -> None:
    vision = ecpat_data.organisation().vision
    assert vision.text == _briefing_paragraph_after("Vision")
    assert vision.sources == ("briefing",)


def test_mission_is_the_briefing_text_word_for_word() -> None:
    mission = ecpat_data.organisation().mission
    assert mission.text == _briefing_paragraph_after("Mission")
    assert mission.sources == ("briefing",)


def test_secretariat_is_in_bangkok() -> None:
    secretariat = ecpat_data.organisation().secretariat
    assert (secretariat.city, secretariat.country) == ("Bangkok", "TH")


@pytest.mark.parametrize(
    "records",
    [ecpat_data.sources, ecpat_data.timeline, ecpat_data.programme_areas, ecpat_data.members],
)
def test_ids_are_unique(records: object) -> None:
    ids = Counter(r.id for r in records())  # type: ignore[operator]
    assert [i for i, n in ids.items() if n > 1] == []


def _cited(value: object) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if (
                key == "sources"
                and isinstance(item, list)
                and all(isinstance(i, str) for i in item)
            ):
                found.update(item)
            else:
                found |= _cited(item)
    elif isinstance(value, list):
        for item in value:
            found |= _cited(item)
    return found


def _all_citations() -> set[str]:
    cited: set[str] = set()
    for dataset, file in ((d.name, d.file) for d in DATASETS.values()):
        if dataset != "sources":
            cited |= _cited(json.loads(data_file(file).read_bytes()))
    return cited


def test_every_cited_source_exists() -> None:
    registry = {s.id for s in ecpat_data.sources()}
    assert sorted(_all_citations() - registry) == []


def test_no_source_is_an_orphan() -> None:
    registry = {s.id for s in ecpat_data.sources()}
    assert sorted(registry - _all_citations()) == []


def test_every_event_refers_to_existing_programme_areas() -> None:
    areas = {a.id for a in ecpat_data.programme_areas()}
    for event in ecpat_data.timeline():
        assert set(event.programme_areas) <= areas, event.id


def test_member_ids_are_lowercase_slugs() -> None:
    for member in ecpat_data.members():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", member.id), member.id


def test_mirror_copies_are_marked_unverified() -> None:
    for src in ecpat_data.sources():
        if src.url and "calendarfreemonthly2023.netlify.app" in src.url:
            assert src.unverified, src.id
            assert src.copy_of is not None, src.id


def test_members_resting_only_on_a_mirror_are_not_well_evidenced() -> None:
    mirrors = {s.id for s in ecpat_data.sources() if s.copy_of is not None or s.unverified}
    for member in ecpat_data.members():
        if all(set(e.sources) <= mirrors for e in member.evidence):
            assert not member.well_evidenced, member.id


# --- membership status of real records (issue 9's check of the rule) -----------------------


def _urls(member_id: str, kind: str) -> set[str | None]:
    return {
        ecpat_data.source(source).url
        for evidence in ecpat_data.member(member_id).evidence
        if evidence.kind == kind
        for source in evidence.sources
    }


def test_ecpat_sverige_is_current_by_its_country_page_listing_resources_to_2024() -> None:
    sverige = ecpat_data.member("ecpat-sverige")
    assert sverige.status == "current"
    assert sverige.latest_claim == PartialDate(2024)
    assert "https://ecpat.org/country/sweden" in _urls("ecpat-sverige", "ecpat-country-page")


def test_equations_is_historic_by_its_2011_claim_only() -> None:
    equations = ecpat_data.member("equations")
    assert equations.status == "historic"
    assert equations.latest_claim == PartialDate(2011)


def test_the_russian_alliance_is_unconfirmed_by_a_country_page_without_dated_resources() -> None:
    alliance = ecpat_data.member("russian-alliance-against-csec")
    assert alliance.status == "unconfirmed"
    assert "https://ecpat.org/country/russian-federation/" in _urls(
        "russian-alliance-against-csec", "ecpat-country-page"
    )


def test_kaacr_is_unconfirmed_by_a_2019_claim_beside_its_own_undated_profile() -> None:
    kaacr = ecpat_data.member("kaacr")
    assert kaacr.status == "unconfirmed"
    assert kaacr.latest_claim is not None
    assert kaacr.latest_claim.year == 2019
    assert "https://kaacr.com/kacr-profile" in _urls("kaacr", "own-statement")


def test_the_three_bangladesh_members_are_unconfirmed_by_an_undated_ecpat_story() -> None:
    bangladesh = ecpat_data.members("BD")
    assert [(m.id, m.status) for m in bangladesh] == [
        ("acd-bangladesh", "unconfirmed"),
        ("ain-o-salish-kendra", "unconfirmed"),
        ("aparajeyo-bangladesh", "unconfirmed"),
    ]
    for member in bangladesh:
        assert _urls(member.id, "ecpat-statement") == {"https://ecpat.org/story/bangladesh-eco"}


def test_every_member_has_one_of_the_three_statuses() -> None:
    statuses = {s: ecpat_data.members(status=s) for s in ("current", "historic", "unconfirmed")}
    assert sum(len(found) for found in statuses.values()) == len(ecpat_data.members())


def test_coalitions_name_their_constituents() -> None:
    assert len(ecpat_data.member("uganda-child-rights-ngo-network").constituents) == 5
    assert len(ecpat_data.member("end-csec-network-malaysia").constituents) == 3


# --- private contact details stay out ----------------------------------------------------------

#: A phone number: international (+66 2..., 0066 2...), with an area code in brackets, or
#: three groups of three or more digits. Years, dates and ranges of years do not match.
_PHONE = re.compile(
    r"""
    (?:\+|\b00)\d[\d ()./-]{6,}\d
    | \(\d{2,5}\)\s*\d{3,}[\d -]{3,}
    | \d{3,}[ .-]\d{3,}[ .-]\d{3,}
    """,
    re.VERBOSE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _strings(value: object) -> list[str]:
    """Every string in a record's JSON but its ids (source ids may hold digit groups)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [
            text
            for key, item in value.items()
            if key not in ("id", "sources")
            for text in _strings(item)
        ]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def test_no_member_record_carries_a_phone_number_or_an_email_address() -> None:
    found = [
        (member.id, text)
        for member in ecpat_data.members()
        for text in _strings(member.model_dump(mode="json"))
        if _PHONE.search(text) or _EMAIL.search(text)
    ]
    assert found == []


@pytest.mark.parametrize(
    "text", ["+66 2 215 3388", "(02) 215 3388", "0066 2215 3388", "info@ecpat.example"]
)
def test_the_contact_patterns_find_phone_numbers_and_addresses(text: str) -> None:
    assert _PHONE.search(text) or _EMAIL.search(text)


def test_the_contact_patterns_leave_years_dates_and_web_addresses_alone() -> None:
    for text in ("1996-2024", "2013-09-24", "https://ecpat.org/country/sweden", "ECPAT 2008"):
        assert _PHONE.search(text) is None, text
        assert _EMAIL.search(text) is None, text


def test_network_size_is_a_dated_series_of_sourced_claims() -> None:
    claims = ecpat_data.organisation().network_size
    assert len(claims) >= 45
    assert (78, 73) in {(c.organisations, c.countries) for c in claims}
    for claim in claims:
        assert (claim.organisations is None) == (claim.organisations_qualifier is None)
        assert (claim.countries is None) == (claim.countries_qualifier is None)


def test_founding_keeps_every_disputed_date() -> None:
    dates = {str(c.date) for c in ecpat_data.organisation().founding}
    assert {"1990-05-01", "1990-05-05", "1990-08"} <= dates


def test_there_are_twenty_one_programme_areas() -> None:
    assert len(ecpat_data.programme_areas()) == 21


def test_member_list_matches_the_fact_base_totals() -> None:
    members = ecpat_data.members()
    assert len(members) == 134
    assert len({m.country for m in members}) == 103


def test_people_named_as_office_holders_do_not_appear_in_member_records() -> None:
    people = {h.person for h in ecpat_data.organisation().office_holders}
    text = json.dumps([m.model_dump(mode="json") for m in ecpat_data.members()])
    assert sorted(p for p in people if p in text) == []
