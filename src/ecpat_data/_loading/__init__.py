"""The loaded bundle: one cache of the data, filled once, on first use, safely under threads.

This module is cheap to import (no pydantic, no file read): the package root imports the API,
which imports this. :func:`bundle` is the only way in; everything that serves records (the API,
the command line, reports, export, ``ecpat_data.types``) calls it.
"""

from __future__ import annotations

import _thread  # not threading: importing it costs about 1.5 ms (collections, functools)

TYPE_CHECKING = False  # the typing module costs a millisecond at import; see tomli
if TYPE_CHECKING:
    from .reader import Bundle

__all__ = ["bundle", "reset"]

_lock = _thread.allocate_lock()
_loaded: Bundle | None = None


def bundle() -> Bundle:
    """The bundled data, loaded on first call (pycountry-style: a lock, the flag set last)."""
    data = _loaded  # a module global read: a few nanoseconds once loaded
    if data is None:
        data = _load_once()
    return data


def _load_once() -> Bundle:
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _first_load()  # assigned only once fully built
        return _loaded


def _first_load() -> Bundle:
    """Import pydantic and the models and load the data, with the cyclic GC paused.

    The first load allocates tens of thousands of objects that stay alive and form no garbage
    cycles, so the collections they trigger find nothing; pausing them saves about 4 ms inside
    the process and 2 ms end to end (docs/performance.md). The collector's previous state is
    restored, even on error.
    """
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        from .._core.resources import data_dir
        from .reader import load

        return load(data_dir())
    finally:
        if paused:
            gc.enable()


def reset(data: Bundle | None = None) -> None:
    """Replace the cached bundle (tests serve fixtures this way); ``None`` reloads on next use."""
    global _loaded
    with _lock:
        _loaded = data
