from django.urls import path

from sendsupport.compliance import views

app_name = "compliance"
urlpatterns = [
    path("to-do/", views.todo, name="todo"),
    path("to-do/record-earlier/", views.bulk_record, name="bulk_record"),
]
