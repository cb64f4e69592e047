"""Every command has a Python function, and the command line calls it: same rows, same bytes."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import ecpat_data
from ecpat_data._cli.main import main

FIXTURE = Path(__file__).parent / "fixtures" / "valid"


def _cli(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, str]:
    status = main(list(argv))
    captured = capsysbinary.readouterr()
    return status, captured.out, captured.err.decode("utf-8")


# --- the command line and the API give the same rows for the same filters ---------------------

_SAME: list[tuple[list[str], Any]] = [
    (["members"], lambda: ecpat_data.members()),
    (["members", "--country", "th"], lambda: ecpat_data.members(country="th")),
    (["members", "--country", "Thailand"], lambda: ecpat_data.members(country="Thailand")),
    (["members", "--country", "GBR"], lambda: ecpat_data.members(country="GBR")),
    (["members", "--country", "AQ"], lambda: ecpat_data.members(country="AQ")),
    (["members", "--status", "current"], lambda: ecpat_data.members(status="current")),
    (["members", "--region", "europe"], lambda: ecpat_data.members(region="europe")),
    (
        ["members", "--region", "202", "--status", "historic", "--country", "kenya"],
        lambda: ecpat_data.members(country="kenya", status="historic", region="202"),
    ),
    (["timeline"], lambda: ecpat_data.timeline()),
    (["timeline", "--since", "1996-06"], lambda: ecpat_data.timeline(since="1996-06")),
    (["timeline", "--until", "1996"], lambda: ecpat_data.timeline(until="1996")),
    (
        ["timeline", "--since", "1996-06", "--until", "2000"],
        lambda: ecpat_data.timeline(since="1996-06", until="2000"),
    ),
    (
        ["timeline", "--programme-area", "travel-and-tourism", "--since", "2000"],
        lambda: ecpat_data.timeline(programme_area="travel-and-tourism", since="2000"),
    ),
    (["programme_areas"], lambda: ecpat_data.programme_areas()),
    (["sources"], lambda: ecpat_data.sources()),
]


@pytest.mark.parametrize(("argv", "api"), _SAME, ids=[" ".join(a) for a, _ in _SAME])
@pytest.mark.parametrize("command", ["show", "export"])
def test_command_line_and_api_give_the_same_rows(
    capsysbinary: pytest.CaptureFixture[bytes], command: str, argv: list[str], api: Any
) -> None:
    status, out, err = _cli(capsysbinary, command, *argv, "--format", "json")
    assert (status, err) == (0, "")
    expected = [record.model_dump(mode="json") for record in api()]
    assert json.loads(out) == expected
    # and the export bytes are exactly the Python function's
    if command == "export":
        assert out == ecpat_data.export(argv[0], format="json", records=api())


# --- export -------------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["csv", "json", "ndjson"])
def test_export_to_bytes_a_path_and_a_stream_agree(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], format: Any
) -> None:
    data = ecpat_data.export("members", format=format)
    assert isinstance(data, bytes)
    path = tmp_path / f"members.{format}"
    assert ecpat_data.export("members", path, format=format) is None
    assert path.read_bytes() == data
    stream = io.BytesIO()
    ecpat_data.export("members", stream, format=format)
    assert stream.getvalue() == data
    status, out, _ = _cli(capsysbinary, "export", "members", "--format", format)
    assert (status, out) == (0, data)


def test_export_records_choose_and_order_the_rows() -> None:
    chosen = ecpat_data.members(country="GB")
    rows = ecpat_data.export("members", format="ndjson", records=chosen).splitlines()
    assert [json.loads(r)["id"] for r in rows] == [m.id for m in chosen]
    header, *lines = ecpat_data.export("members", records=()).decode().splitlines()
    assert header.startswith("id,name,")
    assert lines == []


def test_export_rejects_the_wrong_records_dataset_or_format() -> None:
    with pytest.raises(TypeError, match="Member records"):
        ecpat_data.export("members", records=ecpat_data.timeline())
    with pytest.raises(ValueError, match="unknown dataset"):
        ecpat_data.export("people")
    with pytest.raises(ValueError, match="unknown format"):
        ecpat_data.export("members", format="xml")  # type: ignore[call-overload]


# --- safe output (issue 10, item 14) ----------------------------------------------------------


def test_output_replaces_a_link_instead_of_writing_through_it(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    link = tmp_path / "members.csv"
    link.symlink_to(outside)
    assert main(["export", "members", "--output", str(link)]) == 0
    assert outside.read_text() == "keep me"
    assert not link.is_symlink()
    assert link.read_bytes() == ecpat_data.export("members")


def test_output_is_atomic_a_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "members.csv"
    target.write_text("old")
    import errno

    def full(*args: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(["export", "members", "--output", str(target)]) == 2
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["members.csv"]  # no temporary left


def test_datapackage_never_writes_through_a_link_in_the_directory(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    outside = tmp_path / "outside.csv"
    outside.write_text("keep me")
    (package / "members.csv").symlink_to(outside)
    (package / "notes.txt").write_text("mine")
    path = ecpat_data.write_datapackage(package)
    assert path == package / "datapackage.json"
    assert outside.read_text() == "keep me"
    assert not (package / "members.csv").is_symlink()
    assert (package / "notes.txt").read_text() == "mine"
    assert not [p for p in package.iterdir() if p.name.startswith(".")]  # staging removed


def test_datapackage_into_a_new_directory_and_a_link_to_one(tmp_path: Path) -> None:
    fresh = tmp_path / "a" / "b"
    ecpat_data.write_datapackage(fresh)
    assert (fresh / "datapackage.json").is_file()
    assert oct(fresh.stat().st_mode & 0o777) != oct(0o700) or os.name != "posix"
    link = tmp_path / "link"
    link.symlink_to(fresh)
    with pytest.raises(NotADirectoryError):
        ecpat_data.write_datapackage(link)


def test_datapackage_empty_name_is_an_error(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = _cli(capsysbinary, "export", "--datapackage", "")
    assert status == 2
    assert "empty" in err
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="empty"):
        ecpat_data.write_datapackage("")
    status, _, err = _cli(capsysbinary, "export", "members", "--output", "")
    assert status == 2


def test_datapackage_from_python_matches_the_command_line(tmp_path: Path) -> None:
    ecpat_data.write_datapackage(tmp_path / "api")
    assert main(["export", "--datapackage", str(tmp_path / "cli")]) == 0
    api = {p.name: p.read_bytes() for p in (tmp_path / "api").iterdir()}
    cli = {p.name: p.read_bytes() for p in (tmp_path / "cli").iterdir()}
    assert api == cli


# --- data output is UTF-8 bytes whatever the console encoding (issue 10, item 5) -------------


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "members"],
        ["export", "members", "--format", "ndjson"],
        ["show", "members", "--format", "json"],
        ["show", "member", "ecpat-osterreich", "--format", "json"],
        ["info", "--json"],
        ["schema", "members"],
    ],
)
def test_data_output_is_utf8_on_a_cp1252_console(argv: list[str]) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run(
        [sys.executable, "-m", "ecpat_data", *argv], capture_output=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")  # strict
    if argv[0] != "info" and argv[0] != "schema":  # these two are ASCII today
        assert "Österreich" in text


# --- diff, fingerprint --------------------------------------------------------------------


@pytest.fixture
def steward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture data installed, and a steward's copy with two records added."""
    from fixture_bundle import load_bundle, use_bundle

    use_bundle(monkeypatch, load_bundle())
    copy = tmp_path / "mine"
    shutil.copytree(FIXTURE, copy)
    document = json.loads((copy / "members.json").read_text(encoding="utf-8"))
    first = document["members"][0]
    for suffix in ("one", "two"):
        document["members"].append({**first, "id": f"new-member-{suffix}"})
    (copy / "members.json").write_text(json.dumps(document), encoding="utf-8")
    return copy


def test_the_stewards_question_shows_two_added_records(
    steward: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    result = ecpat_data.diff(None, steward)
    assert isinstance(result, ecpat_data.DataDiff)
    assert (result.added, result.removed, result.changed) == (2, 0, 0)
    assert [r.id for r in result.dataset("members").added] == [
        "new-member-one",
        "new-member-two",
    ]
    status, out, _ = _cli(capsysbinary, "diff", "--from-bundled", str(steward))
    assert status == 1
    text = out.decode()
    assert text == result.report("text")
    assert text.startswith(f"old: installed ecpat-data {ecpat_data.__version__}")
    assert f"new: {steward} " in text
    assert "  + new-member-one" in text


def test_the_analysts_question_and_the_older_flag(
    steward: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    result = ecpat_data.diff(steward, None)
    assert (result.added, result.removed) == (0, 2)
    status, out, err = _cli(capsysbinary, "diff", str(steward), "--to-bundled")
    assert (status, out.decode(), err) == (1, result.report(), "")
    status, out, err = _cli(capsysbinary, "diff", str(steward), "--against-bundled")
    assert (status, out.decode()) == (1, result.report())
    assert "--from-bundled" in err  # a note saying which side is which
    assert result.report("markdown").startswith("### Data changes")
    with pytest.raises(ValueError, match="installed data"):
        ecpat_data.diff(None, None)


def test_field_level_changes_are_typed(steward: Path) -> None:
    document = json.loads((steward / "members.json").read_text(encoding="utf-8"))
    document["members"][0]["founded"] = "1901"
    (steward / "members.json").write_text(json.dumps(document), encoding="utf-8")
    [change] = ecpat_data.diff(FIXTURE, steward).dataset("members").changed
    assert isinstance(change, ecpat_data.RecordChange)
    assert change.changes == (ecpat_data.FieldChange("founded", "changed", "1994", "1901"),)


def test_fingerprint_of_a_directory(steward: Path) -> None:
    assert ecpat_data.fingerprint(FIXTURE) == ecpat_data.fingerprint()
    assert ecpat_data.fingerprint(steward) != ecpat_data.fingerprint(FIXTURE)
    with pytest.raises(FileNotFoundError):
        ecpat_data.fingerprint(steward / "nowhere")


# --- record cards -------------------------------------------------------------------------


def test_card_shows_every_field_evidence_and_cited_sources() -> None:
    uk = ecpat_data.member("ecpat-uk")
    text = ecpat_data.card(uk)
    assert text.startswith("member ecpat-uk\n")
    for field in type(uk).model_fields:
        assert f"  {field}" in text, field
    assert f"evidence ({len(uk.evidence)})" in text
    assert f"  well_evidenced  {str(uk.well_evidenced).lower()}" in text
    for source_id in uk.sources:
        source = ecpat_data.source(source_id)
        assert source_id in text
        assert source.title in text
        assert str(source.url) in text
    assert str(uk) != text  # str() of records is unchanged


@pytest.mark.parametrize(
    ("kind", "lookup"),
    [
        ("member", ecpat_data.member),
        ("event", ecpat_data.event),
        ("source", ecpat_data.source),
        ("programme_area", ecpat_data.programme_area),
    ],
)
def test_show_kind_id_prints_the_card(
    capsysbinary: pytest.CaptureFixture[bytes], kind: str, lookup: Any
) -> None:
    records = {
        "member": ecpat_data.members,
        "event": ecpat_data.timeline,
        "source": ecpat_data.sources,
        "programme_area": ecpat_data.programme_areas,
    }[kind]()
    record = records[len(records) // 2]
    status, out, err = _cli(capsysbinary, "show", kind, record.id)
    assert (status, err) == (0, "")
    assert out.decode() == ecpat_data.card(lookup(record.id))


def test_show_kind_with_a_typo_suggests(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, err = _cli(capsysbinary, "show", "member", "ecpat-u")
    assert (status, out) == (2, b"")
    assert "did you mean 'ecpat-uk'" in err
    status, _, err = _cli(capsysbinary, "show", "members", "ecpat-uk")
    assert status == 2
    assert "show member ecpat-uk" in err
    status, _, err = _cli(capsysbinary, "show", "member")
    assert status == 2


def test_card_of_the_organisation_and_of_something_else() -> None:
    assert ecpat_data.card(ecpat_data.organisation()).startswith("organisation\n")
    with pytest.raises(TypeError, match="card"):
        ecpat_data.card("ecpat-uk")  # type: ignore[arg-type]


def test_export_to_a_text_stream_says_to_use_a_binary_one() -> None:
    with pytest.raises(TypeError, match="binary stream"):
        ecpat_data.export("members", io.StringIO())  # type: ignore[call-overload]
