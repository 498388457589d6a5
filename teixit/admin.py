from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(admin.AdminSite):
    """The Django admin, for superusers only (staff flags do not open it)."""

    site_header = "Teixit"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


class TeixitAdminConfig(AdminConfig):
    default_site = "teixit.admin.SuperuserAdminSite"
