from django.urls import path

from sendsupport.statutory import views

app_name = "statutory"
urlpatterns = [
    path("pupils/<int:pupil_id>/ehc/", views.pupil_ehc, name="pupil"),
    path("pupils/<int:pupil_id>/ehc/requests/new/", views.request_add, name="request_add"),
    path("pupils/<int:pupil_id>/ehc/requests/<int:request_id>/edit/", views.request_edit, name="request_edit"),
    path("pupils/<int:pupil_id>/ehc/plans/new/", views.plan_add, name="plan_add"),
    path("pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/reviews/new/", views.review_add, name="review_add"),
    path(
        "pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/reviews/<int:review_id>/edit/",
        views.review_edit,
        name="review_edit",
    ),
    path(
        "pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/sections/<str:section>/new/", views.entry_add, name="entry_add"
    ),
    path(
        "pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/lines/<int:entry_id>/edit/", views.entry_edit, name="entry_edit"
    ),
    path(
        "pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/lines/<int:entry_id>/remove/",
        views.entry_delete,
        name="entry_delete",
    ),
    path("pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/reviews/<int:review_id>/", views.review_detail, name="review"),
    path(
        "pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/reviews/<int:review_id>/report/",
        views.review_report,
        name="review_report",
    ),
    path(
        "pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/reviews/<int:review_id>/report.pdf",
        views.review_report_pdf,
        name="review_report_pdf",
    ),
    path(
        "pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/reviews/<int:review_id>/advice/new/",
        views.advice_add,
        name="advice_add",
    ),
    path(
        "pupils/<int:pupil_id>/ehc/plans/<int:plan_id>/reviews/<int:review_id>/advice/<int:advice_id>/edit/",
        views.advice_edit,
        name="advice_edit",
    ),
]
