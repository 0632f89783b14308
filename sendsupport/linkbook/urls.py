from django.urls import path

from sendsupport.linkbook import views

HOME = {"side": "home"}
SCHOOL = {"side": "school"}

app_name = "linkbook"
urlpatterns = [
    path("your-children/<int:pupil_id>/link-book/", views.book, HOME, name="parent"),
    path("your-children/<int:pupil_id>/link-book/<int:entry_id>/", views.thread, HOME, name="parent_entry"),
    path("pupils/<int:pupil_id>/link-book/", views.book, SCHOOL, name="staff"),
    path("pupils/<int:pupil_id>/link-book/<int:entry_id>/", views.thread, SCHOOL, name="staff_entry"),
    path("pupils/<int:pupil_id>/link-book/who-can-read/", views.readers, name="readers"),
]
