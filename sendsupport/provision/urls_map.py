"""The whole-school provision map, its exports, impact by intervention and one member of staff's groups."""

from django.urls import path

from sendsupport.provision import views_map

urlpatterns: list = [
    path("provision-map/", views_map.map_page, name="map"),
    path("provision-map/export.csv", views_map.map_csv, name="map_csv"),
    path("provision-map/export.xlsx", views_map.map_xlsx, name="map_xlsx"),
    path("provision-map/impact/", views_map.impact_page, name="map_impact"),
    path(
        "provision-map/provisions/<int:provision_id>/impact/", views_map.provision_impact, name="map_provision_impact"
    ),
    path(
        "provision-map/provisions/<int:provision_id>/impact/<int:pupil_id>/<str:kind>/",
        views_map.measure_edit,
        name="map_measure",
    ),
    path("provision-map/staff/<int:user_id>/", views_map.staff_page, name="map_staff"),
]
