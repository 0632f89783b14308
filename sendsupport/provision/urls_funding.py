"""Costs and funding: the SENCO's and head's pages only."""

from django.urls import path

from sendsupport.provision import views_funding as views

urlpatterns = [
    path("provision/costs/", views.costs, name="costs"),
    path("provision/costs/roles/<str:role>/", views.costs_role, name="costs_role"),
    path("provision/costs/staff/new/", views.costs_staff_add, name="costs_staff_add"),
    path("provision/costs/staff/<int:cost_id>/remove/", views.costs_staff_remove, name="costs_staff_remove"),
    path("provision/costs/provisions/<int:provision_id>/", views.costs_provision, name="costs_provision"),
    path(
        "provision/costs/provisions/<int:provision_id>/extra/<int:extra_id>/remove/",
        views.costs_extra_remove,
        name="costs_extra_remove",
    ),
    path("provision/costs/provisions/<int:provision_id>/review/", views.costs_review, name="costs_review"),
    path("provision/funding/", views.funding, name="funding"),
    path("provision/funding/years/new/", views.funding_allocation_add, name="funding_allocation_add"),
    path("provision/funding/years/<int:start_year>/", views.funding_allocation_edit, name="funding_allocation_edit"),
    path("pupils/<int:pupil_id>/top-ups/", views.top_ups, name="top_ups"),
    path("pupils/<int:pupil_id>/top-ups/new/", views.top_up_add, name="top_up_add"),
    path("pupils/<int:pupil_id>/top-ups/<int:top_up_id>/", views.top_up_edit, name="top_up_edit"),
]
