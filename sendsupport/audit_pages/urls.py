from django.urls import path

from sendsupport.audit_pages import views

app_name = "audit"
urlpatterns = [
    path("audit/", views.school_log_view, name="school_log"),
    path("pupils/<int:pupil_id>/audit/", views.pupil_log_view, name="pupil_log"),
]
