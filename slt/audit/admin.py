from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .selectors import record_type_label


def role_label(code: str) -> str:
    """A role code as the admin reads it ("coordinator" → "SLT-koordinator")."""
    roles = dict(get_user_model().Role.choices)
    return str(roles.get(code, code))


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return get_user_model().Role.choices

    def queryset(self, request, queryset):
        return queryset.filter(role=self.value()) if self.value() else queryset


class RecordTypeFilter(admin.SimpleListFilter):
    title = _("record type")
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        types = AuditEvent.objects.exclude(object_type="").order_by().values_list("object_type", flat=True).distinct()
        return sorted(((code, record_type_label(code)) for code in types), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only for everyone: events are appended by the services, never edited."""

    list_display = ["created_at", "actor_username", "role_name", "agency", "action", "record_type", "object_id", "ip"]
    list_filter = ["action", RoleFilter, RecordTypeFilter, "agency", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["agency"]
    search_fields = ["actor_username", "object_id", "request_id"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description=_("role"), ordering="role")
    def role_name(self, event):
        return role_label(event.role) if event.role else "–"

    @admin.display(description=_("record type"), ordering="object_type")
    def record_type(self, event):
        return record_type_label(event.object_type) if event.object_type else "–"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff and request.user.is_admin
