from django.urls import include, path, re_path
from django.views.generic import RedirectView

from sendsupport.api import views
from sendsupport.api.v1 import api

app_name = "api"

# ninja's own URL list is included without a namespace of its own, so its names sit in this app's
# "api" namespace (``api:openapi-json``), which is the ``urls_namespace`` the NinjaAPI expects.
ninja_patterns, _, _ = api.urls

urlpatterns = [
    path("account/api-tokens/", views.token_list, name="tokens"),
    path("account/api-tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    # People who open the API's address in a browser get its documentation.
    path("api/v1/", RedirectView.as_view(pattern_name="api:openapi-view"), name="root"),
    path("api/v1/", include(ninja_patterns)),
    # Any other address under the API answers in JSON too, not with the website's 404 page.
    re_path(r"^api/v1/", views.api_not_found, name="not_found"),
]
