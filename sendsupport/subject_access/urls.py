from django.urls import path

from sendsupport.subject_access import views

app_name = "subject_access"

urlpatterns = [
    path("pupils/<int:pupil_id>/subject-access.zip", views.export, name="export"),
]
