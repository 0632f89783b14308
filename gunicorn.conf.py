"""gunicorn's settings for sendsupport (the README's serving command and the benchmarks use it).

The application is loaded once in the master process, then every object it made is frozen out of
the garbage collector's reach before the workers fork: the workers' collections then walk only what
a request makes, and the shared pages of memory stay shared (no copy-on-write from the collector
touching them). Under load, full collections of the whole application had cost 100-500 ms at a time.
"""

from __future__ import annotations

import gc
from typing import Any

preload_app = True


def when_ready(server: Any) -> None:  # noqa: ARG001 - gunicorn's hook signature
    gc.collect()
    gc.freeze()
