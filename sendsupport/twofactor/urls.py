from django.urls import path

from sendsupport.twofactor import views

app_name = "twofactor"
urlpatterns = [
    path("account/two-factor/", views.account, name="account"),
    path("account/two-factor/set-up/", views.set_up, name="set_up"),
    path("account/two-factor/code/", views.verify, name="verify"),
    path("account/two-factor/new-recovery-codes/", views.new_codes, name="new_codes"),
    path("account/two-factor/turn-off/", views.turn_off, name="turn_off"),
]
