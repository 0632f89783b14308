"""What a web process would otherwise do on its first requests, done once before gunicorn forks.

With ``preload_app`` the master imports the application, but Django still imports every view (the
URLconf, about 0.65 s here) on a worker's first request, and compiles each template (0.3 s for all
of them) the first time a page uses it. Each worker paid that on its first requests after every
start. Done in the master, every worker starts with it, and shares the memory (``gunicorn.conf.py``
then freezes it out of the garbage collector's reach).
"""

from __future__ import annotations

from pathlib import Path

from django.db import connections
from django.template import engines
from django.urls import get_resolver, reverse

TEMPLATE_SUFFIXES = (".html", ".txt")


def template_names() -> list[str]:
    """Every template the Django engine can find (ours and the installed apps'), by name."""
    engine = engines["django"].engine
    names: set[str] = set()
    for loader in engine.template_loaders:
        for source in getattr(loader, "loaders", [loader]):  # the cached loader wraps the others
            for folder in source.get_dirs():
                root = Path(folder)
                names.update(
                    path.relative_to(root).as_posix()
                    for path in root.rglob("*")
                    if path.is_file() and path.suffix in TEMPLATE_SUFFIXES
                )
    return sorted(names)


def warm_up() -> int:
    """Import every view, build the URL tables and compile every template; returns how many
    templates were compiled. A template that does not compile stops the server starting."""
    get_resolver().url_patterns  # noqa: B018 - imports every urls module, and with it every view
    reverse("home")  # builds the reverse lookup tables
    engine = engines["django"].engine
    names = template_names()
    for name in names:
        engine.get_template(name)  # the cached loader keeps it
    # Nothing above should touch the database; if anything did, no connection may be shared with
    # the workers forked after this.
    connections.close_all()
    return len(names)
