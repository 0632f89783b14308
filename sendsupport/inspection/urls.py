from django.urls import path

from sendsupport.inspection import views

app_name = "inspection"

urlpatterns = [
    path("pupils/<int:pupil_id>/inspection-trail.pdf", views.trail_pdf, name="trail_pdf"),
]
