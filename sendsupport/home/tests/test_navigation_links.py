"""The menu's links are worked out once per process: they must stay what reverse() gives, under
whatever prefix the site is served from."""

from __future__ import annotations

import pytest
from django.urls import reverse, set_script_prefix

from sendsupport.home.context_processors import link

NAMES = ["home", "compliance:todo", "pupils:register", "schools:la_overview", "pupils:my_children"]


@pytest.mark.parametrize("name", NAMES)
def test_a_remembered_link_is_what_reverse_gives(name):
    assert link(name) == reverse(name)
    assert link(name) == reverse(name)  # asked again, from what was remembered


def test_a_site_served_under_a_prefix_gets_links_under_it():
    plain = link("pupils:register")
    set_script_prefix("/sendsupport/")
    try:
        assert link("pupils:register") == "/sendsupport" + plain
    finally:
        set_script_prefix("/")
    assert link("pupils:register") == plain
