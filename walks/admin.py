from django.contrib import admin

from .models import SafetyWalk

# Walks are worked on in the app (services write audit rows); the admin only lists them, read-only.


@admin.register(SafetyWalk)
class SafetyWalkAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "date", "status", "organiser"]
    list_filter = ["status", "light", "area"]
    search_fields = ["title", "meeting_point"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
