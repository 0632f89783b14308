from django.urls import path

from sendsupport.statutory.publishing import views

app_name = "publishing"
urlpatterns = [
    path("school/sen-information-report/", views.report, name="report"),
    path("school/sen-information-report/edit/", views.report_edit, name="report_edit"),
    path("school/sen-information-report/publish/", views.publish_report, name="publish_report"),
    path("school/sen-information-report/versions/<int:number>/", views.report_version, name="report_version"),
    path("school/sen-information-report/training/", views.training, name="training"),
    path(
        "school/sen-information-report/training/<int:record_id>/remove/", views.training_remove, name="training_remove"
    ),
    path("school/accessibility-plan/", views.accessibility, name="accessibility"),
    path("school/accessibility-plan/dates/", views.accessibility_dates, name="accessibility_dates"),
    path("school/accessibility-plan/actions/new/", views.action_new, name="action_new"),
    path("school/accessibility-plan/actions/<int:action_id>/", views.action_edit, name="action_edit"),
    path("school/inclusion-strategy/", views.strategy, name="strategy"),
    path("school/inclusion-strategy/edit/", views.strategy_edit, name="strategy_edit"),
    path("school/inclusion-strategy/publish/", views.publish_strategy, name="publish_strategy"),
    path("school/inclusion-strategy/versions/<int:number>/", views.strategy_version, name="strategy_version"),
    # Public pages: no sign-in, a stable address per school.
    path("schools/<str:urn>/sen-information-report/", views.public_report, name="public_report"),
    path("schools/<str:urn>/inclusion-strategy/", views.public_strategy, name="public_strategy"),
]
