"""Pause Python's cycle collector while the generator runs.

The generator makes millions of small objects (YAML nodes, values, page fragments) and
keeps most of them until it ends. Each time enough of them pile up, the cycle collector
walks everything alive, again and again; on 10,000 events that costs more than parsing
itself (see the benchmark in the README). Nothing the generator makes needs the
collector: plain reference counting frees it. So the collector is paused for a run and
restored after, also when the generator runs inside MkDocs' long-lived process.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
