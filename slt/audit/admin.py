from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only for everyone: events are appended by the services, never edited."""

    list_display = ["created_at", "actor_username", "role", "agency", "action", "object_type", "object_id", "ip"]
    list_filter = ["action", "role", "object_type", "agency", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["agency"]
    search_fields = ["actor_username", "object_id", "request_id"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff and request.user.is_admin
