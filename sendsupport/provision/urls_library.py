"""The intervention library and provisions (the library part of the provision map)."""

from django.urls import path

from sendsupport.provision.views import library, provisions

urlpatterns: list = [
    path("provision/library/", library.library, name="library"),
    path("provision/library/new/", library.library_add, name="library_add"),
    path("provision/library/add-common/", library.library_add_common, name="library_add_common"),
    path("provision/library/<int:intervention_id>/", library.library_detail, name="library_detail"),
    path("provision/library/<int:intervention_id>/edit/", library.library_edit, name="library_edit"),
    path("provision/library/<int:intervention_id>/start/<str:kind>/", provisions.provision_add, name="provision_add"),
    path("provision/provisions/", provisions.provision_list, name="provisions"),
    path("provision/provisions/<int:provision_id>/", provisions.provision_detail, name="provision_detail"),
    path("provision/provisions/<int:provision_id>/edit/", provisions.provision_edit, name="provision_edit"),
    path("provision/provisions/<int:provision_id>/outcomes/", provisions.provision_outcomes, name="provision_outcomes"),
    path("provision/provisions/<int:provision_id>/members/new/", provisions.member_add, name="provision_member_add"),
    path(
        "provision/provisions/<int:provision_id>/members/<int:member_id>/leave/",
        provisions.member_leave,
        name="provision_member_leave",
    ),
    path("provision/provisions/<int:provision_id>/end/", provisions.provision_end, name="provision_end"),
    path("provision/provisions/<int:provision_id>/review/", provisions.provision_review, name="provision_review"),
]
