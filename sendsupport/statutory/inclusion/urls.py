from django.urls import path

from sendsupport.statutory.inclusion import views

app_name = "inclusion"
urlpatterns = [
    path("school/activities/", views.activities, name="activities"),
    path("school/activities/new/", views.activity_add, name="activity_add"),
    path("school/activities/decisions/", views.decisions, name="decisions"),
    path("school/activities/<int:activity_id>/", views.activity, name="activity"),
    path("school/activities/<int:activity_id>/edit/", views.activity_edit, name="activity_edit"),
    path("school/activities/<int:activity_id>/pupils/new/", views.place_add, name="place_add"),
    path("school/activities/<int:activity_id>/decisions/new/", views.decision_add, name="decision_add"),
    path("school/exam-access/", views.exams, name="exams"),
    path("school/exam-access/list.csv", views.exams_csv, name="exams_csv"),
    path("school/exam-access/list.pdf", views.exams_pdf, name="exams_pdf"),
    path("pupils/<int:pupil_id>/inclusion/", views.pupil, name="pupil"),
    path("pupils/<int:pupil_id>/inclusion/adjustments/new/", views.adjustment_add, name="adjustment_add"),
    path(
        "pupils/<int:pupil_id>/inclusion/adjustments/<int:adjustment_id>/edit/",
        views.adjustment_edit,
        name="adjustment_edit",
    ),
    path("pupils/<int:pupil_id>/inclusion/exam-access/new/", views.arrangement_add, name="arrangement_add"),
]
