"""``ecpat-data export``: CSV / JSON / NDJSON of a dataset, and a Frictionless Data Package."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fixture_bundle import load_bundle, make_member, use_bundle, with_members
from pydantic import TypeAdapter

import ecpat_data
from ecpat_data._cli.main import main
from ecpat_data._export.datapackage import write
from ecpat_data._export.tables import LIST_SEPARATOR, tables, to_csv
from ecpat_data.models import Event, Member, Organisation, ProgrammeArea, Source

if TYPE_CHECKING:
    from ecpat_data._loading.reader import Bundle

MODELS: dict[str, type[Any]] = {
    "sources": Source,
    "timeline": Event,
    "programme_areas": ProgrammeArea,
    "members": Member,
}


def rich_bundle() -> Bundle:
    """The fixture data with every kind of nested field filled in."""
    data = load_bundle()
    stockholm = Event.model_validate(
        {
            **data.events[1].model_dump(mode="json"),
            "programme_areas": ["travel-and-tourism"],
            "alternative_dates": [
                {"date": "1996-08", "note": "A month only.", "sources": ["briefing"]}
            ],
        },
        strict=False,
    )
    organisation = Organisation.model_validate(
        {
            **data.organisation.model_dump(mode="json"),
            "governance": [
                {"period": "2008", "as_of": "2008", "fact": "A board.", "sources": ["briefing"]}
            ],
            "office_holders": [
                {
                    "role": "Chair",
                    "person": "A. Person",
                    "period": "2008",
                    "sources": ["briefing", "ecpat-org-our-history"],
                }
            ],
            "statement_variants": [{"kind": "vision", "text": "A world.", "sources": ["briefing"]}],
        },
        strict=False,
    )
    extra = make_member(
        "ecpat-france", "ECPAT France", "FR", "Agir contre la prostitution des enfants", "ACPE"
    )
    extra = Member.model_validate(
        {
            **extra.model_dump(mode="json"),
            "evidence": [
                {
                    "kind": "ecpat-country-page",
                    "claim": "member",
                    "as_of": "2024-05",
                    "sources": ["briefing", "ecpat-org-our-history"],
                },
                {
                    "kind": "third-party",
                    "claim": "member in 2008",
                    "as_of": "2008",
                    "sources": ["briefing"],
                },
            ],
            "sources": ["briefing", "ecpat-org-our-history"],
        },
        strict=False,
    )
    data = data.replace(events=(data.events[0], stockholm), organisation=organisation)
    return with_members(data, (*data.members, extra))


@pytest.fixture
def rich(monkeypatch: pytest.MonkeyPatch) -> Bundle:
    data = rich_bundle()
    use_bundle(monkeypatch, data)
    return data


def export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["export", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- CSV --------------------------------------------------------------------------------------


def test_members_csv(capsys: pytest.CaptureFixture[str], rich: Bundle) -> None:
    status, out, _ = export(capsys, "members", "--format", "csv")
    assert status == 0
    assert out.splitlines()[0] == (
        "id,name,other_names,country,country_name,website,member_type,type_as_stated,"
        "constituents,joined,founded,dates_note,evidence,note,sources,unverified,latest_claim,"
        "well_evidenced,status"
    )
    rows = read_csv(out)
    assert [r["id"] for r in rows] == ["ecpat-uk", "ecpat-stop-japan", "ecpat-france"]
    uk, japan, france = rows
    assert uk["country"] == "GB"
    assert uk["country_name"] == "United Kingdom"
    assert uk["website"] == "https://www.ecpat.org.uk"
    assert uk["member_type"] == ""  # null
    assert uk["joined"] == "1997"
    assert uk["unverified"] == "false"
    assert uk["well_evidenced"] == "true"
    assert japan["well_evidenced"] == "false"  # mirror evidence only
    assert uk["sources"] == "ecpat-org-uk-our-history"
    assert france["other_names"] == "Agir contre la prostitution des enfants | ACPE"
    assert france["sources"] == "briefing | ecpat-org-our-history"
    assert france["latest_claim"] == "2024-05"
    evidence = json.loads(france["evidence"])
    assert evidence == [
        e.model_dump(mode="json") for e in rich.members_by_id["ecpat-france"].evidence
    ]
    assert evidence[1]["kind"] == "third-party"


def test_members_csv_gives_each_members_derived_status(
    capsys: pytest.CaptureFixture[str], rich: Bundle
) -> None:
    _, out, _ = export(capsys, "members", "--format", "csv")
    statuses = {row["id"]: row["status"] for row in read_csv(out)}
    assert statuses == {
        "ecpat-uk": "unconfirmed",  # only an undated own statement
        "ecpat-stop-japan": "unconfirmed",
        "ecpat-france": "current",  # a country page of 2024-05, edition 2026-11
    }


def test_timeline_csv_flattens_the_place(capsys: pytest.CaptureFixture[str], rich: Bundle) -> None:
    _, out, _ = export(capsys, "timeline")  # csv is the default
    begins, stockholm = read_csv(out)
    assert begins["date"] == "1994"
    assert begins["place_city"] == begins["place_country"] == ""
    assert begins["alternative_dates"] == "[]"
    assert stockholm["date"] == "1996-08-27"
    assert stockholm["end"] == "1996-08-31"
    assert (stockholm["place_city"], stockholm["place_country"]) == ("Stockholm", "SE")
    assert stockholm["programme_areas"] == "travel-and-tourism"
    assert json.loads(stockholm["alternative_dates"]) == [
        {"date": "1996-08", "end": None, "note": "A month only.", "sources": ["briefing"]}
    ]


def test_organisation_csv_is_one_row(capsys: pytest.CaptureFixture[str], rich: Bundle) -> None:
    _, out, _ = export(capsys, "organisation")
    (row,) = read_csv(out)
    assert row["name"] == "ECPAT International"
    assert row["legal_name_text"] == "ECPAT International"
    assert row["campaign_name_sources"] == "briefing | ecpat-org-our-history"
    assert (row["secretariat_city"], row["secretariat_country"]) == ("Bangkok", "TH")
    assert row["un_status_since"] == ""
    assert row["vision_text"].startswith("Realisation of the right of all children")
    assert json.loads(row["network_size"])[0]["organisations"] == 78
    assert json.loads(row["office_holders"])[0]["person"] == "A. Person"


def test_sources_and_programme_areas_csv(capsys: pytest.CaptureFixture[str], rich: Bundle) -> None:
    _, out, _ = export(capsys, "sources")
    rows = {r["id"]: r for r in read_csv(out)}
    assert rows["briefing"]["url"] == ""
    mirror = rows["mirror-ecpat-org-country-japan"]
    assert mirror["copy_of"] == "https://ecpat.org/country/japan"
    assert mirror["unverified"] == "true"
    _, out, _ = export(capsys, "programme_areas")
    (area,) = read_csv(out)
    assert area["former_names"] == "child sex tourism"
    assert json.loads(area["listings"]) == [
        {"period": "c. 2008", "as_of": "2008", "sources": ["briefing"]}
    ]


def test_a_list_item_holding_the_separator_is_refused() -> None:
    data = with_members(load_bundle(), (make_member("x", "X", "GB", "A | B"),))
    with pytest.raises(ValueError, match="contains '\\|'"):
        to_csv(data, "members")


# --- JSON and NDJSON --------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", list(MODELS))
def test_json_round_trips_to_the_models(
    capsys: pytest.CaptureFixture[str], rich: Bundle, dataset: str
) -> None:
    status, out, _ = export(capsys, dataset, "--format", "json")
    assert status == 0
    model = MODELS[dataset]
    records = tuple(model.model_validate_json(json.dumps(r)) for r in json.loads(out))
    expected = {
        "sources": rich.sources,
        "timeline": rich.events,
        "programme_areas": rich.programme_areas,
        "members": rich.members,
    }[dataset]
    assert records == expected
    assert out.startswith("[\n  {")  # indented


def test_json_of_the_organisation_is_one_object(
    capsys: pytest.CaptureFixture[str], rich: Bundle
) -> None:
    _, out, _ = export(capsys, "organisation", "--format", "json")
    assert Organisation.model_validate_json(out) == rich.organisation


@pytest.mark.parametrize("dataset", list(MODELS))
def test_ndjson_is_one_record_per_line(
    capsys: pytest.CaptureFixture[str], rich: Bundle, dataset: str
) -> None:
    _, out, _ = export(capsys, dataset, "--format", "ndjson")
    lines = out.splitlines()
    assert out.endswith("\n")
    records = tuple(MODELS[dataset].model_validate_json(line) for line in lines)
    assert (
        len(records) == {"sources": 4, "timeline": 2, "programme_areas": 1, "members": 3}[dataset]
    )
    assert all(json.loads(line)["id"] for line in lines)
    _, whole, _ = export(capsys, dataset, "--format", "json")
    assert [json.loads(line) for line in lines] == json.loads(whole)


def test_ndjson_of_the_organisation_is_one_line(
    capsys: pytest.CaptureFixture[str], rich: Bundle
) -> None:
    _, out, _ = export(capsys, "organisation", "--format", "ndjson")
    assert out.count("\n") == 1
    assert Organisation.model_validate_json(out) == rich.organisation


@pytest.mark.parametrize("form", ["csv", "json", "ndjson"])
def test_output_writes_the_same_text_to_a_file(
    capsys: pytest.CaptureFixture[str], rich: Bundle, tmp_path: Path, form: str
) -> None:
    _, printed, _ = export(capsys, "members", "--format", form)
    target = tmp_path / f"members.{form}"
    status, out, _ = export(capsys, "members", "--format", form, "--output", str(target))
    assert status == 0
    assert out == ""
    assert target.read_bytes() == printed.encode("utf-8")


@pytest.mark.usefixtures("rich")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "name a DATASET to export, or give --datapackage DIR"),
        (["members", "--datapackage", "x"], "not both"),
        (["--datapackage", "x", "--output", "y"], "--output does not apply"),
        (["members", "--output", "/no/such/dir/members.csv"], "/no/such/dir/members.csv"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    status, out, err = export(capsys, *args)
    assert status == 2
    assert out == ""
    assert message in err


@pytest.mark.usefixtures("rich")
def test_datapackage_into_a_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("x")
    status, _, err = export(capsys, "--datapackage", str(tmp_path / "file"))
    assert status == 2
    assert "not a directory" in err


# --- the Data Package ------------------------------------------------------------------------

TABLES = [
    "sources",
    "organisation",
    "organisation_sources",
    "organisation_campaign_initiators",
    "organisation_campaign_initiators_sources",
    "organisation_name_expansions",
    "organisation_name_expansions_sources",
    "organisation_founding",
    "organisation_founding_sources",
    "organisation_secretariat_addresses",
    "organisation_secretariat_addresses_sources",
    "organisation_secretariat_websites",
    "organisation_secretariat_websites_sources",
    "organisation_secretariat_emails",
    "organisation_secretariat_emails_sources",
    "organisation_statement_variants",
    "organisation_statement_variants_sources",
    "organisation_governance",
    "organisation_governance_sources",
    "organisation_office_holders",
    "organisation_office_holders_sources",
    "organisation_network_size",
    "organisation_network_size_sources",
    "timeline",
    "timeline_sources",
    "timeline_programme_areas",
    "timeline_alternative_dates",
    "timeline_alternative_dates_sources",
    "programme_areas",
    "programme_areas_sources",
    "programme_areas_listings",
    "programme_areas_listings_sources",
    "members",
    "members_sources",
    "members_evidence",
    "members_evidence_sources",
]


def frictionless_validate(descriptor: Path) -> dict[str, Any]:
    """The report of the real ``frictionless validate`` (the CLI, run as a subprocess)."""
    if importlib.util.find_spec("frictionless") is None:
        pytest.skip('frictionless is not installed (it is in the "test" extra)')
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    report: dict[str, Any] = json.loads(result.stdout)
    assert result.returncode == (0 if report["valid"] else 1), result.stderr
    return report


def errors_of(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (task["name"], error["type"], error["message"])
        for task in report["tasks"]
        for error in task["errors"]
    ] + [("package", e["type"], e["message"]) for e in report["errors"]]


@pytest.fixture
def package(capsys: pytest.CaptureFixture[str], rich: Bundle, tmp_path: Path) -> Path:
    status, out, _ = export(capsys, "--datapackage", str(tmp_path / "pkg"))
    assert status == 0
    descriptor = tmp_path / "pkg" / "datapackage.json"
    assert out == f"wrote {descriptor} and {len(TABLES)} CSV resources\n"
    return descriptor


def test_frictionless_validate_accepts_the_package(package: Path) -> None:
    report = frictionless_validate(package)
    assert report["valid"], errors_of(report)
    assert report["stats"]["tasks"] == len(TABLES)


def test_frictionless_checks_the_citations(package: Path) -> None:
    links = package.parent / "members_sources.csv"
    text = links.read_text(encoding="utf-8")
    links.write_text(text.replace("ecpat-uk,ecpat-org-uk-our-history", "ecpat-uk,no-such"))
    report = frictionless_validate(package)
    assert not report["valid"]
    kinds = {(name, kind) for name, kind, _ in errors_of(report)}
    assert ("members_sources", "foreign-key") in kinds
    assert ("members_sources", "hash-count") in kinds  # the recorded sha256 no longer matches


def test_package_descriptor(package: Path, rich: Bundle) -> None:
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["name"] == "ecpat-data"
    assert descriptor["version"] == ecpat_data.__version__
    assert descriptor["ecpat_data"]["data_edition"] == str(rich.edition)
    assert descriptor["ecpat_data"]["fingerprint"].startswith("sha256:")
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }
    ]
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == TABLES
    for name, resource in resources.items():
        data = (package.parent / resource["path"]).read_bytes()
        assert resource["path"] == f"{name}.csv"
        assert resource["profile"] == "tabular-data-resource"
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        header = data.decode("utf-8").splitlines()[0].split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]]


def field_of(descriptor: dict[str, Any], table: str, name: str) -> dict[str, Any]:
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    field: dict[str, Any] = next(f for f in resource["schema"]["fields"] if f["name"] == name)
    return field


def test_table_schemas(package: Path) -> None:
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    date = field_of(descriptor, "timeline", "date")
    assert date["type"] == "string"  # YYYY and YYYY-MM are no Frictionless dates
    assert date["constraints"] == {
        "required": True,
        "pattern": "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?",
    }
    end = field_of(descriptor, "timeline", "end")
    assert "required" not in end.get("constraints", {})
    country = field_of(descriptor, "members", "country")
    assert {"GB", "TH", "TW"} <= set(country["constraints"]["enum"])
    place_country = field_of(descriptor, "timeline", "place_country")
    assert "required" not in place_country["constraints"]  # place is optional
    assert field_of(descriptor, "members", "member_type")["constraints"]["enum"] == [
        "national-group",
        "affiliate",
        "coalition",
        "member",
    ]
    assert field_of(descriptor, "members", "unverified")["type"] == "boolean"
    assert field_of(descriptor, "members", "evidence")["type"] == "array"
    assert field_of(descriptor, "organisation_network_size", "organisations")["type"] == "integer"
    assert field_of(descriptor, "sources", "url")["format"] == "uri"


def test_keys(package: Path) -> None:
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert schemas["members"]["primaryKey"] == ["id"]
    assert schemas["members_sources"]["primaryKey"] == ["member_id", "source_id"]
    assert schemas["members_sources"]["foreignKeys"] == [
        {"fields": ["member_id"], "reference": {"resource": "members", "fields": ["id"]}},
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["id"]}},
    ]
    assert schemas["members_evidence"]["primaryKey"] == ["member_id", "position"]
    assert schemas["members_evidence_sources"]["foreignKeys"][0] == {
        "fields": ["member_id", "position"],
        "reference": {"resource": "members_evidence", "fields": ["member_id", "position"]},
    }
    assert schemas["timeline_programme_areas"]["foreignKeys"][1] == {
        "fields": ["programme_area_id"],
        "reference": {"resource": "programme_areas", "fields": ["id"]},
    }
    assert schemas["organisation_sources"]["primaryKey"] == ["field", "source_id"]


def test_link_and_list_tables(package: Path) -> None:
    folder = package.parent
    links = read_csv((folder / "members_sources.csv").read_text(encoding="utf-8"))
    assert [(r["member_id"], r["source_id"]) for r in links] == [
        ("ecpat-uk", "ecpat-org-uk-our-history"),
        ("ecpat-stop-japan", "mirror-ecpat-org-country-japan"),
        ("ecpat-france", "briefing"),
        ("ecpat-france", "ecpat-org-our-history"),
    ]
    evidence = read_csv((folder / "members_evidence.csv").read_text(encoding="utf-8"))
    assert [(r["member_id"], r["position"], r["kind"], r["as_of"]) for r in evidence] == [
        ("ecpat-uk", "1", "own-statement", ""),
        ("ecpat-stop-japan", "1", "ecpat-country-page", ""),
        ("ecpat-france", "1", "ecpat-country-page", "2024-05"),
        ("ecpat-france", "2", "third-party", "2008"),
    ]
    cited = read_csv((folder / "members_evidence_sources.csv").read_text(encoding="utf-8"))
    assert ("ecpat-france", "1", "ecpat-org-our-history") in [
        (r["member_id"], r["position"], r["source_id"]) for r in cited
    ]
    profile = read_csv((folder / "organisation_sources.csv").read_text(encoding="utf-8"))
    assert {"field": "campaign_name", "source_id": "ecpat-org-our-history"} in profile
    holders = read_csv((folder / "organisation_office_holders_sources.csv").read_text("utf-8"))
    assert holders == [
        {"position": "1", "source_id": "briefing"},
        {"position": "1", "source_id": "ecpat-org-our-history"},
    ]
    areas = read_csv((folder / "timeline_programme_areas.csv").read_text(encoding="utf-8"))
    assert areas == [
        {"event_id": "ecpat-uk-begins", "programme_area_id": "travel-and-tourism"},
        {"event_id": "world-congress-i-stockholm", "programme_area_id": "travel-and-tourism"},
    ]
    alternative = read_csv((folder / "timeline_alternative_dates.csv").read_text("utf-8"))
    assert alternative == [
        {
            "event_id": "world-congress-i-stockholm",
            "position": "1",
            "date": "1996-08",
            "end": "",
            "note": "A month only.",
            "sources": "briefing",
        }
    ]


def test_the_main_tables_are_the_single_dataset_csv(package: Path, rich: Bundle) -> None:
    for dataset in ("sources", "organisation", "timeline", "programme_areas", "members"):
        assert (package.parent / f"{dataset}.csv").read_text("utf-8") == to_csv(rich, dataset)


def test_the_package_is_the_same_every_time(tmp_path: Path) -> None:
    data = rich_bundle()
    first = write(data, tmp_path / "a").parent
    second = write(data, tmp_path / "b").parent
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_list_separator_is_documented() -> None:
    docs = Path(__file__).parents[1] / "docs" / "cli.md"
    if not docs.exists():
        pytest.skip("docs/cli.md is not in this tree")
    assert f'"{LIST_SEPARATOR}"' in docs.read_text(encoding="utf-8")


# --- the bundled data --------------------------------------------------------------------------


def test_bundled_csv_has_one_row_per_member(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = export(capsys, "members")
    rows = read_csv(out)
    assert [r["id"] for r in rows] == [m.id for m in ecpat_data.members()]


def test_bundled_json_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = export(capsys, "members", "--format", "json")
    assert TypeAdapter(tuple[Member, ...]).validate_json(out) == ecpat_data.members()
    _, out, _ = export(capsys, "organisation", "--format", "json")
    assert Organisation.model_validate_json(out) == ecpat_data.organisation()


def test_bundled_data_package_passes_frictionless_validate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, _ = export(capsys, "--datapackage", str(tmp_path))
    assert status == 0
    descriptor = tmp_path / "datapackage.json"
    report = frictionless_validate(descriptor)
    assert report["valid"], errors_of(report)[:20]
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    assert package["ecpat_data"]["fingerprint"] == ecpat_data.fingerprint()
    evidence = read_csv((tmp_path / "members_evidence.csv").read_text(encoding="utf-8"))
    assert len(evidence) == sum(len(m.evidence) for m in ecpat_data.members())


def test_every_table_name_is_unique() -> None:
    data = rich_bundle()
    assert list(tables(data)) == TABLES
