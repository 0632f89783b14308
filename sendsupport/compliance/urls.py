from django.urls import path

from sendsupport.compliance import views

app_name = "compliance"
urlpatterns = [
    path("to-do/", views.todo, name="todo"),
]
