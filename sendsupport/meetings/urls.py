from django.urls import path

from sendsupport.meetings import views

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
]
