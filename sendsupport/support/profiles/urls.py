from django.urls import path

from sendsupport.support.profiles import views

app_name = "profiles"
urlpatterns = [
    path("pupils/<int:pupil_id>/passport/", views.passport, name="passport"),
    path("pupils/<int:pupil_id>/passport/edit/", views.passport_edit, name="edit"),
    path("pupils/<int:pupil_id>/passport/read/", views.passport_acknowledge, name="acknowledge"),
    path("pupils/<int:pupil_id>/passport/versions/", views.passport_versions, name="versions"),
    path("pupils/<int:pupil_id>/passport/versions/<int:version>/", views.passport_version, name="version"),
    path("passports/to-read/", views.passports_to_read, name="to_read"),
]
