from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import DispatchRun, ReminderDelivery


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(ReadOnlyAdmin):
    """Deliveries, read-only: state and tries, the error of a failed one (no personal data is stored)."""

    list_display = ["id", "kind", "reference", "recipient_id", "slot", "state", "tries", "skip_reason", "sent_at"]
    list_filter = ["state", "kind", "skip_reason", "by_email"]
    search_fields = ["reference", "=record_id", "=recipient__username"]
    date_hierarchy = "created_at"
    list_select_related = False
    show_full_result_count = False
    readonly_fields = [field.name for field in ReminderDelivery._meta.fields]
    fieldsets = [
        (None, {"fields": ["kind", "record_type", "record_id", "reference", "url", "recipient", "slot", "due_at"]}),
        (
            _("Sending"),
            {
                "fields": [
                    "state",
                    "tries",
                    "next_attempt_at",
                    "claimed_at",
                    "claimed_by",
                    "sent_at",
                    "by_email",
                    "skip_reason",
                    "last_error",
                    "essential",
                    "created_at",
                ]
            },
        ),
    ]


@admin.register(DispatchRun)
class DispatchRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "until", "finished_at", "created_count"]
