from django.contrib import admin

from organizations.models import Body, Membership, NetworkMembership, Organization


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    fk_name = "network"
    extra = 0
    autocomplete_fields = ["member"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [NetworkMembershipInline, MembershipInline]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name", "organization", "kind", "meeting_periodicity"]
    list_filter = ["kind", "organization"]
    search_fields = ["acronym", "name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role"]
    list_filter = ["role", "organization"]
    autocomplete_fields = ["user", "organization"]
