"""Django admin: the guide can be looked at; case records are not in the admin at all (DESIGN.md section 2:
administrators see no case data by virtue of being admin, and case records are not editable there)."""

from django.contrib import admin

from .models import GuideSection, WarningSign

# The guide is edited in the app (every save keeps a revision); the admin only lists it, read-only.


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GuideSection)
class GuideSectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "order", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title"]


@admin.register(WarningSign)
class WarningSignAdmin(ReadOnlyAdmin):
    list_display = ["title", "order", "updated_at"]
    search_fields = ["title"]
