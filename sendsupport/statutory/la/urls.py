from django.urls import path

from sendsupport.statutory.la import views

app_name = "ehc"
urlpatterns = [
    # The local authority officer's side: only requests a school has given them.
    path("la/ehc-requests/", views.la_requests, name="la_requests"),
    path("la/ehc-requests/sen2/", views.la_sen2_check, name="la_sen2_check"),
    path("la/ehc-requests/sen2/download/", views.la_sen2, name="la_sen2"),
    path("la/ehc-requests/<int:request_id>/", views.la_request, name="la_request"),
    path("la/ehc-requests/<int:request_id>/exception/", views.la_exception, name="la_exception"),
    path("la/ehc-requests/<int:request_id>/evidence.pdf", views.la_evidence, {"kind": "pdf"}, name="la_evidence_pdf"),
    path(
        "la/ehc-requests/<int:request_id>/evidence.json", views.la_evidence, {"kind": "json"}, name="la_evidence_json"
    ),
    path("la/ehc-requests/<int:request_id>/<slug:step>/", views.la_step, name="la_step"),
    # The school's view of the same request and its clocks.
    path("pupils/<int:pupil_id>/ehc/requests/<int:request_id>/", views.school_request, name="request"),
    path("pupils/<int:pupil_id>/ehc/requests/<int:request_id>/access/", views.access_grant, name="access_grant"),
    path(
        "pupils/<int:pupil_id>/ehc/requests/<int:request_id>/access/<int:access_id>/revoke/",
        views.access_revoke,
        name="access_revoke",
    ),
    path(
        "pupils/<int:pupil_id>/ehc/requests/<int:request_id>/exception/",
        views.school_exception,
        name="request_exception",
    ),
    path("pupils/<int:pupil_id>/ehc/requests/<int:request_id>/<slug:step>/", views.school_step, name="request_step"),
]
