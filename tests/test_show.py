"""``ecpat-data show``: readable tables (aligned, wrapped to the terminal) and JSON."""

from __future__ import annotations

import json

import pytest
from fixture_bundle import load_bundle, make_member, use_bundle, with_members
from pydantic import TypeAdapter

import ecpat_data
from ecpat_data._cli.commands.show import sort_rows
from ecpat_data._cli.main import main
from ecpat_data._cli.table import render, terminal_width, text_width
from ecpat_data.models import Event, Member, Organisation


@pytest.fixture
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads the fixture data, in a 120-column terminal."""
    use_bundle(monkeypatch, load_bundle())
    monkeypatch.setenv("COLUMNS", "120")


def show(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["show", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def columns_of(header: str) -> list[int]:
    """Start offsets of the columns, read from the dashes under the header."""
    return [i for i, c in enumerate(header) if c == "-" and (i == 0 or header[i - 1] == " ")]


# --- members --------------------------------------------------------------------------------


@pytest.mark.usefixtures("fixture_data")
def test_members_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = show(capsys, "members")
    assert status == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["id", "name", "country", "type", "/", "status", "evidence"]
    starts = columns_of(lines[1])
    assert len(starts) == 5
    # sorted by the country shown: Japan (type over status: two lines) before the UK
    japan, uk = lines[2], lines[4]
    assert uk.split("  ")[0] == "ecpat-uk"
    assert uk[starts[1] :].startswith("ECPAT UK")
    assert uk[starts[2] :].startswith("United Kingdom")
    assert uk[starts[3] :].startswith("-")  # no member type stated
    assert lines[5][starts[3] :].startswith("unconfirmed")  # an undated own statement only
    assert uk[starts[4] :] == "own-statement"
    assert japan[starts[2] :].startswith("Japan")
    assert japan[starts[3] :].startswith("member")
    assert japan[starts[4] :] == "ecpat-country-page"
    assert lines[-1] == "2 members in 2 countries"


@pytest.mark.usefixtures("fixture_data")
@pytest.mark.parametrize(
    ("lang", "uk", "japan"),
    [("fr", "Royaume-Uni", "Japon"), ("es", "Reino Unido", "Japón"), ("de", "Vereinigtes", "")],
)
def test_lang_translates_country_names(
    capsys: pytest.CaptureFixture[str], lang: str, uk: str, japan: str
) -> None:
    status, out, err = show(capsys, "members", "--lang", lang)
    assert status == 0
    assert err == ""
    assert uk in out
    assert japan in out
    assert "United Kingdom" not in out


@pytest.mark.usefixtures("fixture_data")
def test_unknown_language_falls_back_to_english_with_a_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = show(capsys, "members", "--lang", "xx")
    assert status == 0
    assert "United Kingdom" in out
    assert "no country-name translations for language 'xx'" in err
    assert "English" in err


@pytest.mark.usefixtures("fixture_data")
def test_country_filters_members(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "members", "--country", "JP")
    assert status == 0
    assert "ecpat-stop-japan" in out
    assert "ecpat-uk" not in out
    assert out.splitlines()[-1] == "1 member in 1 country"


@pytest.mark.usefixtures("fixture_data")
def test_a_country_without_members_shows_an_empty_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = show(capsys, "members", "--country", "TH")
    assert status == 0
    assert out.splitlines()[-1] == "0 members in 0 countries"


@pytest.mark.usefixtures("fixture_data")
@pytest.mark.parametrize(
    ("code", "message"),
    [("XX", "no country with id 'XX'"), ("Untied Kingdom", "did you mean 'United Kingdom'?")],
)
def test_a_bad_country_code_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], code: str, message: str
) -> None:
    status, out, err = show(capsys, "members", "--country", code)
    assert status == 2
    assert out == ""
    assert err.startswith("ecpat-data: error: --country: ")
    assert message in err


@pytest.mark.usefixtures("fixture_data")
def test_search_ranks_members(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "members", "--search", "stop japan")
    assert status == 0
    assert "ecpat-stop-japan" in out
    assert "ecpat-uk" not in out


@pytest.mark.usefixtures("fixture_data")
def test_search_and_country_combine(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    members = (
        make_member("ecpat-uk", "ECPAT UK", "GB"),
        make_member("ecpat-france", "ECPAT France", "FR"),
        make_member("ecpat-luxembourg", "ECPAT Luxembourg", "LU"),
    )
    use_bundle(monkeypatch, with_members(load_bundle(), members))
    status, out, _ = show(capsys, "members", "--search", "ecpat", "--country", "FR")
    assert status == 0
    ids = [line.split()[0] for line in out.splitlines()[2:-1] if not line.startswith(" ")]
    assert ids == ["ecpat-france"]


@pytest.mark.usefixtures("fixture_data")
def test_an_empty_search_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = show(capsys, "members", "--search", "?!")
    assert status == 2
    assert "--search: nothing to search for" in err


@pytest.mark.usefixtures("fixture_data")
@pytest.mark.parametrize("option", [["--country", "GB"], ["--search", "uk"]])
def test_member_filters_on_other_datasets_are_usage_errors(
    capsys: pytest.CaptureFixture[str], option: list[str]
) -> None:
    status, _, err = show(capsys, "timeline", *option)
    assert status == 2
    assert "only to" in err
    assert "members" in err


@pytest.mark.usefixtures("fixture_data")
def test_json_prints_the_records(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "members", "--format", "json", "--country", "GB")
    assert status == 0
    records = json.loads(out)
    assert [r["id"] for r in records] == ["ecpat-uk"]
    assert records[0]["country"] == "GB"
    members = TypeAdapter(tuple[Member, ...]).validate_json(out)
    assert members == (ecpat_data.member("ecpat-uk"),)


@pytest.mark.usefixtures("fixture_data")
def test_json_of_the_organisation_and_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = show(capsys, "organisation", "--format", "json")
    assert Organisation.model_validate_json(out) == ecpat_data.organisation()
    _, out, _ = show(capsys, "timeline", "--format", "json")
    assert TypeAdapter(tuple[Event, ...]).validate_json(out) == ecpat_data.timeline()


# --- the other datasets ---------------------------------------------------------------------


@pytest.mark.usefixtures("fixture_data")
def test_timeline_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "timeline")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["date", "title", "place"]
    assert lines[2].split("  ")[0] == "1994"
    assert lines[3].startswith("1996-08-27/1996-08-31  First World Congress, Stockholm")
    assert lines[3].endswith("Stockholm, Sweden")
    assert lines[-1] == "2 events"
    _, out, _ = show(capsys, "timeline", "--lang", "de")
    assert "Stockholm, Schweden" in out


@pytest.mark.usefixtures("fixture_data")
def test_programme_areas_table(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = show(capsys, "programme_areas")
    lines = out.splitlines()
    assert lines[0].split() == ["id", "name", "listed"]
    assert lines[2].split("  ")[0] == "travel-and-tourism"
    assert lines[2].endswith("c. 2008")
    assert lines[-1] == "1 programme area"


@pytest.mark.usefixtures("fixture_data")
def test_sources_table_keeps_titles_and_addresses_whole_where_they_fit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://calendarfreemonthly2023.netlify.app/host-https-ecpat.org/country/japan"
    monkeypatch.setenv("COLUMNS", "160")
    _, out, _ = show(capsys, "sources")
    assert url in out  # the title wrapped instead
    assert "[unverified]" in out
    assert "(no address)" in out  # the briefing
    assert out.splitlines()[-1] == "4 sources"
    assert max(text_width(line) for line in out.splitlines()) <= 160
    monkeypatch.setenv("COLUMNS", "100")  # too narrow for id, title and address
    _, out, _ = show(capsys, "sources")
    assert max(text_width(line) for line in out.splitlines()) <= 100
    assert len(out.splitlines()[1].split()[1]) >= 12  # the title kept a readable width
    titles = out.splitlines()[2:]
    assert any(line.rstrip().endswith("(no address)") for line in titles)  # under its title


@pytest.mark.usefixtures("fixture_data")
def test_organisation_key_facts(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "organisation")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split("  ")[0] == "name"
    assert lines[0].endswith("ECPAT International (ECPAT)")
    facts = {line[:21].strip(): line[21:] for line in lines if line[:1] != " "}
    assert facts["secretariat"] == "Bangkok, Thailand"
    assert facts["founded"] == "1990: Set up in 1990 as a three-year campaign in Asia."
    assert facts["network size"].startswith("78 organisations in 73 countries, as of 2008;")
    assert facts["office holders"] == "-"
    value_column = lines[0].index("ECPAT International")
    for line in lines:  # wrapped lines continue in the value column
        assert line[:value_column].strip() == "" or line[value_column - 2 : value_column] == "  "
    _, out, _ = show(capsys, "organisation", "--lang", "fr")
    assert "Bangkok, Thaïlande" in out


# --- the table renderer ---------------------------------------------------------------------


def test_render_aligns_and_wraps_to_the_width() -> None:
    long = "word " * 40
    text = render(
        ["id", "text", "more"], [["a-1", long.strip(), "x"], ["b", "short", "y"]], width=50
    )
    lines = text.splitlines()
    assert all(text_width(line) <= 50 for line in lines)
    starts = columns_of(lines[1])
    assert [lines[0][s:].split()[0] for s in starts] == ["id", "text", "more"]
    assert lines[2][starts[2] :] == "x"
    continuation = lines[3]
    assert continuation[: starts[1]].strip() == ""
    assert continuation[starts[1] :].startswith("word")
    assert sum(line[starts[1] :].count("word") for line in lines) == 40


def test_render_cuts_words_longer_than_a_column() -> None:
    text = render(["a", "b"], [["x", "y" * 120]], width=40)
    assert all(text_width(line) <= 40 for line in text.splitlines())
    assert "".join(line[3:] for line in text.splitlines()[2:]) == "y" * 120


def test_render_counts_wide_characters_twice() -> None:
    text = render(["name", "n"], [["子ども" * 3, "1"], ["abc", "2"]], width=80)
    lines = text.splitlines()
    assert lines[2] == "子ども子ども子ども  1"
    assert lines[3] == "abc" + " " * 15 + "  2"  # 9 wide characters take 18 columns


def test_kept_columns_wrap_last() -> None:
    url = "https://example.org/a/rather/long/address/for/a/page"
    rows = [["title " * 10, url]]
    text = render(["title", "url"], rows, width=80, keep=(1,))
    assert url in text
    assert text.splitlines()[3].startswith("title")  # the title wrapped instead
    narrow = render(["title", "url"], rows, width=60, keep=(1,))
    assert url not in narrow  # no room: the address wraps too
    assert all(text_width(line) <= 60 for line in narrow.splitlines())


def test_cells_with_several_lines_wrap_each_line() -> None:
    text = render(None, [["key", "first line\nsecond line"]], width=40)
    assert text == "key  first line\n     second line\n"


def test_terminal_width_comes_from_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "123")
    assert terminal_width() == 123
    monkeypatch.setenv("COLUMNS", "10")
    assert terminal_width() == 40  # never narrower


# --- the bundled data -----------------------------------------------------------------------


def test_show_members_lists_every_bundled_member(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # wide enough for every cell on one line
    status, out, _ = show(capsys, "members")
    assert status == 0
    every = ecpat_data.members()
    countries = len({m.country for m in every})
    lines = out.splitlines()
    assert lines[-1] == f"{len(every)} members in {countries} countries"
    ids = [line.split("  ")[0] for line in lines[2:-1] if not line.startswith(" ")]
    assert ids == [m.id for m in sort_rows("members", every, "country")]
    monkeypatch.setenv("COLUMNS", "100")
    _, out, _ = show(capsys, "members")
    assert all(text_width(line) <= 100 for line in out.splitlines())


def test_show_members_of_one_bundled_country(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "members", "--country", "NL", "--format", "json")
    assert status == 0
    assert [r["id"] for r in json.loads(out)] == [m.id for m in ecpat_data.members(country="NL")]


@pytest.mark.parametrize("dataset", ["organisation", "timeline", "programme_areas", "sources"])
def test_show_every_bundled_dataset(capsys: pytest.CaptureFixture[str], dataset: str) -> None:
    status, out, _ = show(capsys, dataset)
    assert status == 0
    assert out.strip()


# --- readable tables: ids whole, rows in the order of what is shown --------------------------


@pytest.mark.parametrize("dataset", ["members", "sources", "programme_areas"])
def test_ids_never_wrap(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, dataset: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = show(capsys, dataset)
    assert status == 0
    records = {
        "members": ecpat_data.members,
        "sources": ecpat_data.sources,
        "programme_areas": ecpat_data.programme_areas,
    }[dataset]()
    shown = {line.split("  ")[0] for line in out.splitlines()[2:]}
    assert {r.id for r in records} <= shown


def _members_column(out: str, header: str) -> list[str]:
    lines = out.splitlines()
    start = lines[0].index(header)
    end = lines[1].index("  ", start) if "  " in lines[1][start:] else None
    return [
        line[start:end].strip()
        for line in lines[2:-1]
        if not line.startswith(" ") and line[start:end].strip()
    ]


def test_members_sort_by_the_country_name_shown_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")
    from ecpat_data._api.search import normalize

    for lang in ("en", "fr"):
        _, out, _ = show(capsys, "members", "--lang", lang)
        countries = _members_column(out, "country")
        assert countries == sorted(countries, key=normalize), lang
    _, out, _ = show(capsys, "members")
    countries = _members_column(out, "country")
    assert countries.index("Australia") < countries.index("Austria")
    _, out, _ = show(capsys, "members", "--lang", "fr")
    countries = _members_column(out, "country")
    assert (
        countries.index("Belgique") < countries.index("Bulgarie") < countries.index("Burkina Faso")
    )


@pytest.mark.parametrize("column", ["name", "id"])
def test_sort_chooses_the_column(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, column: str
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")
    from ecpat_data._api.search import normalize

    status, out, _ = show(capsys, "members", "--sort", column)
    assert status == 0
    values = _members_column(out, column)
    assert values == sorted(values, key=normalize)


def test_sort_must_be_a_column_of_that_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = show(capsys, "timeline", "--sort", "country")
    assert status == 2
    assert "date, title, place" in err


def test_timeline_filters_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "timeline", "--since", "1996-06", "--until", "1996")
    assert status == 0
    assert out.splitlines()[-2].endswith("events") or "events" in out
    status, _, err = show(capsys, "timeline", "--since", "June")
    assert status == 2
    assert err.startswith("ecpat-data: error: --since: ")
    status, _, err = show(capsys, "timeline", "--programme-area", "travel-and-tourisme")
    assert status == 2
    assert "did you mean 'travel-and-tourism'" in err
    status, _, err = show(capsys, "members", "--since", "1996")
    assert status == 2
    assert "--since applies only to timeline" in err


@pytest.mark.usefixtures("fixture_data")
def test_status_filters_members(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "members", "--status", "unconfirmed", "--country", "GB")
    assert status == 0
    rows = [line.split()[0] for line in out.splitlines()[2:-1] if not line.startswith(" ")]
    assert rows == ["ecpat-uk"]


@pytest.mark.usefixtures("fixture_data")
def test_a_status_without_members_shows_an_empty_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = show(capsys, "members", "--status", "current")
    assert status == 0
    assert out.splitlines()[-1] == "0 members in 0 countries"


@pytest.mark.usefixtures("fixture_data")
def test_an_unknown_status_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        show(capsys, "members", "--status", "active")
    assert exited.value.code == 2
    assert "invalid choice: 'active'" in capsys.readouterr().err


@pytest.mark.usefixtures("fixture_data")
@pytest.mark.parametrize("region", ["Eastern Asia", "eastern asia", "030", "142"])
def test_region_filters_members(capsys: pytest.CaptureFixture[str], region: str) -> None:
    status, out, _ = show(capsys, "members", "--region", region)
    assert status == 0
    rows = [line.split()[0] for line in out.splitlines()[2:-1] if not line.startswith(" ")]
    assert rows == ["ecpat-stop-japan"]


@pytest.mark.usefixtures("fixture_data")
def test_an_unknown_region_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = show(capsys, "members", "--region", "Narnia")
    assert status == 2
    assert out == ""
    assert err.startswith("ecpat-data: error: --region: no region with id 'Narnia'")


@pytest.mark.usefixtures("fixture_data")
def test_status_and_region_apply_only_to_members(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = show(capsys, "timeline", "--region", "Europe")
    assert status == 2
    assert "--region applies only to members" in err


def test_a_founding_claim_without_a_date_shows_its_period() -> None:
    from ecpat_data._cli.commands.show import organisation_table
    from ecpat_data.models import FoundingClaim

    organisation = load_bundle().organisation
    claim = FoundingClaim(
        period="the 1980's", claim="Founded in the 1980's.", sources=("briefing",)
    )
    table = organisation_table(organisation.model_copy(update={"founding": (claim,)}), width=120)
    assert "the 1980's: Founded in the 1980's." in table
    assert "None" not in table


def test_sort_by_status_orders_current_historic_unconfirmed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")
    status, out, _ = show(capsys, "members", "--sort", "status", "--format", "table")
    assert status == 0
    order = [m.id for m in sort_rows("members", ecpat_data.members(), "status")]
    shown = [line.split()[0] for line in out.splitlines()[2:-1] if not line.startswith(" ")]
    assert shown == order
    ranks = [
        ("current", "historic", "unconfirmed").index(ecpat_data.member(i).status) for i in shown
    ]
    assert ranks == sorted(ranks)
