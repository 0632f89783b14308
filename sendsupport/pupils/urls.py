from django.urls import path

from sendsupport.pupils import local_offer_views, views

app_name = "pupils"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("groups/<int:group_id>/", views.class_list, name="class_list"),
    path("your-children/", views.my_children, name="my_children"),
    path("local-offer/", local_offer_views.local_offer, name="local_offer"),
    path("local-offer/<int:la_id>/read-again/", local_offer_views.local_offer_refresh, name="local_offer_refresh"),
    path("pupils/new/", views.pupil_add, name="add"),
    path("pupils/<int:pupil_id>/", views.pupil_detail, name="detail"),
    path("pupils/<int:pupil_id>/edit/", views.pupil_edit, name="edit"),
    path("pupils/<int:pupil_id>/sen-status/", views.sen_status_change, name="sen_status"),
    path("pupils/<int:pupil_id>/sen-unit/", views.provision_membership, name="provision_membership"),
    path("pupils/<int:pupil_id>/parents/new/", views.contact_add, name="contact_add"),
    path("pupils/<int:pupil_id>/parents/<int:link_id>/edit/", views.contact_edit, name="contact_edit"),
    path("pupils/<int:pupil_id>/parents/<int:link_id>/remove/", views.contact_remove, name="contact_remove"),
]
