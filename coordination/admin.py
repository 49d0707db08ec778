from django.contrib import admin

from .models import Agency, AgencyContact, Area


class AgencyContactInline(admin.TabularInline):
    model = AgencyContact
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation_number", "area", "is_active"]
    list_filter = ["kind", "is_active", "area"]
    list_select_related = ["area"]
    search_fields = ["name", "organisation_number"]
    inlines = [AgencyContactInline]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
