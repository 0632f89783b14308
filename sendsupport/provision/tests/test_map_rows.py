"""The provision map's table rows are written in Python (hundreds of rows, too slow through the template
engine): these compare them, byte for byte, with what the template wrote before, on awkward values
(characters to escape, no deliverers, an outside deliverer, an end date, no hourly cost, no cost)."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import engines

from sendsupport.provision import costing
from sendsupport.provision.selectors_map import MapRow, PupilBar
from sendsupport.provision.views_map import provision_rows, pupil_rows

# The template's loops as they were, kept here as the reference.
PROVISION_LOOP = """{% load provision_map %}{% for row in rows %}
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">{% if map.with_costs or row.pk in mine %}<a class="govuk-link" href="{% url 'provision:map_provision_impact' row.pk %}">{{ row.name }}<span class="govuk-visually-hidden"> – entry and exit measures</span></a>{% else %}{{ row.name }}{% endif %}</th>
      <td class="govuk-table__cell">{{ row.intervention }}</td>
      <td class="govuk-table__cell">{{ row.area_label }}</td>
      <td class="govuk-table__cell">{{ row.funding_label }}</td>
      <td class="govuk-table__cell">{{ row.schedule }}{% if row.place %}, {{ row.place }}{% endif %}</td>
      <td class="govuk-table__cell">{% for user_id, name in row.deliverers %}{% if map.with_costs %}<a class="govuk-link" href="{% url 'provision:map_staff' user_id %}">{{ name }}</a>{% else %}{{ name }}{% endif %}{% if not forloop.last or row.external_deliverer %}, {% endif %}{% endfor %}{{ row.external_deliverer }}{% if not row.deliverers and not row.external_deliverer %}Not named{% endif %}</td>
      <td class="govuk-table__cell">{{ row.starts_on|date:"j M Y" }} to {% if row.ends_on %}{{ row.ends_on|date:"j M Y" }}{% else %}no end date{% endif %}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ row.pupils }}</td>
      <td class="govuk-table__cell">{{ row.year_groups_label }}</td>
      {% if map.with_costs %}
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ row.cost.planned_to_date|default:0|pence }}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ row.cost.delivered_to_date|default:0|pence }}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ row.cost.projected_year|default:0|pence }}{% if row.uncosted %} <strong class="govuk-tag govuk-tag--yellow">No hourly cost set</strong>{% endif %}</td>
      {% endif %}
    </tr>
  {% endfor %}"""

PUPIL_LOOP = """{% load provision_map %}{% for bar in bars %}
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{% url 'pupils:detail' bar.pupil_id %}">{{ bar.name }}</a></th>
      <td class="govuk-table__cell">{{ bar.year_label }}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ bar.planned_year|pence }}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ bar.delivered_to_date|pence }}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ bar.projected_year|pence }}</td>
      <td class="govuk-table__cell">{% if bar.over %}<strong class="govuk-tag govuk-tag--red">Over</strong>{% else %}No{% endif %}</td>
    </tr>
  {% endfor %}"""


def _row(pk: int, **changes) -> MapRow:
    values = {
        "pk": pk,
        "name": "Group <b>\"A\"</b> & 'co'",
        "intervention_id": 1,
        "intervention": "Reading & <writing>",
        "area": "cognition",
        "funding": "notional_sen",
        "one_to_one": False,
        "sessions_per_week": 3,
        "session_minutes": 30,
        "starts_on": date(2026, 9, 7),
        "ends_on": None,
        "place": "",
        "external_deliverer": "",
        "deliverers": [(7, "Ann <O'Neil>"), (8, "Bo & Co")],
        "pupil_years": {1: "3", 2: "R"},
        "cost": costing.ProvisionCost(pk, 123456, 7, 1234567890, 5),
    }
    values.update(changes)
    return MapRow(**values)


ROWS = [
    _row(1),
    _row(2, one_to_one=True, sessions_per_week=5, session_minutes=45, place="Room <2>", external_deliverer="S&L"),
    _row(3, deliverers=[], external_deliverer="", ends_on=date(2027, 3, 1), cost=None, uncosted=True),
    _row(4, deliverers=[], external_deliverer='Outside "team"', pupil_years={}, uncosted=True),
    _row(5, deliverers=[(9, "")], sessions_per_week=1),
]


@pytest.mark.parametrize("with_costs", [True, False])
@pytest.mark.parametrize("mine", [set(), {2, 4}])
def test_provision_rows_are_what_the_template_wrote(with_costs, mine):
    expected = (
        engines["django"]
        .from_string(PROVISION_LOOP)
        .render({"rows": ROWS, "map": {"with_costs": with_costs}, "mine": mine})
    )
    assert provision_rows(ROWS, with_costs=with_costs, mine=mine) == expected


def test_pupil_rows_are_what_the_template_wrote():
    bars = [
        PupilBar(11, 'Zoë <O\'Brien> & "Jo"', "3", 650000, 12345, 700001, True),
        PupilBar(12, "Al", "", 0, 0, 0, False),
        PupilBar(13, "Bea", "X9", 99, 1, 100, False),
    ]
    expected = engines["django"].from_string(PUPIL_LOOP).render({"bars": bars})
    assert pupil_rows(bars) == expected
    assert pupil_rows([]) == ""
