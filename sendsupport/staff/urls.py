from django.urls import path

from sendsupport.staff import views, views_governors

app_name = "schools"
urlpatterns = [
    path("staff/", views.staff_list, name="staff"),
    path("staff/new/", views.staff_add, name="staff_add"),
    path("staff/<int:membership_id>/edit/", views.staff_edit, name="staff_edit"),
    path("senco/", views.senco, name="senco"),
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views.group_add, name="group_add"),
    path("overview/", views.overview, name="overview"),
    path("overview/report-for-governors/", views_governors.governors_report, name="governors_report"),
    path("overview/report-for-governors/pdf/", views_governors.governors_report_pdf, name="governors_report_pdf"),
    path("school-settings/", views.settings_page, name="settings"),
    path("school-settings/figures/", views.policy_edit, name="policy_edit"),
    path("school-settings/two-factor/", views.two_factor_edit, name="two_factor_edit"),
    path("school-settings/terms/<int:start_year>/", views.terms_edit, name="terms_edit"),
    path("local-authority/", views.la_overview, name="la_overview"),
]
