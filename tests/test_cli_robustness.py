"""The command line's failure paths: its exit status is its verdict, and it never tracebacks.

Faults that permission bits would cause are simulated (CI runs as root, where ``chmod`` stops
nobody): the call that would fail is made to raise ``PermissionError`` or ``OSError(ENOSPC)``.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest
from fixture_bundle import FILES, VALID, load_bundle, make_member, use_bundle, with_members

import ecpat_data
from ecpat_data._cli.main import main

if TYPE_CHECKING:
    from pathlib import Path


def _copy(directory: Path) -> Path:
    directory.mkdir(parents=True)
    for file in FILES:
        shutil.copyfile(VALID / file, directory / file)
    return directory


def _broken(directory: Path) -> Path:
    """A copy of the fixture data whose ``members.json`` does not validate."""
    _copy(directory)
    members = directory / "members.json"
    members.write_bytes(members.read_bytes().replace(b'"GB"', b'"UK"', 1))
    return directory


def _messy(directory: Path) -> Path:
    """A copy of the fixture data, valid but not in canonical form."""
    _copy(directory)
    members = directory / "members.json"
    members.write_text(json.dumps(json.loads(members.read_text("utf-8"))), encoding="utf-8")
    return directory


def _edited(directory: Path) -> Path:
    """A valid copy of the fixture data with one member's ``joined`` changed."""
    _copy(directory)
    members = directory / "members.json"
    document = json.loads(members.read_text("utf-8"))
    document["members"][0]["joined"] = "1990"
    members.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return directory


# --- item 1: a closed output pipe keeps the verdict -----------------------------------------

_RUN_MAIN = "import sys\nfrom ecpat_data._cli.main import main\nsys.exit(main(sys.argv[1:]))\n"

#: Makes ``info --verify`` check a directory whose one file differs from its manifest.
_ALTERED_INSTALL = textwrap.dedent(
    """
    import hashlib, json, pathlib, tempfile
    import ecpat_data, ecpat_data._core.resources as resources
    target = pathlib.Path(tempfile.mkdtemp())
    (target / "members.json").write_bytes(b"{}")
    entry = {"sha256": hashlib.sha256(b"[]").hexdigest(), "size": 2}
    manifest = {"version": ecpat_data.__version__, "files": {"members.json": entry}}
    (target / "MANIFEST.json").write_text(json.dumps(manifest))
    resources.installed_data = lambda: target
    """
)


def _with_closed_stdout(*argv: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """Run the command line with stdout a pipe whose reader has already gone."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-c", prelude + _RUN_MAIN, *argv],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    ("command", "make"),
    [
        (["validate"], _broken),
        (["fmt", "--check"], _messy),
        (["diff", str(VALID)], _edited),
    ],
    ids=["validate", "fmt-check", "diff"],
)
def test_a_closed_pipe_keeps_a_failing_verdict(
    tmp_path: Path, command: list[str], make: object
) -> None:
    assert callable(make)
    directory = make(tmp_path / "data")
    result = _with_closed_stdout(*command, str(directory))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr


def test_a_closed_pipe_keeps_a_failed_verification() -> None:
    result = _with_closed_stdout("info", "--verify", prelude=_ALTERED_INSTALL)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_a_closed_pipe_keeps_a_passing_verdict() -> None:
    result = _with_closed_stdout("validate", str(VALID))
    assert result.returncode == 0, result.stderr
    assert "Exception ignored" not in result.stderr


class _ClosesAfter(io.StringIO):
    """A stdout whose reader goes away after ``limit`` characters (``| head -c``)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, text: str) -> int:
        if self.tell() + len(text) > self.limit:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")
        return super().write(text)


def test_a_pipe_closed_mid_output_keeps_the_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _broken(tmp_path / "data")
    members = directory / "members.json"
    members.write_bytes(members.read_bytes().replace(b'"joined": "1997"', b'"joined": "1997-13"'))
    stdout = _ClosesAfter(40)
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["validate", str(directory)]) == 1
    assert len(stdout.getvalue()) <= 40


def test_fmt_finishes_its_work_when_the_pipe_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _messy(tmp_path / "data")
    (directory / "sources.json").write_text(
        json.dumps(json.loads((VALID / "sources.json").read_text("utf-8"))), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "stdout", _ClosesAfter(0))
    assert main(["fmt", str(directory)]) == 0
    for file in FILES:
        assert (directory / file).read_bytes() == (VALID / file).read_bytes()


# --- item 5: human output on a console that is not UTF-8 -------------------------------------


class _Console(io.TextIOWrapper):
    """A console that can show only the characters of its encoding; ``shown`` is its bytes."""

    def __init__(self, encoding: str) -> None:
        self.shown = io.BytesIO()
        super().__init__(self.shown, encoding=encoding, errors="strict", write_through=True)

    def close(self) -> None:  # keep the bytes readable after the test
        self.flush()


_KEEP: list[_Console] = []


def _console(monkeypatch: pytest.MonkeyPatch, encoding: str = "cp1252") -> io.BytesIO:
    """Make stdout and stderr a console that can only show ``encoding``; returns its bytes."""
    stream = _Console(encoding)
    _KEEP.append(stream)
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setattr(sys, "stderr", stream)
    return stream.shown


def test_show_on_a_cp1252_console_replaces_what_it_cannot_show(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bundle = load_bundle()
    use_bundle(monkeypatch, with_members(bundle, (make_member("ecpat-japan", "日本 ECPAT", "JP"),)))
    raw = _console(monkeypatch)
    assert main(["show", "members"]) == 0
    text = raw.getvalue().decode("cp1252")
    assert "ecpat-japan" in text
    assert "ECPAT" in text


@pytest.mark.parametrize(
    "command", [["validate"], ["fmt"], ["fmt", "--check"], ["diff", str(VALID)]]
)
def test_messages_naming_a_path_the_console_cannot_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    directory = _messy(tmp_path / "データ")
    raw = _console(monkeypatch)
    status = main([*command, str(directory)])
    assert status in (0, 1)
    text = raw.getvalue().decode("cp1252")
    assert "\\u30c7" in text or "?" in text or command == ["validate"]


def test_info_verify_on_an_ascii_console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecpat_data._core import resources

    data = tmp_path / "データ"
    data.mkdir()
    (data / "members.json").write_bytes(b"[]")
    entry = {"sha256": hashlib.sha256(b"[]").hexdigest(), "size": 2}
    manifest = {"version": ecpat_data.__version__, "files": {"members.json": entry}}
    (data / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setattr(resources, "installed_data", lambda: data)
    raw = _console(monkeypatch, "ascii")
    assert main(["info", "--verify"]) == 0
    assert b"verified" in raw.getvalue()


# --- item 11: SIGTERM cleans up like SIGINT ----------------------------------------------------


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name == "nt", reason="POSIX signals")
def test_sigterm_during_fmt_leaves_the_original_and_no_temporary_file(tmp_path: Path) -> None:
    directory = _messy(tmp_path / "data")
    before = (directory / "members.json").read_bytes()
    code = textwrap.dedent(
        """
        import os, signal, sys
        os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code + _RUN_MAIN, "fmt", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(os.listdir(directory)) == sorted(FILES)
    assert (directory / "members.json").read_bytes() == before


def test_the_sigterm_handler_is_restored_after_main(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM)
    main(["validate", str(VALID)])
    assert signal.getsignal(signal.SIGTERM) is before
