"""Before gunicorn forks its workers, the master imports every view and compiles every template,
so that no worker's first request pays for them; a template that does not compile stops the start."""

from __future__ import annotations

import pytest
from django.template import TemplateSyntaxError, engines
from django.test import override_settings

from sendsupport.core.warm import template_names, warm_up


def _cached_names() -> set[str]:
    (loader,) = engines["django"].engine.template_loaders  # the cached loader
    return set(loader.get_template_cache)


def test_every_template_is_compiled_and_kept():
    names = template_names()
    assert {"base.html", "pupils/register.html", "admin/base.html"} <= set(names)  # ours, an app's, Django's
    assert warm_up() == len(names)
    assert set(names) <= _cached_names()  # each page's first request finds its templates compiled


def test_a_template_that_does_not_compile_stops_the_start(tmp_path, settings):
    (tmp_path / "broken.html").write_text("{% if %}nothing to test{% endif %}")
    templates = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    with override_settings(TEMPLATES=templates), pytest.raises(TemplateSyntaxError):
        warm_up()
