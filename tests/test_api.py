"""The public API over the bundled data: lookups, filters, errors, immutability."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any

import pytest
from pydantic import ValidationError

import ecpat_data
from ecpat_data import UnknownIdError


def test_collections_are_tuples() -> None:
    for collection in (
        ecpat_data.timeline(),
        ecpat_data.programme_areas(),
        ecpat_data.members(),
        ecpat_data.sources(),
        ecpat_data.organisation().network_size,
        ecpat_data.members()[0].evidence,
    ):
        assert isinstance(collection, tuple)


def test_every_call_returns_the_same_objects() -> None:
    assert ecpat_data.members() is ecpat_data.members()
    assert ecpat_data.organisation() is ecpat_data.organisation()


def test_member_lookup_by_id() -> None:
    first = ecpat_data.members()[0]
    assert ecpat_data.member(first.id) is first


def test_unknown_member_id_raises_an_error_naming_it() -> None:
    with pytest.raises(UnknownIdError, match="no-such-member") as caught:
        ecpat_data.member("no-such-member")
    assert caught.value.key == "no-such-member"
    assert isinstance(caught.value, LookupError)


@pytest.mark.parametrize(
    ("lookup", "kind"),
    [(ecpat_data.source, "source"), (ecpat_data.programme_area, "programme area")],
)
def test_unknown_ids_raise_for_every_lookup(lookup: object, kind: str) -> None:
    with pytest.raises(UnknownIdError, match=f"no {kind} with id 'nope'"):
        lookup("nope")  # type: ignore[operator]


def test_members_by_country_are_exactly_those_of_that_country() -> None:
    every = ecpat_data.members()
    for code in {m.country for m in every}:
        expected = tuple(m for m in every if m.country == code)
        assert ecpat_data.members(country=code) == expected


def test_a_country_without_members_gives_an_empty_tuple() -> None:
    with_members = {m.country for m in ecpat_data.members()}
    empty = next(c for c in ("AQ", "BV", "HM", "VA") if c not in with_members)
    assert ecpat_data.members(country=empty) == ()


@pytest.mark.parametrize("bad", ["XX", "", "Atlantis"])
def test_a_string_that_is_not_a_country_raises(bad: str) -> None:
    with pytest.raises(UnknownIdError, match="country"):
        ecpat_data.members(country=bad)


def test_source_lookup_by_id() -> None:
    for src in ecpat_data.sources()[:5]:
        assert ecpat_data.source(src.id) is src


def test_programme_area_lookup_by_id() -> None:
    area = ecpat_data.programme_areas()[0]
    assert ecpat_data.programme_area(area.id) is area


def test_records_are_frozen() -> None:
    member = ecpat_data.members()[0]
    with pytest.raises(ValidationError, match="frozen"):
        member.name = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        ecpat_data.organisation().vision.text = "changed"  # type: ignore[misc]


def test_collections_cannot_be_changed() -> None:
    members = ecpat_data.members()
    with pytest.raises(TypeError):
        members[0] = members[1]  # type: ignore[index]
    with pytest.raises(AttributeError):
        members.append(members[0])  # type: ignore[attr-defined]


def test_indexes_are_read_only_mappings() -> None:
    from ecpat_data._loading import bundle

    data = bundle()
    for index in (data.members_by_id, data.members_by_country, data.sources_by_id):
        assert isinstance(index, MappingProxyType)
        with pytest.raises(TypeError):
            index["x"] = None  # type: ignore[index]


def test_timeline_is_in_date_order() -> None:
    dates = [event.date for event in ecpat_data.timeline()]
    assert dates == sorted(dates)


def test_country_of_a_member_has_a_name() -> None:
    member = ecpat_data.members(country="TW")[0]
    assert member.country.name == "Taiwan"


def test_latest_claim_is_the_newest_dated_evidence() -> None:
    for member in ecpat_data.members():
        dates = [e.as_of for e in member.evidence if e.as_of is not None]
        assert member.latest_claim == (max(dates) if dates else None)


def test_well_evidenced_members_have_direct_verified_evidence_not_only_on_mirrors() -> None:
    direct = {"ecpat-country-page", "ecpat-statement", "own-statement"}
    mirrors = {s.id for s in ecpat_data.sources() if s.copy_of is not None or s.unverified}
    since = int(ecpat_data.DATA_EDITION[:4]) - 6
    for member in ecpat_data.members():
        solid = [e for e in member.evidence if not e.unverified and not set(e.sources) <= mirrors]
        has_direct = any(e.kind in direct for e in solid)
        recent = [e for e in member.evidence if e.as_of is not None and e.as_of.year >= since]
        current_only_on_mirrors = bool(recent) and not any(e in solid for e in recent)
        expected = has_direct and not member.unverified and not current_only_on_mirrors
        assert member.well_evidenced == expected, member.id


def test_completeness_compares_with_every_dated_member_total() -> None:
    rows = ecpat_data.completeness()
    claims = [
        c
        for c in ecpat_data.organisation().network_size
        if c.counted == "members" and c.as_of is not None and c.organisations is not None
    ]
    assert len(rows) == len(claims)
    assert [str(r.as_of) for r in rows] == sorted(str(r.as_of) for r in rows)
    for row in rows:
        assert row.members == len(ecpat_data.members())
        assert row.member_share == pytest.approx(row.members / row.claim.organisations)


def test_completeness_also_counts_the_current_members() -> None:
    current = ecpat_data.members(status="current")
    for row in ecpat_data.completeness():
        assert (row.current_members, row.current_countries) == (
            len(current),
            len({m.country for m in current}),
        )
        assert row.current_member_share == pytest.approx(
            row.current_members / row.claim.organisations
        )


def test_completeness_includes_the_briefing_total() -> None:
    briefing = [r for r in ecpat_data.completeness() if "briefing" in r.claim.sources]
    assert [(r.claim.organisations, r.claim.countries) for r in briefing] == [(78, 73)]


def test_data_edition_matches_every_file() -> None:
    from ecpat_data._loading import bundle

    assert str(bundle().edition) == ecpat_data.DATA_EDITION


def test_printing_a_statement_prints_its_text() -> None:
    mission = ecpat_data.organisation().mission
    assert str(mission) == mission.text


def test_errors_pickle_round_trip_and_show_their_public_name() -> None:
    import pickle

    with pytest.raises(UnknownIdError) as caught:
        ecpat_data.member("no-such-member")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (type(copy), str(copy)) == (UnknownIdError, str(caught.value))
    assert f"{type(copy).__module__}.{type(copy).__qualname__}" == "ecpat_data.UnknownIdError"


# --- forgiving look-ups and filters that combine ---------------------------------------------


@pytest.mark.parametrize(
    "given", ["TH", "th", "Th", "THA", "tha", "Thailand", "thailand", "THAILAND"]
)
def test_a_country_is_a_code_in_any_case_or_a_name(given: str) -> None:
    assert ecpat_data.members(country=given) == ecpat_data.members(country="TH")
    assert ecpat_data.members(country=given)


def test_a_country_name_with_accents_or_official_form_is_found() -> None:
    assert ecpat_data.members(country="Côte d'Ivoire") == ecpat_data.members(country="CI")
    assert ecpat_data.members(country="cote d'ivoire") == ecpat_data.members(country="CI")
    official = ecpat_data.members(country="Kingdom of the Netherlands")
    assert official == ecpat_data.members(country="NL")


def test_an_unknown_country_suggests_the_closest_names() -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'Thailand'") as caught:
        ecpat_data.members(country="Thialand")
    assert caught.value.kind == "country"
    assert caught.value.suggestions[0] == "Thailand"


@pytest.mark.parametrize(
    ("lookup", "kind", "typo", "meant"),
    [
        (ecpat_data.member, "member", "ecpat-u", "ecpat-uk"),
        (ecpat_data.source, "source", "briefin", "briefing"),
        (ecpat_data.programme_area, "programme area", "travel-and-tourisme", "travel-and-tourism"),
        (ecpat_data.event, "event", "world-congress-i-stockholn", "world-congress-i-stockholm"),
    ],
)
def test_every_unknown_id_names_the_closest_ids(
    lookup: Any, kind: str, typo: str, meant: str
) -> None:
    with pytest.raises(UnknownIdError, match=f"no {kind} with id '{typo}'") as caught:
        lookup(typo)
    assert meant in caught.value.suggestions
    assert f"did you mean '{meant}'" in str(caught.value) or f"'{meant}'" in str(caught.value)


def test_nothing_close_suggests_nothing() -> None:
    with pytest.raises(UnknownIdError) as caught:
        ecpat_data.member("zzzzzzzzzzzzzzzz")
    assert caught.value.suggestions == ()
    assert "did you mean" not in str(caught.value)


def test_unknown_id_errors_pickle_with_their_suggestions() -> None:
    import pickle

    with pytest.raises(UnknownIdError) as caught:
        ecpat_data.member("ecpat-u")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.suggestions, str(copy)) == (caught.value.suggestions, str(caught.value))


def test_event_lookup_by_id() -> None:
    for item in ecpat_data.timeline()[:5]:
        assert ecpat_data.event(item.id) is item


def test_timeline_period_filter_keeps_events_whose_span_overlaps() -> None:
    found = ecpat_data.timeline(since="1996-06", until=1996)
    assert found
    assert all(e.date.year == 1996 or (e.end is not None and e.end.year >= 1996) for e in found)
    # an event dated only "1996" overlaps June 1996 onwards
    assert any(str(e.date) == "1996" for e in found)
    every = ecpat_data.timeline()
    for since in ("1996-06", 2000, dt.date(2010, 5, 1), ecpat_data.PartialDate(2018)):
        kept = ecpat_data.timeline(since=since)
        spans = ecpat_data.PartialDate.coerce(since)
        assert kept == tuple(e for e in every if (e.end or e.date).last_day() >= spans.first_day())
    for until in ("1996-06", 1999):
        kept = ecpat_data.timeline(until=until)
        last = ecpat_data.PartialDate.coerce(until).last_day()
        assert kept == tuple(e for e in every if e.date.first_day() <= last)


def test_timeline_programme_area_filter_combines_with_the_period() -> None:
    area = "travel-and-tourism"
    related = ecpat_data.timeline(programme_area=area)
    assert related
    assert all(area in e.programme_areas for e in related)
    both = ecpat_data.timeline(programme_area=area, since=2000)
    assert both == tuple(e for e in ecpat_data.timeline(since=2000) if area in e.programme_areas)
    with pytest.raises(UnknownIdError, match="did you mean 'travel-and-tourism'"):
        ecpat_data.timeline(programme_area="travel-and-tourisme")


def test_a_bad_period_bound_raises() -> None:
    with pytest.raises(ValueError, match="YYYY"):
        ecpat_data.timeline(since="June 1996")
    with pytest.raises(TypeError):
        ecpat_data.timeline(since=dt.datetime(1996, 6, 1))  # type: ignore[arg-type]
