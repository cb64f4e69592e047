"""The ``ecpat-data`` command line: the parser, and dispatch to one module per command.

Each command lives in ``commands/<name>.py`` with ``add_parser(commands)`` (its options and
help) and ``run(args, out) -> int`` (its exit status, see ``status``).
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from importlib import import_module
from typing import TYPE_CHECKING, Final, TextIO, cast

from .status import FAILED, INTERRUPTED, TERMINATED, describe, error
from .streams import Output, guarded_streams

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from types import ModuleType

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["COMMANDS", "main"]

#: The commands, in the order ``--help`` lists them; each is ``commands/<name>.py``.
COMMANDS: Final = ("info", "validate", "fmt", "schema", "show", "export", "diff", "plot")


def _command(name: str) -> ModuleType:
    return import_module(f".commands.{name}", __package__)


def _parser() -> argparse.ArgumentParser:
    from .._version import __version__

    parser = argparse.ArgumentParser(
        prog="ecpat-data",
        description="ECPAT International's reference data: inspect, validate, format, export.",
    )
    parser.add_argument("--version", action="version", version=f"ecpat-data {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for name in COMMANDS:
        _command(name).add_parser(commands)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM (a cancelled CI job, ``timeout``), taking the same way out as Ctrl-C."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


def _terminate(signal_number: int, frame: object) -> None:
    raise Terminated(signal_number)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While a command runs, SIGTERM raises :class:`Terminated` (a ``KeyboardInterrupt``), so
    that the library's clean-up (temporary files removed in ``finally``) runs as on Ctrl-C.

    Signal handlers can only be installed from the main thread: elsewhere this does nothing.
    The previous handler is restored afterwards.
    """
    sigterm = getattr(signal, "SIGTERM", None)
    if sigterm is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(sigterm, _terminate)
    try:
        yield
    finally:
        signal.signal(sigterm, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see ``status``)."""
    with guarded_streams() as out, _sigterm_as_interrupt():
        try:
            return _dispatch(argv, out)
        except Terminated:
            print("ecpat-data: terminated", file=sys.stderr)
            return TERMINATED
        except KeyboardInterrupt:
            print("ecpat-data: interrupted", file=sys.stderr)
            return INTERRUPTED


def _dispatch(argv: Sequence[str] | None, out: Output) -> int:
    args = _parser().parse_args(argv)
    module = _command(args.command)
    # A command whose stdout is data (export) must not have characters silently escaped.
    out.escape = not getattr(module, "WRITES_DATA", False)
    from .._core.errors import EcpatDataError

    try:
        status: int = module.run(args, cast("TextIO", out))
    except EcpatDataError as problem:
        print(f"ecpat-data: {problem}", file=sys.stderr)
        return FAILED
    except OSError as problem:  # a path that cannot be entered, read or written
        return error(describe(problem))
    return status
