from django.urls import path

from sendsupport.interop import views

app_name = "interop"
urlpatterns = [
    path("import-export/", views.hub, name="hub"),
    path("import-export/ctf/", views.ctf_upload, name="ctf_upload"),
    path("import-export/csv/", views.csv_upload, name="csv_upload"),
    path("import-export/imports/", views.run_list, name="runs"),
    path("import-export/imports/<int:run_id>/", views.run_detail, name="run"),
    path("import-export/imports/<int:run_id>/columns/", views.csv_columns, name="csv_columns"),
    path("import-export/imports/<int:run_id>/confirm/", views.run_confirm, name="run_confirm"),
    path("import-export/imports/<int:run_id>/cancel/", views.run_cancel, name="run_cancel"),
    path("import-export/census/", views.census, name="census"),
    path("import-export/census/download/", views.census_download, name="census_download"),
    path("import-export/census/settings/", views.census_settings, name="census_settings"),
    path("import-export/census/notice/", views.census_notice_dismiss, name="census_notice_dismiss"),
    path(
        "pupils/<int:pupil_id>/transfer-problems/<int:problem_id>/fixed/",
        views.transfer_problem_fixed,
        name="transfer_problem_fixed",
    ),
    path("pupils/<int:pupil_id>/transfer-file/", views.pupil_transfer, name="pupil_transfer"),
]
