from django.urls import path

from sendsupport.staff import views

app_name = "schools"
urlpatterns = [
    path("staff/", views.staff_list, name="staff"),
    path("staff/new/", views.staff_add, name="staff_add"),
    path("staff/<int:membership_id>/edit/", views.staff_edit, name="staff_edit"),
    path("senco/", views.senco, name="senco"),
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views.group_add, name="group_add"),
    path("overview/", views.overview, name="overview"),
    path("school-settings/", views.settings_page, name="settings"),
    path("school-settings/figures/", views.policy_edit, name="policy_edit"),
    path("school-settings/two-factor/", views.two_factor_edit, name="two_factor_edit"),
    path("school-settings/terms/<int:start_year>/", views.terms_edit, name="terms_edit"),
    path("local-authority/", views.la_overview, name="la_overview"),
]
