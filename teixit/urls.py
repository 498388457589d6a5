from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import views as core_views

# Language-neutral addresses: stable URLs for machines.
urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("api/", include("api.urls")),
    path("data/", include("opendata.urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("editor/", include("teixit.urls_editor")),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("", include("portal.urls")),
    prefix_default_language=False,
)
