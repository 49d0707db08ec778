from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_audit import UserChangeAuditMixin, users_deactivate
from .admin_signin import reset_second_factor
from .models import User

# Access follows the user's role and flags (slt/accounts/roles.py), never Django's groups: no page for them.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(UserChangeAuditMixin, DjangoUserAdmin):
    list_display = ["username", "get_full_name", "role", "agency", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_radicalisation_contact", "is_youth_coordinator", "agency"]
    list_select_related = ["agency"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["agency"]
    actions = ["deactivate", "send_password_reset", reset_second_factor]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email", "preferred_language"]}),
        (
            _("Role and agency"),
            {"fields": ["role", "agency", "is_radicalisation_contact", "is_youth_coordinator"]},
        ),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "first_name", "last_name", "email", "usable_password", "password1", "password2"],
            },
        ),
        (
            _("Role and agency"),
            {"fields": ["role", "agency", "is_radicalisation_contact", "is_youth_coordinator"]},
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]

    @admin.display(description=_("name"))
    def get_full_name(self, obj):
        return obj.get_full_name()

    @admin.action(description=_("Deactivate selected users"))
    def deactivate(self, request, queryset):
        count = users_deactivate(actor=request.user, queryset=queryset)
        self.message_user(
            request,
            ngettext("%(count)d user deactivated.", "%(count)d users deactivated.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Send password reset e-mail"))
    def send_password_reset(self, request, queryset):
        sent = 0
        for user in queryset.filter(is_active=True).exclude(email=""):
            form = PasswordResetForm(data={"email": user.email})
            if form.is_valid():
                form.save(request=request, use_https=request.is_secure())
                sent += 1
        self.message_user(
            request,
            ngettext(
                "Password reset e-mail sent to %(count)d user.",
                "Password reset e-mail sent to %(count)d users.",
                sent,
            )
            % {"count": sent},
            messages.SUCCESS,
        )
