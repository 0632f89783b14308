from django.urls import path

from sendsupport.support.voice import views

app_name = "voice"
urlpatterns = [
    path("your-children/<int:pupil_id>/views/", views.parent_views, name="parent_views"),
    path("pupils/<int:pupil_id>/voice/", views.pupil_voice, name="pupil_voice"),
    path("pupils/<int:pupil_id>/voice/new/", views.pupil_voice_new, name="pupil_voice_new"),
    path("pupils/<int:pupil_id>/voice/sign-in/", views.pupil_account, name="pupil_account"),
    path("pupils/<int:pupil_id>/voice/sign-in/stop/", views.pupil_account_stop, name="pupil_account_stop"),
    path("school/pupil-sign-in/", views.sign_in_settings, name="sign_in_settings"),
    path("my-views/", views.my_views, name="my_views"),
]
