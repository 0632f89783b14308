"""The figures API withholds small numbers: null, named under ``withheld``.

Before this it gave "Sensory and/or physical: 1" and EHC plans per year group of 1 and 2.
"""

from __future__ import annotations

import pytest

from sendsupport.schools.tests.test_small_numbers import register as register  # noqa: PLC0414  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("register")]


def test_the_figures_api_gives_null_and_names_what_is_withheld(school, governor, make_token, api_get):
    figures = api_get(f"/api/v1/schools/{school.pk}/figures", make_token(governor)).json()
    assert figures["small_number_threshold"] == 5
    assert figures["on_roll"] == 15 and figures["sen_support"] == 12
    assert figures["ehc_plan"] is None and figures["withheld"] == ["ehc_plan"]
    areas = {row["area"]: row for row in figures["by_primary_area_of_need"]}
    assert areas["sensory_physical"]["count"] is None and areas["sensory_physical"]["withheld"] == ["count"]
    years = {row["year_group"]: row for row in figures["by_year_group"]}
    assert years["6"]["ehc_plan"] is None and years["6"]["withheld"] == ["ehc_plan"]
    assert years["6"]["sen_support"] == 0
