"""ecpat_data.types: a report's own pydantic models checked against the registry."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from fixture_bundle import load_bundle, use_bundle
from pydantic import BaseModel, ValidationError

import ecpat_data
from ecpat_data import types
from ecpat_data.types import (
    CountryCode,
    EventId,
    MemberCountryCode,
    MemberId,
    PartialDate,
    ProgrammeAreaId,
    SourceId,
)


class ActivityRow(BaseModel):
    """A report's own data: one row of "activities per member"."""

    member: MemberId
    country: MemberCountryCode
    month: PartialDate
    area: ProgrammeAreaId | None = None
    activities: int


ACTIVITIES = """member,country,month,area,activities
ecpat-uk,GB,2024-05,travel-and-tourism,3
ecpat-stop-japan,JP,2024-06,,1
"""


@pytest.fixture(autouse=True)
def fixture_data(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    if "bundled" not in request.node.name:
        use_bundle(monkeypatch, load_bundle())


def rows(text: str) -> list[dict[str, str | None]]:
    return [
        {k: (v if v != "" else None) for k, v in row.items()}
        for row in csv.DictReader(io.StringIO(text))
    ]


def test_a_report_validates_its_rows() -> None:
    parsed = [ActivityRow.model_validate(row) for row in rows(ACTIVITIES)]
    assert parsed[0].member == "ecpat-uk"
    assert type(parsed[0].member) is str  # ids stay plain strings
    assert parsed[0].country.name == "United Kingdom"  # a Country
    assert parsed[0].month == ecpat_data.PartialDate(2024, 5)
    assert isinstance(parsed[0].month, ecpat_data.PartialDate)
    assert parsed[1].area is None
    assert parsed[0].model_dump(mode="json") == {
        "member": "ecpat-uk",
        "country": "GB",
        "month": "2024-05",
        "area": "travel-and-tourism",
        "activities": 3,
    }


def test_every_problem_of_a_row_is_reported_clearly() -> None:
    bad = {
        "member": "ecpat-u",
        "country": "TH",
        "month": "2024-13",
        "area": "tourism",
        "activities": 2,
    }
    with pytest.raises(ValidationError) as caught:
        ActivityRow.model_validate(bad)
    errors = {e["loc"][0]: (e["type"], e["msg"]) for e in caught.value.errors()}
    assert errors == {
        "member": (
            "unknown_member_id",
            "unknown member id 'ecpat-u' (did you mean 'ecpat-uk'?); see ecpat-data show members",
        ),
        "country": (
            "country_without_member",
            "no ECPAT member in TH (Thailand) in the installed data; see ecpat-data show members",
        ),
        "month": ("partial_date", "month 13 does not exist (months are 01-12)"),
        "area": (
            "unknown_programme_area_id",
            "unknown programme area id 'tourism'; see ecpat-data show programme_areas",
        ),
    }


def test_the_error_names_the_row_and_field() -> None:
    text = ACTIVITIES + "ecpat-atlantis,GB,2024-07,,5\n"
    problems = []
    for number, row in enumerate(rows(text), start=2):
        try:
            ActivityRow.model_validate(row)
        except ValidationError as error:
            problems.append((number, str(error)))
    assert len(problems) == 1
    line, message = problems[0]
    assert line == 4
    assert "member\n  unknown member id 'ecpat-atlantis'; see ecpat-data show members" in message


class Citation(BaseModel):
    source: SourceId
    event: EventId
    country: CountryCode


def test_source_event_and_country_types() -> None:
    ok = Citation(source="briefing", event="world-congress-i-stockholm", country="SE")
    assert ok.country.name_in("fr") == "Suède"
    with pytest.raises(ValidationError) as caught:
        Citation(source="brefing", event="congress", country="se")
    messages = [e["msg"] for e in caught.value.errors()]
    assert messages == [
        "unknown source id 'brefing' (did you mean 'briefing'?); see ecpat-data show sources",
        "unknown event id 'congress'; see ecpat-data show timeline",
        "country code 'se' must be uppercase: 'SE'",
    ]


def test_ids_must_be_strings() -> None:
    with pytest.raises(ValidationError, match="valid string"):
        Citation(source=1, event="x", country="SE")


def test_a_date_that_is_not_text_gets_one_clear_error() -> None:
    with pytest.raises(ValidationError) as caught:
        ActivityRow(member="ecpat-uk", country="GB", month=2024, activities=1)
    (error,) = caught.value.errors()
    assert error["msg"] == "a date must be text such as '1996', '1996-08' or '1996-08-27', not int"


def test_json_schema_of_a_report_model() -> None:
    schema = ActivityRow.model_json_schema()
    assert schema["properties"]["member"]["type"] == "string"
    assert schema["properties"]["month"]["pattern"] == "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
    assert "GB" in schema["properties"]["country"]["enum"]


def test_public_surface() -> None:
    assert sorted(types.__all__) == [
        "CountryCode",
        "EventId",
        "MemberCountryCode",
        "MemberId",
        "PartialDate",
        "ProgrammeAreaId",
        "SourceId",
    ]
    assert types.CountryCode is ecpat_data.Country


def test_importing_the_types_reads_no_data() -> None:
    code = (
        "import sys, ecpat_data.types\n"
        "from ecpat_data import _loading\n"
        "print(_loading._loaded is None)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "True"


def test_bundled_ids_validate() -> None:
    first = ecpat_data.members()[0]
    row = ActivityRow(member=first.id, country=first.country, month="2024", activities=0)
    assert row.member == first.id
    with pytest.raises(ValidationError, match="unknown member id 'ecpat-atlantis'"):
        ActivityRow(member="ecpat-atlantis", country=first.country, month="2024", activities=0)
