"""The command line's failure paths: its exit status is its verdict, and it never tracebacks.

Faults that permission bits would cause are simulated (CI runs as root, where ``chmod`` stops
nobody): the call that would fail is made to raise ``PermissionError`` or ``OSError(ENOSPC)``.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import hashlib
import io
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest
from fixture_bundle import FILES, VALID, load_bundle, make_member, use_bundle, with_members

import ecpat_data
from ecpat_data._cli.main import COMMANDS, main
from ecpat_data._core import resources


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


def test_without_a_console_the_verdict_still_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _broken(tmp_path / "data")
    monkeypatch.setattr(sys, "stdout", None)  # pythonw on Windows
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["validate", str(directory)]) == 1


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


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_validate_json_on_a_console_that_cannot_show_a_path_is_still_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    directory = _copy(tmp_path / "données-\U0001f600")
    members = directory / "members.json"
    document = json.loads(members.read_text("utf-8"))
    document["members"][0]["unexpected"] = True
    members.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    raw = _console(monkeypatch, encoding)
    assert main(["validate", "--format", "json", str(directory)]) == 1
    problems = json.loads(raw.getvalue().decode(encoding))
    assert problems[0]["file"] == str(members)


def test_data_output_is_never_escaped_to_suit_the_console(monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = load_bundle()
    use_bundle(monkeypatch, with_members(bundle, (make_member("ecpat-japan", "日本 ECPAT", "JP"),)))
    raw = _console(monkeypatch)
    with contextlib.suppress(UnicodeEncodeError):  # export's bytes are issue 11's
        main(["export", "members"])
    assert b"\\u65e5" not in raw.getvalue()


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


# --- items 6 and 17: fmt writes safely, or says in one line why it cannot ----------------------


def _one_line_error(err: str, *words: str) -> None:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("ecpat-data: error:")]
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0]


def test_fmt_in_a_read_only_directory_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = _messy(tmp_path / "data")
    before = (directory / "members.json").read_bytes()

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(directory))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert main(["fmt", str(directory)]) == 2
    _one_line_error(capsys.readouterr().err, "members.json", "Permission denied")
    assert (directory / "members.json").read_bytes() == before


def test_fmt_on_a_full_disk_is_a_one_line_error_and_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = _messy(tmp_path / "data")
    before = (directory / "members.json").read_bytes()

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(["fmt", str(directory)]) == 2
    _one_line_error(capsys.readouterr().err, "members.json", "No space left on device")
    assert (directory / "members.json").read_bytes() == before
    assert sorted(os.listdir(directory)) == sorted(FILES)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root"
)
def test_fmt_keeps_the_owner_of_the_file(tmp_path: Path) -> None:
    directory = _messy(tmp_path / "data")
    members = directory / "members.json"
    os.chown(members, 4321, 4322)
    assert main(["fmt", str(members)]) == 0
    assert members.read_bytes() == (VALID / "members.json").read_bytes()
    assert (members.stat().st_uid, members.stat().st_gid) == (4321, 4322)


def _patch_file_system(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, new: Any) -> None:
    """Replace ``module.name`` and, on Python 3.10, pathlib's copy of it (its accessor binds
    ``os.stat``, ``io.open``, ... when pathlib is imported, so patching ``os`` alone misses it)."""
    monkeypatch.setattr(module, name, new)
    accessor = getattr(pathlib, "_NormalAccessor", None)
    if accessor is not None and name in vars(accessor):
        monkeypatch.setattr(accessor, name, staticmethod(new))


# --- item 7: a directory that cannot be entered ----------------------------------------------


def _lock(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Make every path below ``locked`` fail as if ``locked`` had no search permission."""
    prefix = str(locked) + os.sep

    def guard(real: Any) -> Any:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(path, (str, os.PathLike)) and os.fspath(path).startswith(prefix):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)

        return call

    for name in ("stat", "lstat", "scandir", "listdir"):
        _patch_file_system(monkeypatch, os, name, guard(getattr(os, name)))
    monkeypatch.setattr(os, "open", guard(os.open))
    _patch_file_system(monkeypatch, io, "open", guard(io.open))
    monkeypatch.setattr("builtins.open", guard(open))


@pytest.mark.parametrize(
    "command",
    [["validate"], ["validate", "--format", "json"], ["fmt"], ["fmt", "--check"], ["diff", "V"]],
)
@pytest.mark.parametrize("target", ["data", "data/members.json"])
def test_a_directory_that_cannot_be_entered_is_a_one_line_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    target: str,
) -> None:
    locked = tmp_path / "locked"
    _copy(locked / "data")
    if command[0] == "diff" and target.endswith(".json"):
        pytest.skip("diff compares directories")
    argv = [str(VALID) if word == "V" else word for word in command]
    _lock(monkeypatch, locked)
    assert main([*argv, str(locked / target)]) == 2
    _one_line_error(capsys.readouterr().err, "Permission denied")


def test_validate_reports_a_directory_that_cannot_be_entered_without_raising(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecpat_data._validation.validate import validate

    locked = tmp_path / "locked"
    _copy(locked / "data")
    _lock(monkeypatch, locked)
    report = validate(locked / "data")
    assert not report.ok
    assert {p.code for p in report.problems} == {"unreadable"}


# --- items 8 and 9: fmt checks a file before reading it, as validate does ----------------------


def _fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    os.mkfifo(path)


def _endless(path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this platform")
    path.symlink_to("/dev/zero")


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.json")


def _loop(path: Path) -> None:
    path.symlink_to(path)


def _directory(path: Path) -> None:
    path.mkdir()


_NOT_A_FILE = {
    "fifo": _fifo,
    "link-to-dev-zero": _endless,
    "dangling-link": _dangling,
    "link-loop": _loop,
    "directory": _directory,
}


@pytest.mark.parametrize("given", ["file", "directory"])
@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero"])
def test_fmt_refuses_what_is_not_a_regular_file_without_reading_it(
    tmp_path: Path, kind: str, given: str
) -> None:
    directory = _copy(tmp_path / "data")
    members = directory / "members.json"
    members.unlink()
    _NOT_A_FILE[kind](members)
    target = members if given == "file" else directory
    for command in (["validate"], ["fmt"]):
        # In a child process, so that a read that never ends fails the test instead of hanging.
        result = subprocess.run(
            [sys.executable, "-c", _RUN_MAIN, *command, str(target)],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert result.returncode == 1, (command, result.stderr)
        assert "not a regular file" in result.stdout + result.stderr


def test_fmt_file_refuses_a_file_over_the_size_limit_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ecpat_data._validation import jsonread

    directory = _copy(tmp_path / "data")
    members = directory / "members.json"
    with members.open("r+b") as handle:
        handle.truncate(jsonread.MAX_BYTES + 1)  # sparse: takes no room on disk
    monkeypatch.setattr(
        Path, "read_bytes", lambda self: pytest.fail(f"{self} was read whole before its size")
    )
    assert main(["fmt", str(members)]) == 1
    assert "larger than the limit" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["dangling-link", "link-loop", "directory"])
def test_fmt_dir_fails_where_validate_dir_fails_on_a_file_that_is_not_regular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    directory = _copy(tmp_path / "data")
    members = directory / "members.json"
    members.unlink()
    _NOT_A_FILE[kind](members)
    assert main(["validate", str(directory)]) == 1
    assert main(["fmt", "--check", str(directory)]) == 1
    assert "members.json" in capsys.readouterr().out


# --- item 13: one table of exit statuses --------------------------------------------------------


def _unreadable(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    real = io.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(file, *args, **kwargs)

    _patch_file_system(monkeypatch, io, "open", refuse)
    monkeypatch.setattr("builtins.open", refuse)
    real_os_open = os.open

    def refuse_os(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_os)


@pytest.mark.parametrize("command", [["validate"], ["fmt"], ["fmt", "--check"]])
@pytest.mark.parametrize("case", ["not-a-data-file-name", "empty-directory", "unreadable-file"])
def test_validate_and_fmt_give_the_same_status_for_paths_that_hold_no_data(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    case: str,
) -> None:
    if case == "not-a-data-file-name":
        path = tmp_path / "notes.json"
        path.write_text("{}", encoding="utf-8")
    elif case == "empty-directory":
        path = tmp_path / "empty"
        path.mkdir()
    else:
        path = _copy(tmp_path / "data") / "members.json"
        _unreadable(monkeypatch, path)
    assert main([*command, str(path)]) == 2
    _one_line_error(capsys.readouterr().err)


def test_diff_names_a_file_given_for_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _copy(tmp_path / "data") / "members.json"
    assert main(["diff", str(file), str(VALID)]) == 2
    err = capsys.readouterr().err
    assert "no such" not in err
    assert f"{file}: not a directory" in err


_ROW = re.compile(r"^\| `(\d+)` \|", re.MULTILINE)


def _documented_statuses() -> set[int]:
    docs = Path(__file__).parents[1] / "docs" / "cli.md"
    if not docs.is_file():
        pytest.skip("docs/cli.md is not in this tree")
    text = docs.read_text("utf-8")
    return {int(number) for number in _ROW.findall(text)}


#: (command line, exit status) for every command's outcomes, as docs/cli.md's table gives them.
_STATUSES: list[tuple[list[str], int]] = [
    (["info"], 0),
    (["info", "--json"], 0),
    (["info", "--verify"], 2),  # a source checkout: nothing to verify against
    (["validate", "{valid}"], 0),
    (["validate", "{broken}"], 1),
    (["validate", "{missing}"], 2),
    (["fmt", "--check", "{valid}"], 0),
    (["fmt", "--check", "{messy}"], 1),
    (["fmt", "--check", "{broken}"], 1),
    (["fmt", "{missing}"], 2),
    (["schema", "members"], 0),
    (["schema", "nothing"], 2),
    (["show", "members"], 0),
    (["show", "timeline", "--country", "GB"], 2),
    (["export", "members"], 0),
    (["export"], 2),
    (["diff", "{valid}", "{valid}"], 0),
    (["diff", "{valid}", "{edited}"], 1),
    (["diff", "{valid}", "{broken}"], 2),
    (["diff", "{valid}", "{missing}"], 2),
    (["--no-such-option"], 2),
]


@pytest.mark.parametrize(
    ("argv", "status"), _STATUSES, ids=[" ".join(argv) for argv, _ in _STATUSES]
)
def test_every_command_exits_with_a_documented_status(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    status: int,
) -> None:
    use_bundle(monkeypatch, load_bundle())
    if argv == ["info", "--verify"] and resources.installed_data() is not None:
        pytest.skip("an installed wheel has a manifest to verify against")
    paths = {
        "valid": str(VALID),
        "broken": str(_broken(tmp_path / "broken")),
        "messy": str(_messy(tmp_path / "messy")),
        "edited": str(_edited(tmp_path / "edited")),
        "missing": str(tmp_path / "missing"),
    }
    try:
        got = main([word.format(**paths) for word in argv])
    except SystemExit as exit_:  # argparse's usage errors
        got = int(exit_.code or 0)
    assert got == status, capsys.readouterr()
    assert status in _documented_statuses()


def test_the_documented_table_lists_the_interrupt_statuses() -> None:
    assert {0, 1, 2, 130, 143} <= _documented_statuses()


# --- help (issue 11): every command explains itself -------------------------------------------


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    from ecpat_data._cli.main import _parser

    [commands] = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(commands.choices)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_a_description_an_example_and_its_exit_statuses(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    description = _subparsers()[command].description
    assert description
    assert len(description.split()) >= 20  # a paragraph, not a label
    assert f"examples:\n  ecpat-data {command}" in text
    assert "exit status:\n  0 " in text
    for status in (130, 143):
        assert str(status) in text


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_of_every_command_has_help_text(command: str) -> None:
    for action in _subparsers()[command]._actions:
        assert action.help, (command, action.dest)
        assert action.help != argparse.SUPPRESS, (command, action.dest)


def test_an_output_whose_real_stream_was_closed_flushes_quietly() -> None:
    from ecpat_data._cli.streams import Output

    real = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    out = Output(real)  # type: ignore[arg-type]
    out.write("text")
    out.buffer.write(b"bytes")
    real.close()
    out.flush()
    out.close()
    assert out.closed


def test_an_output_finalised_after_its_real_stream_closed_reports_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    from ecpat_data._cli.streams import Output

    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    real = io.StringIO()
    out = Output(real)  # type: ignore[arg-type]
    out.write("text")
    real.close()
    del out
    gc.collect()
    assert unraisable == []
