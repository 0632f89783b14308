"""Every user-facing string of the parent portal is marked for translation (issue 10, item 10).

The check is ``sendsupport.testing.translation``: see its docstring for the rules. To check another
parent-facing page, add its template to ``PARENT_FACING`` (or, for a section of the child's page,
to ``settings.PORTAL_SECTIONS``: those are checked too).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.template import loader
from django.urls import reverse
from django.utils.translation import trans_real

from sendsupport.testing.translation import assert_all_marked, find_unmarked, find_unmarked_in_source

PORTAL_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Parent-facing templates outside sendsupport/portal/templates/.
PARENT_FACING: list[str] = [
    "pupils/my_children.html",
    "includes/back_link.html",
    # a parent's views before a review
    "voice/parent_views.html",
    "voice/_portal_link.html",
    # the home-school link book (the same pages serve the parent and the staff chosen to read it)
    "linkbook/book.html",
    "linkbook/thread.html",
    "linkbook/_entry.html",
    # the timeline of a request for an EHC needs assessment
    "statutory/_portal_section.html",
]


def portal_templates() -> list[str]:
    own = sorted(path.relative_to(PORTAL_TEMPLATES).as_posix() for path in PORTAL_TEMPLATES.rglob("*.html"))
    names = own + list(settings.PORTAL_SECTIONS) + PARENT_FACING
    return list(dict.fromkeys(names))


@pytest.mark.parametrize("name", portal_templates())
def test_it_finds_no_unmarked_text_in_the_portal_template(name):
    assert_all_marked([name])


def test_it_finds_no_unmarked_text_in_the_parent_part_of_the_home_page():
    source = loader.get_template("home/home.html").template.source
    start = source.index("{% if is_parent %}")
    end = source.index("{% endif %}", start) + len("{% endif %}")
    parent_part = "\n" * source.count("\n", 0, start) + source[start:end]  # keeps the line numbers
    assert [str(item) for item in find_unmarked_in_source(parent_part, "home/home.html (the parent's part)")] == []


def test_it_checks_the_portal_own_templates_and_sections():
    names = portal_templates()
    assert "portal/child.html" in names
    assert "portal/preparing.html" in names
    assert set(settings.PORTAL_SECTIONS) <= set(names)


def test_it_catches_unmarked_text_with_its_line():
    found = find_unmarked_in_source('{% load i18n %}\n<h1>{% translate "Fine" %}</h1>\n<p>Hello {{ name }}</p>', "t")
    assert [(item.template, item.line, item.text) for item in found] == [("t", 3, "Hello {…}")]
    assert "t, line 3: 'Hello {…}'" in str(found[0])


def test_it_passes_marked_text():
    source = (
        "{% load i18n %}{# Not read by anyone #}\n"
        '<nav aria-label="{% translate "On this page" %}">\n'
        "<p>{% blocktranslate trimmed with first=name %}Hello <strong>{{ first }}</strong>, "
        '<a href="/x">read it</a>{% endblocktranslate %}</p>\n'
        "<p>{% blocktranslate count n=items|length %}One item{% plural %}{{ n }} items{% endblocktranslate %}</p>\n"
        "<script>var notText = 'Hello';</script><style>p::after { content: 'x' }</style><!-- a comment -->\n"
        '{% comment %}Not read either{% endcomment %}{{ date|date:"j F Y" }}, {{ a }} ({{ b }})\n'
        '{% include "includes/back_link.html" with href=back text=_("Back to your children") %}'
        '{{ x|default:_("Not recorded") }}'
    )
    assert find_unmarked_in_source(source) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('<img src="a.png" alt="A child reading">', 'alt="A child reading"'),
        ('<span title="More">{{ x }}</span>', 'title="More"'),
        ('<nav aria-label="On this page"></nav>', 'aria-label="On this page"'),
        ('<input name="q" placeholder="Search">', 'placeholder="Search"'),
        ('<input type="submit" value="Save">', 'value="Save"'),
        ('{{ x|default:"Not recorded" }}', '"Not recorded" in {{ x|default:"Not recorded" }}'),
        ('{% include "a.html" with text="Back" %}', '"Back" in {% include "a.html" with text="Back" %}'),
        ("{% if x %}Phone: {{ x }}{% endif %}", "{…}Phone: {…}"),
    ],
)
def test_it_catches_each_kind_of_unmarked_string(source, expected):
    assert [item.text for item in find_unmarked_in_source(source)] == [expected]


def test_it_does_not_report_values_that_are_not_read():
    source = '<input type="hidden" name="next" value="Home"><a href="/x" class="govuk-link">{{ a }}</a>'
    assert find_unmarked_in_source(source) == []


def test_it_reads_a_template_by_name_and_reports_it():
    found = find_unmarked("portal/child.html")
    assert all(item.template == "portal/child.html" for item in found)


@pytest.mark.django_db
def test_it_shows_the_page_in_the_words_of_a_translation(family, parent, pupil, login, monkeypatch):
    """Strings marked in templates and in Python reach the page through the translation catalog."""
    catalog = trans_real.translation(settings.LANGUAGE_CODE)._catalog._catalogs[0]
    words = {
        "On this page": "Ar y dudalen hon",  # {% translate %}
        "%(first)s's support": "Cymorth %(first)s",  # {% blocktranslate %}
        "Review on %(held_on)s": "Adolygiad ar %(held_on)s",  # blocktranslate with a filtered date
        "Partly achieved": "Wedi'i gyflawni'n rhannol",  # gettext_lazy in selectors
        "SENCO": "CAAAU",  # gettext in selectors
        "Back to your children": "Yn ôl at eich plant",  # _("...") in a tag
    }
    for msgid, msgstr in words.items():
        monkeypatch.setitem(catalog, msgid, msgstr)
    html = login(parent).get(reverse("portal:child", args=[pupil.pk])).content.decode()
    first = pupil.preferred_first_name or pupil.legal_first_name
    for expected in [
        "Ar y dudalen hon",
        f"Cymorth {first}",
        "Adolygiad ar 18 November 2025",
        "CAAAU",
        "Yn ôl at eich plant",
    ]:
        assert expected in html
    assert "rhannol" in html
    assert "On this page" not in html
