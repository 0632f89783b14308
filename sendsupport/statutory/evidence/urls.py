from django.urls import path

from sendsupport.statutory.evidence import views

app_name = "ehc_evidence"
urlpatterns = [
    path("pupils/<int:pupil_id>/ehc/evidence/", views.start, name="start"),
    path("pupils/<int:pupil_id>/ehc/requests/<int:request_id>/evidence/", views.for_request, name="for_request"),
    path("pupils/<int:pupil_id>/ehc/evidence/<int:pack_id>/", views.pack, name="pack"),
    path("pupils/<int:pupil_id>/ehc/evidence/<int:pack_id>/send/", views.send, name="send"),
    path("pupils/<int:pupil_id>/ehc/evidence/<int:pack_id>/pdf/", views.pdf, name="pdf"),
    path("pupils/<int:pupil_id>/ehc/evidence/<int:pack_id>/json/", views.json_download, name="json"),
    path("schemas/ehc-evidence-pack.schema.json", views.schema, name="schema"),
]
