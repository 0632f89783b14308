from django.urls import path

from sendsupport.portal import views

app_name = "portal"
urlpatterns = [
    path("your-children/<int:pupil_id>/", views.child, name="child"),
    path("preparing-for-a-meeting/", views.preparing, name="preparing"),
    path("school-settings/sen-information-report/", views.sen_report_edit, name="sen_report_edit"),
]
