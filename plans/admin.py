"""The Django admin, for superusers only. Day-to-day editing happens in the editor, which
records every change in the history; changes made here are not recorded."""

from django.contrib import admin

from plans.models import Element, Level, Link, Plan, PlanSection, Term


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0


class PlanSectionInline(admin.StackedInline):
    model = PlanSection
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "kind", "start_year", "end_year", "status"]
    list_filter = ["status", "kind", "organization"]
    search_fields = ["title", "slug"]
    inlines = [LevelInline, PlanSectionInline]


@admin.register(Element)
class ElementAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "plan", "level"]
    list_filter = ["plan"]
    search_fields = ["code", "title", "slug"]
    raw_id_fields = ["parent", "plan", "level"]
    filter_horizontal = ["terms"]


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "target"]
    raw_id_fields = ["source", "target"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "vocabulary", "plan"]
    list_filter = ["vocabulary", "plan"]
