from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sendsupport.accounts import views as account_views
from sendsupport.core import views as core_views
from sendsupport.home import views as home_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("sign-in/", account_views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("invitation/<str:token>/", account_views.accept_invitation_view, name="accept_invitation"),
    path("account/password/", account_views.ChangePasswordView.as_view(), name="change_password"),
    path("choose-school/", account_views.choose_school_view, name="choose_school"),
    path("health/", core_views.health, name="health"),
    # The API first: programs call it many times a minute, and Django tries every pattern before the
    # one that matches (about 0.1 ms for the twenty apps' patterns). Its addresses ("api/v1/",
    # "account/api-tokens/") are no other app's, so the order changes no answer.
    path("", include("sendsupport.api.urls")),
    path("", include("sendsupport.twofactor.urls")),
    path("", include("sendsupport.pupils.urls")),
    path("", include("sendsupport.staff.urls")),
    path("", include("sendsupport.audit_pages.urls")),
    path("", include("sendsupport.support.urls")),
    path("", include("sendsupport.support.profiles.urls")),
    path("", include("sendsupport.support.specialists.urls")),
    path("", include("sendsupport.support.voice.urls")),
    path("", include("sendsupport.meetings.urls")),
    path("", include("sendsupport.linkbook.urls")),
    path("", include("sendsupport.portal.urls")),
    path("", include("sendsupport.statutory.urls")),
    path("", include("sendsupport.statutory.evidence.urls")),
    path("", include("sendsupport.statutory.la.urls")),
    path("", include("sendsupport.statutory.publishing.urls")),
    path("", include("sendsupport.statutory.inclusion.urls")),
    path("", include("sendsupport.provision.urls")),
    path("", include("sendsupport.compliance.urls")),
    path("", include("sendsupport.interop.urls")),
    path("", include("sendsupport.subject_access.urls")),
    path("", include("sendsupport.inspection.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "sendsupport.core.views.not_found"
handler403 = "sendsupport.core.views.forbidden"
handler500 = "sendsupport.core.views.server_error"
