"""Data output (CSV, JSON, NDJSON) as UTF-8 bytes, whatever the console's encoding."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TextIO

__all__ = ["write_data"]


def write_data(out: TextIO, data: bytes) -> None:
    """Write ``data`` to the binary stream under ``out`` (``sys.stdout.buffer``).

    A text stream without one (a ``StringIO`` in a test) gets the text decoded from UTF-8.
    """
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode("utf-8"))
        return
    out.flush()
    buffer.write(data)
    buffer.flush()
