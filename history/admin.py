from django.contrib import admin

from history.models import Change


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "content_type", "object_repr", "plan"]
    list_filter = ["action", "content_type"]
    readonly_fields = [f.name for f in Change._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
