"""The command line's output streams: a closed pipe never changes the verdict, and a console
that cannot show a character gets an escape instead of an error.

While a command runs, ``sys.stdout`` and ``sys.stderr`` are :class:`Output` wrappers around the
real streams:

- a write to a pipe whose reader has gone (``ecpat-data validate DATA | head -n 1``) raises
  ``BrokenPipeError``; the wrapper swallows it, remembers it, and drops everything written
  after, so the command runs to the end and its exit status is its own verdict;
- text the stream's encoding cannot carry (a ``cp1252`` or ``ascii`` console, a file name with
  undecodable bytes) is written with Python-style escapes (``\\u65e5``), as Python itself does
  on stderr, instead of raising ``UnicodeEncodeError``.

Data output (``export``'s CSV and JSON) is bytes, written to the ``buffer`` attribute: it gets
the same pipe handling and no replacement (bytes need none).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import IO, TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import TextIO

__all__ = ["Output", "guarded_streams"]


class _Pipe:
    """Whether the reader of one stream has gone; shared by its text and byte sides."""

    broken = False


class _BinaryOutput(io.RawIOBase):
    """The byte side of an :class:`Output`: writes pass through until the pipe breaks."""

    def __init__(self, stream: IO[bytes], pipe: _Pipe) -> None:
        super().__init__()
        self._stream = stream
        self._pipe = pipe

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = len(memoryview(data))
        if not self._pipe.broken:
            try:
                self._stream.write(data)
            except BrokenPipeError:
                self._pipe.broken = True
        return size

    def flush(self) -> None:
        if not self._pipe.broken and not getattr(self._stream, "closed", False):
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._pipe.broken = True


class Output(io.TextIOBase):
    """A text stream that survives a closed pipe and characters its console cannot show."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self._pipe = _Pipe()
        self._buffer: _BinaryOutput | None = None
        #: Escape what the encoding cannot carry (human output). False for data output, which
        #: must fail rather than be silently altered.
        self.escape = True

    @property
    def broken(self) -> bool:
        """True once a write or flush found the reader gone."""
        return self._pipe.broken

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def buffer(self) -> _BinaryOutput:
        """The byte stream underneath, for data output (UTF-8 bytes whatever the console)."""
        if self._buffer is None:
            underlying = getattr(self._stream, "buffer", None)
            if underlying is None:
                raise AttributeError("this stream has no byte buffer")
            self._text_flush()
            self._buffer = _BinaryOutput(underlying, self._pipe)
        return self._buffer

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return bool(self._stream.isatty())
        except (AttributeError, ValueError, OSError):
            return False

    def fileno(self) -> int:
        return self._stream.fileno()

    def write(self, text: str) -> int:
        if self._pipe.broken:
            return len(text)
        try:
            try:
                self._stream.write(text)
            except UnicodeEncodeError:
                if not self.escape:
                    raise
                encoding = self.encoding
                self._stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        except BrokenPipeError:
            self._pipe.broken = True
        return len(text)

    def _text_flush(self) -> None:
        # A real stream closed before this wrapper is (its finaliser flushes: say, a test's
        # capture, or sys.stdout closed by the program) has nothing left to flush.
        if getattr(self._stream, "closed", False):
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._pipe.broken = True

    def flush(self) -> None:
        if not self._pipe.broken:
            self._text_flush()
        if self._buffer is not None:
            self._buffer.flush()


def _silence(stream: TextIO) -> None:
    """Point a stream's file descriptor at the null device, so that the interpreter's final
    flush of what is still buffered does not fail (the Python docs' advice on SIGPIPE)."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, ValueError, OSError):
        return  # not a real file (a test's capture): nothing is flushed at exit
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, descriptor)
        finally:
            os.close(null)


@contextlib.contextmanager
def guarded_streams() -> Iterator[Output]:
    """Make ``sys.stdout`` and ``sys.stderr`` :class:`Output` wrappers; yields the stdout one.

    On leaving, the real streams are put back, and a stream whose reader has gone is pointed at
    the null device.
    """
    real_out, real_err = sys.stdout, sys.stderr
    # No console at all (pythonw on Windows): output goes nowhere, the status still counts.
    out = Output(real_out if real_out is not None else io.StringIO())
    err = Output(real_err if real_err is not None else io.StringIO())
    sys.stdout, sys.stderr = cast("TextIO", out), cast("TextIO", err)
    try:
        yield out
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr = real_out, real_err
        for wrapper, real in ((out, real_out), (err, real_err)):
            if wrapper.broken and real is not None:
                _silence(real)
