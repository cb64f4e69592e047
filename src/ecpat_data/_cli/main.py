"""The ``ecpat-data`` command line: the parser, and dispatch to one module per command.

Each command lives in ``commands/<name>.py`` with ``add_parser(commands)`` (its options and
help) and ``run(args, out) -> int`` (its exit status, see ``status``).
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Final

from .status import FAILED, OK

if TYPE_CHECKING:
    from collections.abc import Sequence
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    module = _command(args.command)
    from .._core.errors import EcpatDataError

    try:
        status: int = module.run(args, sys.stdout)
    except EcpatDataError as problem:
        print(f"ecpat-data: {problem}", file=sys.stderr)
        return FAILED
    except BrokenPipeError:  # e.g. `ecpat-data show members | head`
        sys.stderr.close()
        return OK
    except KeyboardInterrupt:
        return 130
    return status
