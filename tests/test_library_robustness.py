"""The library's failure paths: the loader checks what no manifest covers, names a missing
file, survives a fork, reads nothing outside the package, and ``require`` says what it wants."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import time
from typing import TYPE_CHECKING, Any

import pytest
from fixture_bundle import FILES, VALID, use_bundle

import ecpat_data
from ecpat_data import DataError, _loading
from ecpat_data._cli.main import main
from ecpat_data._core import resources
from ecpat_data._loading.reader import load
from ecpat_data._reports.diff import diff_dirs, render_markdown
from ecpat_data._reports.verify import verify

if TYPE_CHECKING:
    from pathlib import Path


def _copy(directory: Path) -> Path:
    directory.mkdir(parents=True)
    for file in FILES:
        shutil.copyfile(VALID / file, directory / file)
    return directory


def _manifest(directory: Path, **entries: Any) -> None:
    """A build manifest vouching for the files as they are now (plus ``entries``)."""
    files: dict[str, Any] = {
        file: {
            "sha256": hashlib.sha256((directory / file).read_bytes()).hexdigest(),
            "size": (directory / file).stat().st_size,
        }
        for file in FILES
        if (directory / file).exists()
    }
    files.update(entries)
    manifest = {"version": ecpat_data.__version__, "validated": True, "files": files}
    (directory / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")


def _edit(path: Path, change: Any) -> None:
    document = json.loads(path.read_text("utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")


def _duplicate_member(document: dict[str, Any]) -> None:
    twin = dict(document["members"][1])
    twin["id"] = document["members"][0]["id"]
    document["members"].append(twin)


def _cite_missing_source(document: dict[str, Any]) -> None:
    document["members"][0]["sources"].append("no-such-source")


# --- item 2: data no manifest covers is checked as validate checks it -------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [(_duplicate_member, "duplicate-id"), (_cite_missing_source, "unknown-source")],
    ids=["duplicate-id", "missing-source"],
)
def test_loading_data_no_manifest_covers_runs_the_cross_file_checks(
    tmp_path: Path, change: Any, code: str
) -> None:
    directory = _copy(tmp_path / "data")
    _edit(directory / "members.json", change)
    with pytest.raises(DataError) as raised:
        load(directory)
    expected = {p.code for p in ecpat_data.validate(directory).errors}
    assert code in expected or any(code in c for c in expected)
    assert {p.code for p in raised.value.problems} == expected


def test_an_edited_file_is_checked_against_the_files_the_manifest_covers(tmp_path: Path) -> None:
    directory = _copy(tmp_path / "data")
    _manifest(directory)
    _edit(directory / "members.json", _cite_missing_source)
    with pytest.raises(DataError, match="no-such-source"):
        load(directory)


# --- item 10: a deleted data file ---------------------------------------------------------------


def test_a_deleted_data_file_raises_data_error_naming_it(tmp_path: Path) -> None:
    directory = _copy(tmp_path / "data")
    (directory / "timeline.json").unlink()
    with pytest.raises(DataError, match=r"timeline\.json") as raised:
        load(directory)
    assert [p.code for p in raised.value.problems] == ["missing-file"]


@pytest.mark.parametrize("command", [["info"], ["show", "members"], ["export", "members"]])
def test_commands_on_a_deleted_data_file_exit_1_naming_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    directory = _copy(tmp_path / "data")
    (directory / "members.json").unlink()
    monkeypatch.setattr(resources, "data_dir", lambda: directory)
    monkeypatch.setattr(_loading, "_loaded", None)
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "members.json" in err
    assert "Traceback" not in err


# --- item 12: fork while another thread is inside the first load --------------------------------


@pytest.mark.skipif(not hasattr(os, "register_at_fork"), reason="no fork on this platform")
# Forking while another thread loads is the point of this test; Python 3.12+ warns about it.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_child_forked_during_the_first_load_can_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sentinel: Any = object()
    monkeypatch.setattr(_loading, "_loaded", None)
    monkeypatch.setattr(_loading, "_first_load", lambda: sentinel)
    inside, release = threading.Event(), threading.Event()

    def first_load() -> None:  # another thread, holding the loader's lock mid-load
        with _loading._lock:
            inside.set()
            release.wait()

    thread = threading.Thread(target=first_load)
    thread.start()
    inside.wait()
    try:
        child = os.fork()
        if child == 0:  # pragma: no cover (the child)
            os._exit(0 if _loading.bundle() is sentinel else 3)
        deadline = time.monotonic() + 60  # a guard against a hung child, not a measurement
        while True:
            done, status = os.waitpid(child, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(child, 9)
                os.waitpid(child, 0)
                pytest.fail("the forked child waited forever for the loader's lock")
            time.sleep(0.05)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        release.set()
        thread.join()


# --- item 19: the manifest is not a signature ---------------------------------------------------


def test_a_manifest_entry_outside_the_package_is_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_bytes(b"not ecpat data")
    directory = _copy(tmp_path / "site" / "pkg" / "data")
    entry = {"sha256": hashlib.sha256(b"not ecpat data").hexdigest(), "size": 14}
    _manifest(directory, **{"../../../secret.txt": entry})
    result = verify(directory, ecpat_data.__version__)
    assert "../../../secret.txt" not in {check.name for check in result.files}
    assert not result.ok
    assert any("../../../secret.txt" in problem for problem in result.problems)


def test_the_loader_trusts_only_data_file_names_in_the_manifest(tmp_path: Path) -> None:
    from ecpat_data._loading.manifest import validated_digests

    directory = _copy(tmp_path / "data")
    _manifest(directory, **{"../../x": {"sha256": "0" * 64}})
    assert set(validated_digests(directory, ecpat_data.__version__)) == set(FILES)


def test_show_does_not_traceback_on_data_a_forged_manifest_vouches_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = _copy(tmp_path / "data")

    def forge(document: dict[str, Any]) -> None:
        document["members"][0]["country"] = "ZZ"

    _edit(directory / "members.json", forge)
    _manifest(directory)  # edited together with the file: it vouches for anything
    bundle = load(directory)
    assert bundle.prevalidated
    use_bundle(monkeypatch, bundle)
    assert main(["show", "members"]) == 0
    assert "ZZ" in capsys.readouterr().out


# --- item 18: require says what it expected --------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [{"version": 1}, {"version": 0.1}, {"edition": 2026}, {"fingerprint": b"sha256:00"}],
    ids=["version-int", "version-float", "edition-int", "fingerprint-bytes"],
)
def test_require_with_a_value_that_is_not_a_string_is_a_type_error(
    kwargs: dict[str, Any],
) -> None:
    [name] = kwargs
    with pytest.raises(TypeError, match=rf"{name}= must be a string"):
        ecpat_data.require(**kwargs)


@pytest.mark.parametrize("kwargs", [{"version": ""}, {"version": "  "}, {"edition": ""}])
def test_require_with_an_empty_value_is_a_value_error(kwargs: dict[str, Any]) -> None:
    [name] = kwargs
    with pytest.raises(ValueError, match=rf"{name}= is empty"):
        ecpat_data.require(**kwargs)


# --- item 15: markdown for a pull request pings nobody -------------------------------------------

_MENTION = re.compile(r"(?<![\w`])@[\w-]+")
_BARE_URL = re.compile(r"(?<![`<\w])(?:https?://|www\.)\S+")


def _outside_code(markdown: str) -> str:
    """The markdown with every code span taken out."""
    return re.sub(r"(`+).*?\1", "", markdown)


def test_markdown_diff_neutralises_mentions_and_bare_urls(tmp_path: Path) -> None:
    old = _copy(tmp_path / "old")
    new = _copy(tmp_path / "new")

    def rename(document: dict[str, Any]) -> None:
        document["members"][0]["name"] = "ECPAT @ecpat/maintainers see https://example.org/x"
        document["members"][1]["name"] = "Ask @someone or www.example.org, mail a@b.org"

    _edit(new / "members.json", rename)
    _edit(
        new / "timeline.json",
        lambda d: d["events"].append(
            {**d["events"][0], "id": "new-event", "title": "Thanks @octocat https://x.org"}
        ),
    )
    text = render_markdown(diff_dirs(old, new))
    assert "@ecpat/maintainers" in text  # still there to read...
    plain = _outside_code(text)
    assert not _MENTION.findall(plain), plain  # ...but never where GitHub would link it
    assert not _BARE_URL.findall(plain), plain


def test_data_a_forged_manifest_vouches_for_that_cannot_be_built_is_a_data_error(
    tmp_path: Path,
) -> None:
    directory = _copy(tmp_path / "data")
    _edit(directory / "members.json", lambda d: d.update(members="not a list"))
    _manifest(directory)
    with pytest.raises(DataError) as raised:
        load(directory)
    assert {p.code for p in raised.value.problems} == {"wrong-type"}


def test_loading_many_problems_lists_the_validators_share_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    directory = _copy(tmp_path / "data")
    _edit(directory / "members.json", lambda d: d.update(members=[1] * 500))
    with pytest.raises(DataError) as raised:
        load(directory)
    error = raised.value
    assert 0 < len(error.problems) < 500
    assert error.omitted == 500 - len(error.problems)
    assert f"... and {500 - 20:,} more" in str(error)
    assert str(error).startswith("500 problem(s)")
