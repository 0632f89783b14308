"""The SENCO's to-do list page, and recording in bulk what happened before sendsupport."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sendsupport.accounts.school_context import school_for
from sendsupport.audit.remembered_pages import remember_page
from sendsupport.audit.services import record_list_view
from sendsupport.compliance import services
from sendsupport.compliance.basis import basis_from_slug
from sendsupport.compliance.engine import TodoFilters, duty_titles, todo_list
from sendsupport.compliance.forms import WHAT_CHOICES, BulkRecordForm, TodoFilterForm
from sendsupport.compliance.school_duties import school_items
from sendsupport.core.dates import in_words, today
from sendsupport.core.numbers import ascii_int
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.selectors import visible_pupils

# Pupils a page: enough to work through a duty in one sitting, short enough to scan.
TODO_PAGE_SIZE = 25
# Which bulk record clears which duty, so a filtered list pre-selects the right one.
WHAT_FOR_DUTY = {
    "parent_not_notified": services.PARENTS_TOLD,
    "plan_not_agreed": services.PLAN_AGREED,
    "parent_meetings": services.MEETING_HELD,
}
FILTER_KEYS = ("duty", "basis", "year_group", "group", "teacher")


def _filters(form: TodoFilterForm) -> TodoFilters:
    if not form.is_valid():
        return TodoFilters()
    data = form.cleaned_data
    return TodoFilters(
        year_group=data["year_group"],
        group_id=int(data["group"]) if data["group"] else None,
        teacher_id=int(data["teacher"]) if data["teacher"] else None,
        duty=data["duty"],
        basis=basis_from_slug(data["basis"]),
    )


def _query(request: HttpRequest, *, without: tuple[str, ...] = ("page", "select")) -> str:
    """The filters in the address, for links that keep them (pagination, "select all")."""
    pairs = [(key, value) for key, value in request.GET.items() if key in FILTER_KEYS and value]
    pairs += [(key, value) for key, value in request.GET.items() if key not in FILTER_KEYS and key not in without]
    return urlencode(pairs)


@login_required
@remember_page
def todo(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    titles = duty_titles()
    form = TodoFilterForm(request.GET or None, school=school, duties=list(titles.items()))
    filters = _filters(form)
    todo = todo_list(request.user, school, today=today(), filters=filters)
    page = Paginator(todo.lines, TODO_PAGE_SIZE).get_page(ascii_int(request.GET.get("page", "")) or 1)
    record_list_view(
        user=request.user,
        shown=[(school.pk, line.pupil_id) for line in page.object_list],
        what="Saw the pupil listed on the to-do list",
    )
    query = _query(request)
    return render(
        request,
        "compliance/todo.html",
        {
            "school": school,
            "form": form,
            "todo": todo,
            "page": page,
            "query": query,
            "select_query": _query(request, without=("select",)),
            "select_all": request.GET.get("select") == "page",
            "filtered_duty": titles.get(filters.duty, ""),
            "filtered": any(request.GET.get(key) for key in FILTER_KEYS),
            "can_bulk": bool(page.object_list),
            "what_default": WHAT_FOR_DUTY.get(filters.duty, ""),
            "school_items": school_items(school, today=today()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def bulk_record(request: HttpRequest) -> HttpResponse:
    """Record for the chosen pupils that parents were told, plans agreed or meetings held before
    the school used sendsupport. Reached from the to-do list's checkboxes."""
    school = school_for(request, "manage_school")
    data = request.POST if request.method == "POST" else request.GET
    chosen = [number for value in data.getlist("pupils") if (number := ascii_int(value)) is not None]
    pupils = list(
        visible_pupils(request.user)
        .on_roll(today())
        .filter(school=school, pk__in=chosen)
        .order_by("legal_last_name", "legal_first_name", "pk")
    )
    back_url = reverse("compliance:todo") + (f"?duty={data['duty']}" if data.get("duty") else "")
    initial = {"pupils": [p.pk for p in pupils], "what": WHAT_FOR_DUTY.get(data.get("duty", ""), "")}
    form = BulkRecordForm(
        request.POST if request.method == "POST" else None,
        pupils=[(p.pk, p.display_name) for p in pupils],
        initial=initial,
    )
    if request.method == "GET" and not pupils:
        # Nothing was ticked on the list: say so on this page, with the way back.
        form.full_clean()
        form.cleaned_data = {}
        form.add_error(None, "Choose at least one pupil on the to-do list first.")
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        result = try_service(
            form,
            lambda: services.record_before_sendsupport(
                user=request.user,
                school=school,
                pupil_ids=cleaned["pupils"],
                what=cleaned["what"],
                on=cleaned["on"],
                note=cleaned["note"],
                method=cleaned.get("method") or "",
                review_date=cleaned.get("review_date"),
                today=today(),
            ),
        )
        if result:
            label = dict(WHAT_CHOICES)[result.what]
            count = len(result.pupils)
            messages.success(
                request,
                f"Recorded for {count} pupil{'s' if count != 1 else ''}: {label[0].lower() + label[1:]}, "
                f"on {in_words(cleaned['on'])} (before sendsupport).",
            )
            return redirect(back_url)
    return form_page(request, form, "compliance/bulk_record.html", back_url=back_url, duty=data.get("duty", ""))
