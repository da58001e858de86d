"""The garbage collector around bulk allocation.

Loading a model and building its graph allocate millions of small containers that
all stay alive: Python's cyclic garbage collector would traverse them again and again
(at 100,000 elements, seconds per pass) and find nothing to free. So those stages run
with the collector paused. Afterwards, for a large model, the survivors are moved to
the collector's permanent generation (:func:`gc.freeze`) so that later collections
skip them too; they are still freed by reference counting when dropped (the model
holds no reference cycles). Small models are left to the collector as usual, so a
long-running process that loads many small models (a test suite, an editor) keeps
collecting its cyclic garbage normally. A command of the command line loads one model and
exits (:func:`one_shot`): there the survivors are frozen at every size — at 10,000 elements
the collector's passes over the model cost ~0.6 s of a check's rules otherwise.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

FREEZE_FROM = 20_000  # elements: below this, a collection pass costs little (a long-running process)
_ONE_SHOT = False


def one_shot(on: bool = True) -> None:
    """Say that this process checks one model and exits (the command line; not the language server
    or ``check --watch``): what the loader and the graph build is then frozen whatever its size."""
    global _ONE_SHOT
    _ONE_SHOT = on


class Pause:
    """Set ``large`` inside the block to freeze what was allocated when it ends."""

    large = False


@contextmanager
def paused() -> Iterator[Pause]:
    pause = Pause()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield pause
    finally:
        if enabled:
            if pause.large or _ONE_SHOT:
                gc.freeze()
            gc.enable()
