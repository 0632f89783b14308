"""The whole-school provision map (with its CSV and Excel exports and the pupils' cost chart), impact
by intervention, each provision's entry and exit measures, and the groups one member of staff delivers.

Thin views over ``selectors_map`` and ``services.impact``. Every member of staff sees the map and
the impact page; costs, and the pupils' names in the cost chart, only those passing
``provision.view_costs`` (the SENCO and head). Exports are audited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from sendsupport.accounts.school_context import current_school, school_for
from sendsupport.audit.services import record_export, record_view
from sendsupport.core.views import form_page, try_service
from sendsupport.provision import exports, selectors_map
from sendsupport.provision.choices import MeasureKind
from sendsupport.provision.costing import pence_in_words
from sendsupport.provision.forms_map import MapFilterForm, MeasureForm
from sendsupport.provision.models import Provision
from sendsupport.provision.services.impact import save_measure
from sendsupport.schools.models import School

# Charts: drawn as SVG on the server (the page's CSP allows no inline styles or scripts), in a
# coordinate box that scales to the width of the page; each is followed by its data table.
CHART_WIDTH = 480
LABEL_WIDTH = 150
BAR_SPACE = CHART_WIDTH - LABEL_WIDTH - 90  # room for the value written after the bar
ROW_HEIGHT = 26
CHART_TOP = 24
PUPILS_IN_CHART = 30


@dataclass
class Bar:
    y: int
    label: str
    width: int
    value: str
    emphasis: bool = False

    @property
    def text_y(self) -> int:
        return self.y + 15

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass
class Chart:
    bars: list[Bar]
    height: int
    marker_x: int | None = None
    marker_label: str = ""

    label_width = LABEL_WIDTH
    width = CHART_WIDTH


def _bar_width(value: int | Decimal, most: int | Decimal) -> int:
    return 0 if most <= 0 or value <= 0 else max(1, int(BAR_SPACE * Decimal(value) / Decimal(most)))


def _short(text: str, length: int = 22) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def cost_chart(provision_map: selectors_map.ProvisionMap) -> Chart:
    """The pupils with the highest projected cost for the year, against the element 2 threshold."""
    shown = provision_map.pupil_bars[:PUPILS_IN_CHART]
    threshold = provision_map.threshold_pence
    most = max([threshold * 5 // 4, *(bar.projected_year for bar in shown)])
    bars = [
        Bar(
            y=CHART_TOP + index * ROW_HEIGHT,
            label=_short(bar.name),
            width=_bar_width(bar.projected_year, most),
            value=pence_in_words(bar.projected_year) + (" over" if bar.over else ""),
            emphasis=bar.over,
        )
        for index, bar in enumerate(shown)
    ]
    return Chart(
        bars=bars,
        height=CHART_TOP + len(bars) * ROW_HEIGHT + 4,
        marker_x=LABEL_WIDTH + _bar_width(threshold, most),
        marker_label=f"Threshold {pence_in_words(threshold)}",
    )


def impact_chart(impacts: list[selectors_map.InterventionImpact]) -> Chart:
    """The share of each intervention's pupils whose linked outcomes were met."""
    bars = [
        Bar(
            y=CHART_TOP + index * ROW_HEIGHT,
            label=_short(impact.name),
            width=_bar_width(impact.met_percent or 0, 100),
            value=f"{impact.met_percent}%" if impact.met_percent is not None else "not rated yet",
        )
        for index, impact in enumerate(impacts)
    ]
    return Chart(
        bars=bars, height=CHART_TOP + len(bars) * ROW_HEIGHT + 4, marker_x=LABEL_WIDTH + BAR_SPACE, marker_label="100%"
    )


# One row of the pupils' cost table, exactly as the template wrote it (with the whitespace around
# it): hundreds of rows, so they are written here in one pass rather than by the template engine.
PUPIL_ROW = (
    '\n    <tr class="govuk-table__row">\n'
    '      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{url}">{name}</a></th>\n'
    '      <td class="govuk-table__cell">{year}</td>\n'
    '      <td class="govuk-table__cell govuk-table__cell--numeric">{planned}</td>\n'
    '      <td class="govuk-table__cell govuk-table__cell--numeric">{delivered}</td>\n'
    '      <td class="govuk-table__cell govuk-table__cell--numeric">{projected}</td>\n'
    '      <td class="govuk-table__cell">{over}</td>\n'
    "    </tr>\n  "
)
OVER = '<strong class="govuk-tag govuk-tag--red">Over</strong>'
PK_MARK = 987654321  # stands for the pupil's id in a reversed URL, so it is reversed once, not per row


def pupil_rows(bars: list[selectors_map.PupilBar]) -> SafeString:
    """The rows of the pupils' cost table: names and labels escaped as the template escaped them."""
    url = _url_maker("pupils:detail")
    return mark_safe(  # noqa: S308 - every value is escaped or our own markup
        "".join(
            PUPIL_ROW.format(
                url=url(bar.pupil_id),
                name=escape(bar.name),
                year=escape(bar.year_label),
                # Money is digits, commas, a point and a pound sign: nothing to escape.
                planned=pence_in_words(bar.planned_year),
                delivered=pence_in_words(bar.delivered_to_date),
                projected=pence_in_words(bar.projected_year),
                over=OVER if bar.over else "No",
            )
            for bar in bars
        )
    )


# The rows of the provision tables, likewise written here, exactly as the template wrote them.
PROVISION_ROW = (
    '\n    <tr class="govuk-table__row">\n'
    '      <th scope="row" class="govuk-table__header">{name}</th>\n'
    '      <td class="govuk-table__cell">{intervention}</td>\n'
    '      <td class="govuk-table__cell">{area}</td>\n'
    '      <td class="govuk-table__cell">{funding}</td>\n'
    '      <td class="govuk-table__cell">{schedule}</td>\n'
    '      <td class="govuk-table__cell">{deliverers}</td>\n'
    '      <td class="govuk-table__cell">{dates}</td>\n'
    '      <td class="govuk-table__cell govuk-table__cell--numeric">{pupils}</td>\n'
    '      <td class="govuk-table__cell">{year_groups}</td>\n'
    "      {costs}\n"
    "    </tr>\n  "
)
PROVISION_COSTS = (
    "\n"
    '      <td class="govuk-table__cell govuk-table__cell--numeric">{planned}</td>\n'
    '      <td class="govuk-table__cell govuk-table__cell--numeric">{delivered}</td>\n'
    '      <td class="govuk-table__cell govuk-table__cell--numeric">{projected}{uncosted}</td>\n'
    "      "
)
UNCOSTED = ' <strong class="govuk-tag govuk-tag--yellow">No hourly cost set</strong>'
HIDDEN_MEASURES = '<span class="govuk-visually-hidden"> – entry and exit measures</span>'


def _url_maker(name: str) -> Callable[[int], str]:
    """A URL with one id, reversed once: the id is put in place of a marker."""
    before, after = escape(reverse(name, args=[PK_MARK])).split(str(PK_MARK))
    return lambda pk: f"{before}{pk}{after}"


def _deliverers_cell(row: selectors_map.MapRow, staff_url: Callable[[int], str] | None) -> str:
    parts = []
    for index, (user_id, name) in enumerate(row.deliverers):
        text = escape(name)
        parts.append(f'<a class="govuk-link" href="{staff_url(user_id)}">{text}</a>' if staff_url else text)
        if index < len(row.deliverers) - 1 or row.external_deliverer:
            parts.append(", ")
    parts.append(escape(row.external_deliverer))
    if not row.deliverers and not row.external_deliverer:
        parts.append("Not named")
    return "".join(parts)


def provision_rows(rows: list[selectors_map.MapRow], *, with_costs: bool, mine: set[int]) -> SafeString:
    """The rows of one group's provision table: values escaped as the template escaped them."""
    impact_url = _url_maker("provision:map_provision_impact")
    staff_url = _url_maker("provision:map_staff") if with_costs else None
    written = []
    for row in rows:
        name = escape(row.name)
        if with_costs or row.pk in mine:
            name = f'<a class="govuk-link" href="{impact_url(row.pk)}">{name}{HIDDEN_MEASURES}</a>'
        ends = date_format(row.ends_on, "j M Y") if row.ends_on else "no end date"
        costs = ""
        if with_costs:
            cost = row.cost
            costs = PROVISION_COSTS.format(
                planned=pence_in_words(cost.planned_to_date if cost else 0),
                delivered=pence_in_words(cost.delivered_to_date if cost else 0),
                projected=pence_in_words(cost.projected_year if cost else 0),
                uncosted=UNCOSTED if row.uncosted else "",
            )
        written.append(
            PROVISION_ROW.format(
                name=name,
                intervention=escape(row.intervention),
                area=escape(row.area_label),
                funding=escape(row.funding_label),
                schedule=escape(row.schedule) + (f", {escape(row.place)}" if row.place else ""),
                deliverers=_deliverers_cell(row, staff_url),
                dates=f"{escape(date_format(row.starts_on, 'j M Y'))} to {escape(ends)}",
                pupils=row.pupils,
                year_groups=escape(row.year_groups_label),
                costs=costs,
            )
        )
    return mark_safe("".join(written))  # noqa: S308 - every value is escaped or our own markup


def _map_for(request: HttpRequest) -> tuple[School, MapFilterForm, selectors_map.ProvisionMap]:
    school = school_for(request, "provision.view_map")
    with_costs = rules.test_rule("provision.view_costs", request.user, school)
    form = MapFilterForm(
        request.GET or None, interventions=selectors_map.intervention_choices(school), phase=school.phase
    )
    provision_map = selectors_map.provision_map(school, filters=form.filters(), with_costs=with_costs)
    return school, form, provision_map


@login_required
@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    school, form, provision_map = _map_for(request)
    query = request.GET.urlencode()
    over = sum(bar.over for bar in provision_map.pupil_bars)
    mine = {row.pk for row in provision_map.rows if any(pk == request.user.pk for pk, _ in row.deliverers)}
    return render(
        request,
        "provision/map.html",
        {
            "school": school,
            "form": form,
            "map": provision_map,
            "chart": cost_chart(provision_map) if provision_map.with_costs and provision_map.pupil_bars else None,
            "chart_description": (
                f"{len(provision_map.pupil_bars)} pupils; {over} projected over the threshold of "
                f"{pence_in_words(provision_map.threshold_pence)}. The table after the chart lists each figure."
            ),
            "pupils_in_chart": PUPILS_IN_CHART,
            "pupil_rows": pupil_rows(provision_map.pupil_bars) if provision_map.with_costs else "",
            "query": f"?{query}" if query else "",
            "group_title": selectors_map.GROUPINGS.get(provision_map.filters.group_by, "Intervention"),
            "groups": [
                (group, provision_rows(group.rows, with_costs=provision_map.with_costs, mine=mine))
                for group in provision_map.groups
            ],
            "planned_to_date": provision_map.total("planned_to_date"),
            "delivered_to_date": provision_map.total("delivered_to_date"),
            "projected_year": provision_map.total("projected_year"),
        },
    )


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _export_name(school: School, provision_map: selectors_map.ProvisionMap, extension: str) -> str:
    return f"provision-map-{slugify(school.name)}-{provision_map.year.start.year}.{extension}"


def _audit_export(request: HttpRequest, school: School, provision_map: selectors_map.ProvisionMap, kind: str) -> None:
    costs = "with costs" if provision_map.with_costs else "without costs"
    record_export(
        user=request.user,
        school_id=school.pk,
        pupil=None,
        what=f"Downloaded the provision map as {kind} ({len(provision_map.rows)} provisions, {costs})",
    )


@login_required
@require_GET
def map_csv(request: HttpRequest) -> HttpResponse:
    school, _, provision_map = _map_for(request)
    _audit_export(request, school, provision_map, "CSV")
    return _download(
        exports.map_csv(provision_map), "text/csv; charset=utf-8", _export_name(school, provision_map, "csv")
    )


@login_required
@require_GET
def map_xlsx(request: HttpRequest) -> HttpResponse:
    school, _, provision_map = _map_for(request)
    _audit_export(request, school, provision_map, "an Excel workbook")
    return _download(
        exports.map_xlsx(provision_map),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _export_name(school, provision_map, "xlsx"),
    )


@login_required
@require_GET
def impact_page(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "provision.view_map")
    with_costs = rules.test_rule("provision.view_costs", request.user, school)
    impacts = selectors_map.impact_by_intervention(school, with_costs=with_costs)
    return render(
        request,
        "provision/impact.html",
        {
            "school": school,
            "impacts": impacts,
            "chart": impact_chart(impacts) if impacts else None,
            "with_costs": with_costs,
            "year": selectors_map.year_for(school),
        },
    )


def _provision(request: HttpRequest, provision_id: int) -> Provision:
    """A provision whose measures the user records: the SENCO, the head, and its deliverers."""
    provision = selectors_map.provision_at(request.user, current_school(request), provision_id)
    if not rules.test_rule("provision.register_sessions", request.user, provision):
        raise Http404("Not found")
    return provision


@login_required
@require_GET
def provision_impact(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = _provision(request, provision_id)
    return render(
        request,
        "provision/impact_provision.html",
        {"provision": provision, "members": selectors_map.measures_for(provision), "kinds": MeasureKind},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, provision_id: int, pupil_id: int, kind: str) -> HttpResponse:
    provision = _provision(request, provision_id)
    if kind not in MeasureKind.values:
        raise Http404("Not found")
    pupil = selectors_map.member_of(provision, pupil_id)
    found = selectors_map.measure_of(provision, pupil, kind)
    initial = {"score": found.score, "scale": found.scale, "measured_on": found.measured_on} if found else None
    if found is None and kind == MeasureKind.EXIT:
        entry = selectors_map.measure_of(provision, pupil, MeasureKind.ENTRY)
        initial = {"scale": entry.scale} if entry else None
    form = MeasureForm(request.POST or None, initial=initial)
    back = reverse("provision:map_provision_impact", args=[provision.pk])
    if request.method == "POST":
        if form.is_valid() and try_service(
            form,
            lambda: save_measure(provision=provision, pupil=pupil, by=request.user, kind=kind, **form.cleaned_data),
        ):
            messages.success(request, f"The {kind} measure for {pupil.display_name} has been saved.")
            return redirect(back)
    else:
        record_view(user=request.user, pupil=pupil, what=f"Viewed the {kind} measure in {provision.name}")
    label = "entry (before)" if kind == MeasureKind.ENTRY else "exit (after)"
    return form_page(
        request,
        form,
        page_title=f"Record the {label} measure",
        caption=f"{pupil.display_name} – {provision.name}",
        back_url=back,
        intro="A score on a named scale, so the gain from entry to exit can be worked out.",
    )


@login_required
@require_GET
def staff_page(request: HttpRequest, user_id: int) -> HttpResponse:
    school = school_for(request, "provision.view_costs")
    member = selectors_map.staff_member_at(school, user_id)
    groups = selectors_map.groups_of(school, member, with_costs=True)
    return render(request, "provision/staff.html", {"school": school, "groups": groups, "member": member})
