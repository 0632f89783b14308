from django.urls import path

from sendsupport.provision import views_sessions as views

urlpatterns = [
    path("provision/my-groups/", views.my_groups, name="sessions_my_groups"),
    path("provision/<int:provision_id>/sessions/", views.session_list, name="sessions_list"),
    path("provision/<int:provision_id>/sessions/new/", views.session_add, name="sessions_add"),
    path("provision/<int:provision_id>/sessions/<int:session_id>/edit/", views.session_edit, name="sessions_edit"),
]
