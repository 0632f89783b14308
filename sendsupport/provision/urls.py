"""The provision map's pages. Each part keeps its own list: the library and provisions, the session
register, costs and funding, and the school's map with impact and exports."""

from sendsupport.provision.urls_funding import urlpatterns as funding
from sendsupport.provision.urls_library import urlpatterns as library
from sendsupport.provision.urls_map import urlpatterns as provision_map
from sendsupport.provision.urls_sessions import urlpatterns as sessions

app_name = "provision"
urlpatterns = [*library, *sessions, *funding, *provision_map]
