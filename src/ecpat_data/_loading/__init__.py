"""The loaded bundle: one cache of the data, filled once, on first use, safely under threads.

This module is cheap to import (no pydantic, no file read): the package root imports the API,
which imports this. :func:`bundle` is the only way in; everything that serves records (the API,
the command line, reports, export, ``ecpat_data.types``) calls it.
"""

from __future__ import annotations

import _thread  # not threading: importing it costs about 1.5 ms (collections, functools)
import os  # already imported by the interpreter's start-up: free

TYPE_CHECKING = False  # the typing module costs a millisecond at import; see tomli
if TYPE_CHECKING:
    from .reader import Bundle

__all__ = ["bundle", "reset"]

_lock = _thread.allocate_lock()
_loaded: Bundle | None = None
#: True while the first load has the cyclic GC paused (for a child forked meanwhile).
_gc_paused = False


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
            import atexit  # built in, already imported by the interpreter's start-up

            atexit.unregister(_release)  # once, however often tests reset() the cache
            atexit.register(_release)
        return _loaded


def _release() -> None:
    """At exit: drop the cached bundle, so that the interpreter frees its records at once.

    Otherwise they live until the collector's final passes over everything at shutdown, which
    traverse each of the load's several thousand objects (about 2 % of the first-load command's
    instructions, measured with callgrind; docs/performance.md). Records the program still
    holds stay alive; a call after this one (from an exit handler registered earlier) loads
    the data again.
    """
    global _loaded
    _loaded = None


def _first_load() -> Bundle:
    """Import pydantic and the models and load the data, with the cyclic GC paused.

    The first load allocates tens of thousands of objects that stay alive and form no garbage
    cycles, so the collections they trigger find nothing; pausing them saves about 4 ms inside
    the process and 2 ms end to end (docs/performance.md). The collector's previous state is
    restored, even on error.

    After a successful load, the objects it made are moved to the collector's oldest
    generation (``gc.freeze()`` then ``gc.unfreeze()``, which is what those two calls do
    together) instead of being traversed by the first young collection after it, which
    would find nothing either (about 1 % of the first load's instructions, net). Nothing stays
    frozen; when the program has frozen objects of its own (``gc.get_freeze_count()``), this
    step is skipped, so that they stay frozen. The program's own young objects move too: any
    garbage cycle among them is collected by the next full collection rather than the next
    young one (Python promises no sooner).
    """
    import gc

    global _gc_paused
    paused = _gc_paused = gc.isenabled()
    gc.disable()
    try:
        from .._core.resources import data_dir
        from .reader import load

        loaded = load(data_dir())
        if paused and not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        return loaded
    finally:
        _gc_paused = False
        if paused:
            gc.enable()


def _new_lock_in_child() -> None:
    """After ``fork()``: a fresh lock, since the thread that held the parent's (say, in the
    middle of the first load) does not exist in the child, which would wait for it forever."""
    global _lock, _gc_paused
    _lock = _thread.allocate_lock()
    if _gc_paused:  # the load that paused the collector goes on only in the parent
        import gc

        gc.enable()
        _gc_paused = False


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_new_lock_in_child)


def reset(data: Bundle | None = None) -> None:
    """Replace the cached bundle (tests serve fixtures this way); ``None`` reloads on next use."""
    global _loaded
    with _lock:
        _loaded = data
