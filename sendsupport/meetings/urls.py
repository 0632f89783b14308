from django.urls import path

from sendsupport.meetings import views
from sendsupport.meetings.views import planner as planner_views

app_name = "meetings"
urlpatterns = [
    path("pupils/<int:pupil_id>/meetings/", views.meeting_list, name="list"),
    path("pupils/<int:pupil_id>/meetings/new/", views.meeting_add, name="add"),
    path("pupils/<int:pupil_id>/meetings/declined/new/", views.declined_add, name="declined_add"),
    path("pupils/<int:pupil_id>/meetings/<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("pupils/<int:pupil_id>/meetings/<int:meeting_id>/edit/", views.meeting_edit, name="edit"),
    path("pupils/<int:pupil_id>/meetings/<int:meeting_id>/share/", views.meeting_share, name="share"),
    path("pupils/<int:pupil_id>/meetings/<int:meeting_id>/correct/", views.meeting_correct, name="correct"),
    path("pupils/<int:pupil_id>/meetings/<int:meeting_id>/for-parents/", views.parents_copy, name="copy"),
    path("pupils/<int:pupil_id>/meetings/<int:meeting_id>/for-parents.pdf", views.parents_copy_pdf, name="copy_pdf"),
    path("pupils/<int:pupil_id>/meetings/plan/", planner_views.plan, name="plan"),
    path("pupils/<int:pupil_id>/meetings/plan/confirm/", planner_views.plan_confirm, name="plan_confirm"),
    path(
        "pupils/<int:pupil_id>/meetings/planned/<int:planned_id>/move/", planner_views.planned_move, name="planned_move"
    ),
    path(
        "pupils/<int:pupil_id>/meetings/planned/<int:planned_id>/cancel/",
        planner_views.planned_cancel,
        name="planned_cancel",
    ),
    path(
        "pupils/<int:pupil_id>/meetings/planned/<int:planned_id>/record/",
        planner_views.planned_record,
        name="planned_record",
    ),
    path("pupils/<int:pupil_id>/meetings/planned/<int:planned_id>/meeting.ics", planner_views.planned_ics, name="ics"),
    path("pupils/<int:pupil_id>/meetings/planned/<int:planned_id>/reply/", planner_views.planned_reply, name="reply"),
]
