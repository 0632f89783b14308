from django.urls import path

from sendsupport.support.specialists import views

app_name = "specialists"
urlpatterns = [
    path("pupils/<int:pupil_id>/specialists/", views.involvement_list, name="list"),
    path("pupils/<int:pupil_id>/specialists/new/", views.referral_add, name="add"),
    path("pupils/<int:pupil_id>/specialists/<int:involvement_id>/", views.involvement_detail, name="detail"),
    path("pupils/<int:pupil_id>/specialists/<int:involvement_id>/edit/", views.involvement_edit, name="edit"),
    path("pupils/<int:pupil_id>/specialists/<int:involvement_id>/advice/", views.advice_record, name="advice"),
    path("pupils/<int:pupil_id>/specialists/<int:involvement_id>/document/", views.advice_document, name="document"),
]
