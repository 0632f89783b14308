"""gunicorn's settings for sendsupport (the README's serving command and the benchmarks use it).

The application is loaded once in the master process, with every view imported and every template
compiled (``sendsupport.core.warm``: otherwise each worker paid about 0.7 s on its first request
after every start). Then every object it made is frozen out of the garbage collector's reach
before the workers fork: the workers' collections then walk only what a request makes, and the
shared pages of memory stay shared (no copy-on-write from the collector touching them). Under load,
full collections of the whole application had cost 100-500 ms at a time.
"""

from __future__ import annotations

import gc
from typing import Any

preload_app = True

# Keep an idle connection open longer than a browser or a proxy in front waits before reusing it.
# With gunicorn's default of 2 seconds, a request sent as the server closed the connection was
# reset: the load benchmark saw about 1 request in 100 fail so, at 1 to 3 seconds between clicks.
keepalive = 20


def when_ready(server: Any) -> None:
    if server.cfg.preload_app:  # the application is loaded in this process (preload_app above)
        from sendsupport.core.warm import warm_up

        warm_up()
    gc.collect()
    gc.freeze()
